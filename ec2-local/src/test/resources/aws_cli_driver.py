"""The AWS CLI run in this process, one command line after another, as its `aws` script runs it
once: a command line costs the CLI's work, not a python start and its imports (about 1.5 s of CPU
each). Each line gets a new driver and botocore session, the process environment given with it
(every AWS_ variable replaced), and its own standard output and error.
Reads JSON lines {"argv": [...], "env": {...}}; answers each with a line "EXIT OUT-BYTES ERR-BYTES"
and then those bytes of standard output and error (UTF-8). Ends at end of input. Usage: python3 aws_cli_driver.py (the interpreter of the AWS CLI to drive)"""
import io
import json
import os
import sys

before = dict(os.environ)
import awscli.clidriver  # noqa: E402 (it sets AWS_DATA_PATH, kept below)
import botocore.session  # noqa: E402

# One data loader for every session, per data path: the models are read and parsed once, as one
# session reads them once for all its calls (the files do not change while this runs).
loaders = {}
create_loader = botocore.session.create_loader


def shared_loader(search_path=None):
    if search_path not in loaders:
        loaders[search_path] = create_loader(search_path)
    return loaders[search_path]


botocore.session.create_loader = shared_loader

protocol = sys.stdout.buffer
sys.argv[0] = "aws"  # as its usage lines name it
# the caller's environment without its AWS_ settings; what importing the CLI set stays
base = {k: v for k, v in before.items() if not k.startswith("AWS_")}
base.update({k: v for k, v in os.environ.items() if k not in before})


def run(argv):
    if hasattr(awscli.clidriver, "AWSCLIEntryPoint"):  # AWS CLI v2
        return awscli.clidriver.AWSCLIEntryPoint().main(argv)
    return awscli.clidriver.create_clidriver().main(argv)  # v1


for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(base)
    os.environ.update(request["env"])
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        status = run(request["argv"])
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 1
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    out_bytes, err_bytes = out.getvalue().encode(), err.getvalue().encode()
    protocol.write(b"%d %d %d\n" % (status or 0, len(out_bytes), len(err_bytes)) + out_bytes + err_bytes)
    protocol.flush()
