package dev.ec2kit.local.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Network ACLs beyond DescribeNetworkAcls (which {@link RouteTablesArea} answers): Create/Delete
 * NetworkAcl, Create/Replace/DeleteNetworkAclEntry and ReplaceNetworkAclAssociation, with EC2's
 * rules: the default ACL is never deleted, one in use is a DependencyViolation, rule numbers are 1
 * to 32766 and unique per direction, and a subnet's association moves only within its VPC.
 */
final class NetworkAclsArea {
  private final World world;

  NetworkAclsArea(World world) {
    this.world = world;
  }

  void register(ActionTable table) {
    table.write("CreateNetworkAcl", this::create);
    table.write("DeleteNetworkAcl", this::delete);
    table.write("CreateNetworkAclEntry", c -> entry(c, "create"));
    table.write("ReplaceNetworkAclEntry", c -> entry(c, "replace"));
    table.write("DeleteNetworkAclEntry", this::deleteEntry);
    table.write("ReplaceNetworkAclAssociation", this::replaceAssociation);
  }

  static NetworkAclRecord acl(RegionState state, String id) {
    NetworkAclRecord a = state.networkAcls.get(id);
    if (a == null) {
      throw ResourceIds.notFound("InvalidNetworkAclID.NotFound", "network ACL", List.of(id));
    }
    return a;
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    Map<String, String> tags = InstancesArea.tags(call, "network-acl");
    String token = call.nonEmpty("ClientToken");
    call.checkDryRun(); // before the token: a dry run never answers with an earlier ACL
    NetworkAclRecord earlier = state.networkAcls.get(state.madeBefore(call));
    if (earlier != null) {
      return created(call, earlier, token);
    }
    NetworkAclRecord a = NetworkAclRecord.create(ResourceIds.next("acl-"), v.id, state.accountId);
    a.tags.putAll(tags);
    state.networkAcls.put(a.id, a);
    state.made(call, a.id);
    return created(call, a, token);
  }

  private static String created(Call call, NetworkAclRecord a, String token) {
    Xml x = Xml.response(call.action(), call.requestId()).start("networkAcl");
    write(x, a);
    return x.end().leaf("clientToken", token).finish();
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    NetworkAclRecord a = acl(state, call.required("NetworkAclId"));
    a.checkDelete();
    call.checkDryRun();
    state.networkAcls.remove(a.id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** CreateNetworkAclEntry or ReplaceNetworkAclEntry: one IPv4 entry, checked whole first. */
  private String entry(Call call, String verb) {
    RegionState state = world.state(call);
    Networks.unsupported(call, "IPv6 entries; give an IPv4 CidrBlock", "Ipv6CidrBlock");
    NetworkAclRecord a = acl(state, call.required("NetworkAclId"));
    int rule = call.requiredInteger("RuleNumber", 1, NetworkAclRecord.FINAL_RULE - 1);
    boolean egress = egress(call);
    String protocol = number(call.protocol("Protocol", null));
    if (protocol == null) {
      throw Ec2Error.missingParameter("Protocol");
    }
    String action = call.oneOf("RuleAction", null, Set.of("allow", "deny"));
    if (action == null) {
      throw Ec2Error.missingParameter("RuleAction");
    }
    String cidr = VpcsArea.cidr(call, "CidrBlock").toString();
    Integer from = null;
    Integer to = null;
    Integer type = null;
    Integer code = null;
    if (protocol.equals("6") || protocol.equals("17")) {
      from = call.integer("PortRange.From", 0, 65535);
      to = call.integer("PortRange.To", 0, 65535);
      if (from == null || to == null) {
        throw Ec2Error.missingParameter("PortRange");
      }
      if (from > to) {
        throw Ec2Error.invalidParameterValue(
            "Invalid port range: from " + from + " is greater than to " + to + ".");
      }
    } else if (protocol.equals("1")) {
      type = call.integer("Icmp.Type", -1, 255);
      code = call.integer("Icmp.Code", -1, 255);
      if (type == null || code == null) {
        throw Ec2Error.missingParameter("Icmp");
      }
    }
    NetworkAclRecord.Entry e =
        new NetworkAclRecord.Entry(rule, protocol, action, egress, cidr, from, to, type, code);
    if (verb.equals("create")) {
      a.checkAdd(e);
    } else {
      a.checkExists(rule, egress);
    }
    call.checkDryRun();
    if (verb.equals("create")) {
      a.add(e);
    } else {
      a.replace(e);
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** The required Egress flag (false is ingress). */
  private static boolean egress(Call call) {
    Boolean egress = call.bool("Egress");
    if (egress == null) {
      throw Ec2Error.missingParameter("Egress");
    }
    return egress;
  }

  /** A protocol as an ACL entry keeps it: its number, or -1 for all. */
  private static String number(String protocol) {
    if (protocol == null) {
      return null;
    }
    return switch (protocol) {
      case "tcp" -> "6";
      case "udp" -> "17";
      case "icmp" -> "1";
      case "icmpv6" -> "58";
      default -> protocol;
    };
  }

  private String deleteEntry(Call call) {
    RegionState state = world.state(call);
    NetworkAclRecord a = acl(state, call.required("NetworkAclId"));
    int rule = call.requiredInteger("RuleNumber", 1, NetworkAclRecord.FINAL_RULE - 1);
    boolean egress = egress(call);
    a.checkExists(rule, egress);
    call.checkDryRun();
    a.delete(rule, egress);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** Moves a subnet's association to another ACL of its VPC, under a new association id. */
  private String replaceAssociation(Call call) {
    RegionState state = world.state(call);
    String associationId = call.required("AssociationId");
    NetworkAclRecord to = acl(state, call.required("NetworkAclId"));
    NetworkAclRecord from = null;
    String subnetId = null;
    for (NetworkAclRecord a : state.networkAcls.values()) {
      for (Map.Entry<String, String> e : a.associations.entrySet()) {
        if (e.getValue().equals(associationId)) {
          from = a;
          subnetId = e.getKey();
        }
      }
    }
    if (from == null) {
      throw ResourceIds.notFound(
          "InvalidAssociationID.NotFound", "association", List.of(associationId));
    }
    to.checkTakeOver(from);
    call.checkDryRun();
    String newId = ResourceIds.next("aclassoc-");
    to.takeOver(from, subnetId, newId);
    return Xml.response(call.action(), call.requestId()).leaf("newAssociationId", newId).finish();
  }

  /** One ACL as DescribeNetworkAcls and CreateNetworkAcl write it. */
  static void write(Xml x, NetworkAclRecord a) {
    x.leaf("networkAclId", a.id)
        .leaf("vpcId", a.vpcId)
        .leaf("default", a.isDefault)
        .leaf("ownerId", a.ownerId)
        .start("entrySet");
    for (NetworkAclRecord.Entry e : a.entries) {
      x.start("item")
          .leaf("ruleNumber", e.ruleNumber())
          .leaf("protocol", e.protocol())
          .leaf("ruleAction", e.action())
          .leaf("egress", e.egress())
          .leaf("cidrBlock", e.cidr());
      if (e.portFrom() != null) {
        x.start("portRange").leaf("from", e.portFrom()).leaf("to", e.portTo()).end();
      }
      if (e.icmpType() != null) {
        x.start("icmpTypeCode").leaf("code", e.icmpCode()).leaf("type", e.icmpType()).end();
      }
      x.end();
    }
    x.end().start("associationSet");
    a.associations.forEach(
        (subnet, id) ->
            x.start("item")
                .leaf("networkAclAssociationId", id)
                .leaf("networkAclId", a.id)
                .leaf("subnetId", subnet)
                .end());
    x.end();
    ImagesArea.writeTags(x, a.tags);
  }
}
