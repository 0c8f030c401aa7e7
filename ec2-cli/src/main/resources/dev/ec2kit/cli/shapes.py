#!/usr/bin/env python3
"""Writes shapes.tsv beside this script: the output shapes of the EC2 actions the toolkit calls,
from botocore's model, so `ec2 --output json` prints exactly the structure the AWS CLI prints
(same keys, nesting and types). Run it again when the model or the action list grows:

    python3 shapes.py "$(python3 -c 'import botocore,os; print(os.path.dirname(botocore.__file__))')"/data/ec2/2016-11-15/service-2.json.gz ACTION...

Lines: OPERATION<TAB>op<TAB>OutputShape, and SHAPE<TAB>type<TAB>members, where a structure's members
are Name=xmlName:Shape, a list's is its item's xmlName:Shape.
"""
import gzip
import json
import os
import sys


def main(path, actions):
    model = json.load(gzip.open(path) if path.endswith(".gz") else open(path))
    shapes = model["shapes"]
    lines = []
    seen = set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        s = shapes[name]
        t = s["type"]
        if t == "structure":
            members = []
            for m, spec in s["members"].items():
                members.append(m + "=" + spec.get("locationName", m) + ":" + spec["shape"])
                visit(spec["shape"])
            lines.append(name + "\tstructure\t" + ",".join(members))
        elif t == "list":
            item = s["member"]
            lines.append(name + "\tlist\t" + item.get("locationName", "item") + ":" + item["shape"])
            visit(item["shape"])
        else:
            lines.append(name + "\t" + t + "\t")

    for action in actions:
        op = model["operations"][action]
        out = op.get("output", {}).get("shape")
        lines.append(action + "\top\t" + (out or ""))
        if out:
            visit(out)
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shapes.tsv")
    import botocore
    with open(target, "w") as f:
        f.write("# EC2 output shapes from botocore " + botocore.__version__ + "; made by shapes.py\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
