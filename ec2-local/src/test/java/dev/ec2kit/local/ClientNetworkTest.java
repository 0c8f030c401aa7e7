package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.GroupIdentifier;
import dev.ec2kit.Instance;
import dev.ec2kit.NetworkInterface;
import dev.ec2kit.NetworkInterfaceCreation;
import dev.ec2kit.RunOptions;
import dev.ec2kit.Subnet;
import dev.ec2kit.Vpc;
import dev.ec2kit.VpcAttribute;
import dev.ec2kit.VpcCidrAssociation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library's VPCs, subnets and network interfaces (ec2.vpcs(), subnets(), networkInterfaces())
 * against the emulator; gateways and route tables are {@link ClientRoutingTest}.
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

  /** A security group of a VPC (the typed area makes them in the default VPC). */
  private String group(String vpcId, String name) {
    return (String)
        sim.ec2
            .operations()
            .call(
                "CreateSecurityGroup",
                Map.of("GroupName", name, "Description", name, "VpcId", vpcId))
            .get("GroupId");
  }

  private static String code(Throwable t) {
    return ((Ec2Exception) t).code();
  }

  @Test
  void a_new_vpc_has_its_settings_and_ranges_and_is_deleted_only_once_empty() {
    Vpc made = sim.ec2.vpcs().create("10.0.0.0/16", Map.of("Name", "stack"));
    assertThat(made.vpcId()).matches("vpc-[0-9a-f]{17}");
    assertThat(made.isDefault()).isFalse();
    assertThat(made.tags()).containsEntry("Name", "stack");
    Vpc v = sim.ec2.vpcs().describe(made.vpcId()).get(0);
    assertThat(v.state()).isEqualTo("available");
    assertThat(v.cidrBlockAssociations())
        .singleElement()
        .satisfies(c -> assertThat(c.cidrBlock()).isEqualTo("10.0.0.0/16"));
    assertThat(sim.ec2.vpcs().describe(Map.of("tag:Name", List.of("stack")))).containsExactly(v);

    assertThat(sim.ec2.vpcs().attribute(v.vpcId(), VpcAttribute.DNS_SUPPORT)).isTrue();
    assertThat(sim.ec2.vpcs().attribute(v.vpcId(), VpcAttribute.DNS_HOSTNAMES)).isFalse();
    sim.ec2.vpcs().modifyAttribute(v.vpcId(), VpcAttribute.DNS_HOSTNAMES, true);
    assertThat(sim.ec2.vpcs().attribute(v.vpcId(), VpcAttribute.DNS_HOSTNAMES)).isTrue();

    VpcCidrAssociation extra = sim.ec2.vpcs().associateCidr(v.vpcId(), "10.1.0.0/16");
    assertThat(extra.associationId()).startsWith("vpc-cidr-assoc-");
    assertThat(extra.cidrBlock()).isEqualTo("10.1.0.0/16");
    assertThat(extra.state()).isEqualTo("associating");
    assertThat(sim.ec2.vpcs().describe(v.vpcId()).get(0).cidrBlockAssociations())
        .extracting(VpcCidrAssociation::cidrBlock)
        .containsExactly("10.0.0.0/16", "10.1.0.0/16");

    Subnet a =
        sim.ec2.subnets().create(v.vpcId(), "10.0.1.0/24", "us-east-1a", Map.of("Tier", "web"));
    assertThat(a.vpcId()).isEqualTo(v.vpcId());
    assertThat(a.availabilityZone()).isEqualTo("us-east-1a");
    assertThat(a.availableIpAddressCount()).isEqualTo(251); // 256 less EC2's five reserved
    assertThat(a.mapPublicIpOnLaunch()).isFalse();
    assertThat(a.tags()).containsEntry("Tier", "web");
    sim.ec2.subnets().mapPublicIpOnLaunch(a.subnetId(), true);
    assertThat(sim.ec2.subnets().describe(a.subnetId()).get(0).mapPublicIpOnLaunch()).isTrue();
    Subnet b = sim.ec2.subnets().create(v.vpcId(), "10.1.2.0/24", "us-east-1b");
    assertThat(b.cidrBlock()).isEqualTo("10.1.2.0/24");

    assertThatThrownBy(() -> sim.ec2.subnets().create(v.vpcId(), "10.9.0.0/24", "us-east-1a"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnet.Range"));
    assertThatThrownBy(() -> sim.ec2.subnets().create(v.vpcId(), "10.0.1.128/25", "us-east-1a"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnet.Conflict"));
    assertThatThrownBy(() -> sim.ec2.vpcs().delete(v.vpcId()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));

    sim.ec2.subnets().delete(a.subnetId());
    sim.ec2.subnets().delete(b.subnetId());
    assertThat(sim.ec2.vpcs().disassociateCidr(extra.associationId()).state())
        .isEqualTo("disassociating");
    sim.ec2.vpcs().delete(v.vpcId());
    assertThatThrownBy(() -> sim.ec2.vpcs().describe(v.vpcId()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpcID.NotFound"));
    assertThatThrownBy(() -> sim.ec2.subnets().delete(a.subnetId()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnetID.NotFound"));
  }

  @Test
  void an_interface_is_made_given_addresses_and_groups_attached_detached_and_deleted() {
    Vpc v = sim.ec2.vpcs().create("10.0.0.0/16");
    Subnet s = sim.ec2.subnets().create(v.vpcId(), "10.0.1.0/24", "us-east-1a");
    String web = group(v.vpcId(), "web");
    String admin = group(v.vpcId(), "admin");

    NetworkInterface eni =
        sim.ec2
            .networkInterfaces()
            .create(
                NetworkInterfaceCreation.in(s.subnetId())
                    .groups(web)
                    .privateIp("10.0.1.10")
                    .secondaryPrivateIps("10.0.1.11")
                    .description("second")
                    .tags(Map.of("Name", "web-2")));
    String id = eni.networkInterfaceId();
    assertThat(eni.subnetId()).isEqualTo(s.subnetId());
    assertThat(eni.vpcId()).isEqualTo(v.vpcId());
    assertThat(eni.status()).isEqualTo("available");
    assertThat(eni.privateIpAddress()).isEqualTo("10.0.1.10");
    assertThat(eni.privateIpAddresses()).containsExactly("10.0.1.10", "10.0.1.11");
    assertThat(eni.description()).isEqualTo("second");
    assertThat(eni.groups()).extracting(GroupIdentifier::groupId).containsExactly(web);
    assertThat(eni.tags()).containsEntry("Name", "web-2");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .networkInterfaces()
                    .create(NetworkInterfaceCreation.in(s.subnetId()).privateIp("10.0.1.10")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidIPAddress.InUse"));

    assertThat(sim.ec2.networkInterfaces().assignPrivateIps(id, "10.0.1.20"))
        .containsExactly("10.0.1.20");
    List<String> picked = sim.ec2.networkInterfaces().assignPrivateIps(id, 2);
    assertThat(picked).hasSize(2).allSatisfy(ip -> assertThat(ip).startsWith("10.0.1."));
    sim.ec2.networkInterfaces().unassignPrivateIps(id, "10.0.1.11", "10.0.1.20");
    sim.ec2.networkInterfaces().modifyGroups(id, web, admin);
    sim.ec2.networkInterfaces().modifySourceDestCheck(id, false);
    sim.ec2.networkInterfaces().modifyDescription(id, "routes for others");
    NetworkInterface changed = sim.ec2.networkInterfaces().describe(id).get(0);
    assertThat(changed.privateIpAddresses())
        .containsExactlyInAnyOrder("10.0.1.10", picked.get(0), picked.get(1));
    assertThat(changed.groups())
        .extracting(GroupIdentifier::groupId)
        .containsExactlyInAnyOrder(web, admin);
    assertThat(changed.sourceDestCheck()).isFalse();
    assertThat(changed.description()).isEqualTo("routes for others");

    Instance i =
        sim.ec2
            .instances()
            .run(
                sim.ami(),
                1,
                1,
                RunOptions.builder().subnetId(s.subnetId()).waitUntilRunning().build())
            .get(0);
    String attachment = sim.ec2.networkInterfaces().attach(id, i.instanceId(), 1);
    assertThat(attachment).startsWith("eni-attach-");
    NetworkInterface attached = sim.ec2.networkInterfaces().describe(id).get(0);
    assertThat(attached.attachment().instanceId()).isEqualTo(i.instanceId());
    assertThat(attached.attachment().deviceIndex()).isEqualTo(1);
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().delete(id))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidNetworkInterface.InUse"));
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().attach(id, i.instanceId(), 2))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidNetworkInterface.InUse"));

    sim.ec2.networkInterfaces().detach(attachment, false);
    sim.clock.advance(Duration.ofSeconds(5));
    assertThat(sim.ec2.networkInterfaces().describe(id).get(0).status()).isEqualTo("available");
    sim.ec2.networkInterfaces().delete(id);
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().describe(id))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidNetworkInterfaceID.NotFound"));
  }

  @Test
  void network_calls_check_their_arguments_before_sending() {
    int before = sim.actions.size();
    assertThatThrownBy(() -> sim.ec2.vpcs().create("10.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cidrBlock '10.0.0.0' is not an IPv4 CIDR block");
    assertThatThrownBy(() -> sim.ec2.vpcs().create("10.0.0.256/16"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cidrBlock");
    assertThatThrownBy(() -> sim.ec2.vpcs().create("10.0.0.0/16", Map.of("", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tags");
    assertThatThrownBy(
            () -> sim.ec2.vpcs().modifyAttribute("vpc-1", VpcAttribute.DNS_SUPPORT, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vpcId 'vpc-1'");
    assertThatThrownBy(() -> sim.ec2.vpcs().disassociateCidr("vpc-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("associationId");
    assertThatThrownBy(() -> sim.ec2.subnets().create("vpc-0123456789abcdef0", "10.0.1.0/24", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("availabilityZone is empty");
    assertThatThrownBy(
            () -> NetworkInterfaceCreation.in("subnet-0123456789abcdef0").privateIp("10.0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("privateIpAddress '10.0.1'");
    assertThatThrownBy(
            () ->
                NetworkInterfaceCreation.in("subnet-0123456789abcdef0")
                    .secondaryPrivateIps("10.0.1.5")
                    .secondaryPrivateIpCount(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .networkInterfaces()
                    .attach("eni-0123456789abcdef0", "i-0123456789abcdef0", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deviceIndex must be 1 or more");
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().assignPrivateIps("eni-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("privateIpAddresses must name at least one");
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().modifyGroups("eni-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupIds must name at least one");
    assertThatThrownBy(() -> sim.ec2.networkInterfaces().detach("eni-0123456789abcdef0", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attachmentId");
    assertThat(sim.actions).hasSize(before);
  }
}
