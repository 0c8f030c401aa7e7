package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Route tables (Create, Delete, Describe), their routes (Create, Replace, Delete) to an internet
 * gateway, a NAT gateway, a network interface or an instance, their associations with subnets
 * (Associate, Disassociate, Replace, the main one too), and DescribeNetworkAcls.
 */
final class RouteTablesArea {
  private static final List<String> TARGETS =
      List.of("GatewayId", "NatGatewayId", "NetworkInterfaceId", "InstanceId");

  private final World world;

  RouteTablesArea(World world) {
    this.world = world;
  }

  void register(ActionTable table) {
    table.write("CreateRouteTable", this::create);
    table.write("DeleteRouteTable", this::delete);
    table.read("DescribeRouteTables", this::describe);
    table.write("CreateRoute", c -> route(c, "create"));
    table.write("ReplaceRoute", c -> route(c, "replace"));
    table.write("DeleteRoute", c -> route(c, "delete"));
    table.write("AssociateRouteTable", this::associate);
    table.write("DisassociateRouteTable", this::disassociate);
    table.write("ReplaceRouteTableAssociation", this::replaceAssociation);
    table.read("DescribeNetworkAcls", this::describeAcls);
  }

  private static List<String> routes(
      RouteTableRecord t,
      java.util.function.Predicate<RouteTableRecord.Route> which,
      java.util.function.Function<RouteTableRecord.Route, String> field) {
    return t.routes.values().stream().filter(which).map(field).toList();
  }

  private static List<String> target(RouteTableRecord t, String kind) {
    return routes(t, r -> r.targetKind().equals(kind), RouteTableRecord.Route::targetId);
  }

  private static Filters<RouteTableRecord> filters(RegionState state) {
    return new Filters<RouteTableRecord>(
            Map.ofEntries(
                Map.entry("association.gateway-id", t -> List.of()),
                Map.entry(
                    "association.route-table-association-id",
                    t -> t.associations.stream().map(RouteTableRecord.Association::id).toList()),
                Map.entry(
                    "association.route-table-id",
                    t -> t.associations.isEmpty() ? List.of() : List.of(t.id)),
                Map.entry(
                    "association.subnet-id",
                    t ->
                        t.associations.stream()
                            .map(RouteTableRecord.Association::subnetId)
                            .filter(java.util.Objects::nonNull)
                            .toList()),
                Map.entry(
                    "association.main",
                    t ->
                        t.isMain()
                            ? List.of("true")
                            : t.associations.isEmpty() ? List.of() : List.of("false")),
                Map.entry("owner-id", t -> List.of(t.ownerId)),
                Map.entry("route-table-id", t -> List.of(t.id)),
                Map.entry(
                    "route.destination-cidr-block",
                    t -> routes(t, r -> true, RouteTableRecord.Route::destination)),
                Map.entry("route.destination-ipv6-cidr-block", t -> List.of()),
                Map.entry("route.destination-prefix-list-id", t -> List.of()),
                Map.entry("route.egress-only-internet-gateway-id", t -> List.of()),
                Map.entry("route.gateway-id", t -> target(t, "GatewayId")),
                Map.entry("route.instance-id", t -> target(t, "InstanceId")),
                Map.entry("route.nat-gateway-id", t -> target(t, "NatGatewayId")),
                Map.entry("route.transit-gateway-id", t -> List.of()),
                Map.entry("route.vpc-peering-connection-id", t -> List.of()),
                Map.entry(
                    "route.origin", t -> routes(t, r -> true, RouteTableRecord.Route::origin)),
                Map.entry("route.state", t -> routes(t, r -> true, r -> routeState(r, t, state))),
                Map.entry("vpc-id", t -> List.of(t.vpcId))))
        .withTags(t -> t.tags);
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    Map<String, String> tags = InstancesArea.tags(call, "route-table");
    call.checkDryRun(); // before the token: a dry run never answers with an earlier table
    RouteTableRecord t = state.routeTables.get(state.madeBefore(call));
    if (t == null) {
      RouteTableRecord made = new RouteTableRecord(ResourceIds.next("rtb-"), v.id, state.accountId);
      v.cidrs.forEach(c -> made.addLocal(c.cidr()));
      made.tags.putAll(tags);
      state.routeTables.put(made.id, made);
      state.made(call, made.id);
      t = made;
    }
    Xml x = Xml.response(call.action(), call.requestId()).start("routeTable");
    write(x, t, state);
    return x.end().leaf("clientToken", call.nonEmpty("ClientToken")).finish();
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    RouteTableRecord t = Networks.routeTable(state, call.required("RouteTableId"));
    if (!t.associations.isEmpty()) {
      throw Ec2Error.badRequest(
          "DependencyViolation",
          "The routeTable '" + t.id + "' has dependencies and cannot be deleted.");
    }
    call.checkDryRun();
    state.routeTables.remove(t.id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "RouteTableId",
        state.routeTables,
        "InvalidRouteTableID.NotFound",
        "route table",
        filters(state),
        "routeTableSet",
        (x, t) -> write(x, t, state));
  }

  /** {@code active}, or {@code blackhole} when the route's target is gone or elsewhere. */
  private static String routeState(
      RouteTableRecord.Route r, RouteTableRecord t, RegionState state) {
    boolean alive =
        switch (r.targetKind()) {
          case "GatewayId" -> {
            InternetGatewayRecord g = state.internetGateways.get(r.targetId());
            yield r.local() || (g != null && t.vpcId.equals(g.vpcId()));
          }
          case "NatGatewayId" -> {
            NatGatewayRecord n = state.natGateways.get(r.targetId());
            yield n != null && n.live();
          }
          case "NetworkInterfaceId" -> state.networkInterfaces.containsKey(r.targetId());
          default -> {
            InstanceRecord i = state.instances.get(r.targetId());
            yield i != null && i.state == dev.ec2kit.InstanceState.RUNNING;
          }
        };
    return alive ? "active" : "blackhole";
  }

  private static void write(Xml x, RouteTableRecord t, RegionState state) {
    x.leaf("routeTableId", t.id).leaf("vpcId", t.vpcId).leaf("ownerId", t.ownerId);
    x.start("routeSet");
    for (RouteTableRecord.Route r : t.routes.values()) {
      x.start("item").leaf("destinationCidrBlock", r.destination());
      switch (r.targetKind()) {
        case "GatewayId" -> x.leaf("gatewayId", r.targetId());
        case "NatGatewayId" -> x.leaf("natGatewayId", r.targetId());
        case "NetworkInterfaceId" -> x.leaf("networkInterfaceId", r.targetId());
        default -> {
          InstanceRecord i = state.instances.get(r.targetId());
          x.leaf("instanceId", r.targetId())
              .leaf("instanceOwnerId", t.ownerId)
              .leaf("networkInterfaceId", i == null ? null : i.networkInterfaceId);
        }
      }
      x.leaf("state", routeState(r, t, state)).leaf("origin", r.origin()).end();
    }
    x.end().start("associationSet");
    for (RouteTableRecord.Association a : t.associations) {
      x.start("item")
          .leaf("routeTableAssociationId", a.id())
          .leaf("routeTableId", t.id)
          .leaf("main", a.main())
          .leaf("subnetId", a.subnetId())
          .start("associationState")
          .leaf("state", "associated")
          .end()
          .end();
    }
    x.end().empty("propagatingVgwSet");
    ImagesArea.writeTags(x, t.tags);
  }

  /** CreateRoute, ReplaceRoute, DeleteRoute: one IPv4 destination, and one target of its VPC. */
  private String route(Call call, String verb) {
    RegionState state = world.state(call);
    Networks.unsupported(
        call,
        "IPv6, prefix-list and other gateways' routes",
        "DestinationIpv6CidrBlock",
        "DestinationPrefixListId",
        "EgressOnlyInternetGatewayId",
        "TransitGatewayId",
        "VpcPeeringConnectionId",
        "LocalGatewayId",
        "CarrierGatewayId",
        "CoreNetworkArn",
        "VpcEndpointId",
        "OdbNetworkArn",
        "LocalTarget");
    RouteTableRecord t = Networks.routeTable(state, call.required("RouteTableId"));
    String destination = VpcsArea.cidr(call, "DestinationCidrBlock").toString();
    if (verb.equals("delete")) {
      call.checkDryRun();
      t.delete(destination);
      return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
    }
    List<String> given = TARGETS.stream().filter(k -> call.nonEmpty(k) != null).toList();
    if (given.size() != 1) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "A route takes exactly one target: GatewayId, NatGatewayId, NetworkInterfaceId or"
              + " InstanceId.");
    }
    String kind = given.get(0);
    String target = call.get(kind);
    checkTarget(state, t, kind, target);
    call.checkDryRun();
    RouteTableRecord.Route r = new RouteTableRecord.Route(destination, kind, target, "CreateRoute");
    if (verb.equals("create")) {
      t.add(r);
    } else {
      t.replace(r);
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** The target must exist and be in the table's VPC (an internet gateway: attached to it). */
  private static void checkTarget(RegionState state, RouteTableRecord t, String kind, String id) {
    String vpc =
        switch (kind) {
          case "GatewayId" -> {
            if (!state.internetGateways.containsKey(id)) {
              throw ResourceIds.notFound(
                  "InvalidGatewayID.NotFound", "internet gateway", List.of(id));
            }
            yield state.internetGateways.get(id).vpcId();
          }
          case "NatGatewayId" -> {
            NatGatewayRecord n = state.natGateways.get(id);
            if (n == null || !n.live()) {
              throw ResourceIds.notFound(
                  "InvalidNatGatewayID.NotFound", "NAT gateway", List.of(id));
            }
            yield n.vpcId;
          }
          case "NetworkInterfaceId" -> Networks.networkInterface(state, id).vpcId;
          default -> {
            InstanceRecord i = state.instances.get(id);
            if (i == null || i.state == dev.ec2kit.InstanceState.TERMINATED) {
              throw ResourceIds.notFound("InvalidInstanceID.NotFound", "instance", List.of(id));
            }
            if (state.interfacesOf(id).size() > 1) {
              throw Ec2Error.invalidParameterValue(
                  "There are multiple interfaces attached to instance '"
                      + id
                      + "'. Please specify an interface ID for the operation instead.");
            }
            yield i.vpcId;
          }
        };
    if (!t.vpcId.equals(vpc)) {
      throw Ec2Error.invalidParameterValue(
          "route table " + t.id + " and network gateway " + id + " belong to different networks");
    }
  }

  private String associate(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(call, "gateway route tables", "GatewayId", "PublicIpv4Pool");
    RouteTableRecord t = Networks.routeTable(state, call.required("RouteTableId"));
    SubnetRecord s = Networks.subnet(state, call.required("SubnetId"));
    if (!s.vpcId.equals(t.vpcId)) {
      throw Ec2Error.invalidParameterValue(
          "Route table " + t.id + " and subnet " + s.id + " belong to different networks");
    }
    String id = ResourceIds.next("rtbassoc-");
    if (call.flag("DryRun")) {
      t.checkAssociate(s.id, state);
      call.checkDryRun();
    }
    RouteTableRecord.Association a = t.associate(s.id, id, state);
    return Xml.response(call.action(), call.requestId())
        .leaf("associationId", a.id())
        .start("associationState")
        .leaf("state", "associated")
        .end()
        .finish();
  }

  /** The table holding an association, and the association; InvalidAssociationID.NotFound. */
  private static Map.Entry<RouteTableRecord, RouteTableRecord.Association> association(
      RegionState state, String id) {
    for (RouteTableRecord t : state.routeTables.values()) {
      for (RouteTableRecord.Association a : t.associations) {
        if (a.id().equals(id)) {
          return Map.entry(t, a);
        }
      }
    }
    throw ResourceIds.notFound("InvalidAssociationID.NotFound", "association", List.of(id));
  }

  private String disassociate(Call call) {
    RegionState state = world.state(call);
    var found = association(state, call.required("AssociationId"));
    if (found.getValue().main()) {
      found.getKey().disassociate(found.getValue()); // answers InvalidParameterValue
    }
    call.checkDryRun();
    found.getKey().disassociate(found.getValue());
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** Moves an association (a subnet's, or the main one) to another table of the same VPC. */
  private String replaceAssociation(Call call) {
    RegionState state = world.state(call);
    var found = association(state, call.required("AssociationId"));
    RouteTableRecord to = Networks.routeTable(state, call.required("RouteTableId"));
    if (!to.vpcId.equals(found.getKey().vpcId)) {
      throw Ec2Error.invalidParameterValue(
          "Route table " + to.id + " is not in the VPC of association " + found.getValue().id());
    }
    call.checkDryRun();
    RouteTableRecord.Association a =
        to.takeOver(found.getKey(), found.getValue(), ResourceIds.next("rtbassoc-"));
    return Xml.response(call.action(), call.requestId())
        .leaf("newAssociationId", a.id())
        .start("associationState")
        .leaf("state", "associated")
        .end()
        .finish();
  }

  private static final Filters<NetworkAclRecord> ACL_FILTERS =
      new Filters<NetworkAclRecord>(
              Map.ofEntries(
                  Map.entry(
                      "association.association-id", a -> List.copyOf(a.associations.values())),
                  Map.entry(
                      "association.network-acl-id",
                      a -> a.associations.isEmpty() ? List.of() : List.of(a.id)),
                  Map.entry("association.subnet-id", a -> List.copyOf(a.associations.keySet())),
                  Map.entry("default", a -> List.of(Boolean.toString(a.isDefault))),
                  Map.entry("entry.cidr", a -> entries(a, NetworkAclRecord.Entry::cidr)),
                  Map.entry("entry.icmp.code", a -> List.of()),
                  Map.entry("entry.icmp.type", a -> List.of()),
                  Map.entry("entry.ipv6-cidr", a -> List.of()),
                  Map.entry("entry.port-range.from", a -> List.of()),
                  Map.entry("entry.port-range.to", a -> List.of()),
                  Map.entry("entry.protocol", a -> entries(a, NetworkAclRecord.Entry::protocol)),
                  Map.entry("entry.rule-action", a -> entries(a, NetworkAclRecord.Entry::action)),
                  Map.entry("entry.egress", a -> entries(a, e -> Boolean.toString(e.egress()))),
                  Map.entry(
                      "entry.rule-number", a -> entries(a, e -> Integer.toString(e.ruleNumber()))),
                  Map.entry("network-acl-id", a -> List.of(a.id)),
                  Map.entry("owner-id", a -> List.of(a.ownerId)),
                  Map.entry("vpc-id", a -> List.of(a.vpcId))))
          .withTags(a -> a.tags);

  private static List<String> entries(
      NetworkAclRecord a, java.util.function.Function<NetworkAclRecord.Entry, String> field) {
    List<String> out = new ArrayList<>();
    a.entries.forEach(e -> out.add(field.apply(e)));
    return out;
  }

  private String describeAcls(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "NetworkAclId",
        state.networkAcls,
        "InvalidNetworkAclID.NotFound",
        "network ACL",
        ACL_FILTERS,
        "networkAclSet",
        NetworkAclsArea::write);
  }
}
