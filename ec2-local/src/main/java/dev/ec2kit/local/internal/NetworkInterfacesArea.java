package dev.ec2kit.local.internal;

import java.util.List;
import java.util.Map;

/**
 * Network interfaces: Create, Delete, Describe, Attach, Detach, ModifyNetworkInterfaceAttribute,
 * Assign/UnassignPrivateIpAddresses; and how an interface is written in DescribeNetworkInterfaces
 * and nested in DescribeInstances.
 */
final class NetworkInterfacesArea {
  /** The public address an interface answers at, and whose it is. */
  record Association(
      String publicIp, String publicDns, String ownerId, String allocationId, String id) {}

  private final World world;

  NetworkInterfacesArea(World world) {
    this.world = world;
  }

  void register(ActionTable table) {
    table.read("DescribeNetworkInterfaces", this::describe);
    table.read("DescribeNetworkInterfaceAttribute", this::describeAttribute);
    table.write("CreateNetworkInterface", this::create);
    table.write("DeleteNetworkInterface", this::delete);
    table.write("AttachNetworkInterface", this::attach);
    table.write("DetachNetworkInterface", this::detach);
    table.write("ModifyNetworkInterfaceAttribute", this::modify);
    table.write("AssignPrivateIpAddresses", this::assign);
    table.write("UnassignPrivateIpAddresses", this::unassign);
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(
        call,
        "IPv6, prefixes, other interface types and connection tracking",
        "Ipv6AddressCount",
        "Ipv6Addresses",
        "Ipv6PrefixCount",
        "Ipv6Prefix",
        "Ipv4Prefix",
        "Ipv4PrefixCount",
        "EnablePrimaryIpv6",
        "InterfaceType",
        "ConnectionTrackingSpecification",
        "Operator");
    SubnetRecord subnet = Networks.subnet(state, call.required("SubnetId"));
    List<InstanceRecord.GroupRef> groups =
        Networks.groupsById(state, subnet, call.list("SecurityGroupId"));
    Ipv4 primary = call.ipv4("PrivateIpAddress");
    List<Ipv4> secondary = new java.util.ArrayList<>();
    for (int n : call.indexes("PrivateIpAddresses", "PrivateIpAddress")) {
      String p = "PrivateIpAddresses." + n + ".";
      Ipv4 ip = call.ipv4(p + "PrivateIpAddress");
      if (call.flag(p + "Primary")) {
        if (primary != null && !primary.equals(ip)) {
          throw Ec2Error.invalidParameterValue("Only one primary private IP address can be given.");
        }
        primary = ip;
      } else {
        secondary.add(ip);
      }
    }
    Integer count = call.integer("SecondaryPrivateIpAddressCount", 1, 49);
    if (primary != null) {
      subnet.check(primary);
    }
    for (Ipv4 ip : secondary) {
      subnet.check(ip);
    }
    Map<String, String> tags = InstancesArea.tags(call, "network-interface");
    String description = call.get("Description", "");
    call.checkDryRun(); // before the token: a dry run never answers with an earlier interface
    NetworkInterfaceRecord n = state.networkInterfaces.get(state.madeBefore(call));
    if (n == null) {
      n = NetworkInterfaceRecord.create(state, subnet, primary, groups, description, "interface");
      n.assign(secondary, count == null ? 0 : count, state);
      n.tags.putAll(tags);
      state.made(call, n.id);
    }
    Xml x = Xml.response(call.action(), call.requestId()).start("networkInterface");
    write(x, n, state, true);
    return x.end().leaf("clientToken", call.nonEmpty("ClientToken")).finish();
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    NetworkInterfaceRecord n =
        Networks.networkInterface(state, call.required("NetworkInterfaceId"));
    if (n.attachment() != null) {
      throw Ec2Error.badRequest(
          "InvalidNetworkInterface.InUse",
          "The network interface '" + n.id + "' is currently in use.");
    }
    n.checkUserManaged();
    call.checkDryRun();
    n.delete(state);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String attach(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(call, "ENA Express", "EnaSrdSpecification", "EnaQueueCount");
    call.integer("NetworkCardIndex", 0, 0);
    NetworkInterfaceRecord n =
        Networks.networkInterface(state, call.required("NetworkInterfaceId"));
    String instanceId = call.required("InstanceId");
    InstanceRecord r = state.instances.get(instanceId);
    if (r == null || r.state == dev.ec2kit.InstanceState.TERMINATED) {
      throw ResourceIds.notFound("InvalidInstanceID.NotFound", "instance", List.of(instanceId));
    }
    int device = call.requiredInteger("DeviceIndex", 1, 31);
    if (r.state != dev.ec2kit.InstanceState.RUNNING
        && r.state != dev.ec2kit.InstanceState.STOPPED) {
      throw Ec2Error.badRequest(
          "IncorrectInstanceState",
          "The instance '" + r.id + "' is not in a valid state for this operation.");
    }
    if (!n.vpcId.equals(r.vpcId)) {
      throw Ec2Error.invalidParameterValue(
          "The network interface "
              + n.id
              + " and the instance "
              + r.id
              + " belong to different networks.");
    }
    n.checkUserManaged();
    if (call.flag("DryRun")) {
      n.checkAttach(r, device, state);
      call.checkDryRun();
    }
    NetworkInterfaceRecord.Attachment a = n.attach(r, device, false, call.now(), state);
    return Xml.response(call.action(), call.requestId())
        .leaf("attachmentId", a.id())
        .leaf("networkCardIndex", 0)
        .finish();
  }

  /** The interface with an attachment, or InvalidAttachmentID.NotFound. */
  private static NetworkInterfaceRecord attached(RegionState state, String attachmentId) {
    for (NetworkInterfaceRecord n : state.networkInterfaces.values()) {
      if (n.attachment() != null && n.attachment().id().equals(attachmentId)) {
        return n;
      }
    }
    throw noAttachment(attachmentId);
  }

  private static Ec2Error noAttachment(String id) {
    return Ec2Error.badRequest(
        "InvalidAttachmentID.NotFound", "The attachment ID '" + id + "' does not exist");
  }

  private String detach(Call call) {
    RegionState state = world.state(call);
    NetworkInterfaceRecord n = attached(state, call.required("AttachmentId"));
    call.bool("Force");
    if (n.attachment().deviceIndex() == 0) {
      n.detach(state); // answers OperationNotPermitted
    }
    call.checkDryRun();
    n.detach(state);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** One attribute a call, as EC2 takes them. */
  private String modify(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(
        call,
        "ENA Express, connection tracking, IPv6 and public addresses of secondary interfaces",
        "EnaSrdSpecification",
        "ConnectionTrackingSpecification",
        "EnablePrimaryIpv6",
        "AssociatePublicIpAddress",
        "AssociatedSubnetId");
    NetworkInterfaceRecord n =
        Networks.networkInterface(state, call.required("NetworkInterfaceId"));
    String description = call.get("Description.Value");
    Boolean check = call.bool("SourceDestCheck.Value");
    List<String> groupIds = call.list("SecurityGroupId");
    Boolean deleteOnTermination = call.bool("Attachment.DeleteOnTermination");
    int given =
        (description != null ? 1 : 0)
            + (check != null ? 1 : 0)
            + (groupIds.isEmpty() ? 0 : 1)
            + (deleteOnTermination != null ? 1 : 0);
    if (given != 1) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "Exactly one of Description, SourceDestCheck, SecurityGroupId or Attachment is modified"
              + " at a time.");
    }
    List<InstanceRecord.GroupRef> groups =
        groupIds.isEmpty()
            ? null
            : Networks.groupsById(state, state.subnets.get(n.subnetId), groupIds);
    if (deleteOnTermination != null) {
      String attachment = call.required("Attachment.AttachmentId");
      if (n.attachment() == null || !n.attachment().id().equals(attachment)) {
        throw noAttachment(attachment);
      }
    }
    call.checkDryRun();
    if (description != null) {
      n.describe(description);
    } else if (check != null) {
      n.sourceDestCheck(check, state);
    } else if (groups != null) {
      n.replaceGroups(groups, state);
    } else {
      n.deleteOnTermination(deleteOnTermination);
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String assign(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(
        call,
        "IPv4 prefixes and reassignment",
        "Ipv4Prefix",
        "Ipv4PrefixCount",
        "AllowReassignment");
    NetworkInterfaceRecord n =
        Networks.networkInterface(state, call.required("NetworkInterfaceId"));
    List<Ipv4> ips = new java.util.ArrayList<>();
    for (int i = 1; call.get("PrivateIpAddress." + i) != null; i++) {
      Ipv4 v = call.ipv4("PrivateIpAddress." + i);
      state.subnets.get(n.subnetId).check(v);
      ips.add(v);
    }
    Integer count = call.integer("SecondaryPrivateIpAddressCount", 1, 49);
    if (ips.isEmpty() == (count == null)) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "Give either PrivateIpAddress or SecondaryPrivateIpAddressCount.");
    }
    call.checkDryRun();
    List<String> added = n.assign(ips, count == null ? 0 : count, state);
    Xml x =
        Xml.response(call.action(), call.requestId())
            .leaf("networkInterfaceId", n.id)
            .start("assignedPrivateIpAddressesSet");
    added.forEach(ip -> x.start("item").leaf("privateIpAddress", ip).end());
    return x.end().leaf("return", true).finish();
  }

  private String unassign(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(call, "IPv4 prefixes", "Ipv4Prefix");
    NetworkInterfaceRecord n =
        Networks.networkInterface(state, call.required("NetworkInterfaceId"));
    List<String> ips = call.list("PrivateIpAddress");
    if (ips.isEmpty()) {
      throw Ec2Error.missingParameter("PrivateIpAddress");
    }
    if (call.flag("DryRun")) {
      n.checkUnassign(ips);
      call.checkDryRun();
    }
    n.unassign(ips, state);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** The names DescribeNetworkInterfaces filters by, tags aside. */
  static java.util.Set<String> filterNames() {
    return NAMES;
  }

  private static final java.util.Set<String> NAMES = java.util.Set.copyOf(filters(null).names());

  private static String zoneId(NetworkInterfaceRecord n, RegionState state) {
    return state.subnets.get(n.subnetId).zoneId;
  }

  static Filters<NetworkInterfaceRecord> filters(RegionState state) {
    return new Filters<NetworkInterfaceRecord>(
            Map.ofEntries(
                Map.entry("network-interface-id", n -> List.of(n.id)),
                Map.entry(
                    "association.allocation-id", n -> assoc(n, state, Association::allocationId)),
                Map.entry("association.association-id", n -> assoc(n, state, Association::id)),
                Map.entry("association.ip-owner-id", n -> assoc(n, state, Association::ownerId)),
                Map.entry("association.public-ip", n -> assoc(n, state, Association::publicIp)),
                Map.entry(
                    "association.public-dns-name", n -> assoc(n, state, Association::publicDns)),
                Map.entry(
                    "addresses.association.owner-id", n -> assoc(n, state, Association::ownerId)),
                Map.entry(
                    "addresses.association.public-ip", n -> assoc(n, state, Association::publicIp)),
                Map.entry(
                    "addresses.primary",
                    n -> n.privateIps.size() > 1 ? List.of("true", "false") : List.of("true")),
                Map.entry("addresses.private-ip-address", n -> List.copyOf(n.privateIps)),
                Map.entry("private-ip-address", n -> List.copyOf(n.privateIps)),
                Map.entry(
                    "private-dns-name",
                    n -> List.of(NetworkInterfaceRecord.privateDns(n.primaryIp(), state.region))),
                Map.entry(
                    "attachment.attach-time", n -> attached(n, a -> Xml.time(a.attachTime()))),
                Map.entry(
                    "attachment.attachment-id",
                    n ->
                        n.detached() != null
                            ? List.of(n.detached().id())
                            : attached(n, NetworkInterfaceRecord.Attachment::id)),
                Map.entry(
                    "attachment.delete-on-termination",
                    n -> attached(n, NetworkInterfaceRecord.Attachment::deleteOnTermination)),
                Map.entry(
                    "attachment.device-index",
                    n -> attached(n, NetworkInterfaceRecord.Attachment::deviceIndex)),
                Map.entry(
                    "attachment.instance-id",
                    n -> attached(n, NetworkInterfaceRecord.Attachment::instanceId)),
                Map.entry("attachment.instance-owner-id", n -> attached(n, a -> n.ownerId)),
                Map.entry(
                    "attachment.status",
                    n -> n.detached() != null ? List.of("detached") : attached(n, a -> "attached")),
                Map.entry("availability-zone", n -> List.of(n.zone)),
                Map.entry("availability-zone-id", n -> List.of(zoneId(n, state))),
                Map.entry("description", n -> List.of(n.description())),
                Map.entry(
                    "group-id",
                    n -> n.groups(state).stream().map(InstanceRecord.GroupRef::id).toList()),
                Map.entry(
                    "group-name",
                    n -> n.groups(state).stream().map(InstanceRecord.GroupRef::name).toList()),
                Map.entry("ipv6-addresses.ipv6-address", n -> List.of()),
                Map.entry("interface-type", n -> List.of(n.interfaceType)),
                Map.entry("mac-address", n -> List.of(n.mac())),
                Map.entry("operator.managed", n -> List.of()),
                Map.entry("operator.principal", n -> List.of()),
                Map.entry("owner-id", n -> List.of(n.ownerId)),
                Map.entry("requester-id", n -> n.requesterManaged ? List.of("AWS") : List.of()),
                Map.entry("requester-managed", n -> List.of(Boolean.toString(n.requesterManaged))),
                Map.entry(
                    "source-dest-check", n -> List.of(Boolean.toString(n.sourceDestCheck(state)))),
                Map.entry("status", n -> List.of(status(n))),
                Map.entry("subnet-id", n -> List.of(n.subnetId)),
                Map.entry("vpc-id", n -> List.of(n.vpcId))))
        .withTags(n -> n.tags);
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "NetworkInterfaceId",
        state.networkInterfaces,
        "InvalidNetworkInterfaceID.NotFound",
        "network interface",
        filters(state),
        "networkInterfaceSet",
        (x, n) -> write(x, n, state, true));
  }

  private static List<String> assoc(
      NetworkInterfaceRecord n,
      RegionState state,
      java.util.function.Function<Association, String> field) {
    Association a = association(n, state);
    return a == null ? List.of() : Networks.optional(field.apply(a));
  }

  private static List<String> attached(
      NetworkInterfaceRecord n,
      java.util.function.Function<NetworkInterfaceRecord.Attachment, Object> field) {
    return n.attachment() == null
        ? List.of()
        : List.of(String.valueOf(field.apply(n.attachment())));
  }

  private static String status(NetworkInterfaceRecord n) {
    return n.attachment() == null ? "available" : "in-use";
  }

  /** The public address of an interface: its instance's, or an Elastic IP's; null when none. */
  static Association association(NetworkInterfaceRecord n, RegionState state) {
    InstanceRecord r = n.primaryOf(state);
    if (r != null) {
      return r.publicIp == null
          ? null
          : new Association(
              r.publicIp,
              r.publicDns(state.region),
              r.elasticAllocationId != null ? r.ownerId : "amazon",
              r.elasticAllocationId,
              r.elasticAllocationId == null
                  ? null
                  : state.addresses.get(r.elasticAllocationId).associationId());
    }
    for (AddressesArea.AddressRecord a : state.addresses.values()) {
      if (n.id.equals(a.networkInterfaceId()) && n.primaryIp().equals(a.privateIp())) {
        return new Association(a.publicIp, "", n.ownerId, a.allocationId, a.associationId());
      }
    }
    return null;
  }

  /**
   * One interface: as DescribeNetworkInterfaces writes it ({@code full}), or as DescribeInstances
   * nests it in an instance.
   */
  static void write(Xml x, NetworkInterfaceRecord n, RegionState state, boolean full) {
    if (!full) {
      x.start("item");
    }
    String dns = NetworkInterfaceRecord.privateDns(n.primaryIp(), state.region);
    x.leaf("networkInterfaceId", n.id).leaf("subnetId", n.subnetId).leaf("vpcId", n.vpcId);
    if (full) {
      x.leaf("availabilityZone", n.zone).leaf("availabilityZoneId", zoneId(n, state));
    }
    x.leaf("description", n.description()).leaf("ownerId", n.ownerId);
    if (full) {
      x.leaf("requesterId", n.requesterManaged ? "AWS" : null)
          .leaf("requesterManaged", n.requesterManaged);
    }
    x.leaf("status", status(n))
        .leaf("macAddress", n.mac())
        .leaf("privateIpAddress", n.primaryIp())
        .leaf("privateDnsName", dns)
        .leaf("sourceDestCheck", n.sourceDestCheck(state));
    writeGroups(x, n.groups(state));
    writeAttachment(x, n, full);
    Association assoc = association(n, state);
    writeAssociation(x, assoc);
    if (full) {
      ImagesArea.writeTags(x, n.tags);
    }
    x.start("privateIpAddressesSet");
    for (String ip : n.privateIps) {
      boolean primary = ip.equals(n.primaryIp());
      x.start("item")
          .leaf("privateIpAddress", ip)
          .leaf("privateDnsName", NetworkInterfaceRecord.privateDns(ip, state.region))
          .leaf("primary", primary);
      if (primary) {
        writeAssociation(x, assoc);
      }
      x.end();
    }
    x.end().empty("ipv6AddressesSet").leaf("interfaceType", n.interfaceType);
    if (!full) {
      x.end();
    }
  }

  /** An interface's attachment, with its instance when written on its own. */
  private static void writeAttachment(Xml x, NetworkInterfaceRecord n, boolean full) {
    NetworkInterfaceRecord.Attachment a = n.attachment() != null ? n.attachment() : n.detached();
    if (a != null) {
      x.start("attachment").leaf("attachmentId", a.id());
      if (full) {
        x.leaf("instanceId", a.instanceId()).leaf("instanceOwnerId", n.ownerId);
      }
      x.leaf("deviceIndex", a.deviceIndex())
          .leaf("status", n.attachment() != null ? "attached" : "detached")
          .leaf("attachTime", Xml.time(a.attachTime()))
          .leaf("deleteOnTermination", a.deleteOnTermination())
          .leaf("networkCardIndex", 0)
          .end();
    }
  }

  /** One attribute of an interface, as DescribeNetworkInterfaceAttribute names it. */
  private String describeAttribute(Call call) {
    RegionState state = world.state(call);
    String attribute =
        call.oneOf(
            "Attribute",
            null,
            java.util.Set.of(
                "description",
                "groupSet",
                "sourceDestCheck",
                "attachment",
                "associatePublicIpAddress"));
    NetworkInterfaceRecord n =
        Networks.networkInterface(state, call.required("NetworkInterfaceId"));
    if (attribute == null) {
      throw Ec2Error.missingParameter("Attribute");
    }
    Xml x = Xml.response(call.action(), call.requestId()).leaf("networkInterfaceId", n.id);
    switch (attribute) {
      case "description" -> x.start("description").leaf("value", n.description()).end();
      case "sourceDestCheck" ->
          x.start("sourceDestCheck").leaf("value", n.sourceDestCheck(state)).end();
      case "attachment" -> writeAttachment(x, n, true);
      case "associatePublicIpAddress" ->
          x.leaf("associatePublicIpAddress", association(n, state) != null);
      default -> {
        writeGroups(x, n.groups(state));
      }
    }
    return x.finish();
  }

  private static void writeGroups(Xml x, List<InstanceRecord.GroupRef> groups) {
    x.start("groupSet");
    for (InstanceRecord.GroupRef g : groups) {
      x.start("item").leaf("groupId", g.id()).leaf("groupName", g.name()).end();
    }
    x.end();
  }

  private static void writeAssociation(Xml x, Association a) {
    if (a != null) {
      x.start("association")
          .leaf("publicIp", a.publicIp())
          .leaf("publicDnsName", a.publicDns())
          .leaf("ipOwnerId", a.ownerId())
          .leaf("allocationId", a.allocationId())
          .leaf("associationId", a.id())
          .end();
    }
  }
}
