package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network records of a region by id, each lookup answering EC2's NotFound code for its kind,
 * and the lists Describe calls start from.
 */
final class Networks {
  private Networks() {}

  static VpcRecord vpc(RegionState state, String id) {
    return get(state.vpcs, id, "InvalidVpcID.NotFound", "vpc");
  }

  static SubnetRecord subnet(RegionState state, String id) {
    return get(state.subnets, id, "InvalidSubnetID.NotFound", "subnet");
  }

  static NetworkInterfaceRecord networkInterface(RegionState state, String id) {
    return get(
        state.networkInterfaces, id, "InvalidNetworkInterfaceID.NotFound", "network interface");
  }

  static InternetGatewayRecord internetGateway(RegionState state, String id) {
    return get(state.internetGateways, id, "InvalidInternetGatewayID.NotFound", "internet gateway");
  }

  static RouteTableRecord routeTable(RegionState state, String id) {
    return get(state.routeTables, id, "InvalidRouteTableID.NotFound", "route table");
  }

  static NatGatewayRecord natGateway(RegionState state, String id) {
    NatGatewayRecord n = state.natGateways.get(id);
    if (n == null) {
      throw Ec2Error.badRequest("NatGatewayNotFound", "NAT gateway " + id + " was not found");
    }
    return n;
  }

  private static <T> T get(Map<String, T> records, String id, String code, String noun) {
    T r = records.get(id);
    if (r == null) {
      throw ResourceIds.notFound(code, noun, List.of(id));
    }
    return r;
  }

  /**
   * The records a Describe call names by {@code idParam} (all of them when it names none); any
   * unknown id is EC2's NotFound for all the unknown ones at once.
   */
  static <T> List<T> named(
      Call call, String idParam, Map<String, T> records, String code, String noun) {
    List<String> ids = call.list(idParam);
    if (ids.isEmpty()) {
      return new ArrayList<>(records.values());
    }
    List<T> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      T r = records.get(id);
      if (r == null) {
        missing.add(id);
      } else if (!out.contains(r)) {
        out.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw ResourceIds.notFound(code, noun, missing);
    }
    return out;
  }

  /** Writes one record of a Describe answer's set. */
  interface Writer<T> {
    void write(Xml x, T record);
  }

  /**
   * A whole Describe answer: the records named by {@code idParam} (or all), filtered, paged by
   * MaxResults and NextToken, each written as an {@code item} of {@code setName}.
   */
  static <T> String describe(
      Call call,
      String idParam,
      Map<String, T> records,
      String code,
      String noun,
      Filters<T> filters,
      String setName,
      Writer<T> writer) {
    List<T> named = named(call, idParam, records, code, noun);
    Paging.Page<T> page =
        Paging.of(
                call,
                !call.list(idParam).isEmpty(),
                Character.toLowerCase(idParam.charAt(0)) + idParam.substring(1) + "s")
            .page(filters.apply(call.filters(), named));
    Xml x = Xml.response(call.action(), call.requestId()).start(setName);
    for (T r : page.items()) {
      x.start("item");
      writer.write(x, r);
      x.end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  /** A list of strings that is empty for null, for filters over optional fields. */
  static List<String> optional(String value) {
    return value == null ? List.of() : List.of(value);
  }

  /**
   * Refuses any of {@code params} (or a member of it, {@code Param.N...}) that the call gives, with
   * EC2's {@code Unsupported}, naming it and what the emulator does not do.
   */
  static void unsupported(Call call, String what, String... params) {
    for (String p : params) {
      for (String k : call.names()) {
        if (!k.equals(p) && !k.startsWith(p + ".")) {
          continue;
        }
        String v = call.get(k); // read: an empty or false value is taken as not asking for it
        if (!v.isEmpty() && !v.equals("false")) {
          throw Ec2Error.badRequest(
              "Unsupported",
              "The parameter " + k + " is not supported by this emulator (" + what + ").");
        }
      }
    }
  }

  /**
   * The groups of an interface in {@code subnet}: those found, all in the subnet's VPC
   * (InvalidParameter otherwise), or the VPC's default group when none is.
   */
  static List<InstanceRecord.GroupRef> groups(
      RegionState state, SubnetRecord subnet, List<SecurityGroupsArea.SecurityGroupRecord> found) {
    if (found.isEmpty()) {
      found = List.of(SecurityGroupsArea.defaultOf(state, subnet.vpcId));
    }
    List<InstanceRecord.GroupRef> out = new ArrayList<>();
    for (SecurityGroupsArea.SecurityGroupRecord g : found) {
      if (!g.vpcId.equals(subnet.vpcId)) {
        throw Ec2Error.badRequest(
            "InvalidParameter",
            "Security group "
                + g.id
                + " and subnet "
                + subnet.id
                + " belong to different networks.");
      }
      if (out.stream().noneMatch(r -> r.id().equals(g.id))) {
        out.add(new InstanceRecord.GroupRef(g.id, g.name));
      }
    }
    return out;
  }

  /** The groups named by ids in {@code subnet}'s VPC, as {@link #groups} checks them. */
  static List<InstanceRecord.GroupRef> groupsById(
      RegionState state, SubnetRecord subnet, List<String> ids) {
    List<SecurityGroupsArea.SecurityGroupRecord> found = new ArrayList<>();
    for (String id : ids) {
      found.add(SecurityGroupsArea.find(state, id, null));
    }
    return groups(state, subnet, found);
  }
}
