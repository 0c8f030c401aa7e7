package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every RunInstances parameter of botocore's model is either honoured (the instance shows it) or
 * refused with EC2's code and a message naming it: the test walks the model's member list, so a
 * member the emulator has not decided on fails it. Nothing is silently dropped.
 */
@Emulated
class LaunchParametersTest {
  /**
   * A parameter, what to send for it, and what must come of it: a code, or text the instance shows.
   */
  private record Case(String body, String refusedWith, String shown) {}

  private static final String AMI_NAME = "al2023-ami-*-x86_64";

  private static Map<String, Case> cases(String ami, String snapshot) {
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("ImageId", new Case("", null, "<imageId>" + ami + "</imageId>"));
    c.put("MinCount", new Case("", null, "<amiLaunchIndex>0</amiLaunchIndex>"));
    c.put("MaxCount", new Case("", null, "<amiLaunchIndex>0</amiLaunchIndex>"));
    c.put(
        "InstanceType",
        new Case("&InstanceType=t3.small", null, "<instanceType>t3.small</instanceType>"));
    c.put("KeyName", new Case("&KeyName=launch-key", null, "<keyName>launch-key</keyName>"));
    c.put(
        "SecurityGroup",
        new Case("&SecurityGroup.1=default", null, "<groupName>default</groupName>"));
    c.put("SecurityGroupId", new Case("&SecurityGroupId.1=SG", null, "<groupId>SG</groupId>"));
    c.put("SubnetId", new Case("&SubnetId=SUBNET", null, "<subnetId>SUBNET</subnetId>"));
    c.put("UserData", new Case("&UserData=aGVsbG8%3D", null, "<instanceId>"));
    c.put("KernelId", new Case("&KernelId=ami-0123456789abcdef0", "InvalidAMIID.NotFound", null));
    c.put("RamdiskId", new Case("&RamdiskId=ami-0123456789abcdef0", "InvalidAMIID.NotFound", null));
    c.put(
        "Monitoring",
        new Case("&Monitoring.Enabled=true", null, "<monitoring><state>enabled</state>"));
    c.put(
        "Placement",
        new Case(
            "&Placement.AvailabilityZone=us-east-1c",
            null,
            "<availabilityZone>us-east-1c</availabilityZone>"));
    c.put(
        "BlockDeviceMapping",
        new Case(
            "&BlockDeviceMapping.1.DeviceName=/dev/sdf" + "&BlockDeviceMapping.1.Ebs.VolumeSize=5",
            null,
            "<deviceName>/dev/sdf</deviceName>"));
    c.put(
        "ClientToken", new Case("&ClientToken=walk-1", null, "<clientToken>walk-1</clientToken>"));
    c.put("DisableApiTermination", new Case("&DisableApiTermination=false", null, "<instanceId>"));
    c.put("DisableApiStop", new Case("&DisableApiStop=false", null, "<instanceId>"));
    c.put("DryRun", new Case("&DryRun=true", "DryRunOperation", null));
    c.put(
        "EbsOptimized", new Case("&EbsOptimized=true", null, "<ebsOptimized>true</ebsOptimized>"));
    c.put(
        "IamInstanceProfile",
        new Case("&IamInstanceProfile.Name=app", null, "instance-profile/app</arn>"));
    c.put(
        "InstanceInitiatedShutdownBehavior",
        new Case("&InstanceInitiatedShutdownBehavior=terminate", null, "<instanceId>"));
    c.put(
        "PrivateIpAddress",
        new Case(
            "&PrivateIpAddress=172.31.0.200",
            null,
            "<privateIpAddress>172.31.0.200</privateIpAddress>"));
    c.put(
        "TagSpecification",
        new Case(
            "&TagSpecification.1.ResourceType=instance"
                + "&TagSpecification.1.Tag.1.Key=Walk&TagSpecification.1.Tag.1.Value=yes",
            null,
            "<key>Walk</key>"));
    c.put(
        "CreditSpecification",
        new Case(
            "&InstanceType=t3.micro&CreditSpecification.CpuCredits=standard",
            null,
            "<instanceType>t3.micro</instanceType>"));
    c.put(
        "MetadataOptions",
        new Case(
            "&MetadataOptions.HttpTokens=optional", null, "<httpTokens>optional</httpTokens>"));
    c.put(
        "HibernationOptions",
        new Case(
            "&HibernationOptions.Configured=true",
            null,
            "<hibernationOptions><configured>true</configured>"));
    c.put("CpuOptions", new Case("&CpuOptions.CoreCount=9", "Unsupported", null));
    c.put(
        "CapacityReservationSpecification",
        new Case(
            "&CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId=cr-1",
            "Unsupported",
            null));
    c.put("EnclaveOptions", new Case("&EnclaveOptions.Enabled=true", "Unsupported", null));
    c.put(
        "PrivateDnsNameOptions",
        new Case("&PrivateDnsNameOptions.HostnameType=resource-name", "Unsupported", null));
    c.put(
        "MaintenanceOptions",
        new Case("&MaintenanceOptions.AutoRecovery=sometimes", "InvalidParameterValue", null));
    c.put(
        "NetworkInterface",
        new Case(
            "&NetworkInterface.1.DeviceIndex=0&NetworkInterface.1.SubnetId=SUBNET"
                + "&NetworkInterface.2.DeviceIndex=1",
            null,
            "<deviceIndex>1</deviceIndex>"));
    c.put("Ipv6AddressCount", new Case("&Ipv6AddressCount=1", "Unsupported", null));
    c.put("Ipv6Address", new Case("&Ipv6Address.1.Ipv6Address=2001:db8::1", "Unsupported", null));
    c.put(
        "ElasticGpuSpecification",
        new Case("&ElasticGpuSpecification.1.Type=eg1.medium", "Unsupported", null));
    c.put(
        "ElasticInferenceAccelerator",
        new Case("&ElasticInferenceAccelerator.1.Type=eia1.medium", "Unsupported", null));
    c.put(
        "LaunchTemplate",
        new Case(
            "&LaunchTemplate.LaunchTemplateId=lt-0123456789abcdef0",
            "InvalidLaunchTemplateId.NotFound",
            null));
    c.put(
        "InstanceMarketOptions",
        new Case("&InstanceMarketOptions.MarketType=spot", "Unsupported", null));
    c.put(
        "LicenseSpecification",
        new Case("&LicenseSpecification.1.LicenseConfigurationArn=arn:x", "Unsupported", null));
    c.put("AdditionalInfo", new Case("&AdditionalInfo=free+text", null, "<instanceId>"));
    c.put("EnablePrimaryIpv6", new Case("&EnablePrimaryIpv6=true", "Unsupported", null));
    c.put(
        "NetworkPerformanceOptions",
        new Case("&NetworkPerformanceOptions.BandwidthWeighting=vpc-1", "Unsupported", null));
    c.put("Operator", new Case("&Operator.Principal=eks", "Unsupported", null));
    c.put(
        "SecondaryInterface", new Case("&SecondaryInterface.1.DeviceIndex=1", "Unsupported", null));
    return c;
  }

  /** RunInstances' parameters in botocore's model, as the emulator's parameters.tsv lists them. */
  private static Set<String> modelParameters() throws Exception {
    try (var in = dev.ec2kit.local.Ec2Local.class.getResourceAsStream("internal/parameters.tsv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("RunInstances\t")) {
          return new TreeSet<>(Set.of(line.substring(line.indexOf('\t') + 1).split(" ")));
        }
      }
    }
    throw new AssertionError("RunInstances is not in parameters.tsv");
  }

  @Test
  void every_runinstances_parameter_of_the_model_is_honoured_or_refused_naming_it(Ec2Local local)
      throws Exception {
    var ec2 = dev.ec2kit.Ec2.builder().identity(local.identity("us-east-1")).build();
    String ami =
        ec2.images()
            .describe(dev.ec2kit.ImageQuery.builder().filter("name", AMI_NAME).build())
            .get(0)
            .imageId();
    ec2.keyPairs()
        .importKey(
            "launch-key",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x");
    String sg = ec2.securityGroups().describe("default").get(0).groupId();
    String subnet =
        Strict.xml(
                Raw.signed(
                        local,
                        Instant.now(),
                        "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=availability-zone&Filter.1.Value.1=us-east-1a")
                    .body())
            .getElementsByTagName("subnetId")
            .item(0)
            .getTextContent();
    Map<String, Case> cases = cases(ami, null);
    assertThat(new TreeSet<>(cases.keySet())).isEqualTo(modelParameters());
    for (Map.Entry<String, Case> e : cases.entrySet()) {
      Case c = e.getValue();
      String body =
          ("Action=RunInstances&Version=2016-11-15&ImageId="
                  + ami
                  + "&MinCount=1&MaxCount=1"
                  + c.body())
              .replace("SUBNET", subnet)
              .replace("=SG", "=" + sg);
      HttpResponse<String> r = Raw.signed(local, Instant.now(), body);
      if (c.refusedWith() != null) {
        assertThat(Strict.code(r.body()))
            .as(e.getKey() + ": " + r.body())
            .isEqualTo(c.refusedWith());
        String message =
            Strict.xml(r.body()).getElementsByTagName("Message").item(0).getTextContent();
        if (!c.refusedWith().startsWith("DryRun") && !c.refusedWith().startsWith("InvalidAMIID")) {
          assertThat(message.replace(" ", "")).as(e.getKey()).containsIgnoringCase(e.getKey());
        }
      } else {
        assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
        String id =
            Strict.xml(r.body()).getElementsByTagName("instanceId").item(0).getTextContent();
        String shown =
            Raw.signed(
                    local,
                    Instant.now(),
                    "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=" + id)
                .body();
        assertThat(shown)
            .as(e.getKey())
            .contains(c.shown().replace("SUBNET", subnet).replace("SG", sg));
      }
    }
  }

  @Test
  void an_unknown_parameter_is_refused_not_ignored(Ec2Local local) throws Exception {
    HttpResponse<String> r =
        Raw.signed(
            local,
            Instant.now(),
            "Action=DescribeInstances&Version=2016-11-15&InstanceIds.1=i-0123456789abcdef0");
    assertThat(Strict.code(r.body())).isEqualTo("UnknownParameter");
    assertThat(r.body()).contains("InstanceIds");
  }
}
