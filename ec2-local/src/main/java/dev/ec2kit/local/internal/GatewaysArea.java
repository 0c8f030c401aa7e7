package dev.ec2kit.local.internal;

import java.util.List;
import java.util.Map;

/**
 * Internet gateways (Create, Attach, Detach, Delete, Describe) and NAT gateways (Create, Delete,
 * Describe).
 */
final class GatewaysArea {
  private static final Filters<InternetGatewayRecord> IGW_FILTERS =
      new Filters<InternetGatewayRecord>(
              Map.of(
                  "attachment.state", g -> g.vpcId() == null ? List.of() : List.of("available"),
                  "attachment.vpc-id", g -> Networks.optional(g.vpcId()),
                  "internet-gateway-id", g -> List.of(g.id),
                  "owner-id", g -> List.of(g.ownerId)))
          .withTags(g -> g.tags);

  private static final Filters<NatGatewayRecord> NAT_FILTERS =
      new Filters<NatGatewayRecord>(
              Map.of(
                  "nat-gateway-id", n -> List.of(n.id),
                  "state", n -> List.of(n.state().toString()),
                  "subnet-id", n -> List.of(n.subnetId),
                  "vpc-id", n -> List.of(n.vpcId)))
          .withTags(n -> n.tags);

  private final World world;

  GatewaysArea(World world) {
    this.world = world;
  }

  void register(ActionTable table) {
    table.write("CreateInternetGateway", this::createInternetGateway);
    table.write("AttachInternetGateway", c -> attachment(c, true));
    table.write("DetachInternetGateway", c -> attachment(c, false));
    table.write("DeleteInternetGateway", this::deleteInternetGateway);
    table.read("DescribeInternetGateways", this::describeInternetGateways);
    table.write("CreateNatGateway", this::createNatGateway);
    table.write("DeleteNatGateway", this::deleteNatGateway);
    table.read("DescribeNatGateways", this::describeNatGateways);
  }

  private String createInternetGateway(Call call) {
    RegionState state = world.state(call);
    Map<String, String> tags = InstancesArea.tags(call, "internet-gateway");
    call.checkDryRun();
    InternetGatewayRecord g = new InternetGatewayRecord(ResourceIds.next("igw-"), state.accountId);
    g.tags.putAll(tags);
    state.internetGateways.put(g.id, g);
    Xml x = Xml.response(call.action(), call.requestId()).start("internetGateway");
    write(x, g);
    return x.end().finish();
  }

  private String attachment(Call call, boolean attach) {
    RegionState state = world.state(call);
    InternetGatewayRecord g = Networks.internetGateway(state, call.required("InternetGatewayId"));
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    if (attach) {
      g.checkAttach(v, state);
    } else {
      g.checkDetach(v.id, state);
    }
    call.checkDryRun();
    if (attach) {
      g.attach(v, state);
    } else {
      g.detach(v.id, state);
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String deleteInternetGateway(Call call) {
    RegionState state = world.state(call);
    InternetGatewayRecord g = Networks.internetGateway(state, call.required("InternetGatewayId"));
    if (g.vpcId() != null) {
      throw Ec2Error.badRequest(
          "DependencyViolation",
          "The internetGateway '" + g.id + "' has dependencies and cannot be deleted.");
    }
    call.checkDryRun();
    state.internetGateways.remove(g.id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String describeInternetGateways(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "InternetGatewayId",
        state.internetGateways,
        "InvalidInternetGatewayID.NotFound",
        "internet gateway",
        IGW_FILTERS,
        "internetGatewaySet",
        GatewaysArea::write);
  }

  private static void write(Xml x, InternetGatewayRecord g) {
    x.leaf("internetGatewayId", g.id).leaf("ownerId", g.ownerId).start("attachmentSet");
    if (g.vpcId() != null) {
      x.start("item").leaf("vpcId", g.vpcId()).leaf("state", "available").end();
    }
    x.end();
    ImagesArea.writeTags(x, g.tags);
  }

  /**
   * A public NAT gateway in a subnet, with an Elastic IP. As on EC2, one in a VPC without an
   * internet gateway, with an address associated elsewhere or in a full subnet is made and then
   * fails (its failure code Gateway.NotAttached, Resource.AlreadyAssociated,
   * InsufficientFreeAddressesInSubnet); private NAT gateways and secondary addresses are refused.
   */
  private String createNatGateway(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(
        call,
        "private and regional NAT gateways and secondary addresses",
        "PrivateIpAddress",
        "SecondaryAllocationId",
        "SecondaryPrivateIpAddress",
        "SecondaryPrivateIpAddressCount",
        "AvailabilityMode",
        "AvailabilityZoneAddress",
        "VpcId");
    if (!call.oneOf("ConnectivityType", "public", java.util.Set.of("public", "private"))
        .equals("public")) {
      throw Ec2Error.badRequest(
          "Unsupported",
          "The parameter ConnectivityType is not supported by this emulator (private NAT"
              + " gateways).");
    }
    String token = call.nonEmpty("ClientToken");
    NatGatewayRecord earlier = state.natGateways.get(state.madeBefore(call));
    if (earlier != null) {
      return natResponse(call, earlier, token);
    }
    SubnetRecord s = Networks.subnet(state, call.required("SubnetId"));
    String allocationId = call.required("AllocationId");
    AddressesArea.AddressRecord a = state.addresses.get(allocationId);
    if (a == null) {
      throw ResourceIds.notFound(
          "InvalidAllocationID.NotFound", "allocation", List.of(allocationId));
    }
    Map<String, String> tags = InstancesArea.tags(call, "natgateway");
    call.checkDryRun();
    String id = ResourceIds.next("nat-");
    String[] failure =
        state.internetGateways.values().stream().noneMatch(g -> s.vpcId.equals(g.vpcId()))
            ? new String[] {
              "Gateway.NotAttached", "Network " + s.vpcId + " has no Internet gateway attached"
            }
            : a.associationId() != null
                ? new String[] {
                  "Resource.AlreadyAssociated",
                  "Elastic IP address " + allocationId + " is already associated"
                }
                : s.available() < 1
                    ? new String[] {
                      "InsufficientFreeAddressesInSubnet",
                      "Subnet has insufficient free addresses to create this NAT gateway"
                    }
                    : null;
    NatGatewayRecord n;
    if (failure != null) {
      n = new NatGatewayRecord(id, s, allocationId, failure[0], failure[1], call.now());
    } else {
      NetworkInterfaceRecord eni =
          NetworkInterfaceRecord.create(
              state, s, null, List.of(), "Interface for NAT Gateway " + id, "nat_gateway");
      n = new NatGatewayRecord(id, s, a, eni, call.now());
    }
    n.tags.putAll(tags);
    state.natGateways.put(n.id, n);
    state.made(call, n.id);
    return natResponse(call, n, token);
  }

  private static String natResponse(Call call, NatGatewayRecord n, String token) {
    Xml x = Xml.response(call.action(), call.requestId()).leaf("clientToken", token);
    write(x.start("natGateway"), n);
    return x.end().finish();
  }

  private String deleteNatGateway(Call call) {
    RegionState state = world.state(call);
    NatGatewayRecord n = Networks.natGateway(state, call.required("NatGatewayId"));
    if (n.state() == NatGatewayRecord.State.DELETING
        || n.state() == NatGatewayRecord.State.DELETED) {
      n.delete(call.now()); // answers as EC2 does for one already deleting or deleted
    }
    call.checkDryRun();
    n.delete(call.now());
    return Xml.response(call.action(), call.requestId()).leaf("natGatewayId", n.id).finish();
  }

  private String describeNatGateways(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "NatGatewayId",
        state.natGateways,
        "NatGatewayNotFound",
        "NAT gateway",
        NAT_FILTERS,
        "natGatewaySet",
        GatewaysArea::write);
  }

  private static void write(Xml x, NatGatewayRecord n) {
    x.leaf("createTime", Xml.time(n.createTime));
    if (n.deleteTime() != null) {
      x.leaf("deleteTime", Xml.time(n.deleteTime()));
    }
    x.leaf("failureCode", n.failureCode).leaf("failureMessage", n.failureMessage);
    x.start("natGatewayAddressSet")
        .start("item")
        .leaf("allocationId", n.allocationId)
        .leaf("networkInterfaceId", n.networkInterfaceId)
        .leaf("privateIp", n.privateIp)
        .leaf("publicIp", n.publicIp)
        .leaf("isPrimary", true)
        .leaf(
            "status", n.live() ? "succeeded" : n.failureCode != null ? "failed" : "disassociating")
        .end()
        .end()
        .leaf("natGatewayId", n.id)
        .leaf("state", n.state().toString())
        .leaf("subnetId", n.subnetId)
        .leaf("vpcId", n.vpcId)
        .leaf("connectivityType", "public");
    ImagesArea.writeTags(x, n.tags);
  }
}
