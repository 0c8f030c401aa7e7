"""botocore (Debian's python3-botocore) against the emulator's launch templates: create, a version
from a source version, $Latest and $Default, a new default, deleting versions (the default
refused), deleting the template, a duplicate name refused, launching from a template. Prints one JSON object of what it saw;
LaunchTemplatesPeerTest asserts on it. Usage: botocore_launch_templates.py ENDPOINT"""
import json

from botocore_emulator import client, code

ec2 = client("sa-east-1")
out = {}


lt = ec2.create_launch_template(
    LaunchTemplateName="peer-web", VersionDescription="first",
    LaunchTemplateData={
        "ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.micro", "KeyName": "deploy",
        "SecurityGroupIds": ["sg-11111111"],
        "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
        "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30}}],
        "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Role", "Value": "web"}]}]},
    TagSpecifications=[{"ResourceType": "launch-template", "Tags": [{"Key": "Team", "Value": "blue"}]}],
)["LaunchTemplate"]
lt_id = lt["LaunchTemplateId"]
out["created"] = [lt["LaunchTemplateName"], lt["DefaultVersionNumber"], lt["LatestVersionNumber"],
                  lt["Tags"]]
v2 = ec2.create_launch_template_version(
    LaunchTemplateId=lt_id, SourceVersion="1", LaunchTemplateData={"InstanceType": "m7g.large"}
)["LaunchTemplateVersion"]
d = v2["LaunchTemplateData"]
out["v2"] = [v2["VersionNumber"], v2["DefaultVersion"], d["InstanceType"], d["ImageId"],
             d["SecurityGroupIds"], d["MetadataOptions"]["HttpPutResponseHopLimit"],
             d["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"],
             d["TagSpecifications"][0]["Tags"][0]["Value"]]
vs = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id,
                                           Versions=["$Latest", "$Default"])["LaunchTemplateVersions"]
out["latest_default"] = [(v["VersionNumber"], v["DefaultVersion"]) for v in vs]
m = ec2.modify_launch_template(LaunchTemplateId=lt_id, DefaultVersion="2")["LaunchTemplate"]
out["modified"] = [m["DefaultVersionNumber"], m["LatestVersionNumber"]]
dv = ec2.delete_launch_template_versions(LaunchTemplateId=lt_id, Versions=["1", "2"])
out["deleted"] = [v["VersionNumber"] for v in dv["SuccessfullyDeletedLaunchTemplateVersions"]]
out["refused"] = [(v["VersionNumber"], v["ResponseError"]["Code"])
                  for v in dv["UnsuccessfullyDeletedLaunchTemplateVersions"]]
out["duplicate"] = code(ec2.create_launch_template, LaunchTemplateName="peer-web",
                        LaunchTemplateData={"ImageId": "ami-0123456789abcdef0"})
found = ec2.describe_launch_templates(Filters=[{"Name": "tag:Team", "Values": ["blue"]}])
out["found"] = [t["LaunchTemplateId"] == lt_id for t in found["LaunchTemplates"]]
ec2.delete_launch_template(LaunchTemplateName="peer-web")
out["after_delete"] = code(ec2.describe_launch_templates, LaunchTemplateNames=["peer-web"])
ami = ec2.describe_images(Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]
launch = ec2.create_launch_template(
    LaunchTemplateName="peer-launch",
    LaunchTemplateData={
        "ImageId": ami["ImageId"], "InstanceType": "t3.micro",
        "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Role", "Value": "web"}]}]},
)["LaunchTemplate"]
ec2.create_launch_template_version(LaunchTemplateName="peer-launch", SourceVersion="1",
                                   LaunchTemplateData={"InstanceType": "t3.small"})
ran = ec2.run_instances(MinCount=1, MaxCount=1,
                        LaunchTemplate={"LaunchTemplateName": "peer-launch", "Version": "$Latest"})
instance = ec2.describe_instances(InstanceIds=[ran["Instances"][0]["InstanceId"]])[
    "Reservations"][0]["Instances"][0]
tags = {t["Key"]: t["Value"] for t in instance["Tags"]}
out["launched"] = [instance["ImageId"] == ami["ImageId"], instance["InstanceType"],
                   tags["aws:ec2launchtemplate:id"] == launch["LaunchTemplateId"],
                   tags["aws:ec2launchtemplate:version"], tags["Role"]]
out["unknown_version"] = code(ec2.run_instances, MinCount=1, MaxCount=1,
                              LaunchTemplate={"LaunchTemplateId": launch["LaunchTemplateId"],
                                              "Version": "7"})
print(json.dumps(out))
