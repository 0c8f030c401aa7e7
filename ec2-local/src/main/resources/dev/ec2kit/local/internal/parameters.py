#!/usr/bin/env python3
"""Writes parameters.tsv beside this script: for each EC2 action, the top-level parameter names
it takes on the wire, from botocore's model of EC2 (python3-botocore). The emulator refuses any
other parameter with EC2's UnknownParameter. Run it again when botocore's model grows:

    python3 parameters.py "$(python3 -c 'import botocore,os; print(os.path.dirname(botocore.__file__))')"/data/ec2/2016-11-15/service-2.json.gz
"""
import gzip
import json
import os
import sys


def wire_name(name, member):
    # EC2's query protocol: queryName, else locationName with a capital, else the member's name.
    if "queryName" in member:
        return member["queryName"]
    if "locationName" in member:
        loc = member["locationName"]
        return loc[0].upper() + loc[1:]
    return name


def main(path):
    model = json.load(gzip.open(path) if path.endswith(".gz") else open(path))
    shapes = model["shapes"]
    lines = []
    for op, spec in sorted(model["operations"].items()):
        names = []
        if "input" in spec:
            for name, member in shapes[spec["input"]["shape"]]["members"].items():
                names.append(wire_name(name, member))
        lines.append(op + "\t" + " ".join(sorted(names)))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parameters.tsv")
    with open(out, "w") as f:
        import botocore
        f.write("# action<TAB>parameters, from botocore " + botocore.__version__ + "'s EC2 model "
                + model["metadata"]["apiVersion"] + "; made by parameters.py\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
