package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.RunOptions;
import dev.ec2kit.local.Ec2Local;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An emulator holding a fleet of running instances, for the benchmarks. */
final class Fleet implements AutoCloseable {
  final Ec2Local local;
  final Ec2 ec2;

  Fleet(int instances) {
    local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .instanceLimit(Math.max(1000, instances))
            .ssh(false)
            .log(null)
            .build()
            .start();
    ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
    launch(ec2, instances, "bench");
  }

  /**
   * Launches {@code instances} in calls of 1,000, tagged Name={@code name}; all the instances
   * launched, in order. A subnet holds only so many addresses (the default VPC's, 4,091 each; a
   * /16, 65,531), as on EC2: they go to VPCs of their own, a /16 subnet each.
   */
  static List<Instance> launch(Ec2 ec2, int instances, String name) {
    String ami = linux(ec2);
    List<String> subnets = new ArrayList<>();
    for (int s = 0; s * PER_SUBNET < instances; s++) {
      String cidr = "10." + (10 + s) + ".0.0/16";
      Object vpc = ec2.operations().call("CreateVpc", Map.of("CidrBlock", cidr)).get("Vpc");
      Object subnet =
          ec2.operations()
              .call("CreateSubnet", Map.of("VpcId", field(vpc, "VpcId"), "CidrBlock", cidr))
              .get("Subnet");
      subnets.add(field(subnet, "SubnetId"));
    }
    List<Instance> all = new ArrayList<>();
    for (int launched = 0; launched < instances; launched += 1000) {
      int n = Math.min(1000, instances - launched);
      RunOptions options =
          RunOptions.builder()
              .tag("Name", name)
              .subnetId(subnets.get(launched / PER_SUBNET))
              .build();
      all.addAll(ec2.instances().run(ami, n, n, options));
    }
    return all;
  }

  /** Instances launched into one /16 subnet, in whole calls of 1,000 (it holds 65,531). */
  private static final int PER_SUBNET = 65_000;

  private static String field(Object structure, String name) {
    return (String) ((Map<?, ?>) structure).get(name);
  }

  /** The region's Amazon Linux 2023 image (x86_64), which every benchmark launches. */
  static String linux(Ec2 ec2) {
    return ec2.images()
        .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  @Override
  public void close() {
    local.close();
  }

  /**
   * Instances as EC2 describes them (an emulator's), each reached at one of {@code hosts} on port
   * 22 as {@code user} with {@code key}: real SSH servers dressed as instances for the SSH client.
   */
  static List<Instance> instancesAt(List<String> hosts, String user, Path key) {
    try (Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).ssh(false).log(null).build().start()) {
      Ec2 ec2 =
          Ec2.builder()
              .identity(
                  local
                      .identity("us-east-1")
                      .copy()
                      .sshUser(user)
                      .sshIdentityFile(key)
                      .sshPort(22)
                      .build())
              .build();
      String ami = linux(ec2);
      List<Instance> launched = ec2.instances().run(ami, hosts.size(), hosts.size());
      List<Instance> out = new ArrayList<>();
      for (int k = 0; k < hosts.size(); k++) {
        Instance i = launched.get(k);
        out.add(
            new Instance(
                i.instanceId(),
                i.imageId(),
                i.state(),
                i.previousState(),
                i.stateReason(),
                i.privateDnsName(),
                i.publicDnsName(),
                i.privateIpAddress(),
                hosts.get(k),
                i.keyName(),
                i.amiLaunchIndex(),
                i.instanceType(),
                i.launchTime(),
                i.availabilityZone(),
                i.kernelId(),
                i.ramdiskId(),
                i.reservationId(),
                i.ownerId(),
                i.architecture(),
                i.platform(),
                i.rootDeviceType(),
                i.rootDeviceName(),
                i.blockDeviceMappings(),
                i.vpcId(),
                i.subnetId(),
                i.securityGroups(),
                i.tags(),
                i.clientToken(),
                i.identity()));
      }
      return out;
    }
  }
}
