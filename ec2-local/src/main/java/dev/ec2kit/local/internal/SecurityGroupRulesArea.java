package dev.ec2kit.local.internal;

import dev.ec2kit.local.internal.SecurityGroupsArea.Key;
import dev.ec2kit.local.internal.SecurityGroupsArea.Permission;
import dev.ec2kit.local.internal.SecurityGroupsArea.Rule;
import dev.ec2kit.local.internal.SecurityGroupsArea.SecurityGroupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Security group rules one by one, by their ids: DescribeSecurityGroupRules and
 * ModifySecurityGroupRules (a rule's protocol, ports, source and description changed in place,
 * keeping its id, as on EC2).
 */
final class SecurityGroupRulesArea {
  /** One rule with where it stands. */
  private record Row(
      SecurityGroupRecord group, boolean egress, Key key, String source, Rule rule) {}

  private final World world;

  SecurityGroupRulesArea(World world) {
    this.world = world;
  }

  void register(ActionTable table) {
    table.read("DescribeSecurityGroupRules", this::describeRules);
    table.write("ModifySecurityGroupRules", this::modifyRules);
  }

  /** One rule as AuthorizeSecurityGroup* and DescribeSecurityGroupRules answer it. */
  static void writeRule(
      Xml x, SecurityGroupRecord g, boolean egress, Key k, String source, Rule rule) {
    x.start("item")
        .leaf("securityGroupRuleId", rule.id())
        .leaf("groupId", g.id)
        .leaf("groupOwnerId", g.ownerId)
        .leaf("isEgress", egress)
        .leaf("ipProtocol", k.protocol())
        .leaf("fromPort", k.from() == null ? -1 : k.from())
        .leaf("toPort", k.to() == null ? -1 : k.to());
    if (source.startsWith("group:")) {
      String pair = source.substring("group:".length());
      x.start("referencedGroupInfo")
          .leaf("groupId", pair.substring(pair.indexOf('/') + 1))
          .leaf("userId", pair.substring(0, pair.indexOf('/')))
          .end();
    } else if (source.contains(":")) {
      x.leaf("cidrIpv6", source);
    } else {
      x.leaf("cidrIpv4", source);
    }
    x.leaf("description", rule.description());
    ImagesArea.writeTags(x, rule.tags());
    x.end();
  }

  /** Every rule of the region's groups, each with its group, direction, key and source. */
  private static List<Row> rows(RegionState state) {
    List<Row> rows = new ArrayList<>();
    for (SecurityGroupRecord g : state.securityGroups.values()) {
      for (boolean egress : List.of(false, true)) {
        (egress ? g.egress : g.ingress)
            .forEach(
                (k, p) ->
                    SecurityGroupsArea.sources(p)
                        .forEach(src -> rows.add(new Row(g, egress, k, src, p.rule(src)))));
      }
    }
    return rows;
  }

  private String describeRules(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("SecurityGroupRuleId");
    List<Row> rows = rows(state);
    List<String> missing =
        ids.stream().filter(id -> rows.stream().noneMatch(r -> r.rule().id().equals(id))).toList();
    if (!missing.isEmpty()) {
      throw Ec2Error.badRequest(
          "InvalidSecurityGroupRuleId.NotFound",
          "The security group rule ID '" + String.join(", ", missing) + "' does not exist");
    }
    List<Row> result =
        ids.isEmpty() ? rows : rows.stream().filter(r -> ids.contains(r.rule().id())).toList();
    Filters<Row> filters =
        new Filters<Row>(
                Map.of(
                    "group-id", r -> List.of(r.group().id),
                    "security-group-rule-id", r -> List.of(r.rule().id())))
            .withTags(r -> r.rule().tags());
    Paging.Page<Row> page =
        Paging.of(call, !ids.isEmpty(), "securityGroupRuleIds")
            .page(filters.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("securityGroupRuleSet");
    for (Row r : page.items()) {
      writeRule(x, r.group(), r.egress(), r.key(), r.source(), r.rule());
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  /** The source a rule request names: one of an IPv4 or IPv6 block, or a group. */
  private static String source(Call call, String p, RegionState state) {
    List<String> given = new ArrayList<>();
    String v4 = call.cidr4(p + "CidrIpv4");
    String v6 = call.cidr6(p + "CidrIpv6");
    String group = call.nonEmpty(p + "ReferencedGroupId");
    Networks.unsupported(call, "prefix lists", p + "PrefixListId");
    if (v4 != null) {
      given.add(v4);
    }
    if (v6 != null) {
      given.add(v6);
    }
    if (group != null) {
      given.add("group:" + state.accountId + "/" + SecurityGroupsArea.find(state, group, null).id);
    }
    if (given.size() != 1) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "A security group rule takes exactly one of CidrIpv4, CidrIpv6 or ReferencedGroupId.");
    }
    return given.get(0);
  }

  /** Replaces rules of one group by id: each keeps its id and direction, takes the new rest. */
  private String modifyRules(Call call) {
    RegionState state = world.state(call);
    SecurityGroupRecord g = SecurityGroupsArea.find(state, call.required("GroupId"), null);
    List<Integer> indexes = call.indexes("SecurityGroupRule", "SecurityGroupRuleId");
    if (indexes.isEmpty()) {
      throw Ec2Error.missingParameter("SecurityGroupRule");
    }
    List<Row> rows = rows(state);
    record Change(Row old, Key key, String source, String description) {}
    List<Change> changes = new ArrayList<>();
    for (int n : indexes) {
      String p = "SecurityGroupRule." + n + ".";
      String id = call.get(p + "SecurityGroupRuleId");
      Row old =
          rows.stream()
              .filter(r -> r.group() == g && r.rule().id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      Ec2Error.badRequest(
                          "InvalidSecurityGroupRuleId.NotFound",
                          "The security group rule ID '" + id + "' does not exist"));
      String q = p + "SecurityGroupRule.";
      Key key =
          SecurityGroupsArea.key(
              call.protocol(q + "IpProtocol", "-1"),
              call.integer(q + "FromPort", -1, 65535),
              call.integer(q + "ToPort", -1, 65535));
      String description = call.get(q + "Description");
      if (description != null && description.length() > 255) {
        throw Ec2Error.invalidParameterValue("Rule descriptions take at most 255 characters.");
      }
      String source = source(call, q, state);
      Permission there = (old.egress() ? g.egress : g.ingress).get(key);
      boolean same = key.equals(old.key()) && source.equals(old.source());
      if (!same && there != null && SecurityGroupsArea.sources(there).contains(source)) {
        throw Ec2Error.badRequest(
            "InvalidPermission.Duplicate", "the specified rule already exists");
      }
      changes.add(new Change(old, key, source, description));
    }
    call.checkDryRun();
    for (Change c : changes) {
      Map<Key, Permission> rules = c.old().egress() ? g.egress : g.ingress;
      Permission from = rules.get(c.old().key());
      remove(from, c.old().source());
      if (from.isEmpty()) {
        rules.remove(c.old().key());
      }
      Permission to = rules.computeIfAbsent(c.key(), k -> new Permission());
      add(to, c.source());
      to.rules.put(
          c.source(), new Rule(c.old().rule().id(), c.description(), c.old().rule().tags()));
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /**
   * RevokeSecurityGroupIngress/Egress by SecurityGroupRuleId: each id must be a rule of the group
   * in that direction (InvalidSecurityGroupRuleId.NotFound), and all go or none.
   */
  static void revoke(
      Call call, SecurityGroupRecord g, Map<Key, Permission> rules, List<String> ids) {
    List<Map.Entry<Key, String>> found = new ArrayList<>();
    for (String id : ids) {
      Map.Entry<Key, String> at = null;
      for (Map.Entry<Key, Permission> e : rules.entrySet()) {
        for (String source : SecurityGroupsArea.sources(e.getValue())) {
          if (e.getValue().rule(source).id().equals(id)) {
            at = Map.entry(e.getKey(), source);
          }
        }
      }
      if (at == null) {
        throw Ec2Error.badRequest(
            "InvalidSecurityGroupRuleId.NotFound",
            "The security group rule ID '" + id + "' does not exist in " + g.id);
      }
      found.add(at);
    }
    call.checkDryRun();
    for (Map.Entry<Key, String> at : found) {
      Permission p = rules.get(at.getKey());
      remove(p, at.getValue());
      if (p.isEmpty()) {
        rules.remove(at.getKey());
      }
    }
  }

  private static void remove(Permission p, String source) {
    p.rules.remove(source);
    if (source.startsWith("group:")) {
      p.groups.remove(source.substring("group:".length()));
    } else if (source.contains(":")) {
      p.ipv6.remove(source);
    } else {
      p.cidrs.remove(source);
    }
  }

  private static void add(Permission p, String source) {
    if (source.startsWith("group:")) {
      p.groups.add(source.substring("group:".length()));
    } else if (source.contains(":")) {
      p.ipv6.add(source);
    } else {
      p.cidrs.add(source);
    }
  }
}
