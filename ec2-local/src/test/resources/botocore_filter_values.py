"""botocore against the emulator: every filter name botocore's model documents for a Describe
really filters. For each name, the value the resource's own Describe answer shows for that field
(found by the name's words in the answer's keys, or by OVERRIDES) must find the resource, and a
value it does not show must not; where the answer shows nothing for the field, even `*` finds
nothing; a name the model does not document is refused with InvalidParameterValue. Prints
{"operations": [...], "tried": n, "failures": [...], "absent": {op: [names]}}; FilterTablePeerTest asserts on it.
Needs botocore 1.43 or later (the model checked in with the client). Usage:
botocore_filter_values.py ENDPOINT"""
import datetime
import json
import re
import sys
import time

import botocore
from botocore.exceptions import ClientError
from botocore_emulator import client, session

if tuple(int(p) for p in botocore.__version__.split(".")[:2]) < (1, 43):
    sys.exit("botocore " + botocore.__version__ + " is older than the model the emulator follows")
ec2 = client()
model = session.get_service_model("ec2")


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def documented(op):
    members = model.operation_model(op).input_shape.members
    member = "Filters" if "Filters" in members else "Filter"
    doc = members[member].documentation
    names = [n.strip() for n in re.findall(r"<li>\s*<p>\s*<code>([^<]+)</code>", doc)]
    for phrase in re.findall(r"[Yy]ou can also use ((?:<code>[^<]+</code>(?:\s*,?\s*or\s*|"
                             r"\s*,\s*)?)+)\s*as the filter name", doc):
        names += re.findall(r"<code>([^<]+)</code>", phrase)
    out = []
    for n in names:
        n = "tag:Purpose" if n.startswith("tag:") or n == "tag" else n
        if n not in out:
            out.append(n)
    return member, out


# ---- the resources every filter is tried on ----
run = "%x" % time.time_ns()  # names of its own, so that a second run against one emulator works
image = next(i for i in ec2.describe_images(Owners=["amazon"])["Images"]
             if i["Architecture"] == "x86_64" and i["ImageType"] == "machine"
             and i["RootDeviceType"] == "ebs" and i["VirtualizationType"] == "hvm")
key = ec2.create_key_pair(KeyName="filters-key-" + run, TagSpecifications=[
    {"ResourceType": "key-pair", "Tags": [{"Key": "Purpose", "Value": "filters"}]}])["KeyName"]
vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]
subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])["Subnets"][0]
group = ec2.create_security_group(GroupName="filters-sg-" + run, Description="filters",
                                  VpcId=vpc["VpcId"])["GroupId"]
ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
     "IpRanges": [{"CidrIp": "10.1.0.0/16"}], "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/64"}],
     "UserIdGroupPairs": [{"GroupId": group}]}])
ec2.authorize_security_group_egress(GroupId=group, IpPermissions=[
    {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "10.2.0.0/16"}],
     "UserIdGroupPairs": [{"GroupId": group}]}])
tags = [{"Key": "Purpose", "Value": "filters"}]
instance = ec2.run_instances(
    ImageId=image["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1, KeyName=key,
    SubnetId=subnet["SubnetId"], SecurityGroupIds=[group], ClientToken="filters-token-" + run,
    IamInstanceProfile={"Name": "filters-profile"},
    MetadataOptions={"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
    TagSpecifications=[{"ResourceType": "instance", "Tags": tags}])["Instances"][0]["InstanceId"]
ec2.get_waiter("instance_running").wait(InstanceIds=[instance], WaiterConfig={"Delay": 1})
volume = ec2.create_volume(AvailabilityZone=subnet["AvailabilityZone"], Size=2, VolumeType="gp3",
                           Encrypted=True, TagSpecifications=[
                               {"ResourceType": "volume", "Tags": tags}])["VolumeId"]
ec2.get_waiter("volume_available").wait(VolumeIds=[volume], WaiterConfig={"Delay": 1})
ec2.attach_volume(VolumeId=volume, InstanceId=instance, Device="/dev/sdf")
snapshot = ec2.create_snapshot(VolumeId=volume, Description="filters snapshot", TagSpecifications=[
    {"ResourceType": "snapshot", "Tags": tags}])["SnapshotId"]
ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot], WaiterConfig={"Delay": 1})
own_image = ec2.create_image(InstanceId=instance, Name="filters-image-" + run, Description="filters",
                             TagSpecifications=[{"ResourceType": "image", "Tags": tags}])["ImageId"]
ec2.get_waiter("image_available").wait(ImageIds=[own_image], WaiterConfig={"Delay": 1})
address = ec2.allocate_address(Domain="vpc", TagSpecifications=[
    {"ResourceType": "elastic-ip", "Tags": tags}])["AllocationId"]
ec2.associate_address(AllocationId=address, InstanceId=instance)
ec2.create_tags(Resources=[group, subnet["SubnetId"]], Tags=tags)
interface = ec2.describe_network_interfaces(Filters=[
    {"Name": "attachment.instance-id", "Values": [instance]}])["NetworkInterfaces"][0]
gateway = ec2.describe_internet_gateways(Filters=[
    {"Name": "attachment.vpc-id", "Values": [vpc["VpcId"]]}])["InternetGateways"][0]
route_table = ec2.describe_route_tables(Filters=[
    {"Name": "vpc-id", "Values": [vpc["VpcId"]]}, {"Name": "association.main", "Values": ["true"]}
])["RouteTables"][0]
acl = ec2.describe_network_acls(Filters=[
    {"Name": "vpc-id", "Values": [vpc["VpcId"]]}, {"Name": "default", "Values": ["true"]}
])["NetworkAcls"][0]
nat = ec2.create_nat_gateway(SubnetId=subnet["SubnetId"], AllocationId=ec2.allocate_address(
    Domain="vpc")["AllocationId"], TagSpecifications=[
    {"ResourceType": "natgateway", "Tags": tags}])["NatGateway"]["NatGatewayId"]
ec2.get_waiter("nat_gateway_available").wait(NatGatewayIds=[nat], WaiterConfig={"Delay": 1})
rule = ec2.describe_security_group_rules(Filters=[
    {"Name": "group-id", "Values": [group]}])["SecurityGroupRules"][0]["SecurityGroupRuleId"]
template = ec2.create_launch_template(
    LaunchTemplateName="filters-template-" + run, LaunchTemplateData={
        "ImageId": image["ImageId"], "InstanceType": "t3.micro", "EbsOptimized": True,
        "KernelId": "aki-00000001", "RamDiskId": "ari-00000001",
        "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/filters"},
        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"}},
    TagSpecifications=[{"ResourceType": "launch-template", "Tags": tags}]
)["LaunchTemplate"]["LaunchTemplateId"]
ec2.modify_volume(VolumeId=volume, Size=3)
own_table = ec2.create_route_table(VpcId=vpc["VpcId"])["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=own_table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
ec2.create_route(RouteTableId=own_table, DestinationCidrBlock="10.9.0.0/16", InstanceId=instance)
ec2.associate_route_table(RouteTableId=own_table, SubnetId=subnet["SubnetId"])
ec2.create_tags(Resources=[interface["NetworkInterfaceId"], vpc["VpcId"], own_table,
                           gateway["InternetGatewayId"], acl["NetworkAclId"], rule], Tags=tags)


def with_reservation(r):
    return [dict(i, OwnerId=res["OwnerId"], ReservationId=res["ReservationId"],
                 **({"RequesterId": res["RequesterId"]} if "RequesterId" in res else {}))
            for res in r["Reservations"] for i in res["Instances"]]


# operation: (its call's narrowing arguments, the listed items of its answer)
TARGETS = {
    "DescribeInstances": ({"InstanceIds": [instance]}, with_reservation),
    "DescribeInstanceStatus": ({"InstanceIds": [instance]}, lambda r: r["InstanceStatuses"]),
    "DescribeImages": ({"ImageIds": [own_image]}, lambda r: r["Images"]),
    "DescribeSecurityGroups": ({"GroupIds": [group]}, lambda r: r["SecurityGroups"]),
    "DescribeVolumes": ({"VolumeIds": [volume]}, lambda r: r["Volumes"]),
    "DescribeSnapshots": ({"SnapshotIds": [snapshot]}, lambda r: r["Snapshots"]),
    "DescribeSubnets": ({"SubnetIds": [subnet["SubnetId"]]}, lambda r: r["Subnets"]),
    "DescribeAddresses": ({"AllocationIds": [address]}, lambda r: r["Addresses"]),
    "DescribeKeyPairs": ({"KeyNames": [key]}, lambda r: r["KeyPairs"]),
    "DescribeInstanceTypes": ({"InstanceTypes": ["t3.micro"]}, lambda r: r["InstanceTypes"]),
    "DescribeAvailabilityZones": ({"ZoneNames": [subnet["AvailabilityZone"]]},
                                  lambda r: r["AvailabilityZones"]),
    "DescribeRegions": ({"RegionNames": ["us-east-1"]}, lambda r: r["Regions"]),
    "DescribeNetworkInterfaces": ({"NetworkInterfaceIds": [interface["NetworkInterfaceId"]]},
                                  lambda r: r["NetworkInterfaces"]),
    "DescribeVpcs": ({"VpcIds": [vpc["VpcId"]]}, lambda r: r["Vpcs"]),
    "DescribeInternetGateways": ({"InternetGatewayIds": [gateway["InternetGatewayId"]]},
                                 lambda r: r["InternetGateways"]),
    "DescribeRouteTables": ({"RouteTableIds": [own_table]},
                            lambda r: r["RouteTables"]),
    "DescribeNetworkAcls": ({"NetworkAclIds": [acl["NetworkAclId"]]}, lambda r: r["NetworkAcls"]),
    "DescribeNatGateways": ({"NatGatewayIds": [nat]}, lambda r: r["NatGateways"]),
    "DescribeSecurityGroupRules": ({"SecurityGroupRuleIds": [rule]},
                                   lambda r: r["SecurityGroupRules"]),
    "DescribeLaunchTemplates": ({"LaunchTemplateIds": [template]}, lambda r: r["LaunchTemplates"]),
    "DescribeLaunchTemplateVersions": ({"LaunchTemplateId": template},
                                       lambda r: r["LaunchTemplateVersions"]),
    "DescribeVolumesModifications": ({"VolumeIds": [volume]},
                                     lambda r: r["VolumesModifications"]),
    "DescribeInstanceCreditSpecifications": ({"InstanceIds": [instance]},
                                             lambda r: r["InstanceCreditSpecifications"]),
    # DescribeTags lists (resource, tag) rows: narrowed to the instance's by a second filter
    "DescribeTags": ({}, lambda r: [t for t in r["Tags"] if t["ResourceId"] == instance]),
}


def tags_of(item):
    return item.get("Tags", item.get("TagSet", []))


def tag_value(item):
    return [t["Value"] for t in tags_of(item) if t["Key"] == "Purpose"]


def ip_permission(kind, field):
    """A field of the item's inbound (or outbound) rules."""
    def values(item):
        out = []
        for p in item.get(kind, []):
            if field in ("IpProtocol", "FromPort", "ToPort"):
                out += [p[field]] if field in p else []
            elif field == "CidrIp":
                out += [r["CidrIp"] for r in p.get("IpRanges", [])]
            elif field == "CidrIpv6":
                out += [r["CidrIpv6"] for r in p.get("Ipv6Ranges", [])]
            elif field == "PrefixListId":
                out += [r["PrefixListId"] for r in p.get("PrefixListIds", [])]
            else:
                out += [g[field] for g in p.get("UserIdGroupPairs", []) if field in g]
        return out
    return values


SG_FIELDS = {"protocol": "IpProtocol", "from-port": "FromPort", "to-port": "ToPort",
             "cidr": "CidrIp", "ipv6-cidr": "CidrIpv6", "prefix-list-id": "PrefixListId",
             "group-id": "GroupId", "group-name": "GroupName", "user-id": "UserId"}

# Names whose field the words of the name do not find in the answer: op -> name -> values.
OVERRIDES = {
    "DescribeInstances": {
        "instance-state-name": lambda i: [i["State"]["Name"]],
        "instance-state-code": lambda i: [i["State"]["Code"]],
        "ip-address": lambda i: [i.get("PublicIpAddress")],
        "dns-name": lambda i: [i.get("PublicDnsName")],
        "launch-index": lambda i: [i["AmiLaunchIndex"]],
        "availability-zone": lambda i: [i["Placement"]["AvailabilityZone"]],
        "availability-zone-id": lambda i: [i["Placement"].get("AvailabilityZoneId")],
        "tenancy": lambda i: [i["Placement"].get("Tenancy")],
        "affinity": lambda i: [i["Placement"].get("Affinity")],
        "host-id": lambda i: [i["Placement"].get("HostId")],
        "placement-group-name": lambda i: [i["Placement"].get("GroupName")],
        "placement-partition-number": lambda i: [i["Placement"].get("PartitionNumber")],
        "instance.group-id": lambda i: [g["GroupId"] for g in i["SecurityGroups"]],
        "instance.group-name": lambda i: [g["GroupName"] for g in i["SecurityGroups"]],
        "monitoring-state": lambda i: [i["Monitoring"]["State"]],
        "reason": lambda i: [i.get("StateTransitionReason")],
        "state-reason-code": lambda i: [i.get("StateReason", {}).get("Code")],
        "state-reason-message": lambda i: [i.get("StateReason", {}).get("Message")],
        "ramdisk-id": lambda i: [i.get("RamdiskId")],
        "ipv6-address": lambda i: [i.get("Ipv6Address")],
        "capacity-reservation-id": lambda i: [i.get("CapacityReservationId")],
        "product-code": lambda i: [p["ProductCodeId"] for p in i.get("ProductCodes", [])],
        "product-code.type": lambda i: [p["ProductCodeType"] for p in i.get("ProductCodes", [])],
        "block-device-mapping.device-name":
            lambda i: [b["DeviceName"] for b in i["BlockDeviceMappings"]],
        "block-device-mapping.volume-id":
            lambda i: [b["Ebs"]["VolumeId"] for b in i["BlockDeviceMappings"]],
        "block-device-mapping.status":
            lambda i: [b["Ebs"]["Status"] for b in i["BlockDeviceMappings"]],
        "block-device-mapping.attach-time":
            lambda i: [b["Ebs"]["AttachTime"] for b in i["BlockDeviceMappings"]],
        "block-device-mapping.delete-on-termination":
            lambda i: [b["Ebs"]["DeleteOnTermination"] for b in i["BlockDeviceMappings"]],
    },
    "DescribeImages": {
        "state": lambda i: [i["State"]],
        "owner-id": lambda i: [i["OwnerId"]],
        "owner-alias": lambda i: [i.get("ImageOwnerAlias")],
        "is-public": lambda i: [i["Public"]],
        "manifest-location": lambda i: [i.get("ImageLocation")],
        "product-code": lambda i: [p["ProductCodeId"] for p in i.get("ProductCodes", [])],
        "product-code.type": lambda i: [p["ProductCodeType"] for p in i.get("ProductCodes", [])],
        "state-reason-code": lambda i: [i.get("StateReason", {}).get("Code")],
        "state-reason-message": lambda i: [i.get("StateReason", {}).get("Message")],
        "ramdisk-id": lambda i: [i.get("RamdiskId")],
        "block-device-mapping.device-name":
            lambda i: [b["DeviceName"] for b in i["BlockDeviceMappings"]],
    },
    "DescribeSecurityGroups": dict(
        [("ip-permission." + n, ip_permission("IpPermissions", f)) for n, f in SG_FIELDS.items()]
        + [("egress.ip-permission." + n, ip_permission("IpPermissionsEgress", f))
           for n, f in SG_FIELDS.items()]),
    "DescribeVolumes": {
        "status": lambda v: [v["State"]],
        "attachment.status": lambda v: [a["State"] for a in v["Attachments"]],
        "availability-zone-id": lambda v: [v.get("AvailabilityZoneId")],
    },
    "DescribeSnapshots": {
        "status": lambda s: [s["State"]],
    },
    "DescribeSubnets": {
        "default-for-az": lambda s: [s["DefaultForAz"]],
        "defaultForAz": lambda s: [s["DefaultForAz"]],
        "cidr": lambda s: [s["CidrBlock"]],
        "cidr-block": lambda s: [s["CidrBlock"]],
        "cidrBlock": lambda s: [s["CidrBlock"]],
        "availabilityZone": lambda s: [s["AvailabilityZone"]],
        "availabilityZoneId": lambda s: [s["AvailabilityZoneId"]],
        "ipv6-cidr-block-association.ipv6-cidr-block":
            lambda s: [a["Ipv6CidrBlock"] for a in s.get("Ipv6CidrBlockAssociationSet", [])],
        "ipv6-cidr-block-association.association-id":
            lambda s: [a["AssociationId"] for a in s.get("Ipv6CidrBlockAssociationSet", [])],
        "ipv6-cidr-block-association.state":
            lambda s: [a["Ipv6CidrBlockState"]["State"]
                       for a in s.get("Ipv6CidrBlockAssociationSet", [])],
    },
    "DescribeInstanceStatus": {
        "availability-zone": lambda s: [s["AvailabilityZone"]],
        "instance-state-name": lambda s: [s["InstanceState"]["Name"]],
        "instance-state-code": lambda s: [s["InstanceState"]["Code"]],
        "instance-status.reachability":
            lambda s: [d["Status"] for d in s["InstanceStatus"].get("Details", [])],
        "system-status.reachability":
            lambda s: [d["Status"] for d in s["SystemStatus"].get("Details", [])],
    },
    "DescribeInstanceTypes": {
        "vcpu-info.default-vcpus": lambda t: [t["VCpuInfo"]["DefaultVCpus"]],
        "vcpu-info.default-cores": lambda t: [t["VCpuInfo"]["DefaultCores"]],
        "vcpu-info.default-threads-per-core": lambda t: [t["VCpuInfo"]["DefaultThreadsPerCore"]],
        "vcpu-info.valid-cores": lambda t: t["VCpuInfo"].get("ValidCores", []),
        "vcpu-info.valid-threads-per-core": lambda t: t["VCpuInfo"].get("ValidThreadsPerCore", []),
        "processor-info.supported-architecture":
            lambda t: t["ProcessorInfo"]["SupportedArchitectures"],
        "supported-usage-class": lambda t: t["SupportedUsageClasses"],
        "supported-root-device-type": lambda t: t["SupportedRootDeviceTypes"],
        "supported-virtualization-type": lambda t: t["SupportedVirtualizationTypes"],
        "supported-boot-mode": lambda t: t["SupportedBootModes"],
        "memory-info.size-in-mib": lambda t: [t["MemoryInfo"]["SizeInMiB"]],
    },
    "DescribeAvailabilityZones": {
        "state": lambda z: [z["State"]],
        "message": lambda z: [m["Message"] for m in z.get("Messages", [])],
    },
    "DescribeVpcs": {
        "cidr": lambda v: [v["CidrBlock"]],
    },
    "DescribeNetworkAcls": {
        "entry.cidr": lambda a: [e.get("CidrBlock") for e in a["Entries"]],
    },
    "DescribeLaunchTemplateVersions": {
        "iam-instance-profile":
            lambda v: [v["LaunchTemplateData"].get("IamInstanceProfile", {}).get("Arn")],
        "is-default-version": lambda v: [v["DefaultVersion"]],
    },
    "DescribeTags": {
        "tag:Purpose": lambda t: ["filters"],  # the instance's own Purpose tag
    },
}


def norm(word):
    return re.sub(r"[^a-z0-9]", "", word.lower())


def leaves(item, path=()):
    if isinstance(item, dict):
        for k, v in item.items():
            yield from leaves(v, path + (k,))
    elif isinstance(item, list):
        for v in item:
            yield from leaves(v, path)
    else:
        yield path, item


def found(item, name):
    """The values the answer shows for a filter, by the words of its name."""
    if name.startswith("tag:"):
        return tag_value(item)
    if name == "tag-key":
        return [t["Key"] for t in tags_of(item)]
    if name == "tag-value":
        return [t["Value"] for t in tags_of(item)]
    parts = [norm(p) for p in name.split(".")]
    candidates = []
    for path, value in leaves(item):
        keys = [norm(k) for k in path]
        if not keys:
            continue
        last = keys[-1]
        exact = last in (parts[-1], parts[-1] + "s", parts[-1] + "enabled", parts[-1] + "supported")
        if not exact and not last.endswith(parts[-1]):
            continue
        rest, ok = keys[:-1], True
        for part in parts[:-1]:  # each earlier word names an enclosing key, in order
            plurals = (part + "s", part + "set", part[:-1] + "ies")
            while rest and not (rest[0].endswith(part) or rest[0] in plurals):
                rest = rest[1:]
            if not rest:
                ok = False
                break
            rest = rest[1:]
        if ok:
            candidates.append((not exact, len(keys), value))
    # the closest field: named exactly, least deep (an interface's Status, not its Attachment's)
    candidates.sort(key=lambda c: c[:2])
    return [v for e, d, v in candidates if (e, d) == candidates[0][:2]]


def wire(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)
    return str(value)


def listed(op, narrowing, items, filters):
    if op == "DescribeTags" and all(f["Name"] != "resource-id" for f in filters):
        filters = filters + [{"Name": "resource-id", "Values": [instance]}]
    member, _ = documented(op)
    return items(getattr(ec2, snake(op))(**narrowing, **{member: filters}))


failures, absent, tried = [], {}, 0
for op, (narrowing, items) in TARGETS.items():
    _, names = documented(op)
    for name in names:
        tried += 1
        try:
            item = listed(op, narrowing, items, [])[0]
            field = name
            if op == "DescribeInstances" and name.startswith("network-interface."):
                # an interface filter over the instance's interfaces: what they show
                field = name[len("network-interface."):]
                item = ec2.describe_network_interfaces(Filters=[
                    {"Name": "attachment.instance-id", "Values": [instance]}])["NetworkInterfaces"][0]
            override = OVERRIDES.get(op, {}).get(name)
            values = [wire(v) for v in (override(item) if override else found(item, field))
                      if v is not None]
            if not values:
                absent.setdefault(op, []).append(name)
                if listed(op, narrowing, items, [{"Name": name, "Values": ["*"]}]):
                    failures.append([op, name, "*", "found though the answer shows no value"])
                continue
            shown = values[0] or "*"  # an empty value shown is still a value: `*` finds it
            if not listed(op, narrowing, items, [{"Name": name, "Values": [shown]}]):
                failures.append([op, name, shown, "not found by the value it shows"])
            other = {"true": "false", "false": "true"}.get(values[0], "zz-no-match")
            if other not in values and listed(op, narrowing, items,
                                              [{"Name": name, "Values": [other]}]):
                failures.append([op, name, other, "found by a value it does not show"])
        except ClientError as e:
            failures.append([op, name, "", e.response["Error"]["Code"]])
    tried += 1
    try:
        listed(op, narrowing, items, [{"Name": "no-such-filter", "Values": ["x"]}])
        failures.append([op, "no-such-filter", "x", "taken"])
    except ClientError as e:
        if e.response["Error"]["Code"] != "InvalidParameterValue":
            failures.append([op, "no-such-filter", "x", e.response["Error"]["Code"]])
# EC2's rules across filters: every name must match (AND), any of a name's values may (OR), and
# values take * and ? wildcards
kind = {"Name": "instance-type", "Values": ["t3.micro"]}
for filters, found_it in [
        ([kind, {"Name": "instance-state-name", "Values": ["running"]}], True),
        ([kind, {"Name": "instance-state-name", "Values": ["stopped"]}], False),
        ([{"Name": "instance-state-name", "Values": ["stopped", "running"]}], True),
        ([{"Name": "instance-type", "Values": ["t3.*"]}], True),
        ([{"Name": "instance-type", "Values": ["t3.micr?"]}], True),
        ([{"Name": "instance-type", "Values": ["t3.micr"]}], False),
        ([{"Name": "instance-type", "Values": ["t3.mic?"]}], False),
        ([{"Name": "tag:Purpose", "Values": ["FILTERS"]}], False)]:
    tried += 1
    if bool(listed("DescribeInstances", {"InstanceIds": [instance]}, with_reservation,
                   filters)) != found_it:
        failures.append(["DescribeInstances", json.dumps(filters), "", "found" if not found_it
                         else "not found"])
print(json.dumps({"operations": sorted(TARGETS), "tried": tried, "failures": failures,
                  "absent": absent}))
