"""botocore against the emulator's networks: the default VPC found as boto3 users find it
(isDefault) and launched into; a VPC of one's own with what EC2 gives it (main route table, default
network ACL, default security group); subnets, attributes, secondary CIDRs; internet gateways,
route tables and their associations, a NAT gateway through its waiters; and every dependency rule.
Prints one JSON object of what it saw; NetworksPeerTest asserts on it.
Usage: botocore_networks.py ENDPOINT"""
import json

from botocore.exceptions import WaiterError
from botocore_emulator import client, code

ec2 = client()
out = {}
fast = {"Delay": 1, "MaxAttempts": 30}


def names(items, key):
    return sorted(i[key] for i in items)


ami = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]

# the default VPC, as boto3 users find it, and an instance in its subnet
default = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]
out["default_vpc"] = [(v["CidrBlock"], v["IsDefault"]) for v in default]
dvpc = default[0]["VpcId"]
dsubnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [dvpc]},
                                        {"Name": "availability-zone", "Values": ["us-east-1a"]}])["Subnets"][0]
inst = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=dsubnet["SubnetId"])["Instances"][0]
out["default_launch"] = [inst["SubnetId"] == dsubnet["SubnetId"], inst["VpcId"] == dvpc,
                         inst["PrivateIpAddress"].startswith("172.31."), "PublicIpAddress" in inst]
main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [dvpc]},
                                          {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
digw = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [dvpc]}])["InternetGateways"]
out["default_routes"] = sorted((r["DestinationCidrBlock"], r["GatewayId"][:4], r["State"]) for r in main["Routes"])
out["default_igw"] = [g["Attachments"][0]["State"] for g in digw]
out["default_ids_distinct"] = len({i.split("-")[-1] for i in [dvpc, main["RouteTableId"], digw[0]["InternetGatewayId"]]}) == 3
dacl = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [dvpc]}, {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]
out["default_acl"] = [len(dacl["Associations"]), sorted((e["RuleNumber"], e["RuleAction"], e["Egress"]) for e in dacl["Entries"])]

# a VPC of one's own
out["vpc_range"] = [code(ec2.create_vpc, CidrBlock="10.0.0.0/29"), code(ec2.create_vpc, CidrBlock="10.0.0.0/15")]
out["vpc_ipv6"] = code(ec2.create_vpc, CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)
before = len(ec2.describe_vpcs()["Vpcs"])
out["vpc_dry_run"] = [code(ec2.create_vpc, CidrBlock="10.0.0.0/16", DryRun=True), len(ec2.describe_vpcs()["Vpcs"]) - before]
vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
    {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "mine"}]}])["Vpc"]
vid = vpc["VpcId"]
ec2.get_waiter("vpc_available").wait(VpcIds=[vid], WaiterConfig=fast)
out["vpc_by_tag"] = [v["VpcId"] == vid for v in ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["mine"]}])["Vpcs"]]
out["vpc_by_cidr"] = len(ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["10.0.0.0/16"]},
                                                    {"Name": "is-default", "Values": ["false"]}])["Vpcs"])
out["vpc_missing"] = code(ec2.describe_vpcs, VpcIds=["vpc-0123456789abcdef0"])
out["vpc_bad_filter"] = code(ec2.describe_vpcs, Filters=[{"Name": "colour", "Values": ["x"]}])
out["dns_before"] = [ec2.describe_vpc_attribute(VpcId=vid, Attribute=a)[k]["Value"] for a, k in
                     [("enableDnsSupport", "EnableDnsSupport"), ("enableDnsHostnames", "EnableDnsHostnames")]]
ec2.modify_vpc_attribute(VpcId=vid, EnableDnsHostnames={"Value": True})
ec2.modify_vpc_attribute(VpcId=vid, EnableNetworkAddressUsageMetrics={"Value": True})
out["dns_after"] = [ec2.describe_vpc_attribute(VpcId=vid, Attribute="enableDnsHostnames")["EnableDnsHostnames"]["Value"],
                    ec2.describe_vpc_attribute(VpcId=vid, Attribute="enableNetworkAddressUsageMetrics")["EnableNetworkAddressUsageMetrics"]["Value"]]
extra = ec2.associate_vpc_cidr_block(VpcId=vid, CidrBlock="10.1.0.0/16")["CidrBlockAssociation"]
out["cidrs"] = sorted(c["CidrBlock"] for c in ec2.describe_vpcs(VpcIds=[vid])["Vpcs"][0]["CidrBlockAssociationSet"])
out["cidr_overlap"] = code(ec2.associate_vpc_cidr_block, VpcId=vid, CidrBlock="10.0.128.0/17")
primary = [c for c in ec2.describe_vpcs(VpcIds=[vid])["Vpcs"][0]["CidrBlockAssociationSet"] if c["CidrBlock"] == "10.0.0.0/16"][0]
out["cidr_primary"] = code(ec2.disassociate_vpc_cidr_block, AssociationId=primary["AssociationId"])
ec2.disassociate_vpc_cidr_block(AssociationId=extra["AssociationId"])
out["cidrs_after"] = [c["CidrBlock"] for c in ec2.describe_vpcs(VpcIds=[vid])["Vpcs"][0]["CidrBlockAssociationSet"]]
mains = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vid]}])["RouteTables"]
out["vpc_main"] = [(t["Associations"][0]["Main"], [(r["DestinationCidrBlock"], r["GatewayId"], r["Origin"]) for r in t["Routes"]]) for t in mains]
acls = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vid]}])["NetworkAcls"]
out["vpc_acl"] = [(a["IsDefault"], sorted((e["RuleNumber"], e["Protocol"], e["RuleAction"], e["Egress"], e["CidrBlock"]) for e in a["Entries"])) for a in acls]
sgs = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vid]}])["SecurityGroups"]
out["vpc_sg"] = names(sgs, "GroupName")

# subnets
pub = ec2.create_subnet(VpcId=vid, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a",
                        TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Tier", "Value": "public"}]}])["Subnet"]
priv = ec2.create_subnet(VpcId=vid, CidrBlock="10.0.2.0/24", AvailabilityZoneId="use1-az2")["Subnet"]
ec2.get_waiter("subnet_available").wait(SubnetIds=[pub["SubnetId"], priv["SubnetId"]], WaiterConfig=fast)
out["subnet"] = [pub["AvailableIpAddressCount"], pub["MapPublicIpOnLaunch"], pub["DefaultForAz"], priv["AvailabilityZoneId"]]
out["subnet_dry_run"] = [code(ec2.create_subnet, VpcId=vid, CidrBlock="10.0.9.0/24", DryRun=True),
                         code(ec2.create_subnet, VpcId=vid, CidrBlock="10.0.1.0/24", DryRun=True)]
out["paged_subnets"] = [len(ec2.describe_subnets(MaxResults=5)["Subnets"]), "NextToken" in ec2.describe_subnets(MaxResults=5),
                        code(ec2.describe_subnets, SubnetIds=[pub["SubnetId"]], MaxResults=5)]
out["subnet_range"] = code(ec2.create_subnet, VpcId=vid, CidrBlock="10.5.0.0/24")
out["subnet_conflict"] = code(ec2.create_subnet, VpcId=vid, CidrBlock="10.0.1.128/25")
out["subnet_small"] = code(ec2.create_subnet, VpcId=vid, CidrBlock="10.0.3.0/29")
out["subnet_by_tag"] = [s["SubnetId"] == pub["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "tag:Tier", "Values": ["public"]}])["Subnets"]]
out["subnet_ipv6"] = code(ec2.modify_subnet_attribute, SubnetId=pub["SubnetId"], AssignIpv6AddressOnCreation={"Value": True})
ec2.modify_subnet_attribute(SubnetId=pub["SubnetId"], MapPublicIpOnLaunch={"Value": True})
out["subnet_public"] = ec2.describe_subnets(SubnetIds=[pub["SubnetId"]])["Subnets"][0]["MapPublicIpOnLaunch"]

# a NAT gateway in a VPC without an internet gateway is made, then fails, as on EC2
eip0 = ec2.allocate_address(Domain="vpc")
failed = ec2.create_nat_gateway(SubnetId=pub["SubnetId"], AllocationId=eip0["AllocationId"])["NatGateway"]["NatGatewayId"]
try:
    ec2.get_waiter("nat_gateway_available").wait(NatGatewayIds=[failed], WaiterConfig=fast)
    out["nat_failed"] = "available"
except WaiterError:
    got = ec2.describe_nat_gateways(NatGatewayIds=[failed])["NatGateways"][0]
    out["nat_failed"] = [got["State"], got.get("FailureCode")]
out["nat_failed_address"] = code(ec2.release_address, AllocationId=eip0["AllocationId"])

# instances take addresses from their subnet; a public one only where it is asked for
a = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=priv["SubnetId"])["Instances"][0]
b = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=pub["SubnetId"])["Instances"][0]
c = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, NetworkInterfaces=[
    {"DeviceIndex": 0, "SubnetId": priv["SubnetId"], "AssociatePublicIpAddress": True}])["Instances"][0]
out["private_launch"] = [a["PrivateIpAddress"].startswith("10.0.2."), "PublicIpAddress" in a]
out["public_launch"] = [b["PrivateIpAddress"].startswith("10.0.1."), "PublicIpAddress" in b]
out["asked_public"] = "PublicIpAddress" in c
out["available_after"] = ec2.describe_subnets(SubnetIds=[priv["SubnetId"]])["Subnets"][0]["AvailableIpAddressCount"]
out["default_sg_elsewhere"] = code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1, SubnetId=priv["SubnetId"],
                                   SecurityGroupIds=[ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [dvpc]}])["SecurityGroups"][0]["GroupId"]])
out["group_name_elsewhere"] = code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1, SubnetId=priv["SubnetId"],
                                   SecurityGroups=["default"])
out["delete_subnet_in_use"] = code(ec2.delete_subnet, SubnetId=priv["SubnetId"])
out["delete_vpc_in_use"] = code(ec2.delete_vpc, VpcId=vid)

# internet gateways
igw = ec2.create_internet_gateway(TagSpecifications=[{"ResourceType": "internet-gateway", "Tags": [{"Key": "Name", "Value": "gw"}]}])["InternetGateway"]
gid = igw["InternetGatewayId"]
ec2.get_waiter("internet_gateway_exists").wait(InternetGatewayIds=[gid], WaiterConfig=fast)
ec2.attach_internet_gateway(InternetGatewayId=gid, VpcId=vid)
other = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
out["igw_twice"] = [code(ec2.attach_internet_gateway, InternetGatewayId=gid, VpcId=vid),
                    code(ec2.attach_internet_gateway, InternetGatewayId=other, VpcId=vid)]
out["igw_delete_attached"] = code(ec2.delete_internet_gateway, InternetGatewayId=gid)
out["igw_detach_mapped"] = code(ec2.detach_internet_gateway, InternetGatewayId=gid, VpcId=vid)
out["igw_detach_other"] = code(ec2.detach_internet_gateway, InternetGatewayId=other, VpcId=vid)
out["igw_by_tag"] = [g["Attachments"] for g in ec2.describe_internet_gateways(Filters=[{"Name": "tag:Name", "Values": ["gw"]}])["InternetGateways"]]
out["igw_dry_run"] = [code(ec2.delete_internet_gateway, InternetGatewayId=other, DryRun=True),
                      code(ec2.detach_internet_gateway, InternetGatewayId=gid, VpcId=vid, DryRun=True)]
ec2.delete_internet_gateway(InternetGatewayId=other)
out["igw_missing"] = code(ec2.describe_internet_gateways, InternetGatewayIds=[other])

# route tables
rt = ec2.create_route_table(VpcId=vid)["RouteTable"]
rid = rt["RouteTableId"]
ec2.create_route(RouteTableId=rid, DestinationCidrBlock="0.0.0.0/0", GatewayId=gid)
out["route_twice"] = code(ec2.create_route, RouteTableId=rid, DestinationCidrBlock="0.0.0.0/0", GatewayId=gid)
out["route_other_vpc"] = code(ec2.create_route, RouteTableId=rid, DestinationCidrBlock="192.168.0.0/16", GatewayId=digw[0]["InternetGatewayId"])
out["route_local"] = code(ec2.delete_route, RouteTableId=rid, DestinationCidrBlock="10.0.0.0/16")
out["route_missing"] = code(ec2.delete_route, RouteTableId=rid, DestinationCidrBlock="192.168.0.0/16")
ec2.create_route(RouteTableId=rid, DestinationCidrBlock="192.168.0.0/16", InstanceId=b["InstanceId"])
ec2.replace_route(RouteTableId=rid, DestinationCidrBlock="192.168.0.0/16", NetworkInterfaceId=b["NetworkInterfaces"][0]["NetworkInterfaceId"])
assoc = ec2.associate_route_table(RouteTableId=rid, SubnetId=pub["SubnetId"])["AssociationId"]
out["assoc_twice"] = code(ec2.associate_route_table, RouteTableId=rid, SubnetId=pub["SubnetId"])
got = ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [pub["SubnetId"]]}])["RouteTables"]
out["routes"] = [sorted((r["DestinationCidrBlock"], (r.get("GatewayId") or r.get("NetworkInterfaceId"))[:4], r["State"]) for r in t["Routes"]) for t in got]
out["by_route_gateway"] = len(ec2.describe_route_tables(Filters=[{"Name": "route.gateway-id", "Values": [gid]}])["RouteTables"])
out["delete_associated"] = code(ec2.delete_route_table, RouteTableId=rid)
vmain = [t for t in mains][0]
out["delete_main"] = code(ec2.delete_route_table, RouteTableId=vmain["RouteTableId"])
out["disassociate_main"] = code(ec2.disassociate_route_table, AssociationId=vmain["Associations"][0]["RouteTableAssociationId"])
new_main = ec2.replace_route_table_association(AssociationId=vmain["Associations"][0]["RouteTableAssociationId"], RouteTableId=rid)["NewAssociationId"]
out["main_moved"] = [a["Main"] for a in ec2.describe_route_tables(RouteTableIds=[rid])["RouteTables"][0]["Associations"]]
ec2.replace_route_table_association(AssociationId=new_main, RouteTableId=vmain["RouteTableId"])
ec2.disassociate_route_table(AssociationId=assoc)
ec2.delete_route(RouteTableId=rid, DestinationCidrBlock="192.168.0.0/16")
out["vpc_with_table"] = code(ec2.delete_vpc, VpcId=vid)

# a NAT gateway with its Elastic IP, through botocore's waiters
eip = ec2.allocate_address(Domain="vpc")
nat = ec2.create_nat_gateway(SubnetId=pub["SubnetId"], AllocationId=eip["AllocationId"],
                             TagSpecifications=[{"ResourceType": "natgateway", "Tags": [{"Key": "Name", "Value": "nat"}]}])["NatGateway"]
nid = nat["NatGatewayId"]
out["nat_created"] = nat["State"]
ec2.get_waiter("nat_gateway_available").wait(NatGatewayIds=[nid], WaiterConfig=fast)
seen = ec2.describe_nat_gateways(NatGatewayIds=[nid])["NatGateways"][0]
out["nat"] = [seen["State"], seen["NatGatewayAddresses"][0]["PublicIp"] == eip["PublicIp"],
              seen["NatGatewayAddresses"][0]["PrivateIp"].startswith("10.0.1."), seen["SubnetId"] == pub["SubnetId"]]
addr = ec2.describe_addresses(AllocationIds=[eip["AllocationId"]])["Addresses"][0]
out["nat_address"] = ["AssociationId" in addr, addr.get("NetworkInterfaceId") == seen["NatGatewayAddresses"][0]["NetworkInterfaceId"]]
out["nat_eni"] = [(n["InterfaceType"], n["RequesterManaged"]) for n in ec2.describe_network_interfaces(
    NetworkInterfaceIds=[seen["NatGatewayAddresses"][0]["NetworkInterfaceId"]])["NetworkInterfaces"]]
out["nat_address_release"] = code(ec2.release_address, AllocationId=eip["AllocationId"])
out["nat_by_filter"] = len(ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "state", "Values": ["available"]}])["NatGateways"])
ec2.create_route(RouteTableId=rid, DestinationCidrBlock="172.16.0.0/12", NatGatewayId=nid)
out["nat_subnet_delete"] = code(ec2.delete_subnet, SubnetId=pub["SubnetId"])
ec2.delete_nat_gateway(NatGatewayId=nid)
ec2.get_waiter("nat_gateway_deleted").wait(NatGatewayIds=[nid], WaiterConfig=fast)
out["nat_deleted"] = ec2.describe_nat_gateways(NatGatewayIds=[nid])["NatGateways"][0]["State"]
out["nat_route"] = [r["State"] for r in ec2.describe_route_tables(RouteTableIds=[rid])["RouteTables"][0]["Routes"] if r.get("NatGatewayId") == nid]
out["nat_missing"] = code(ec2.describe_nat_gateways, NatGatewayIds=["nat-0123456789abcdef0"])
ec2.release_address(AllocationId=eip["AllocationId"])

# tags on the new resources
ec2.create_tags(Resources=[rid, gid], Tags=[{"Key": "Stack", "Value": "net"}])
out["tag_types"] = sorted(t["ResourceType"] for t in ec2.describe_tags(Filters=[{"Name": "key", "Values": ["Stack", "Name", "Tier"]}])["Tags"])

# and away, in the order EC2 needs
ids = [a["InstanceId"], b["InstanceId"], c["InstanceId"]]
ec2.terminate_instances(InstanceIds=ids)
ec2.get_waiter("instance_terminated").wait(InstanceIds=ids, WaiterConfig=fast)
ec2.detach_internet_gateway(InternetGatewayId=gid, VpcId=vid)
ec2.delete_internet_gateway(InternetGatewayId=gid)
ec2.delete_route_table(RouteTableId=rid)
for s in (pub, priv):
    ec2.delete_subnet(SubnetId=s["SubnetId"])
ec2.delete_vpc(VpcId=vid)
out["vpc_gone"] = code(ec2.describe_vpcs, VpcIds=[vid])
out["vpc_parts_gone"] = [len(ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vid]}])["RouteTables"]),
                         len(ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vid]}])["NetworkAcls"]),
                         len(ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vid]}])["SecurityGroups"])]

# the default VPC deleted as EC2 lets one, then made again
ec2.terminate_instances(InstanceIds=[inst["InstanceId"]])
ec2.get_waiter("instance_terminated").wait(InstanceIds=[inst["InstanceId"]], WaiterConfig=fast)
out["delete_default_in_use"] = code(ec2.delete_vpc, VpcId=dvpc)
for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [dvpc]}])["Subnets"]:
    ec2.delete_subnet(SubnetId=s["SubnetId"])
ec2.detach_internet_gateway(InternetGatewayId=digw[0]["InternetGatewayId"], VpcId=dvpc)
ec2.delete_internet_gateway(InternetGatewayId=digw[0]["InternetGatewayId"])
ec2.delete_vpc(VpcId=dvpc)
out["no_default"] = [len(ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]),
                     code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1),
                     code(ec2.create_default_subnet, AvailabilityZone="us-east-1a")]
again = ec2.create_default_vpc()["Vpc"]
out["default_again"] = [again["CidrBlock"], again["IsDefault"], again["VpcId"] != dvpc,
                        len(ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [again["VpcId"]]},
                                                          {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]),
                        len(ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [again["VpcId"]]}])["InternetGateways"]),
                        code(ec2.create_default_vpc)]
first = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [again["VpcId"]]}, {"Name": "availability-zone", "Values": ["us-east-1a"]}])["Subnets"][0]
ec2.delete_subnet(SubnetId=first["SubnetId"])
made = ec2.create_default_subnet(AvailabilityZone="us-east-1a")["Subnet"]
out["default_subnet_again"] = [made["CidrBlock"], made["DefaultForAz"], made["MapPublicIpOnLaunch"],
                               code(ec2.create_default_subnet, AvailabilityZone="us-east-1a")]
print(json.dumps(out))
