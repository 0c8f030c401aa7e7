package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default VPC of each account and region (172.31.0.0/16), its default subnet per zone (a /20
 * each, available addresses going down as instances launch), and the primary network interface of
 * every instance: DescribeVpcs, DescribeSubnets, DescribeNetworkInterfaces.
 */
public final class VpcsArea {
  private static final int SUBNET_ADDRESSES = 4096 - 5; // a /20, less the 5 EC2 reserves

  private final World world;
  private final Filters<RegionState> vpcFilters;
  private final Filters<InstanceRecord> interfaceFilters;

  public VpcsArea(World world) {
    this.world = world;
    this.vpcFilters =
        new Filters<RegionState>(
                Map.of(
                    "vpc-id", s -> List.of(s.defaultVpcId),
                    "is-default", s -> List.of("true"),
                    // the name EC2 also accepts, which some clients use to find the default VPC
                    "isDefault", s -> List.of("true"),
                    "state", s -> List.of("available"),
                    "cidr", s -> List.of("172.31.0.0/16"),
                    "cidr-block-association.cidr-block", s -> List.of("172.31.0.0/16"),
                    "cidr-block-association.state", s -> List.of("associated"),
                    "owner-id", s -> List.of(s.accountId),
                    "dhcp-options-id", s -> List.of(dhcpOptions(s)),
                    "instance-tenancy", s -> List.of("default")))
            .withTags(s -> s.vpcTags);
    this.interfaceFilters =
        new Filters<InstanceRecord>(
                Map.ofEntries(
                    Map.entry("network-interface-id", r -> List.of(r.networkInterfaceId)),
                    Map.entry(
                        "group-id",
                        r -> r.groups.stream().map(InstanceRecord.GroupRef::id).toList()),
                    Map.entry(
                        "group-name",
                        r -> r.groups.stream().map(InstanceRecord.GroupRef::name).toList()),
                    Map.entry("attachment.instance-id", r -> List.of(r.id)),
                    Map.entry("attachment.instance-owner-id", r -> List.of(r.ownerId)),
                    Map.entry("attachment.status", r -> List.of("attached")),
                    Map.entry("attachment.device-index", r -> List.of("0")),
                    Map.entry(
                        "attachment.attachment-id",
                        r -> List.of("eni-attach-" + r.networkInterfaceId.substring(4))),
                    Map.entry("subnet-id", r -> List.of(r.subnetId)),
                    Map.entry("vpc-id", r -> List.of(r.vpcId)),
                    Map.entry("availability-zone", r -> List.of(r.zone)),
                    Map.entry("private-ip-address", r -> List.of(r.privateIp)),
                    Map.entry("addresses.private-ip-address", r -> List.of(r.privateIp)),
                    Map.entry("private-dns-name", r -> List.of(r.privateDns)),
                    Map.entry(
                        "association.public-ip",
                        r -> r.publicIp == null ? List.of() : List.of(r.publicIp)),
                    Map.entry("status", r -> List.of("in-use")),
                    Map.entry("description", r -> List.of("")),
                    Map.entry("owner-id", r -> List.of(r.ownerId)),
                    Map.entry("mac-address", r -> List.of(mac(r.networkInterfaceId))),
                    Map.entry("interface-type", r -> List.of("interface")),
                    Map.entry("requester-managed", r -> List.of("false")),
                    Map.entry(
                        "source-dest-check", r -> List.of(Boolean.toString(r.sourceDestCheck)))))
            .withTags(r -> r.interfaceTags);
  }

  /** Subnet filters for one account and region (available counts and VPC ids are per state). */
  private Filters<RegionState.Subnet> subnetFilters(RegionState state) {
    return new Filters<RegionState.Subnet>(
            Map.ofEntries(
                Map.entry("subnet-id", s -> List.of(s.id())),
                Map.entry("vpc-id", s -> List.of(state.defaultVpcId)),
                Map.entry("availability-zone", s -> List.of(s.zone())),
                Map.entry("availability-zone-id", s -> List.of(zoneId(s.zone()))),
                Map.entry("default-for-az", s -> List.of("true")),
                Map.entry("defaultForAz", s -> List.of("true")),
                Map.entry("cidr-block", s -> List.of(s.cidr())),
                Map.entry("cidrBlock", s -> List.of(s.cidr())),
                Map.entry("state", s -> List.of("available")),
                Map.entry("owner-id", s -> List.of(state.accountId)),
                Map.entry("map-public-ip-on-launch", s -> List.of("true")),
                Map.entry(
                    "available-ip-address-count",
                    s -> List.of(Integer.toString(available(state, s))))))
        .withTags(RegionState.Subnet::tags);
  }

  public void register(ActionTable table) {
    table.read("DescribeVpcs", this::describeVpcs);
    table.read("DescribeSubnets", this::describeSubnets);
    table.read("DescribeNetworkInterfaces", this::describeInterfaces);
  }

  /** A stable, locally administered MAC address for an interface. */
  static String mac(String interfaceId) {
    int h = interfaceId.hashCode();
    return String.format(
        "0e:%02x:%02x:%02x:%02x:%02x",
        (h >>> 24) & 0xff,
        (h >>> 16) & 0xff,
        (h >>> 8) & 0xff,
        h & 0xff,
        interfaceId.length() & 0xff);
  }

  private static String dhcpOptions(RegionState s) {
    return ResourceIds.stable("dopt-", s.accountId, s.region);
  }

  private String zoneId(String zone) {
    for (Geography.Zone z : world.geography().zones(zone.substring(0, zone.length() - 1))) {
      if (z.name().equals(zone)) {
        return z.id();
      }
    }
    return zone;
  }

  /** Addresses left in a subnet: its size less the live instances in it. */
  static int available(RegionState state, RegionState.Subnet subnet) {
    int used = 0;
    for (InstanceRecord r : state.instances.values()) {
      if (r.subnetId.equals(subnet.id()) && r.state != InstanceState.TERMINATED) {
        used++;
      }
    }
    return SUBNET_ADDRESSES - used;
  }

  private String describeVpcs(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("VpcId");
    List<String> missing = ids.stream().filter(id -> !id.equals(state.defaultVpcId)).toList();
    if (!missing.isEmpty()) {
      throw ResourceIds.notFound("InvalidVpcID.NotFound", "vpc", missing);
    }
    List<RegionState> result = vpcFilters.apply(call.filters(), List.of(state));
    Xml x = Xml.response(call.action(), call.requestId()).start("vpcSet");
    for (RegionState s : result) {
      x.start("item")
          .leaf("vpcId", s.defaultVpcId)
          .leaf("ownerId", s.accountId)
          .leaf("state", "available")
          .leaf("cidrBlock", "172.31.0.0/16")
          .start("cidrBlockAssociationSet")
          .start("item")
          .leaf("cidrBlock", "172.31.0.0/16")
          .leaf("associationId", ResourceIds.stable("vpc-cidr-assoc-", s.accountId, s.region))
          .start("cidrBlockState")
          .leaf("state", "associated")
          .end()
          .end()
          .end()
          .leaf("dhcpOptionsId", dhcpOptions(s))
          .leaf("instanceTenancy", "default")
          .leaf("isDefault", true);
      ImagesArea.writeTags(x, s.vpcTags);
      x.end();
    }
    x.end();
    return x.finish();
  }

  private String describeSubnets(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("SubnetId");
    List<RegionState.Subnet> result = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (ids.isEmpty()) {
      result.addAll(state.subnets.values());
    }
    for (String id : ids) {
      RegionState.Subnet s = state.subnets.get(id);
      if (s == null) {
        missing.add(id);
      } else {
        result.add(s);
      }
    }
    if (!missing.isEmpty()) {
      throw ResourceIds.notFound("InvalidSubnetID.NotFound", "subnet", missing);
    }
    Paging.Page<RegionState.Subnet> page =
        Paging.of(call, !ids.isEmpty(), "subnetIds")
            .page(subnetFilters(state).apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("subnetSet");
    for (RegionState.Subnet s : page.items()) {
      x.start("item")
          .leaf("subnetId", s.id())
          .leaf(
              "subnetArn",
              "arn:aws:ec2:" + state.region + ":" + state.accountId + ":subnet/" + s.id())
          .leaf("state", "available")
          .leaf("ownerId", state.accountId)
          .leaf("vpcId", state.defaultVpcId)
          .leaf("cidrBlock", s.cidr())
          .empty("ipv6CidrBlockAssociationSet")
          .leaf("availableIpAddressCount", available(state, s))
          .leaf("availabilityZone", s.zone())
          .leaf("availabilityZoneId", zoneId(s.zone()))
          .leaf("defaultForAz", true)
          .leaf("mapPublicIpOnLaunch", true)
          .leaf("mapCustomerOwnedIpOnLaunch", false)
          .leaf("assignIpv6AddressOnCreation", false)
          .leaf("enableDns64", false)
          .leaf("ipv6Native", false)
          .start("privateDnsNameOptionsOnLaunch")
          .leaf("hostnameType", "ip-name")
          .leaf("enableResourceNameDnsARecord", false)
          .leaf("enableResourceNameDnsAAAARecord", false)
          .end();
      ImagesArea.writeTags(x, s.tags());
      x.end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private String describeInterfaces(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("NetworkInterfaceId");
    List<InstanceRecord> all =
        state.instances.values().stream()
            .filter(r -> r.networkInterfaceId != null && r.state != InstanceState.TERMINATED)
            .toList();
    List<InstanceRecord> result = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (ids.isEmpty()) {
      result.addAll(all);
    }
    for (String id : ids) {
      all.stream()
          .filter(r -> r.networkInterfaceId.equals(id))
          .findFirst()
          .ifPresentOrElse(result::add, () -> missing.add(id));
    }
    if (!missing.isEmpty()) {
      throw ResourceIds.notFound(
          "InvalidNetworkInterfaceID.NotFound", "network interface", missing);
    }
    Paging.Page<InstanceRecord> page =
        Paging.of(call, !ids.isEmpty(), "networkInterfaceIds")
            .page(interfaceFilters.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("networkInterfaceSet");
    for (InstanceRecord r : page.items()) {
      x.start("item")
          .leaf("networkInterfaceId", r.networkInterfaceId)
          .leaf("subnetId", r.subnetId)
          .leaf("vpcId", r.vpcId)
          .leaf("availabilityZone", r.zone)
          .leaf("description", "")
          .leaf("ownerId", r.ownerId)
          .leaf("requesterManaged", false)
          .leaf("status", "in-use")
          .leaf("macAddress", mac(r.networkInterfaceId))
          .leaf("privateIpAddress", r.privateIp)
          .leaf("privateDnsName", r.privateDns)
          .leaf("sourceDestCheck", r.sourceDestCheck);
      x.start("groupSet");
      for (InstanceRecord.GroupRef g : r.groups) {
        x.start("item").leaf("groupId", g.id()).leaf("groupName", g.name()).end();
      }
      x.end();
      x.start("attachment")
          .leaf("attachmentId", "eni-attach-" + r.networkInterfaceId.substring(4))
          .leaf("instanceId", r.id)
          .leaf("instanceOwnerId", r.ownerId)
          .leaf("deviceIndex", 0)
          .leaf("status", "attached")
          .leaf("attachTime", Xml.time(r.launchTime))
          .leaf("deleteOnTermination", true)
          .leaf("networkCardIndex", 0)
          .end();
      if (r.publicIp != null) {
        x.start("association")
            .leaf("publicIp", r.publicIp)
            .leaf("publicDnsName", r.publicDns(state.region))
            .leaf("ipOwnerId", r.elasticAllocationId != null ? r.ownerId : "amazon")
            .end();
      }
      ImagesArea.writeTags(x, r.interfaceTags);
      x.start("privateIpAddressesSet")
          .start("item")
          .leaf("privateIpAddress", r.privateIp)
          .leaf("privateDnsName", r.privateDns)
          .leaf("primary", true)
          .end()
          .end()
          .empty("ipv6AddressesSet")
          .leaf("interfaceType", "interface");
      x.end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }
}
