package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC of an account in a region: its IPv4 CIDR blocks (the first is its primary), its DNS
 * attributes, its tags. What EC2 gives every VPC (a main route table with its local route, a
 * default network ACL, a default security group) is made with it by {@link #create}, which makes
 * the default VPC too.
 */
final class VpcRecord implements java.io.Serializable {
  /** One of the VPC's IPv4 blocks and its association id. */
  record CidrAssociation(String associationId, Cidr cidr) implements java.io.Serializable {}

  /** How many IPv4 blocks a VPC may hold, its primary included (EC2's default quota). */
  static final int MAX_CIDRS = 5;

  final String id;
  final String ownerId;
  final boolean isDefault;
  final String dhcpOptionsId;
  final List<CidrAssociation> cidrs = new ArrayList<>(2);
  final Map<String, String> tags = new LinkedHashMap<>();
  boolean dnsSupport = true;
  boolean dnsHostnames;
  boolean addressUsageMetrics;

  private VpcRecord(String id, String ownerId, boolean isDefault, String dhcpOptionsId) {
    this.id = id;
    this.ownerId = ownerId;
    this.isDefault = isDefault;
    this.dhcpOptionsId = dhcpOptionsId;
    this.dnsHostnames = isDefault; // EC2 turns DNS hostnames on only in the default VPC
  }

  /**
   * Makes a VPC with what EC2 gives each one: a main route table with its local route, a default
   * network ACL (all traffic allowed in and out, then denied), and its default security group.
   * {@code key} names the VPC among those {@code ids} makes stable.
   */
  static VpcRecord create(
      RegionState state, ResourceIds.Source ids, String key, Cidr cidr, boolean isDefault) {
    checkRange(cidr);
    VpcRecord vpc =
        new VpcRecord(
            ids.id("vpc-", key),
            state.accountId,
            isDefault,
            ResourceIds.stable("dopt-", state.accountId, state.region));
    vpc.cidrs.add(new CidrAssociation(ids.id("vpc-cidr-assoc-", key), cidr));
    state.vpcs.put(vpc.id, vpc);
    RouteTableRecord main =
        new RouteTableRecord(ids.id("rtb-", key, "main route table"), vpc.id, state.accountId);
    main.addLocal(cidr);
    main.associateMain(ids.id("rtbassoc-", key, "main association"));
    state.routeTables.put(main.id, main);
    NetworkAclRecord acl =
        NetworkAclRecord.defaultFor(
            ids.id("acl-", key, "default network ACL"), vpc.id, state.accountId);
    state.networkAcls.put(acl.id, acl);
    String sg = ids.id("sg-", key, "default");
    state.securityGroups.put(
        sg, SecurityGroupsArea.SecurityGroupRecord.defaultFor(sg, vpc.id, state.accountId));
    return vpc;
  }

  /**
   * Sets one of its attributes as ModifyVpcAttribute names it: EnableDnsSupport, EnableDnsHostnames
   * or EnableNetworkAddressUsageMetrics.
   */
  void attribute(String name, boolean value) {
    switch (name) {
      case "EnableDnsSupport" -> dnsSupport = value;
      case "EnableDnsHostnames" -> dnsHostnames = value;
      case "EnableNetworkAddressUsageMetrics" -> addressUsageMetrics = value;
      default -> throw new IllegalArgumentException("no VPC attribute " + name);
    }
  }

  /** A VPC's blocks are /16 to /28, as EC2's InvalidVpc.Range says. */
  static void checkRange(Cidr cidr) {
    if (cidr.prefix() < 16 || cidr.prefix() > 28) {
      throw Ec2Error.badRequest(
          "InvalidVpc.Range",
          "The CIDR '" + cidr + "' is invalid: a VPC's block is from /16 to /28.");
    }
  }

  Cidr primary() {
    return cidrs.get(0).cidr();
  }

  /** Whether {@code block} lies wholly inside one of the VPC's blocks. */
  boolean contains(Cidr block) {
    return cidrs.stream().anyMatch(c -> c.cidr().contains(block));
  }

  /** Whether {@code ip} lies in one of the VPC's blocks. */
  boolean contains(Ipv4 ip) {
    return cidrs.stream().anyMatch(c -> c.cidr().contains(ip));
  }

  /** Adds a secondary block: /16 to /28, not overlapping the VPC's others, at most five in all. */
  CidrAssociation associate(Cidr block, String associationId, RegionState state) {
    checkRange(block);
    for (CidrAssociation c : cidrs) {
      if (c.cidr().overlaps(block)) {
        throw Ec2Error.badRequest(
            "InvalidVpc.Range",
            "The CIDR '" + block + "' conflicts with the VPC's CIDR '" + c.cidr() + "'.");
      }
    }
    if (cidrs.size() >= MAX_CIDRS) {
      throw Ec2Error.badRequest(
          "CidrLimitExceeded",
          "This network '" + id + "' has met its maximum number of allowed CIDRs: " + MAX_CIDRS);
    }
    CidrAssociation a = new CidrAssociation(associationId, block);
    cidrs.add(a);
    state.mainRouteTable(id).addLocal(block);
    return a;
  }

  /** Removes a secondary block no subnet uses; the primary stays. */
  CidrAssociation disassociate(String associationId, RegionState state) {
    CidrAssociation a =
        cidrs.stream()
            .filter(c -> c.associationId().equals(associationId))
            .findFirst()
            .orElseThrow();
    if (a == cidrs.get(0)) {
      throw Ec2Error.badRequest(
          "OperationNotPermitted",
          "The vpc CIDR block with association ID "
              + associationId
              + " may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
    }
    for (SubnetRecord s : state.subnets.values()) {
      if (s.vpcId.equals(id) && a.cidr().contains(s.cidr)) {
        throw Ec2Error.badRequest(
            "InvalidCidrBlock.InUse",
            "The vpc CIDR block " + a.cidr() + " is in use by subnet " + s.id + ".");
      }
    }
    cidrs.remove(a);
    state.mainRouteTable(id).removeLocal(a.cidr());
    return a;
  }

  /**
   * What keeps the VPC from being deleted, as EC2 names it ({@code subnet-...}), or null: its
   * subnets, an attached internet gateway, security groups other than its default, route tables
   * other than its main one, network interfaces, NAT gateways.
   */
  String dependent(RegionState state) {
    for (SubnetRecord s : state.subnets.values()) {
      if (s.vpcId.equals(id)) {
        return s.id;
      }
    }
    for (InternetGatewayRecord g : state.internetGateways.values()) {
      if (id.equals(g.vpcId())) {
        return g.id;
      }
    }
    for (SecurityGroupsArea.SecurityGroupRecord g : state.securityGroups.values()) {
      if (g.vpcId.equals(id) && !g.name.equals("default")) {
        return g.id;
      }
    }
    for (RouteTableRecord t : state.routeTables.values()) {
      if (t.vpcId.equals(id) && !t.isMain()) {
        return t.id;
      }
    }
    for (NetworkAclRecord a : state.networkAcls.values()) {
      if (a.vpcId.equals(id) && !a.isDefault) {
        return a.id;
      }
    }
    for (NetworkInterfaceRecord n : state.networkInterfaces.values()) {
      if (n.vpcId.equals(id)) {
        return n.id;
      }
    }
    for (NatGatewayRecord n : state.natGateways.values()) {
      if (n.vpcId.equals(id) && n.live()) {
        return n.id;
      }
    }
    return null;
  }

  /** Deletes the VPC with what EC2 made with it; {@link #dependent} must be null. */
  void delete(RegionState state) {
    state.routeTables.values().removeIf(t -> t.vpcId.equals(id));
    state.networkAcls.values().removeIf(a -> a.vpcId.equals(id));
    state.securityGroups.values().removeIf(g -> g.vpcId.equals(id));
    state.vpcs.remove(id);
  }
}
