"""botocore against the emulator's network ACLs beyond describe and Elastic IPs on network
interfaces: CreateNetworkAcl (with its ClientToken), DeleteNetworkAcl (the default one refused, one
in use a DependencyViolation), Create/Replace/DeleteNetworkAclEntry with EC2's rule checks,
ReplaceNetworkAclAssociation; AssociateAddress with NetworkInterfaceId and PrivateIpAddress, its
refusals, and what DescribeAddresses and DescribeNetworkInterfaces then show.
Prints one JSON object of what it saw; AclsAndAddressesPeerTest asserts on it.
Usage: botocore_acls_addresses.py ENDPOINT"""
import json

import botocore
from botocore_emulator import client, code

ec2 = client()
out = {"botocore": botocore.__version__}


def acl(aid):
    return ec2.describe_network_acls(NetworkAclIds=[aid])["NetworkAcls"][0]


def acl_of(subnet):
    return ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])["NetworkAcls"]


def address(alloc):
    return ec2.describe_addresses(AllocationIds=[alloc])["Addresses"][0]


vid = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
sid = ec2.create_subnet(VpcId=vid, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
default_id = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vid]},
                                                {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]["NetworkAclId"]

# network ACLs
out["acl_delete_default"] = code(ec2.delete_network_acl, NetworkAclId=default_id)
made = ec2.create_network_acl(VpcId=vid, TagSpecifications=[
    {"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": "web"}]}])["NetworkAcl"]
aid = made["NetworkAclId"]
out["acl_new"] = [made["IsDefault"], made["VpcId"] == vid,
                  sorted([e["RuleNumber"], e["RuleAction"], e["Egress"]] for e in made["Entries"]),
                  len(made["Associations"]), [t["Value"] for t in acl(aid)["Tags"]]]
first = ec2.create_network_acl(VpcId=vid, ClientToken="acl-token-1")["NetworkAcl"]["NetworkAclId"]
again = ec2.create_network_acl(VpcId=vid, ClientToken="acl-token-1")["NetworkAcl"]["NetworkAclId"]
out["acl_token"] = [first == again, first != aid]
ec2.delete_network_acl(NetworkAclId=first)
out["acl_missing_vpc"] = code(ec2.create_network_acl, VpcId="vpc-0123456789abcdef0")
out["acl_dry_run"] = code(ec2.create_network_acl, VpcId=vid, DryRun=True)

ec2.create_network_acl_entry(NetworkAclId=aid, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                             CidrBlock="0.0.0.0/0", PortRange={"From": 80, "To": 80})
ec2.create_network_acl_entry(NetworkAclId=aid, RuleNumber=110, Protocol="1", RuleAction="allow", Egress=False,
                             CidrBlock="10.0.0.0/8", IcmpTypeCode={"Type": 8, "Code": -1})
ec2.create_network_acl_entry(NetworkAclId=aid, RuleNumber=100, Protocol="-1", RuleAction="allow", Egress=True,
                             CidrBlock="0.0.0.0/0")
entry = {"NetworkAclId": aid, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}
out["entry_duplicate"] = code(ec2.create_network_acl_entry, RuleNumber=100, Egress=False, **entry)
out["entry_rule_range"] = [code(ec2.create_network_acl_entry, RuleNumber=32767, Egress=False, **entry),
                           code(ec2.create_network_acl_entry, RuleNumber=0, Egress=False, **entry)]
out["entry_no_ports"] = code(ec2.create_network_acl_entry, NetworkAclId=aid, RuleNumber=120, Protocol="6",
                             RuleAction="allow", Egress=False, CidrBlock="0.0.0.0/0")
out["entry_ipv6"] = code(ec2.create_network_acl_entry, NetworkAclId=aid, RuleNumber=130, Protocol="-1",
                         RuleAction="allow", Egress=False, Ipv6CidrBlock="::/0")
out["entry_bad_action"] = code(ec2.create_network_acl_entry, RuleNumber=140, Egress=False,
                               **dict(entry, RuleAction="permit"))
out["entry_dry_run"] = code(ec2.create_network_acl_entry, RuleNumber=150, Egress=False, DryRun=True, **entry)
out["entry_missing_acl"] = code(ec2.create_network_acl_entry, RuleNumber=150, Egress=False,
                                **dict(entry, NetworkAclId="acl-0123456789abcdef0"))
ec2.replace_network_acl_entry(NetworkAclId=aid, RuleNumber=100, Protocol="17", RuleAction="deny", Egress=False,
                              CidrBlock="10.0.0.0/16", PortRange={"From": 53, "To": 53})
out["replace_missing"] = code(ec2.replace_network_acl_entry, RuleNumber=200, Egress=False, **entry)
out["entries"] = [[e["RuleNumber"], e["Protocol"], e["RuleAction"], e["Egress"], e["CidrBlock"],
                   e.get("PortRange"), e.get("IcmpTypeCode")] for e in acl(aid)["Entries"]]
ec2.delete_network_acl_entry(NetworkAclId=aid, RuleNumber=110, Egress=False)
out["delete_entry_again"] = code(ec2.delete_network_acl_entry, NetworkAclId=aid, RuleNumber=110, Egress=False)
out["delete_entry_final"] = code(ec2.delete_network_acl_entry, NetworkAclId=aid, RuleNumber=32767, Egress=False)
out["after_delete_entry"] = sorted([e["RuleNumber"], e["Egress"]] for e in acl(aid)["Entries"])

assoc = [a for a in acl(default_id)["Associations"] if a["SubnetId"] == sid][0]["NetworkAclAssociationId"]
moved = ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=aid)["NewAssociationId"]
out["acl_moved"] = [moved != assoc, moved.startswith("aclassoc-"), [a["NetworkAclId"] == aid for a in acl_of(sid)],
                    [a["SubnetId"] for a in acl(default_id)["Associations"]].count(sid)]
out["acl_old_association"] = code(ec2.replace_network_acl_association, AssociationId=assoc, NetworkAclId=aid)
out["acl_delete_in_use"] = code(ec2.delete_network_acl, NetworkAclId=aid)
other_vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
other_acl = ec2.create_network_acl(VpcId=other_vpc)["NetworkAcl"]["NetworkAclId"]
out["acl_other_vpc"] = code(ec2.replace_network_acl_association, AssociationId=moved, NetworkAclId=other_acl)
out["delete_vpc_with_acl"] = code(ec2.delete_vpc, VpcId=other_vpc)
ec2.delete_network_acl(NetworkAclId=other_acl)
ec2.delete_vpc(VpcId=other_vpc)
back = ec2.replace_network_acl_association(AssociationId=moved, NetworkAclId=default_id)["NewAssociationId"]
out["acl_back"] = [a["NetworkAclId"] == default_id for a in acl_of(sid)]
ec2.delete_network_acl(NetworkAclId=aid)
out["acl_gone"] = code(ec2.describe_network_acls, NetworkAclIds=[aid])

# Elastic IPs on network interfaces
eni = ec2.create_network_interface(SubnetId=sid, PrivateIpAddress="10.0.1.10",
                                   SecondaryPrivateIpAddressCount=1)["NetworkInterface"]
nid = eni["NetworkInterfaceId"]
secondary = [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"] if not p["Primary"]][0]
alloc = ec2.allocate_address(Domain="vpc")
out["eip_no_igw"] = code(ec2.associate_address, AllocationId=alloc["AllocationId"], NetworkInterfaceId=nid)
igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vid)
out["eip_dry_run"] = code(ec2.associate_address, AllocationId=alloc["AllocationId"], NetworkInterfaceId=nid, DryRun=True)
first_assoc = ec2.associate_address(AllocationId=alloc["AllocationId"], NetworkInterfaceId=nid)["AssociationId"]
a = address(alloc["AllocationId"])
out["eip_on_eni"] = [first_assoc.startswith("eipassoc-"), a["AssociationId"] == first_assoc, a["NetworkInterfaceId"] == nid,
                     a["PrivateIpAddress"], "InstanceId" in a,
                     ec2.describe_network_interfaces(NetworkInterfaceIds=[nid])["NetworkInterfaces"][0]["Association"]["PublicIp"] == alloc["PublicIp"]]
out["eip_by_filter"] = [x["AllocationId"] == alloc["AllocationId"] for x in ec2.describe_addresses(
    Filters=[{"Name": "network-interface-id", "Values": [nid]}])["Addresses"]]
out["eip_release_in_use"] = code(ec2.release_address, AllocationId=alloc["AllocationId"])
alloc2 = ec2.allocate_address(Domain="vpc")
ec2.associate_address(AllocationId=alloc2["AllocationId"], NetworkInterfaceId=nid, PrivateIpAddress=secondary)
out["eip_secondary"] = [address(alloc2["AllocationId"])["PrivateIpAddress"] == secondary,
                        address(alloc["AllocationId"]).get("PrivateIpAddress"),
                        ec2.describe_network_interfaces(NetworkInterfaceIds=[nid])["NetworkInterfaces"][0]["Association"]["PublicIp"] == alloc["PublicIp"]]
out["eip_not_its_ip"] = code(ec2.associate_address, AllocationId=alloc2["AllocationId"], NetworkInterfaceId=nid,
                             PrivateIpAddress="10.0.1.99")
out["eip_neither"] = code(ec2.associate_address, AllocationId=alloc2["AllocationId"])
out["eip_missing_eni"] = code(ec2.associate_address, AllocationId=alloc2["AllocationId"],
                              NetworkInterfaceId="eni-0123456789abcdef0")

other = ec2.create_network_interface(SubnetId=sid)["NetworkInterface"]["NetworkInterfaceId"]
out["eip_taken"] = code(ec2.associate_address, AllocationId=alloc["AllocationId"], NetworkInterfaceId=other)
ec2.associate_address(AllocationId=alloc["AllocationId"], NetworkInterfaceId=other, AllowReassociation=True)
out["eip_moved"] = [address(alloc["AllocationId"])["NetworkInterfaceId"] == other,
                    "Association" in ec2.describe_network_interfaces(NetworkInterfaceIds=[nid])["NetworkInterfaces"][0]]

ami = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]
iid = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=sid)["Instances"][0]["InstanceId"]
ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
ec2.attach_network_interface(NetworkInterfaceId=nid, InstanceId=iid, DeviceIndex=1)
out["eip_instance_of_eni"] = address(alloc2["AllocationId"]).get("InstanceId") == iid
alloc3 = ec2.allocate_address(Domain="vpc")
out["eip_instance_two_enis"] = code(ec2.associate_address, AllocationId=alloc3["AllocationId"], InstanceId=iid)
out["eip_both"] = [code(ec2.associate_address, AllocationId=alloc3["AllocationId"], InstanceId=iid, NetworkInterfaceId=nid),
                   address(alloc3["AllocationId"]).get("NetworkInterfaceId") == nid]
ec2.disassociate_address(AssociationId=address(alloc3["AllocationId"])["AssociationId"])
ec2.disassociate_address(AssociationId=address(alloc2["AllocationId"])["AssociationId"])
out["eip_disassociated"] = ["AssociationId" in address(alloc2["AllocationId"]), "NetworkInterfaceId" in address(alloc2["AllocationId"])]
ec2.delete_network_interface(NetworkInterfaceId=other)
out["eip_eni_deleted"] = ["AssociationId" in address(alloc["AllocationId"]), code(ec2.release_address, AllocationId=alloc["AllocationId"])]

nat = ec2.create_nat_gateway(SubnetId=sid, AllocationId=alloc3["AllocationId"])["NatGateway"]["NatGatewayId"]
out["eip_from_nat"] = code(ec2.associate_address, AllocationId=alloc3["AllocationId"], NetworkInterfaceId=nid,
                           AllowReassociation=True)
print(json.dumps(out))
