package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateTags, DeleteTags, DescribeTags over every resource with an id, and the one set of tag rules
 * (EC2's: at most 50 tags per resource, keys up to 128 characters and values up to 256, keys
 * starting with {@code aws:} reserved) that TagSpecifications on create calls follow too.
 */
public final class TagsArea {
  static final int MAX_TAGS = 50;

  /** A resource's tags, live: changing the map changes the resource's tags. */
  record Tagged(String id, String type, Map<String, String> tags) {}

  private static final Filters<Map.Entry<Tagged, Map.Entry<String, String>>> FILTERS =
      new Filters<Map.Entry<Tagged, Map.Entry<String, String>>>(
              Map.of(
                  "resource-id", e -> List.of(e.getKey().id()),
                  "resource-type", e -> List.of(e.getKey().type()),
                  "key", e -> List.of(e.getValue().getKey()),
                  "value", e -> List.of(e.getValue().getValue())))
          // tag:KEY: the tags of the resources that have that tag with a matching value
          .withTagKeyFilter(e -> e.getKey().tags());

  private final World world;

  public TagsArea(World world) {
    this.world = world;
  }

  public void register(ActionTable table) {
    table.write("CreateTags", this::create);
    table.write("DeleteTags", this::delete);
    table.read("DescribeTags", this::describe);
  }

  /**
   * Every taggable resource of the account in the region, with its type as DescribeTags names it.
   */
  static List<Tagged> all(World world, RegionState state) {
    List<Tagged> out = new ArrayList<>();
    state.instances.values().forEach(r -> out.add(new Tagged(r.id, "instance", r.tags)));
    state.volumes.values().forEach(v -> out.add(new Tagged(v.id, "volume", v.tags)));
    state.snapshots.values().forEach(s -> out.add(new Tagged(s.id, "snapshot", s.tags)));
    state
        .addresses
        .values()
        .forEach(a -> out.add(new Tagged(a.allocationId, "elastic-ip", a.tags)));
    state.keyPairs.values().forEach(k -> out.add(new Tagged(k.id(), "key-pair", k.tags())));
    state.securityGroups.values().forEach(g -> out.add(new Tagged(g.id, "security-group", g.tags)));
    for (SecurityGroupsArea.SecurityGroupRecord g : state.securityGroups.values()) {
      for (var rules : List.of(g.ingress, g.egress)) {
        rules
            .values()
            .forEach(
                p ->
                    SecurityGroupsArea.sources(p)
                        .forEach(
                            src ->
                                out.add(
                                    new Tagged(
                                        p.rule(src).id(),
                                        "security-group-rule",
                                        p.rule(src).tags()))));
      }
    }
    state.images.values().forEach(i -> out.add(new Tagged(i.id, "image", i.tags)));
    state.vpcs.values().forEach(v -> out.add(new Tagged(v.id, "vpc", v.tags)));
    state.subnets.values().forEach(s -> out.add(new Tagged(s.id, "subnet", s.tags)));
    state
        .networkInterfaces
        .values()
        .forEach(n -> out.add(new Tagged(n.id, "network-interface", n.tags)));
    state
        .internetGateways
        .values()
        .forEach(g -> out.add(new Tagged(g.id, "internet-gateway", g.tags)));
    state.routeTables.values().forEach(t -> out.add(new Tagged(t.id, "route-table", t.tags)));
    state.networkAcls.values().forEach(a -> out.add(new Tagged(a.id, "network-acl", a.tags)));
    state.natGateways.values().forEach(n -> out.add(new Tagged(n.id, "natgateway", n.tags)));
    return out;
  }

  /** The resource with this id, or EC2's NotFound (or Malformed) error for its kind. */
  static Tagged find(World world, RegionState state, String id) {
    for (Tagged t : all(world, state)) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    int dash = id.indexOf('-');
    String prefix = dash < 0 ? "" : id.substring(0, dash);
    String code =
        switch (prefix) {
          case "i" -> "InvalidInstanceID.NotFound";
          case "vol" -> "InvalidVolume.NotFound";
          case "snap" -> "InvalidSnapshot.NotFound";
          case "eipalloc" -> "InvalidAllocationID.NotFound";
          case "key" -> "InvalidKeyPair.NotFound";
          case "sg" -> "InvalidGroup.NotFound";
          case "sgr" -> "InvalidSecurityGroupRuleId.NotFound";
          case "ami" -> "InvalidAMIID.NotFound";
          case "vpc" -> "InvalidVpcID.NotFound";
          case "subnet" -> "InvalidSubnetID.NotFound";
          case "eni" -> "InvalidNetworkInterfaceID.NotFound";
          case "igw" -> "InvalidInternetGatewayID.NotFound";
          case "rtb" -> "InvalidRouteTableID.NotFound";
          case "acl" -> "InvalidNetworkAclID.NotFound";
          case "nat" -> "InvalidNatGatewayID.NotFound";
          default -> "InvalidID";
        };
    if (code.equals("InvalidID")) {
      throw Ec2Error.badRequest("InvalidID", "The ID '" + id + "' is not valid");
    }
    throw Ec2Error.badRequest(code, "The ID '" + id + "' does not exist");
  }

  /** Checks one tag as EC2 does; {@code where} names it in the message. */
  static void check(String key, String value, String where) {
    if (key == null || key.isEmpty()) {
      throw Ec2Error.invalidParameterValue("Tag key must not be empty (" + where + ").");
    }
    if (key.length() > 128) {
      throw Ec2Error.invalidParameterValue(
          "Tag key exceeds the maximum length of 128 characters (" + where + ").");
    }
    if (value != null && value.length() > 256) {
      throw Ec2Error.invalidParameterValue(
          "Tag value exceeds the maximum length of 256 characters (" + where + ").");
    }
    if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
      throw Ec2Error.invalidParameterValue(
          "Tag keys starting with 'aws:' are reserved for internal use (" + where + ").");
    }
  }

  /** Adds tags to a resource, within EC2's limit of 50. */
  static void apply(Tagged resource, Map<String, String> tags) {
    Map<String, String> after = new LinkedHashMap<>(resource.tags());
    after.putAll(tags);
    if (after.size() > MAX_TAGS) {
      throw Ec2Error.badRequest(
          "TagLimitExceeded",
          "The maximum number of tags for resource " + resource.id() + " is " + MAX_TAGS + ".");
    }
    resource.tags().putAll(tags);
  }

  /**
   * The tags of a create call's TagSpecifications for {@code resourceType}; a specification for a
   * type the call cannot tag is InvalidParameterValue naming it, as on EC2.
   */
  static Map<String, String> specified(Call call, String resourceType, List<String> taggable) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int s : call.indexes("TagSpecification", "ResourceType")) {
      String p = "TagSpecification." + s + ".";
      String type = call.get(p + "ResourceType");
      if (!taggable.contains(type)) {
        throw Ec2Error.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      if (!type.equals(resourceType)) {
        continue;
      }
      for (int t : call.indexes(p + "Tag", "Key")) {
        String key = call.get(p + "Tag." + t + ".Key");
        String value = call.get(p + "Tag." + t + ".Value", "");
        check(key, value, p + "Tag." + t);
        tags.put(key, value);
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw Ec2Error.badRequest(
          "TagLimitExceeded", "The maximum number of tags for a resource is " + MAX_TAGS + ".");
    }
    return tags;
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("ResourceId");
    if (ids.isEmpty()) {
      throw Ec2Error.missingParameter("ResourceId");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int t : call.indexes("Tag", "Key")) {
      String key = call.get("Tag." + t + ".Key");
      String value = call.get("Tag." + t + ".Value", "");
      check(key, value, "Tag." + t);
      tags.put(key, value);
    }
    if (tags.isEmpty()) {
      throw Ec2Error.missingParameter("Tag");
    }
    List<Tagged> targets = new ArrayList<>();
    for (String id : ids) {
      targets.add(find(world, state, id));
    }
    for (Tagged t : targets) {
      Map<String, String> after = new LinkedHashMap<>(t.tags());
      after.putAll(tags);
      if (after.size() > MAX_TAGS) {
        throw Ec2Error.badRequest(
            "TagLimitExceeded",
            "The maximum number of tags for resource " + t.id() + " is " + MAX_TAGS + ".");
      }
    }
    call.checkDryRun();
    targets.forEach(t -> apply(t, tags));
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("ResourceId");
    if (ids.isEmpty()) {
      throw Ec2Error.missingParameter("ResourceId");
    }
    List<Tagged> targets = new ArrayList<>();
    for (String id : ids) {
      targets.add(find(world, state, id));
    }
    List<Integer> keys = call.indexes("Tag", "Key");
    call.checkDryRun();
    for (Tagged t : targets) {
      if (keys.isEmpty()) {
        t.tags().clear(); // no Tag given: every tag goes, as on EC2
      }
      for (int k : keys) {
        String key = call.get("Tag." + k + ".Key");
        String value = call.get("Tag." + k + ".Value");
        // a value given must match; an empty value given matches only an empty value
        if (value == null || value.equals(t.tags().get(key))) {
          t.tags().remove(key);
        }
      }
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    List<Map.Entry<Tagged, Map.Entry<String, String>>> rows = new ArrayList<>();
    for (Tagged t : all(world, state)) {
      t.tags().forEach((k, v) -> rows.add(Map.entry(t, Map.entry(k, v))));
    }
    Paging paging = Paging.of(call, false, "tagSet");
    Paging.Page<Map.Entry<Tagged, Map.Entry<String, String>>> page =
        paging.page(FILTERS.apply(call.filters(), rows));
    Xml x = Xml.response(call.action(), call.requestId()).start("tagSet");
    for (Map.Entry<Tagged, Map.Entry<String, String>> row : page.items()) {
      x.start("item")
          .leaf("resourceId", row.getKey().id())
          .leaf("resourceType", row.getKey().type())
          .leaf("key", row.getValue().getKey())
          .leaf("value", row.getValue().getValue())
          .end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }
}
