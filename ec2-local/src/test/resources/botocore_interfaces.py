"""botocore against the emulator's security groups in a VPC of one's own and its network
interfaces: names unique per VPC, each VPC's default group, rules that reference another group,
DescribeSecurityGroupRules and ModifySecurityGroupRules; interfaces made, attached at device
indexes, modified, given addresses, launched with (NetworkInterfaces) and left or deleted when
their instance ends; and the dependency rules between them.
Prints one JSON object of what it saw; InterfacesPeerTest asserts on it.
Usage: botocore_interfaces.py ENDPOINT"""
import json

from botocore_emulator import client, code

ec2 = client()
out = {}
fast = {"Delay": 1, "MaxAttempts": 30}


def eni(eid):
    return ec2.describe_network_interfaces(NetworkInterfaceIds=[eid])["NetworkInterfaces"][0]


ami = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]
vid = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
sid = ec2.create_subnet(VpcId=vid, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]

# security groups in the VPC
web = ec2.create_security_group(GroupName="web", Description="web", VpcId=vid)["GroupId"]
out["sg_duplicate"] = code(ec2.create_security_group, GroupName="web", Description="again", VpcId=vid)
elsewhere = ec2.create_security_group(GroupName="web", Description="in the default VPC")["GroupId"]
out["sg_default_vpc"] = ec2.describe_security_groups(GroupIds=[elsewhere])["SecurityGroups"][0]["VpcId"] != vid
vdefault = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
out["vpc_default_sg"] = [(g["GroupName"], g["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"] == g["GroupId"]) for g in vdefault]
out["delete_default_sg"] = code(ec2.delete_security_group, GroupId=vdefault[0]["GroupId"])
db = ec2.create_security_group(GroupName="db", Description="db", VpcId=vid)["GroupId"]
rule = ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": web}]}],
    TagSpecifications=[{"ResourceType": "security-group-rule", "Tags": [{"Key": "Name", "Value": "db-from-web"}]}])["SecurityGroupRules"][0]
out["rule_tags"] = [[t["Value"] for t in rule.get("Tags", [])],
                    [r["SecurityGroupRuleId"] == rule["SecurityGroupRuleId"] for r in ec2.describe_security_group_rules(
                        Filters=[{"Name": "tag:Name", "Values": ["db-from-web"]}])["SecurityGroupRules"]],
                    [t["ResourceType"] for t in ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [rule["SecurityGroupRuleId"]]}])["Tags"]]]
out["rule_ref"] = [rule["ReferencedGroupInfo"]["GroupId"] == web, rule["FromPort"]]
out["delete_referenced"] = code(ec2.delete_security_group, GroupId=web)
ec2.modify_security_group_rules(GroupId=db, SecurityGroupRules=[{"SecurityGroupRuleId": rule["SecurityGroupRuleId"], "SecurityGroupRule": {
    "IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "ReferencedGroupId": web, "Description": "mysql from web"}}])
rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [db]}])["SecurityGroupRules"]
out["modified_rule"] = sorted((r["SecurityGroupRuleId"] == rule["SecurityGroupRuleId"], r["IsEgress"], r["FromPort"], r.get("Description"))
                              for r in rules)
extra = ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])["SecurityGroupRules"][0]["SecurityGroupRuleId"]
out["revoke_by_id"] = [code(ec2.revoke_security_group_egress, GroupId=web, SecurityGroupRuleIds=[extra]),
                       code(ec2.revoke_security_group_ingress, GroupId=web, SecurityGroupRuleIds=[extra]),
                       [r["SecurityGroupRuleId"] for r in ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [web]}])["SecurityGroupRules"]
                        if r["SecurityGroupRuleId"] == extra]]
out["modify_missing_rule"] = code(ec2.modify_security_group_rules, GroupId=db, SecurityGroupRules=[
    {"SecurityGroupRuleId": "sgr-0123456789abcdef0", "SecurityGroupRule": {"IpProtocol": "-1", "CidrIpv4": "10.0.0.0/8"}}])

# an interface of one's own
nic = ec2.create_network_interface(SubnetId=sid, Groups=[db], PrivateIpAddress="10.0.1.10", SecondaryPrivateIpAddressCount=2,
                                   Description="data", TagSpecifications=[{"ResourceType": "network-interface", "Tags": [{"Key": "Role", "Value": "data"}]}])["NetworkInterface"]
nid = nic["NetworkInterfaceId"]
out["nic"] = [nic["Status"], nic["PrivateIpAddress"], len(nic["PrivateIpAddresses"]), nic["Description"], [g["GroupName"] for g in nic["Groups"]]]
out["nic_in_use_ip"] = code(ec2.create_network_interface, SubnetId=sid, PrivateIpAddress="10.0.1.10")
out["nic_out_of_range"] = code(ec2.create_network_interface, SubnetId=sid, PrivateIpAddress="10.0.2.10")
out["nic_other_vpc_group"] = code(ec2.create_network_interface, SubnetId=sid, Groups=[elsewhere])
out["available_count"] = ec2.describe_subnets(SubnetIds=[sid])["Subnets"][0]["AvailableIpAddressCount"]
out["delete_sg_used"] = code(ec2.delete_security_group, GroupId=db)

inst = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SubnetId=sid, SecurityGroupIds=[web])["Instances"][0]
iid = inst["InstanceId"]
ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=fast)
att = ec2.attach_network_interface(NetworkInterfaceId=nid, InstanceId=iid, DeviceIndex=1)["AttachmentId"]
other = ec2.create_network_interface(SubnetId=sid)["NetworkInterface"]["NetworkInterfaceId"]
out["attach_same_index"] = code(ec2.attach_network_interface, NetworkInterfaceId=other, InstanceId=iid, DeviceIndex=1)
out["attach_twice"] = code(ec2.attach_network_interface, NetworkInterfaceId=nid, InstanceId=iid, DeviceIndex=2)
out["delete_attached"] = code(ec2.delete_network_interface, NetworkInterfaceId=nid)
shown = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
out["instance_enis"] = sorted((n["Attachment"]["DeviceIndex"], n["NetworkInterfaceId"] == nid) for n in shown["NetworkInterfaces"])
out["by_filters"] = [
    sorted(n["NetworkInterfaceId"] == nid for n in ec2.describe_network_interfaces(Filters=[{"Name": f, "Values": v}])["NetworkInterfaces"])
    for f, v in [("attachment.instance-id", [iid]), ("addresses.private-ip-address", ["10.0.1.10"]), ("group-id", [db]),
                 ("tag:Role", ["data"]), ("attachment.device-index", ["1"]), ("description", ["dat*"])]]
out["instance_by_eni"] = [len(ec2.describe_instances(Filters=[{"Name": f, "Values": v}])["Reservations"]) for f, v in
                          [("network-interface.network-interface-id", [nid]), ("network-interface.addresses.private-ip-address", ["10.0.1.10"]),
                           ("network-interface.attachment.device-index", ["1"]), ("network-interface.tag-key", ["Role"]),
                           ("network-interface.subnet-id", ["subnet-0123456789abcdef0"])]]
out["by_status"] = len(ec2.describe_network_interfaces(Filters=[{"Name": "status", "Values": ["available"]}, {"Name": "vpc-id", "Values": [vid]}])["NetworkInterfaces"])
out["eni_bad_filter"] = code(ec2.describe_network_interfaces, Filters=[{"Name": "colour", "Values": ["x"]}])
ec2.modify_network_interface_attribute(NetworkInterfaceId=nid, Description={"Value": "data plane"})
ec2.modify_network_interface_attribute(NetworkInterfaceId=nid, SourceDestCheck={"Value": False})
ec2.modify_network_interface_attribute(NetworkInterfaceId=nid, Groups=[db, web])
ec2.modify_network_interface_attribute(NetworkInterfaceId=nid, Attachment={"AttachmentId": att, "DeleteOnTermination": True})
got = eni(nid)
out["modified"] = [got["Description"], got["SourceDestCheck"], sorted(g["GroupName"] for g in got["Groups"]), got["Attachment"]["DeleteOnTermination"]]
out["attributes"] = [ec2.describe_network_interface_attribute(NetworkInterfaceId=nid, Attribute="description")["Description"]["Value"],
                     ec2.describe_network_interface_attribute(NetworkInterfaceId=nid, Attribute="sourceDestCheck")["SourceDestCheck"]["Value"],
                     sorted(g["GroupName"] for g in ec2.describe_network_interface_attribute(NetworkInterfaceId=nid, Attribute="groupSet")["Groups"]),
                     ec2.describe_network_interface_attribute(NetworkInterfaceId=nid, Attribute="attachment")["Attachment"]["DeviceIndex"],
                     code(ec2.describe_network_interface_attribute, NetworkInterfaceId=nid, Attribute="colour")]
added = ec2.assign_private_ip_addresses(NetworkInterfaceId=nid, SecondaryPrivateIpAddressCount=1)["AssignedPrivateIpAddresses"]
out["assigned"] = [len(added), len(eni(nid)["PrivateIpAddresses"])]
ec2.unassign_private_ip_addresses(NetworkInterfaceId=nid, PrivateIpAddresses=[added[0]["PrivateIpAddress"]])
out["unassigned"] = len(eni(nid)["PrivateIpAddresses"])
out["unassign_primary"] = code(ec2.unassign_private_ip_addresses, NetworkInterfaceId=nid, PrivateIpAddresses=["10.0.1.10"])
primary_att = [n["Attachment"]["AttachmentId"] for n in shown["NetworkInterfaces"] if n["Attachment"]["DeviceIndex"] == 0][0]
out["detach_primary"] = code(ec2.detach_network_interface, AttachmentId=primary_att)
ec2.detach_network_interface(AttachmentId=att)
# EC2 still shows the last attachment as detached (Terraform waits for it), found by its id
by_att = ec2.describe_network_interfaces(Filters=[{"Name": "attachment.attachment-id", "Values": [att]}])["NetworkInterfaces"]
out["detached"] = [eni(nid)["Status"], eni(nid)["Attachment"]["Status"], [n["NetworkInterfaceId"] == nid for n in by_att],
                   code(ec2.detach_network_interface, AttachmentId=att)]
out["primary_sg"] = [g["GroupId"] == web for g in ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["SecurityGroups"]]

# launched with interfaces: one given by id, one made
second = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, NetworkInterfaces=[
    {"DeviceIndex": 0, "NetworkInterfaceId": other},
    {"DeviceIndex": 1, "SubnetId": sid, "Groups": [db], "PrivateIpAddress": "10.0.1.20", "DeleteOnTermination": True}])["Instances"][0]
out["launched_with"] = [second["PrivateIpAddress"] == eni(other)["PrivateIpAddress"],
                        sorted((n["Attachment"]["DeviceIndex"], n["PrivateIpAddress"] == "10.0.1.20") for n in second["NetworkInterfaces"])]
out["launch_in_use"] = code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1, NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": other}])
out["launch_mixed"] = code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1, SubnetId=sid, NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": sid}])
out["delete_subnet_in_use"] = code(ec2.delete_subnet, SubnetId=sid)
ec2.terminate_instances(InstanceIds=[iid, second["InstanceId"]])
ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid, second["InstanceId"]], WaiterConfig=fast)
left = ec2.describe_network_interfaces(Filters=[{"Name": "vpc-id", "Values": [vid]}])["NetworkInterfaces"]
out["left_after_terminate"] = sorted((n["NetworkInterfaceId"] == other, n["Status"]) for n in left)
out["delete_vpc_in_use"] = code(ec2.delete_vpc, VpcId=vid)
ec2.delete_network_interface(NetworkInterfaceId=other)
ec2.delete_network_interface(NetworkInterfaceId=nid)
out["eni_missing"] = code(ec2.describe_network_interfaces, NetworkInterfaceIds=[other])
out["after_rules"] = code(ec2.delete_security_group, GroupId=db)
out["after_ref"] = code(ec2.delete_security_group, GroupId=web)
ec2.delete_security_group(GroupId=elsewhere)
ec2.delete_subnet(SubnetId=sid)
ec2.delete_vpc(VpcId=vid)
out["vpc_gone"] = code(ec2.describe_vpcs, VpcIds=[vid])
print(json.dumps(out))
