package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.GroupIdentifier;
import dev.ec2kit.Instance;
import dev.ec2kit.NetworkInterface;
import dev.ec2kit.RunOptions;
import dev.ec2kit.Subnet;
import dev.ec2kit.Vpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library's VPCs, subnets and network interfaces (ec2.vpcs(), subnets(), networkInterfaces())
 * against the emulator.
 */
class ClientNetworkTest {
  private final Sim sim = new Sim(Duration.ofSeconds(1));

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void the_default_vpc_and_its_subnets_are_found_by_filter_and_launched_into() {
    Vpc main = sim.ec2.vpcs().describe(Map.of("is-default", List.of("true"))).get(0);
    assertThat(main.vpcId()).matches("vpc-[0-9a-f]{8,17}");
    assertThat(main.isDefault()).isTrue();
    assertThat(main.cidrBlock()).isEqualTo("172.31.0.0/16");
    assertThat(main.state()).isEqualTo("available");
    assertThat(main.toString())
        .isEqualTo("Vpc[" + main.vpcId() + " 172.31.0.0/16 available default]");
    assertThat(sim.ec2.vpcs().describe(main.vpcId())).containsExactly(main);

    List<Subnet> all = sim.ec2.subnets().describe(Map.of("vpc-id", List.of(main.vpcId())));
    assertThat(all).isNotEmpty().allSatisfy(s -> assertThat(s.vpcId()).isEqualTo(main.vpcId()));
    Subnet b =
        sim.ec2
            .subnets()
            .describe(
                Map.of(
                    "availability-zone", List.of("us-east-1b"),
                    "default-for-az", List.of("true")))
            .get(0);
    assertThat(b.availabilityZone()).isEqualTo("us-east-1b");
    assertThat(b.defaultForAz()).isTrue();
    assertThat(b.cidrBlock()).endsWith("/20");
    int free = b.availableIpAddressCount();
    assertThat(free).isPositive();

    Instance i =
        sim.ec2
            .instances()
            .run(sim.ami(), 1, 1, RunOptions.builder().subnetId(b.subnetId()).build())
            .get(0);
    assertThat(i.subnetId()).isEqualTo(b.subnetId());
    assertThat(i.vpcId()).isEqualTo(main.vpcId());
    assertThat(sim.ec2.subnets().describe(b.subnetId()))
        .singleElement()
        .satisfies(s -> assertThat(s.availableIpAddressCount()).isEqualTo(free - 1));
  }

  @Test
  void an_instances_primary_interface_is_listed_with_its_address_groups_and_attachment() {
    String group = sim.ec2.securityGroups().create("web", "web servers");
    Instance i =
        sim.ec2
            .instances()
            .run(sim.ami(), 1, 1, RunOptions.builder().securityGroupId(group).build())
            .get(0);
    NetworkInterface eni =
        sim.ec2
            .networkInterfaces()
            .describe(Map.of("attachment.instance-id", List.of(i.instanceId())))
            .get(0);
    assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{8,17}");
    assertThat(eni.subnetId()).isEqualTo(i.subnetId());
    assertThat(eni.vpcId()).isEqualTo(i.vpcId());
    assertThat(eni.privateIpAddress()).isEqualTo(i.privateIpAddress());
    assertThat(eni.privateIpAddresses()).containsExactly(i.privateIpAddress());
    assertThat(eni.publicIp()).isEqualTo(i.publicIpAddress());
    assertThat(eni.status()).isEqualTo("in-use");
    assertThat(eni.groups()).extracting(GroupIdentifier::groupId).containsExactly(group);
    assertThat(eni.attachment().instanceId()).isEqualTo(i.instanceId());
    assertThat(eni.attachment().deviceIndex()).isZero();
    assertThat(eni.attachment().deleteOnTermination()).isTrue();
    assertThat(eni.toString()).contains(eni.networkInterfaceId(), i.instanceId() + "#0");
    assertThat(sim.ec2.networkInterfaces().describe(eni.networkInterfaceId())).containsExactly(eni);
  }

  @Test
  void unknown_ids_are_ec2s_errors_and_malformed_ones_are_refused_before_sending() {
    assertThatThrownBy(() -> sim.ec2.subnets().describe("subnet-0123456789abcdef0"))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidSubnetID.NotFound"));
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().describe("eni-0123456789abcdef0"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.code()).isEqualTo("InvalidNetworkInterfaceID.NotFound"));
    assertThatThrownBy(() -> sim.ec2.vpcs().describe("vpc-0123456789abcdef0"))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidVpcID.NotFound"));
    int before = sim.actions.size();
    assertThatThrownBy(() -> sim.ec2.subnets().describe("sn-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subnetIds 'sn-1'");
    assertThatThrownBy(() -> sim.ec2.vpcs().describe("default"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vpcIds 'default'");
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().describe("i-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkInterfaceIds 'i-0123456789abcdef0'");
    assertThat(sim.actions).hasSize(before);
  }
}
