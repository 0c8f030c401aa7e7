"""The AWS CLI v1 as a server for AwsCliParityIT: many command lines, one Python process.

Reads one JSON array of arguments (those after `aws`) per line on stdin and answers one JSON
object per line on stdout: {"rc": exit code, "out": standard output, "err": standard error}.
Each command gets a new CLI driver, as a new `aws` process would: a driver reused across
commands keeps the handlers its customizations register per command (after
`modify-vpc-attribute`, every later EC2 command failed). What costs start-up, botocore's loaded
model files, is shared: every driver's session gets the first one's data loader, whose caches
hold the EC2 model, waiters, paginators and endpoint rules once read.
"""
import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver


def main():
    loader = create_clidriver().session.get_component("data_loader")
    protocol = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        argv = json.loads(line)
        driver = create_clidriver()
        driver.session.register_component("data_loader", loader)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = driver.main(argv)
            except SystemExit as e:
                rc = e.code if isinstance(e.code, int) else 1
        protocol.write(json.dumps({"rc": rc, "out": out.getvalue(), "err": err.getvalue()}) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
