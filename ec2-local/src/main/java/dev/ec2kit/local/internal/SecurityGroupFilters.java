package dev.ec2kit.local.internal;

import dev.ec2kit.local.internal.SecurityGroupsArea.Key;
import dev.ec2kit.local.internal.SecurityGroupsArea.Permission;
import dev.ec2kit.local.internal.SecurityGroupsArea.SecurityGroupRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DescribeSecurityGroups' filters, each seeing what DescribeSecurityGroups shows of a group: its
 * own fields, and {@code ip-permission.*} over its inbound rules and {@code egress.ip-permission.*}
 * over its outbound ones.
 */
final class SecurityGroupFilters {
  private SecurityGroupFilters() {}

  static Filters<SecurityGroupRecord> of(RegionState state) {
    Map<String, Function<SecurityGroupRecord, List<String>>> fields =
        new HashMap<>(
            Map.of(
                "group-name", g -> List.of(g.name),
                "group-id", g -> List.of(g.id),
                "description", g -> List.of(g.description),
                "vpc-id", g -> List.of(g.vpcId),
                "owner-id", g -> List.of(g.ownerId)));
    permissions(fields, "ip-permission.", g -> g.ingress, state);
    permissions(fields, "egress.ip-permission.", g -> g.egress, state);
    return new Filters<>(fields).withTags(g -> g.tags);
  }

  private static void permissions(
      Map<String, Function<SecurityGroupRecord, List<String>>> fields,
      String prefix,
      Function<SecurityGroupRecord, Map<Key, Permission>> rules,
      RegionState state) {
    fields.put(prefix + "protocol", g -> keys(rules.apply(g), k -> Filters.one(k.protocol())));
    fields.put(prefix + "from-port", g -> keys(rules.apply(g), k -> Filters.one(k.from())));
    fields.put(prefix + "to-port", g -> keys(rules.apply(g), k -> Filters.one(k.to())));
    fields.put(prefix + "cidr", g -> sources(rules.apply(g), p -> p.cidrs));
    fields.put(prefix + "ipv6-cidr", g -> sources(rules.apply(g), p -> p.ipv6));
    fields.put(prefix + "prefix-list-id", g -> List.of()); // the emulator has no prefix lists
    fields.put(prefix + "user-id", g -> pairs(rules.apply(g), (user, id) -> List.of(user)));
    fields.put(prefix + "group-id", g -> pairs(rules.apply(g), (user, id) -> List.of(id)));
    fields.put(
        prefix + "group-name",
        g ->
            pairs(
                rules.apply(g),
                (user, id) -> {
                  SecurityGroupRecord ref = state.securityGroups.get(id);
                  return ref == null ? List.of() : List.of(ref.name);
                }));
  }

  private static List<String> keys(Map<Key, Permission> rules, Function<Key, List<String>> f) {
    return rules.keySet().stream().flatMap(k -> f.apply(k).stream()).toList();
  }

  private static List<String> sources(
      Map<Key, Permission> rules, Function<Permission, java.util.Set<String>> f) {
    return rules.values().stream().flatMap(p -> f.apply(p).stream()).toList();
  }

  /** Over each referenced group ({@code userId/groupId}) of the rules. */
  private static List<String> pairs(
      Map<Key, Permission> rules, java.util.function.BiFunction<String, String, List<String>> f) {
    List<String> out = new ArrayList<>();
    for (Permission p : rules.values()) {
      for (String pair : p.groups) {
        int slash = pair.indexOf('/');
        out.addAll(f.apply(pair.substring(0, slash), pair.substring(slash + 1)));
      }
    }
    return out;
  }
}
