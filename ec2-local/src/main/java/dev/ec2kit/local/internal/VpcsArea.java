package dev.ec2kit.local.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VPCs: CreateVpc, DeleteVpc, DescribeVpcs, Describe/ModifyVpcAttribute and
 * Associate/DisassociateVpcCidrBlock. It registers the other network areas too (subnets, gateways,
 * route tables and ACLs, network interfaces), so the emulator adds the network as one.
 */
public final class VpcsArea {
  private static final Map<String, String> ATTRIBUTES =
      Map.of(
          "enableDnsSupport", "EnableDnsSupport",
          "enableDnsHostnames", "EnableDnsHostnames",
          "enableNetworkAddressUsageMetrics", "EnableNetworkAddressUsageMetrics");

  private static final Filters<VpcRecord> FILTERS =
      new Filters<VpcRecord>(
              Map.ofEntries(
                  Map.entry("vpc-id", v -> List.of(v.id)),
                  Map.entry("is-default", v -> List.of(Boolean.toString(v.isDefault))),
                  // the name EC2 also accepts, which some clients use to find the default VPC
                  Map.entry("isDefault", v -> List.of(Boolean.toString(v.isDefault))),
                  Map.entry("state", v -> List.of("available")),
                  Map.entry("cidr", v -> List.of(v.primary().toString())),
                  Map.entry(
                      "cidr-block-association.cidr-block",
                      v -> v.cidrs.stream().map(c -> c.cidr().toString()).toList()),
                  Map.entry(
                      "cidr-block-association.association-id",
                      v -> v.cidrs.stream().map(VpcRecord.CidrAssociation::associationId).toList()),
                  Map.entry("cidr-block-association.state", v -> List.of("associated")),
                  Map.entry("ipv6-cidr-block-association.ipv6-cidr-block", v -> List.of()),
                  Map.entry("ipv6-cidr-block-association.ipv6-pool", v -> List.of()),
                  Map.entry("ipv6-cidr-block-association.association-id", v -> List.of()),
                  Map.entry("ipv6-cidr-block-association.state", v -> List.of()),
                  Map.entry("owner-id", v -> List.of(v.ownerId)),
                  Map.entry("dhcp-options-id", v -> List.of(v.dhcpOptionsId))))
          .withTags(v -> v.tags);

  /** The ways to give a VPC a block that the emulator does not take: IPv6 and IPAM pools. */
  private static final String[] UNSUPPORTED_CIDRS = {
    "AmazonProvidedIpv6CidrBlock",
    "Ipv6CidrBlock",
    "Ipv6Pool",
    "Ipv6IpamPoolId",
    "Ipv6NetmaskLength",
    "Ipv6CidrBlockNetworkBorderGroup",
    "Ipv4IpamPoolId",
    "Ipv4NetmaskLength"
  };

  private static final String IPV6_OR_IPAM = "IPv6 and IPAM pools; give an IPv4 CidrBlock";

  private final World world;

  public VpcsArea(World world) {
    this.world = world;
  }

  public void register(ActionTable table) {
    table.write("CreateVpc", this::create);
    table.write("DeleteVpc", this::delete);
    table.read("DescribeVpcs", this::describe);
    table.read("DescribeVpcAttribute", this::describeAttribute);
    table.write("ModifyVpcAttribute", this::modifyAttribute);
    table.write("AssociateVpcCidrBlock", this::associateCidr);
    table.write("DisassociateVpcCidrBlock", this::disassociateCidr);
    table.write("CreateDefaultVpc", this::createDefault);
    new SubnetsArea(world).register(table);
    new NetworkInterfacesArea(world).register(table);
    new GatewaysArea(world).register(table);
    new RouteTablesArea(world).register(table);
    new NetworkAclsArea(world).register(table);
  }

  private String create(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(call, IPV6_OR_IPAM, UNSUPPORTED_CIDRS);
    Networks.unsupported(call, "VPC encryption controls", "VpcEncryptionControl");
    if (!call.oneOf("InstanceTenancy", "default", Set.of("default", "dedicated", "host"))
        .equals("default")) {
      throw Ec2Error.badRequest(
          "Unsupported",
          "The parameter InstanceTenancy is not supported by this emulator (dedicated tenancy).");
    }
    Cidr cidr = cidr(call, "CidrBlock");
    Map<String, String> tags = InstancesArea.tags(call, "vpc");
    VpcRecord.checkRange(cidr);
    call.checkDryRun();
    VpcRecord v = VpcRecord.create(state, ResourceIds.FRESH, null, cidr, false);
    v.tags.putAll(tags);
    Xml x = Xml.response(call.action(), call.requestId()).start("vpc");
    write(x, v, "pending");
    return x.end().finish();
  }

  /** The default VPC made again, as the region first had it, after it was deleted. */
  private String createDefault(Call call) {
    RegionState state = world.state(call);
    if (state.defaultVpc() != null) {
      throw Ec2Error.badRequest(
          "DefaultVpcAlreadyExists",
          "A Default VPC already exists for this account in this region.");
    }
    call.checkDryRun();
    VpcRecord v = state.createDefaultVpc(ResourceIds.FRESH, world.geography().zones(state.region));
    Xml x = Xml.response(call.action(), call.requestId()).start("vpc");
    write(x, v, "pending");
    return x.end().finish();
  }

  /** A required IPv4 CIDR block parameter, host bits cleared. */
  static Cidr cidr(Call call, String name) {
    call.required(name);
    call.cidr4(name);
    return Cidr.parse(call.get(name));
  }

  private String delete(Call call) {
    RegionState state = world.state(call);
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    String dependent = v.dependent(state);
    if (dependent != null) {
      throw Ec2Error.badRequest(
          "DependencyViolation",
          "The vpc '" + v.id + "' has dependencies and cannot be deleted (" + dependent + ").");
    }
    call.checkDryRun();
    v.delete(state);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    return Networks.describe(
        call,
        "VpcId",
        state.vpcs,
        "InvalidVpcID.NotFound",
        "vpc",
        FILTERS,
        "vpcSet",
        (x, v) -> write(x, v, "available"));
  }

  private static void write(Xml x, VpcRecord v, String state) {
    x.leaf("vpcId", v.id)
        .leaf("ownerId", v.ownerId)
        .leaf("state", state)
        .leaf("cidrBlock", v.primary().toString())
        .start("cidrBlockAssociationSet");
    for (VpcRecord.CidrAssociation c : v.cidrs) {
      writeCidr(x.start("item"), c, "associated").end();
    }
    x.end()
        .empty("ipv6CidrBlockAssociationSet")
        .leaf("dhcpOptionsId", v.dhcpOptionsId)
        .leaf("instanceTenancy", "default")
        .leaf("isDefault", v.isDefault);
    ImagesArea.writeTags(x, v.tags);
  }

  private static Xml writeCidr(Xml x, VpcRecord.CidrAssociation c, String state) {
    return x.leaf("cidrBlock", c.cidr().toString())
        .leaf("associationId", c.associationId())
        .start("cidrBlockState")
        .leaf("state", state)
        .end();
  }

  private String describeAttribute(Call call) {
    RegionState state = world.state(call);
    String attribute = call.oneOf("Attribute", null, ATTRIBUTES.keySet());
    if (attribute == null) {
      throw Ec2Error.missingParameter("Attribute");
    }
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    boolean value =
        switch (attribute) {
          case "enableDnsSupport" -> v.dnsSupport;
          case "enableDnsHostnames" -> v.dnsHostnames;
          default -> v.addressUsageMetrics;
        };
    return Xml.response(call.action(), call.requestId())
        .leaf("vpcId", v.id)
        .start(attribute)
        .leaf("value", value)
        .end()
        .finish();
  }

  private String modifyAttribute(Call call) {
    RegionState state = world.state(call);
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    List<String> given =
        ATTRIBUTES.values().stream().filter(a -> call.get(a + ".Value") != null).toList();
    if (given.size() != 1) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "Exactly one of EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics"
              + " is modified at a time.");
    }
    boolean value = call.flag(given.get(0) + ".Value");
    call.checkDryRun();
    v.attribute(given.get(0), value);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String associateCidr(Call call) {
    RegionState state = world.state(call);
    Networks.unsupported(call, IPV6_OR_IPAM, UNSUPPORTED_CIDRS);
    VpcRecord v = Networks.vpc(state, call.required("VpcId"));
    Cidr cidr = cidr(call, "CidrBlock");
    call.checkDryRun();
    VpcRecord.CidrAssociation a = v.associate(cidr, ResourceIds.next("vpc-cidr-assoc-"), state);
    Xml x = Xml.response(call.action(), call.requestId()).leaf("vpcId", v.id);
    return writeCidr(x.start("cidrBlockAssociation"), a, "associating").end().finish();
  }

  private String disassociateCidr(Call call) {
    RegionState state = world.state(call);
    String id = call.required("AssociationId");
    VpcRecord v =
        state.vpcs.values().stream()
            .filter(r -> r.cidrs.stream().anyMatch(c -> c.associationId().equals(id)))
            .findFirst()
            .orElseThrow(
                () ->
                    Ec2Error.badRequest(
                        "InvalidVpcCidrBlockAssociationID.NotFound",
                        "The vpc CIDR block association ID '" + id + "' does not exist"));
    call.checkDryRun();
    VpcRecord.CidrAssociation a = v.disassociate(id, state);
    Xml x = Xml.response(call.action(), call.requestId()).leaf("vpcId", v.id);
    return writeCidr(x.start("cidrBlockAssociation"), a, "disassociating").end().finish();
  }
}
