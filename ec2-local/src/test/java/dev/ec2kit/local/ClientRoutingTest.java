package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Address;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.InternetGateway;
import dev.ec2kit.NatGateway;
import dev.ec2kit.NatGatewayState;
import dev.ec2kit.RouteTable;
import dev.ec2kit.RouteTarget;
import dev.ec2kit.Subnet;
import dev.ec2kit.Vpc;
import dev.ec2kit.WaitException;
import dev.ec2kit.WaitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library's internet gateways, route tables and NAT gateways (ec2.internetGateways(),
 * routeTables(), natGateways()) against the emulator: a VPC with a public and a private subnet.
 */
class ClientRoutingTest {
  private final Sim sim = new Sim(Duration.ofSeconds(1));

  @AfterEach
  void close() {
    sim.close();
  }

  private static String code(Throwable t) {
    return ((Ec2Exception) t).code();
  }

  private static WaitOptions quick() {
    return WaitOptions.defaults().interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(30));
  }

  @Test
  void an_internet_gateway_is_attached_once_and_deleted_only_when_detached() {
    Vpc v = sim.ec2.vpcs().create("10.0.0.0/16");
    InternetGateway igw = sim.ec2.internetGateways().create(Map.of("Name", "main"));
    String id = igw.internetGatewayId();
    assertThat(id).matches("igw-[0-9a-f]{17}");
    assertThat(igw.vpcId()).isEmpty();
    assertThat(igw.tags()).containsEntry("Name", "main");

    sim.ec2.internetGateways().attach(id, v.vpcId());
    InternetGateway attached = sim.ec2.internetGateways().describe(id).get(0);
    assertThat(attached.vpcId()).contains(v.vpcId());
    assertThat(attached.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo("available"));
    assertThat(attached.toString())
        .isEqualTo("InternetGateway[" + id + " attached to " + v.vpcId() + "]");
    assertThat(sim.ec2.internetGateways().describe(Map.of("attachment.vpc-id", List.of(v.vpcId()))))
        .containsExactly(attached);

    String other = sim.ec2.internetGateways().create().internetGatewayId();
    assertThatThrownBy(() -> sim.ec2.internetGateways().attach(other, v.vpcId()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
    assertThatThrownBy(() -> sim.ec2.internetGateways().delete(id))
        .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));

    sim.ec2.internetGateways().detach(id, v.vpcId());
    assertThatThrownBy(() -> sim.ec2.internetGateways().detach(id, v.vpcId()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("Gateway.NotAttached"));
    sim.ec2.internetGateways().delete(id);
    assertThatThrownBy(() -> sim.ec2.internetGateways().describe(id))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInternetGatewayID.NotFound"));
  }

  @Test
  void public_and_private_route_tables_route_through_the_gateways_and_move_their_associations() {
    Vpc v = sim.ec2.vpcs().create("10.0.0.0/16");
    Subnet pub = sim.ec2.subnets().create(v.vpcId(), "10.0.1.0/24", "us-east-1a");
    Subnet priv = sim.ec2.subnets().create(v.vpcId(), "10.0.2.0/24", "us-east-1a");
    String igw = sim.ec2.internetGateways().create().internetGatewayId();
    sim.ec2.internetGateways().attach(igw, v.vpcId());

    RouteTable main =
        sim.ec2
            .routeTables()
            .describe(Map.of("vpc-id", List.of(v.vpcId()), "association.main", List.of("true")))
            .get(0);
    assertThat(main.isMain()).isTrue();
    assertThat(main.route("10.0.0.0/16"))
        .hasValueSatisfying(r -> assertThat(r.gatewayId()).isEqualTo("local"));

    RouteTable publicTable = sim.ec2.routeTables().create(v.vpcId(), Map.of("Name", "public"));
    String table = publicTable.routeTableId();
    assertThat(publicTable.isMain()).isFalse();
    assertThat(publicTable.routes())
        .extracting(RouteTable.Route::destinationCidrBlock)
        .containsExactly("10.0.0.0/16");
    sim.ec2.routeTables().createRoute(table, "0.0.0.0/0", RouteTarget.gateway(igw));
    assertThatThrownBy(
            () -> sim.ec2.routeTables().createRoute(table, "0.0.0.0/0", RouteTarget.gateway(igw)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("RouteAlreadyExists"));
    String association = sim.ec2.routeTables().associate(table, pub.subnetId());
    assertThat(association).startsWith("rtbassoc-");

    RouteTable seen = sim.ec2.routeTables().describe(table).get(0);
    assertThat(seen.route("0.0.0.0/0"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.gatewayId()).isEqualTo(igw);
              assertThat(r.state()).isEqualTo("active");
              assertThat(r.origin()).isEqualTo("CreateRoute");
            });
    assertThat(seen.associations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.associationId()).isEqualTo(association);
              assertThat(a.subnetId()).isEqualTo(pub.subnetId());
              assertThat(a.main()).isFalse();
            });
    assertThat(seen.toString())
        .isEqualTo(
            "RouteTable["
                + table
                + " "
                + v.vpcId()
                + " 10.0.0.0/16=>local 0.0.0.0/0=>"
                + igw
                + ", 1 subnet]");
    assertThatThrownBy(() -> sim.ec2.routeTables().delete(table))
        .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
    assertThatThrownBy(() -> sim.ec2.routeTables().associate(table, pub.subnetId()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));

    RouteTable privateTable = sim.ec2.routeTables().create(v.vpcId());
    String moved =
        sim.ec2.routeTables().replaceAssociation(association, privateTable.routeTableId());
    assertThat(moved).isNotEqualTo(association);
    assertThat(sim.ec2.routeTables().describe(privateTable.routeTableId()).get(0).associations())
        .singleElement()
        .satisfies(a -> assertThat(a.subnetId()).isEqualTo(pub.subnetId()));
    sim.ec2.routeTables().disassociate(moved);
    assertThatThrownBy(() -> sim.ec2.routeTables().disassociate(moved))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAssociationID.NotFound"));
    String mainAssociation = main.associations().get(0).associationId();
    assertThatThrownBy(() -> sim.ec2.routeTables().disassociate(mainAssociation))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));

    sim.ec2.routeTables().associate(privateTable.routeTableId(), priv.subnetId());
    sim.ec2.routeTables().deleteRoute(table, "0.0.0.0/0");
    assertThat(sim.ec2.routeTables().describe(table).get(0).route("0.0.0.0/0")).isEmpty();
    assertThatThrownBy(() -> sim.ec2.routeTables().deleteRoute(table, "0.0.0.0/0"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRoute.NotFound"));
    sim.ec2.routeTables().delete(table);
    assertThatThrownBy(() -> sim.ec2.routeTables().describe(table))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRouteTableID.NotFound"));
  }

  @Test
  void a_nat_gateway_becomes_available_takes_the_private_default_route_and_is_deleted() {
    Vpc v = sim.ec2.vpcs().create("10.0.0.0/16");
    Subnet pub = sim.ec2.subnets().create(v.vpcId(), "10.0.1.0/24", "us-east-1a");
    String igw = sim.ec2.internetGateways().create().internetGatewayId();
    sim.ec2.internetGateways().attach(igw, v.vpcId());
    Address ip = sim.ec2.addresses().allocate();

    NatGateway nat =
        sim.ec2.natGateways().create(pub.subnetId(), ip.allocationId(), Map.of("Name", "nat-a"));
    String id = nat.natGatewayId();
    assertThat(id).matches("nat-[0-9a-f]{17}");
    assertThat(nat.state()).isEqualTo(NatGatewayState.PENDING);
    assertThat(nat.vpcId()).isEqualTo(v.vpcId());
    assertThat(nat.tags()).containsEntry("Name", "nat-a");

    NatGateway ready =
        sim.ec2.natGateways().waitFor(List.of(id), NatGatewayState.AVAILABLE, quick()).get(0);
    assertThat(ready.state()).isEqualTo(NatGatewayState.AVAILABLE);
    assertThat(ready.publicIp()).isEqualTo(ip.publicIp());
    assertThat(ready.addresses())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.allocationId()).isEqualTo(ip.allocationId());
              assertThat(a.privateIp()).startsWith("10.0.1.");
              assertThat(a.networkInterfaceId()).startsWith("eni-");
            });
    assertThat(ready.toString())
        .isEqualTo("NatGateway[" + id + " available " + pub.subnetId() + " " + ip.publicIp() + "]");

    RouteTable privateTable = sim.ec2.routeTables().create(v.vpcId());
    sim.ec2
        .routeTables()
        .createRoute(privateTable.routeTableId(), "0.0.0.0/0", RouteTarget.natGateway(id));
    sim.ec2
        .routeTables()
        .replaceRoute(privateTable.routeTableId(), "0.0.0.0/0", RouteTarget.natGateway(id));
    assertThat(
            sim.ec2.routeTables().describe(privateTable.routeTableId()).get(0).route("0.0.0.0/0"))
        .hasValueSatisfying(r -> assertThat(r.natGatewayId()).isEqualTo(id));
    assertThat(sim.ec2.natGateways().describe(Map.of("vpc-id", List.of(v.vpcId()))))
        .extracting(NatGateway::natGatewayId)
        .containsExactly(id);

    sim.ec2.natGateways().delete(id);
    assertThat(sim.ec2.natGateways().describe(id).get(0).state())
        .isEqualTo(NatGatewayState.DELETING);
    assertThatThrownBy(() -> sim.ec2.natGateways().delete(id))
        .satisfies(e -> assertThat(code(e)).isEqualTo("NatGatewayNotFound"));
    NatGateway gone =
        sim.ec2.natGateways().waitFor(List.of(id), NatGatewayState.DELETED, quick()).get(0);
    assertThat(gone.state()).isEqualTo(NatGatewayState.DELETED);
    assertThat(gone.deleteTime()).isNotNull();
    assertThat(
            sim.ec2.routeTables().describe(privateTable.routeTableId()).get(0).route("0.0.0.0/0"))
        .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo("blackhole"));
  }

  @Test
  void a_nat_gateway_in_a_vpc_without_internet_gateway_fails_and_the_wait_says_so_at_once() {
    Vpc v = sim.ec2.vpcs().create("10.0.0.0/16");
    Subnet s = sim.ec2.subnets().create(v.vpcId(), "10.0.1.0/24", "us-east-1a");
    String id =
        sim.ec2
            .natGateways()
            .create(s.subnetId(), sim.ec2.addresses().allocate().allocationId())
            .natGatewayId();
    assertThatThrownBy(
            () -> sim.ec2.natGateways().waitFor(List.of(id), NatGatewayState.AVAILABLE, quick()))
        .isInstanceOfSatisfying(
            WaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WaitException.Reason.UNREACHABLE_STATE);
              assertThat(e.getMessage()).contains(id, "failed");
            });
    NatGateway failed = sim.ec2.natGateways().describe(id).get(0);
    assertThat(failed.failureCode()).isEqualTo("Gateway.NotAttached");
    assertThat(failed.publicIp()).isNull();
  }

  @Test
  void routing_calls_check_their_arguments_before_sending() {
    int before = sim.actions.size();
    assertThatThrownBy(() -> RouteTarget.gateway("nat-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gatewayId 'nat-0123456789abcdef0'");
    assertThatThrownBy(() -> new RouteTarget("VpcPeeringConnectionId", "pcx-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a route target");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .routeTables()
                    .createRoute(
                        "rtb-0123456789abcdef0",
                        "0.0.0.0",
                        RouteTarget.gateway("igw-0123456789abcdef0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("destinationCidrBlock '0.0.0.0'");
    assertThatThrownBy(
            () -> sim.ec2.routeTables().createRoute("rtb-0123456789abcdef0", "0.0.0.0/0", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("target");
    assertThatThrownBy(
            () -> sim.ec2.routeTables().associate("rtb-0123456789abcdef0", "vpc-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subnetId 'vpc-0123456789abcdef0'");
    assertThatThrownBy(() -> sim.ec2.internetGateways().attach("igw-1", "vpc-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("internetGatewayId 'igw-1'");
    assertThatThrownBy(
            () -> sim.ec2.natGateways().create("subnet-0123456789abcdef0", "203.0.113.7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allocationId '203.0.113.7'");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .natGateways()
                    .waitFor(List.of("nat-0123456789abcdef0"), NatGatewayState.PENDING, quick()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give AVAILABLE or DELETED");
    assertThat(sim.actions).hasSize(before);
  }
}
