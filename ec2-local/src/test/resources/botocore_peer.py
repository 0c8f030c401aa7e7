"""botocore (Debian's python3-botocore) against the emulator: tags, VPCs, subnets, instance types,
attributes, status and its waiters, network interfaces, security-group rules, CreateImage. Prints
one JSON object of what it saw; BotocorePeerTest asserts on it. Usage: botocore_peer.py ENDPOINT"""
import json

from botocore_emulator import client, code

ec2 = client()
out = {}


vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
out["vpcs"] = [(v["VpcId"], v["CidrBlock"], v["IsDefault"]) for v in vpcs]
subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
out["subnet_zones"] = sorted(s["AvailabilityZone"] for s in subnets)
out["subnet_vpcs"] = sorted({s["VpcId"] for s in subnets})
before = {s["SubnetId"]: s["AvailableIpAddressCount"] for s in subnets}

types = ec2.describe_instance_types(InstanceTypes=["t3.micro", "m7g.large"])["InstanceTypes"]
out["types"] = {t["InstanceType"]: [t["VCpuInfo"]["DefaultVCpus"], t["MemoryInfo"]["SizeInMiB"],
                                    t["ProcessorInfo"]["SupportedArchitectures"], t["BurstablePerformanceSupported"]]
                for t in types}
burstable = ec2.describe_instance_types(Filters=[{"Name": "burstable-performance-supported", "Values": ["true"]}])
out["burstable_all_t"] = all(t["InstanceType"].startswith("t") for t in burstable["InstanceTypes"])
out["bad_type"] = code(ec2.describe_instance_types, InstanceTypes=["t9.huge"])

ami = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]
run = ec2.run_instances(ImageId=ami, MinCount=2, MaxCount=2, InstanceType="t3.micro",
                        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]},
                                           {"ResourceType": "volume", "Tags": [{"Key": "Owner", "Value": "ops"}]}],
                        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30, "VolumeType": "gp3"}}],
                        MetadataOptions={"HttpTokens": "required", "HttpPutResponseHopLimit": 3},
                        IamInstanceProfile={"Name": "web-role"})
ids = [i["InstanceId"] for i in run["Instances"]]
ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
ec2.get_waiter("instance_status_ok").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
ec2.get_waiter("system_status_ok").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
status = ec2.describe_instance_status(InstanceIds=ids)["InstanceStatuses"]
out["status"] = sorted({(s["InstanceStatus"]["Status"], s["SystemStatus"]["Status"]) for s in status})
inst = ec2.describe_instances(InstanceIds=ids[:1])["Reservations"][0]["Instances"][0]
out["root"] = [(b["DeviceName"], b["Ebs"]["VolumeId"]) for b in inst["BlockDeviceMappings"]]
root = ec2.describe_volumes(VolumeIds=[out["root"][0][1]])["Volumes"][0]
out["root_volume"] = [root["Size"], root["VolumeType"], [t["Value"] for t in root.get("Tags", [])]]
out["metadata"] = [inst["MetadataOptions"]["HttpTokens"], inst["MetadataOptions"]["HttpPutResponseHopLimit"]]
out["profile"] = inst["IamInstanceProfile"]["Arn"]
out["eni"] = inst["NetworkInterfaces"][0]["NetworkInterfaceId"]
after = {s["SubnetId"]: s["AvailableIpAddressCount"] for s in ec2.describe_subnets()["Subnets"]}
out["addresses_used"] = before[inst["SubnetId"]] - after[inst["SubnetId"]]

ec2.create_tags(Resources=[ids[0], out["eni"]], Tags=[{"Key": "Role", "Value": "frontend"}, {"Key": "Tier", "Value": "1"}])
tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[0]]}])["Tags"]
out["tags"] = sorted((t["Key"], t["Value"], t["ResourceType"]) for t in tags)
ec2.delete_tags(Resources=[ids[0]], Tags=[{"Key": "Tier"}])
out["tags_after_delete"] = sorted(t["Key"] for t in ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[0]]}])["Tags"])
out["by_tag"] = len(ec2.describe_instances(Filters=[{"Name": "tag:Role", "Values": ["frontend"]}])["Reservations"])
out["eni_tags"] = [t["Key"] for t in ec2.describe_network_interfaces(NetworkInterfaceIds=[out["eni"]])["NetworkInterfaces"][0]["TagSet"]]
out["aws_prefix"] = code(ec2.create_tags, Resources=[ids[0]], Tags=[{"Key": "aws:mine", "Value": "x"}])
out["tag_limit"] = code(ec2.create_tags, Resources=[ids[0]], Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(50)])

attr = ec2.describe_instance_attribute(InstanceId=ids[0], Attribute="instanceType")
out["attr_type"] = attr["InstanceType"]["Value"]
ec2.modify_instance_attribute(InstanceId=ids[0], DisableApiTermination={"Value": True})
out["protected"] = code(ec2.terminate_instances, InstanceIds=[ids[0]])
out["type_while_running"] = code(ec2.modify_instance_attribute, InstanceId=ids[0], InstanceType={"Value": "t3.small"})
ec2.modify_instance_attribute(InstanceId=ids[0], DisableApiTermination={"Value": False})
out["credits"] = [c["CpuCredits"] for c in ec2.describe_instance_credit_specifications(InstanceIds=ids[:1])["InstanceCreditSpecifications"]]

enis = ec2.describe_network_interfaces(Filters=[{"Name": "attachment.instance-id", "Values": [ids[0]]}])["NetworkInterfaces"]
out["enis"] = [(e["NetworkInterfaceId"], e["Attachment"]["InstanceId"]) for e in enis]

group = ec2.create_security_group(GroupName="web", Description="web servers")["GroupId"]
auth = ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "ssh from the office"}]}])
out["rule_ids"] = [r["SecurityGroupRuleId"][:4] for r in auth["SecurityGroupRules"]]
rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])["SecurityGroupRules"]
out["rules"] = sorted((r["IsEgress"], r["IpProtocol"], r.get("CidrIpv4"), r.get("Description")) for r in rules)
described = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["IpPermissions"][0]["IpRanges"][0]
out["range_description"] = described.get("Description")

image = ec2.create_image(InstanceId=ids[1], Name="web-image", NoReboot=True)["ImageId"]
ec2.get_waiter("image_available").wait(ImageIds=[image], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
img = ec2.describe_images(ImageIds=[image])["Images"][0]
out["image"] = [img["State"], img["RootDeviceType"], [b["Ebs"]["SnapshotId"][:5] for b in img["BlockDeviceMappings"]]]
out["launch_template"] = code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1,
                              LaunchTemplate={"LaunchTemplateName": "nope"})
out["spot"] = code(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1,
                   InstanceMarketOptions={"MarketType": "spot"})
print(json.dumps(out))
