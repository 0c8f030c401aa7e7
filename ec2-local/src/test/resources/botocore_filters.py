"""botocore against the emulator: every filter name that botocore's model documents for the
network Describe actions (in each operation's Filters member), and DescribeInstances'
network-interface.* ones, is taken, and a name it does not
document is refused with InvalidParameterValue. Prints {operation: [refused names]} plus the
count of names tried; FilterTablePeerTest asserts on it. Usage: botocore_filters.py ENDPOINT"""
import json
import re

from botocore.exceptions import ClientError
from botocore_emulator import client, session

ec2 = client()
model = session.get_service_model("ec2")
OPERATIONS = ["DescribeVpcs", "DescribeSubnets", "DescribeNetworkInterfaces", "DescribeInternetGateways",
              "DescribeRouteTables", "DescribeNetworkAcls", "DescribeNatGateways", "DescribeSecurityGroupRules",
              "DescribeInstances"]


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


refused = {}
tried = 0
for op in OPERATIONS:
    members = model.operation_model(op).input_shape.members
    member = "Filters" if "Filters" in members else "Filter"
    names = re.findall(r"<li>\s*<p>\s*<code>([^<]+)</code>", members[member].documentation)
    names = ["tag:Name" if n.startswith("tag:") or n == "tag" else n for n in names]
    if op == "DescribeInstances":  # of its filters, those of the instance's network interfaces
        names = [n for n in names if n.startswith("network-interface.")]
    call = getattr(ec2, snake(op))
    bad = []
    for name in names + ["no-such-filter"]:
        tried += 1
        try:
            call(**{member: [{"Name": name, "Values": ["x"]}]})
        except ClientError as e:
            bad.append((name, e.response["Error"]["Code"]))
    refused[op] = bad
print(json.dumps({"tried": tried, "refused": refused}))
