package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup, and authorizing and revoking
 * ingress and egress rules, which merge and split as EC2's do.
 */
public final class SecurityGroupsArea {
  /** A rule's protocol and port range; {@code from}/{@code to} are null for protocol -1. */
  record Key(String protocol, Integer from, Integer to) implements java.io.Serializable {}

  /** One rule as EC2 lists it since 2021: an id ({@code sgr-...}) and its description. */
  record Rule(String id, String description, Map<String, String> tags)
      implements java.io.Serializable {
    Rule(String id, String description) {
      this(id, description, new LinkedHashMap<>());
    }
  }

  /**
   * The sources (or destinations) of one protocol and port range, and the rule of each source
   * (keyed as {@link #sources} names them: a CIDR, or {@code group:userId/groupId}).
   */
  static final class Permission implements java.io.Serializable {
    final Set<String> cidrs = new LinkedHashSet<>();
    final Set<String> ipv6 = new LinkedHashSet<>();
    final Set<String> groups = new LinkedHashSet<>(); // "userId/groupId"
    final Map<String, Rule> rules = new LinkedHashMap<>();

    /** For a request: the description given for each source. */
    final Map<String, String> descriptions = new LinkedHashMap<>();

    boolean isEmpty() {
      return cidrs.isEmpty() && ipv6.isEmpty() && groups.isEmpty();
    }

    /** The rule of a source, made (with a fresh id) the first time it is asked for. */
    Rule rule(String source) {
      return rules.computeIfAbsent(source, k -> new Rule(ResourceIds.next("sgr-"), null));
    }
  }

  /** A security group of an account in a region. */
  static final class SecurityGroupRecord implements java.io.Serializable {
    final String id;
    final String name;
    final String description;
    final String vpcId;
    final String ownerId;
    final Map<Key, Permission> ingress = new LinkedHashMap<>();
    final Map<Key, Permission> egress = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();

    SecurityGroupRecord(String id, String name, String description, String vpcId, String ownerId) {
      this.id = id;
      this.name = name;
      this.description = description;
      this.vpcId = vpcId;
      this.ownerId = ownerId;
      egress
          .computeIfAbsent(new Key("-1", null, null), k -> new Permission())
          .cidrs
          .add("0.0.0.0/0");
    }

    /** The default group: all traffic from its own members, all traffic out. */
    static SecurityGroupRecord defaultFor(String id, String vpcId, String ownerId) {
      SecurityGroupRecord g =
          new SecurityGroupRecord(id, "default", "default VPC security group", vpcId, ownerId);
      g.ingress
          .computeIfAbsent(new Key("-1", null, null), k -> new Permission())
          .groups
          .add(ownerId + "/" + id);
      return g;
    }
  }

  private final World world;

  public SecurityGroupsArea(World world) {
    this.world = world;
  }

  public void register(ActionTable table) {
    table.write("CreateSecurityGroup", this::create);
    table.read("DescribeSecurityGroups", this::describe);
    table.write("DeleteSecurityGroup", this::delete);
    table.write("AuthorizeSecurityGroupIngress", c -> change(c, true, true));
    table.write("RevokeSecurityGroupIngress", c -> change(c, true, false));
    table.write("AuthorizeSecurityGroupEgress", c -> change(c, false, true));
    table.write("RevokeSecurityGroupEgress", c -> change(c, false, false));
    new SecurityGroupRulesArea(world).register(table);
  }

  /** A group of the state by id, or by name in the default VPC; EC2's NotFound otherwise. */
  static SecurityGroupRecord find(RegionState state, String id, String name) {
    if (id != null) {
      SecurityGroupRecord g = state.securityGroups.get(id);
      if (g == null) {
        if (!ResourceIds.wellFormed(id, "sg-")) {
          throw Ec2Error.badRequest(
              "InvalidGroupId.Malformed", "Invalid id: \"" + id + "\" (expecting \"sg-...\")");
        }
        throw Ec2Error.badRequest(
            "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
      }
      return g;
    }
    VpcRecord vpc = state.defaultVpc();
    if (vpc == null) {
      throw Ec2Error.badRequest(
          "VPCIdNotSpecified", "No default VPC for this user: name groups by id.");
    }
    for (SecurityGroupRecord g : state.securityGroups.values()) {
      if (g.name.equals(name) && g.vpcId.equals(vpc.id)) {
        return g;
      }
    }
    throw Ec2Error.badRequest(
        "InvalidGroup.NotFound",
        "The security group '" + name + "' does not exist in default VPC '" + vpc.id + "'");
  }

  /** The default security group of a VPC. */
  static SecurityGroupRecord defaultOf(RegionState state, String vpcId) {
    for (SecurityGroupRecord g : state.securityGroups.values()) {
      if (g.name.equals("default") && g.vpcId.equals(vpcId)) {
        return g;
      }
    }
    throw new IllegalStateException(vpcId + " has no default security group");
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    String name = call.required("GroupName");
    String description = call.required("GroupDescription");
    if (name.length() > 255 || description.length() > 255) {
      throw Ec2Error.invalidParameterValue(
          "Group names and descriptions take at most 255 characters.");
    }
    if (name.startsWith("sg-")) {
      throw Ec2Error.invalidParameterValue("Group names may not be in the format sg-*.");
    }
    String vpcId;
    if (call.nonEmpty("VpcId") != null) {
      vpcId = Networks.vpc(state, call.get("VpcId")).id;
    } else if (state.defaultVpc() != null) {
      vpcId = state.defaultVpc().id;
    } else {
      throw Ec2Error.badRequest("VPCIdNotSpecified", "No default VPC for this user");
    }
    if (name.equals("default")) {
      throw Ec2Error.badRequest(
          "InvalidGroup.Reserved", "The security group 'default' is reserved");
    }
    for (SecurityGroupRecord g : state.securityGroups.values()) {
      if (g.name.equals(name) && g.vpcId.equals(vpcId)) {
        throw Ec2Error.badRequest(
            "InvalidGroup.Duplicate",
            "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
      }
    }
    call.checkDryRun();
    SecurityGroupRecord g =
        new SecurityGroupRecord(ResourceIds.next("sg-"), name, description, vpcId, state.accountId);
    g.tags.putAll(InstancesArea.tags(call, "security-group"));
    state.securityGroups.put(g.id, g);
    return Xml.response(call.action(), call.requestId())
        .leaf("return", true)
        .leaf("groupId", g.id)
        .finish();
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    List<SecurityGroupRecord> result = new ArrayList<>();
    List<String> names = call.list("GroupName");
    List<String> ids = call.list("GroupId");
    Paging paging =
        Paging.of(
            call,
            !names.isEmpty() || !ids.isEmpty(),
            ids.isEmpty() ? "groupNameSet" : "groupIdSet");
    if (names.isEmpty() && ids.isEmpty()) {
      result.addAll(state.securityGroups.values());
    }
    for (String n : names) {
      result.add(find(state, null, n));
    }
    for (String id : ids) {
      result.add(find(state, id, null));
    }
    Paging.Page<SecurityGroupRecord> page =
        paging.page(SecurityGroupFilters.of(state).apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("securityGroupInfo");
    for (SecurityGroupRecord g : page.items()) {
      x.start("item")
          .leaf("ownerId", g.ownerId)
          .leaf("groupId", g.id)
          .leaf("groupName", g.name)
          .leaf("groupDescription", g.description)
          .leaf("vpcId", g.vpcId);
      writePermissions(x, "ipPermissions", g.ingress, state);
      writePermissions(x, "ipPermissionsEgress", g.egress, state);
      ImagesArea.writeTags(x, g.tags);
      x.end();
    }
    x.end().leaf("nextToken", page.nextToken());
    return x.finish();
  }

  private static void writePermissions(
      Xml x, String element, Map<Key, Permission> rules, RegionState state) {
    x.start(element);
    rules.forEach(
        (k, p) -> {
          x.start("item")
              .leaf("ipProtocol", k.protocol())
              .leaf("fromPort", k.from())
              .leaf("toPort", k.to());
          x.start("groups");
          for (String pair : p.groups) {
            String userId = pair.substring(0, pair.indexOf('/'));
            String groupId = pair.substring(pair.indexOf('/') + 1);
            SecurityGroupRecord ref = state.securityGroups.get(groupId);
            x.start("item")
                .leaf("userId", userId)
                .leaf("groupId", groupId)
                .leaf("groupName", ref == null ? null : ref.name)
                .leaf("description", p.rule("group:" + pair).description())
                .end();
          }
          x.end().start("ipRanges");
          p.cidrs.forEach(
              c ->
                  x.start("item")
                      .leaf("cidrIp", c)
                      .leaf("description", p.rule(c).description())
                      .end());
          x.end().start("ipv6Ranges");
          p.ipv6.forEach(
              c ->
                  x.start("item")
                      .leaf("cidrIpv6", c)
                      .leaf("description", p.rule(c).description())
                      .end());
          x.end().empty("prefixListIds").end();
        });
    x.end();
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    String id = call.get("GroupId");
    String name = call.get("GroupName");
    if (id == null && name == null) {
      throw Ec2Error.missingParameter("GroupId");
    }
    SecurityGroupRecord g = find(state, id, name);
    if (g.name.equals("default")) {
      throw Ec2Error.badRequest(
          "CannotDelete",
          "the specified group: \"" + g.id + "\" name: \"default\" cannot be deleted by a user");
    }
    for (InstanceRecord r : state.instances.values()) {
      if (r.state != InstanceState.TERMINATED
          && r.groups.stream().anyMatch(ref -> ref.id().equals(g.id))) {
        throw Ec2Error.badRequest(
            "DependencyViolation",
            "resource " + g.id + " has a dependent object (instance " + r.id + ")");
      }
    }
    for (NetworkInterfaceRecord n : state.networkInterfaces.values()) {
      if (n.groups(state).stream().anyMatch(ref -> ref.id().equals(g.id))) {
        throw Ec2Error.badRequest(
            "DependencyViolation",
            "resource " + g.id + " has a dependent object (network interface " + n.id + ")");
      }
    }
    for (SecurityGroupRecord other : state.securityGroups.values()) {
      if (other != g && references(other, g.id)) {
        throw Ec2Error.badRequest(
            "DependencyViolation",
            "resource " + g.id + " has a dependent object (a rule of " + other.id + ")");
      }
    }
    call.checkDryRun();
    state.securityGroups.remove(g.id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private static boolean references(SecurityGroupRecord g, String groupId) {
    for (Map<Key, Permission> rules : List.of(g.ingress, g.egress)) {
      for (Permission p : rules.values()) {
        for (String pair : p.groups) {
          if (pair.endsWith("/" + groupId)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** One permission of a request: its key and its sources. */
  private record Requested(Key key, Permission sources) {}

  private String change(Call call, boolean ingress, boolean authorize) {
    RegionState state = world.state(call);
    String id = call.get("GroupId");
    String name = call.get("GroupName");
    if (id == null && (name == null || !ingress)) {
      throw Ec2Error.missingParameter("GroupId");
    }
    SecurityGroupRecord g = find(state, id, name);
    List<String> ruleIds = call.list("SecurityGroupRuleId");
    if (!authorize && !ruleIds.isEmpty()) {
      SecurityGroupRulesArea.revoke(call, g, ingress ? g.ingress : g.egress, ruleIds);
      return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
    }
    List<Requested> requested = requested(call, state);
    if (requested.isEmpty()) {
      throw Ec2Error.missingParameter("IpPermissions");
    }
    Map<String, String> tags =
        authorize ? InstancesArea.tags(call, "security-group-rule") : Map.of();
    Map<Key, Permission> rules = ingress ? g.ingress : g.egress;
    for (Requested r : requested) {
      Permission existing = rules.get(r.key());
      for (String source : sources(r.sources())) {
        boolean present = existing != null && sources(existing).contains(source);
        if (authorize && present) {
          throw Ec2Error.badRequest(
              "InvalidPermission.Duplicate",
              "the specified rule \"peer: "
                  + peer(source)
                  + ", "
                  + describe(r.key())
                  + ", ALLOW\" already exists");
        }
        if (!authorize && !present) {
          throw Ec2Error.badRequest(
              "InvalidPermission.NotFound",
              "The specified rule does not exist in this security group.");
        }
      }
    }
    call.checkDryRun();
    Xml x = Xml.response(call.action(), call.requestId()).leaf("return", true);
    if (authorize) {
      x.start("securityGroupRuleSet");
    }
    for (Requested r : requested) {
      if (authorize) {
        Permission p = rules.computeIfAbsent(r.key(), k -> new Permission());
        p.cidrs.addAll(r.sources().cidrs);
        p.ipv6.addAll(r.sources().ipv6);
        p.groups.addAll(r.sources().groups);
        for (String source : sources(r.sources())) {
          Rule rule = new Rule(ResourceIds.next("sgr-"), r.sources().descriptions.get(source));
          rule.tags().putAll(tags);
          p.rules.put(source, rule);
          SecurityGroupRulesArea.writeRule(x, g, !ingress, r.key(), source, rule);
        }
      } else {
        Permission p = rules.get(r.key());
        p.cidrs.removeAll(r.sources().cidrs);
        p.ipv6.removeAll(r.sources().ipv6);
        p.groups.removeAll(r.sources().groups);
        sources(r.sources()).forEach(p.rules::remove);
        if (p.isEmpty()) {
          rules.remove(r.key());
        }
      }
    }
    if (authorize) {
      x.end();
    }
    return x.finish();
  }

  /** The sources of a permission as its rules are keyed: CIDRs, then {@code group:user/id}. */
  static List<String> sources(Permission p) {
    List<String> out = new ArrayList<>(p.cidrs);
    out.addAll(p.ipv6);
    p.groups.forEach(gp -> out.add("group:" + gp));
    return out;
  }

  private static String peer(String source) {
    return source.startsWith("group:") ? source.substring(source.indexOf('/') + 1) : source;
  }

  private static String describe(Key k) {
    if (k.protocol().equals("-1")) {
      return "ALL";
    }
    return k.protocol().toUpperCase(Locale.ROOT)
        + ", from port: "
        + k.from()
        + ", to port: "
        + k.to();
  }

  /** The permissions of a request: the IpPermissions list, or the older top-level parameters. */
  private static List<Requested> requested(Call call, RegionState state) {
    List<Requested> out = new ArrayList<>();
    for (int n = 1; call.get("IpPermissions." + n + ".IpProtocol") != null; n++) {
      String p = "IpPermissions." + n + ".";
      Key key =
          key(
              call.protocol(p + "IpProtocol", null),
              call.integer(p + "FromPort", -1, 65535),
              call.integer(p + "ToPort", -1, 65535));
      Permission sources = new Permission();
      for (int m = 1; call.get(p + "IpRanges." + m + ".CidrIp") != null; m++) {
        String cidr = call.cidr4(p + "IpRanges." + m + ".CidrIp");
        sources.cidrs.add(cidr);
        described(sources, cidr, call.get(p + "IpRanges." + m + ".Description"));
      }
      for (int m = 1; call.get(p + "Ipv6Ranges." + m + ".CidrIpv6") != null; m++) {
        String cidr = call.cidr6(p + "Ipv6Ranges." + m + ".CidrIpv6");
        sources.ipv6.add(cidr);
        described(sources, cidr, call.get(p + "Ipv6Ranges." + m + ".Description"));
      }
      for (int m = 1;
          call.get(p + "Groups." + m + ".GroupId") != null
              || call.get(p + "Groups." + m + ".GroupName") != null;
          m++) {
        String q = p + "Groups." + m + ".";
        SecurityGroupRecord ref = find(state, call.get(q + "GroupId"), call.get(q + "GroupName"));
        String user = call.get(q + "UserId") == null ? state.accountId : call.get(q + "UserId");
        sources.groups.add(user + "/" + ref.id);
        described(sources, "group:" + user + "/" + ref.id, call.get(q + "Description"));
      }
      out.add(new Requested(key, requireSource(sources)));
    }
    if (out.isEmpty()
        && (call.get("IpProtocol") != null
            || call.get("CidrIp") != null
            || call.get("SourceSecurityGroupName") != null
            || call.get("SourceSecurityGroupId") != null)) {
      Permission sources = new Permission();
      if (call.get("CidrIp") != null) {
        sources.cidrs.add(call.cidr4("CidrIp"));
      }
      if (call.get("SourceSecurityGroupName") != null
          || call.get("SourceSecurityGroupId") != null) {
        SecurityGroupRecord ref =
            find(state, call.get("SourceSecurityGroupId"), call.get("SourceSecurityGroupName"));
        String user =
            call.get("SourceSecurityGroupOwnerId") == null
                ? state.accountId
                : call.get("SourceSecurityGroupOwnerId");
        sources.groups.add(user + "/" + ref.id);
      }
      String protocol = call.protocol("IpProtocol", "-1");
      out.add(
          new Requested(
              key(protocol, call.integer("FromPort", -1, 65535), call.integer("ToPort", -1, 65535)),
              requireSource(sources)));
    }
    return out;
  }

  /** A rule's description: at most 255 characters, as EC2 allows. */
  private static void described(Permission sources, String source, String description) {
    if (description == null) {
      return;
    }
    if (description.length() > 255) {
      throw Ec2Error.invalidParameterValue("Rule descriptions take at most 255 characters.");
    }
    sources.descriptions.put(source, description);
  }

  private static Permission requireSource(Permission p) {
    if (p.isEmpty()) {
      throw Ec2Error.missingParameter("IpRanges, Ipv6Ranges or Groups (a source for the rule)");
    }
    return p;
  }

  /** A rule's key: {@code protocol} as {@link Call#protocol} reads it, and its port range. */
  static Key key(String protocol, Integer from, Integer to) {
    if (protocol.equals("-1")) {
      return new Key("-1", null, null);
    }
    boolean ports = protocol.equals("tcp") || protocol.equals("udp");
    boolean icmp = protocol.equals("icmp") || protocol.equals("icmpv6");
    if (ports) {
      if (from == null || to == null) {
        throw Ec2Error.invalidParameterValue(
            "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
      }
      if (from < 0 || to > 65535 || from > to) {
        throw Ec2Error.invalidParameterValue(
            "Invalid port range: from " + from + " to " + to + ".");
      }
    } else if (icmp) {
      from = from == null ? -1 : from;
      to = to == null ? -1 : to;
      if (from < -1 || from > 255 || to < -1 || to > 255) {
        throw Ec2Error.invalidParameterValue(
            "ICMP type and code must be -1 to 255, not " + from + " and " + to + ".");
      }
    }
    return new Key(protocol, from, to);
  }
}
