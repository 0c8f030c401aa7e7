package dev.ec2kit.local.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateSubnet, DeleteSubnet, DescribeSubnets, ModifySubnetAttribute. */
final class SubnetsArea {
  /** The filters of DescribeSubnets (owner and ARN are the region state's). */
  private static Filters<SubnetRecord> filters(RegionState state) {
    return new Filters<SubnetRecord>(
            Map.ofEntries(
                Map.entry("owner-id", s -> List.of(state.accountId)),
                Map.entry("subnet-arn", s -> List.of(s.arn(state))),
                Map.entry("subnet-id", s -> List.of(s.id)),
                Map.entry("vpc-id", s -> List.of(s.vpcId)),
                Map.entry("availability-zone", s -> List.of(s.zone)),
                Map.entry("availability-zone-id", s -> List.of(s.zoneId)),
                Map.entry("availabilityZone", s -> List.of(s.zone)),
                Map.entry("availabilityZoneId", s -> List.of(s.zoneId)),
                Map.entry("cidr", s -> List.of(s.cidr.toString())),
                Map.entry("available-ip-address-count", s -> List.of(Long.toString(s.available()))),
                Map.entry("cidr-block", s -> List.of(s.cidr.toString())),
                Map.entry("cidrBlock", s -> List.of(s.cidr.toString())),
                Map.entry("customer-owned-ipv4-pool", s -> List.of()),
                Map.entry("default-for-az", s -> List.of(Boolean.toString(s.defaultForAz))),
                Map.entry("defaultForAz", s -> List.of(Boolean.toString(s.defaultForAz))),
                Map.entry("enable-dns64", s -> List.of(Boolean.toString(s.enableDns64))),
                Map.entry("enable-lni-at-device-index", s -> List.of()),
                Map.entry("ipv6-cidr-block-association.ipv6-cidr-block", s -> List.of()),
                Map.entry("ipv6-cidr-block-association.association-id", s -> List.of()),
                Map.entry("ipv6-cidr-block-association.state", s -> List.of()),
                Map.entry("ipv6-native", s -> List.of("false")),
                Map.entry("map-customer-owned-ip-on-launch", s -> List.of("false")),
                Map.entry(
                    "map-public-ip-on-launch",
                    s -> List.of(Boolean.toString(s.mapPublicIpOnLaunch))),
                Map.entry("outpost-arn", s -> List.of()),
                Map.entry(
                    "private-dns-name-options-on-launch.hostname-type",
                    s -> List.of(s.hostnameType)),
                Map.entry(
                    "private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
                    s -> List.of(Boolean.toString(s.dnsARecord))),
                Map.entry(
                    "private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record",
                    s -> List.of("false")),
                Map.entry("state", s -> List.of("available"))))
        .withTags(s -> s.tags);
  }

  private final World world;

  SubnetsArea(World world) {
    this.world = world;
  }

  void register(ActionTable table) {
    table.write("CreateSubnet", this::create);
    table.write("DeleteSubnet", this::delete);
    table.read("DescribeSubnets", this::describe);
    table.write("ModifySubnetAttribute", this::modifyAttribute);
    table.write("CreateDefaultSubnet", this::createDefault);
  }

  /** A default subnet of the default VPC in a zone that has none (after it was deleted). */
  private String createDefault(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(call, "IPv6", "Ipv6Native");
    if (call.nonEmpty("AvailabilityZone") == null && call.nonEmpty("AvailabilityZoneId") == null) {
      throw Ec2Error.missingParameter("AvailabilityZone");
    }
    Geography.Zone zone = zone(call, state);
    VpcRecord vpc = state.defaultVpc();
    if (vpc == null) {
      throw Ec2Error.badRequest(
          "DefaultVpcDoesNotExist", "No default VPC exists for this account in this region.");
    }
    if (state.defaultSubnet(zone.name()) != null) {
      throw Ec2Error.badRequest(
          "DefaultSubnetAlreadyExistsInAvailabilityZone",
          "Default subnet already exists in " + zone.name() + ".");
    }
    call.checkDryRun();
    SubnetRecord s = state.createDefaultSubnet(ResourceIds.FRESH, vpc, zone);
    Xml x = Xml.response(call.action(), call.requestId()).start("subnet");
    write(x, s, state, "available");
    return x.end().finish();
  }

  private Geography.Zone zone(Call call, RegionState state) {
    String name = call.nonEmpty("AvailabilityZone");
    String id = call.nonEmpty("AvailabilityZoneId");
    if (name != null && id != null) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The parameters AvailabilityZone and AvailabilityZoneId cannot be used together.");
    }
    List<Geography.Zone> zones = world.geography().zones(state.region);
    if (name == null && id == null) {
      return zones.get(0); // EC2 chooses one
    }
    for (Geography.Zone z : zones) {
      if (z.name().equals(name) || z.id().equals(id)) {
        return z;
      }
    }
    throw Ec2Error.invalidParameterValue(
        "Value ("
            + (name != null ? name : id)
            + ") for parameter availabilityZone is invalid."
            + " Subnets can currently only be created in the following availability zones: "
            + String.join(", ", zones.stream().map(Geography.Zone::name).toList())
            + ".");
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(
        call,
        "IPv6, IPAM pools and Outposts; give an IPv4 CidrBlock",
        "Ipv6CidrBlock",
        "Ipv6Native",
        "Ipv6IpamPoolId",
        "Ipv6NetmaskLength",
        "Ipv4IpamPoolId",
        "Ipv4NetmaskLength",
        "OutpostArn");
    VpcRecord vpc = Networks.vpc(state, call.required("VpcId"));
    Cidr cidr = VpcsArea.cidr(call, "CidrBlock");
    Geography.Zone zone = zone(call, state);
    Map<String, String> tags = InstancesArea.tags(call, "subnet");
    String id = ResourceIds.next("subnet-");
    if (call.flag("DryRun")) {
      SubnetRecord.check(state, vpc, cidr);
      call.checkDryRun();
    }
    SubnetRecord s = SubnetRecord.create(state, id, vpc, cidr, zone, false);
    s.tags.putAll(tags);
    Xml x = Xml.response(call.action(), call.requestId()).start("subnet");
    write(x, s, state, "pending");
    return x.end().finish();
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    SubnetRecord s = Networks.subnet(state, call.required("SubnetId"));
    String dependent = s.dependent(state);
    if (dependent != null) {
      throw Ec2Error.badRequest(
          "DependencyViolation",
          "The subnet '" + s.id + "' has dependencies and cannot be deleted (" + dependent + ").");
    }
    call.checkDryRun();
    s.delete(state);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "SubnetId",
        state.subnets,
        "InvalidSubnetID.NotFound",
        "subnet",
        filters(state),
        "subnetSet",
        (x, s) -> write(x, s, state, "available"));
  }

  private static void write(Xml x, SubnetRecord s, RegionState state, String status) {
    x.leaf("subnetId", s.id)
        .leaf("subnetArn", s.arn(state))
        .leaf("state", status)
        .leaf("ownerId", state.accountId)
        .leaf("vpcId", s.vpcId)
        .leaf("cidrBlock", s.cidr.toString())
        .empty("ipv6CidrBlockAssociationSet")
        .leaf("availableIpAddressCount", s.available())
        .leaf("availabilityZone", s.zone)
        .leaf("availabilityZoneId", s.zoneId)
        .leaf("defaultForAz", s.defaultForAz)
        .leaf("mapPublicIpOnLaunch", s.mapPublicIpOnLaunch)
        .leaf("mapCustomerOwnedIpOnLaunch", false)
        .leaf("assignIpv6AddressOnCreation", false)
        .leaf("enableDns64", s.enableDns64)
        .leaf("ipv6Native", false)
        .start("privateDnsNameOptionsOnLaunch")
        .leaf("hostnameType", s.hostnameType)
        .leaf("enableResourceNameDnsARecord", s.dnsARecord)
        .leaf("enableResourceNameDnsAAAARecord", false)
        .end();
    ImagesArea.writeTags(x, s.tags);
  }

  /**
   * One attribute at a time, as EC2 takes them: MapPublicIpOnLaunch, EnableDns64, the private DNS
   * name options; IPv6 assignment (no subnet here has IPv6) and customer-owned addresses are
   * refused.
   */
  private String modifyAttribute(Call call) {
    RegionState state = world.state(call);
    SubnetRecord s = Networks.subnet(state, call.required("SubnetId"));
    Networks.unsupported(
        call,
        "IPv6 and customer-owned addresses; no emulated subnet has an IPv6 block",
        "AssignIpv6AddressOnCreation.Value",
        "MapCustomerOwnedIpOnLaunch.Value",
        "CustomerOwnedIpv4Pool",
        "EnableResourceNameDnsAAAARecordOnLaunch.Value",
        "EnableLniAtDeviceIndex",
        "DisableLniAtDeviceIndex");
    Boolean mapPublic = call.bool("MapPublicIpOnLaunch.Value");
    Boolean dns64 = call.bool("EnableDns64.Value");
    Boolean aRecord = call.bool("EnableResourceNameDnsARecordOnLaunch.Value");
    String hostname =
        call.oneOf("PrivateDnsHostnameTypeOnLaunch", null, Set.of("ip-name", "resource-name"));
    if (mapPublic == null && dns64 == null && aRecord == null && hostname == null) {
      throw Ec2Error.missingParameter("MapPublicIpOnLaunch (or another attribute)");
    }
    call.checkDryRun();
    s.modify(mapPublic, dns64, aRecord, hostname);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }
}
