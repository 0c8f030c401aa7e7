package dev.ec2kit.local.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A subnet: a block of one of its VPC's CIDRs in one zone, the private addresses taken in it (by
 * network interfaces, NAT gateways included), and its launch attributes. EC2 keeps the first four
 * addresses and the last of every subnet, so a /24 has 251 to give.
 */
final class SubnetRecord implements java.io.Serializable {
  /** The addresses EC2 reserves in each subnet: the first four and the last. */
  static final int RESERVED = 5;

  final String id;
  final String vpcId;
  final Cidr cidr;
  final String zone;
  final String zoneId;
  final boolean defaultForAz;
  final Map<String, String> tags = new LinkedHashMap<>();
  boolean mapPublicIpOnLaunch;
  boolean enableDns64;
  String hostnameType = "ip-name";
  boolean dnsARecord;
  private final Set<Long> taken = new HashSet<>();
  private long next = 4;

  private SubnetRecord(
      String id, String vpcId, Cidr cidr, String zone, String zoneId, boolean defaultForAz) {
    this.id = id;
    this.vpcId = vpcId;
    this.cidr = cidr;
    this.zone = zone;
    this.zoneId = zoneId;
    this.defaultForAz = defaultForAz;
    this.mapPublicIpOnLaunch = defaultForAz; // default subnets map public addresses, others not
  }

  /**
   * Makes a subnet of {@code vpc}: /16 to /28, inside one of its blocks, overlapping none of its
   * subnets; associated with the VPC's default network ACL (and, implicitly, its main route table).
   */
  static SubnetRecord create(
      RegionState state,
      String id,
      VpcRecord vpc,
      Cidr cidr,
      Geography.Zone zone,
      boolean defaultForAz) {
    check(state, vpc, cidr);
    SubnetRecord s = new SubnetRecord(id, vpc.id, cidr, zone.name(), zone.id(), defaultForAz);
    state.subnets.put(id, s);
    state.defaultAcl(vpc.id).associate(id, ResourceIds.stable("aclassoc-", state.accountId, id));
    return s;
  }

  /**
   * Changes the launch attributes given (null: left as they are), as ModifySubnetAttribute does.
   */
  void modify(Boolean mapPublic, Boolean dns64, Boolean aRecord, String hostname) {
    if (mapPublic != null) {
      mapPublicIpOnLaunch = mapPublic;
    }
    if (dns64 != null) {
      enableDns64 = dns64;
    }
    if (aRecord != null) {
      dnsARecord = aRecord;
    }
    if (hostname != null) {
      hostnameType = hostname;
    }
  }

  /** Checks a new subnet's block: /16 to /28, inside the VPC, overlapping none of its subnets. */
  static void check(RegionState state, VpcRecord vpc, Cidr cidr) {
    if (cidr.prefix() < 16 || cidr.prefix() > 28 || !vpc.contains(cidr)) {
      throw Ec2Error.badRequest("InvalidSubnet.Range", "The CIDR '" + cidr + "' is invalid.");
    }
    for (SubnetRecord s : state.subnets.values()) {
      if (s.vpcId.equals(vpc.id) && s.cidr.overlaps(cidr)) {
        throw Ec2Error.badRequest(
            "InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
      }
    }
  }

  /** Addresses left to give: the block's size less the reserved five and those taken. */
  long available() {
    return cidr.size() - RESERVED - taken.size();
  }

  /** The next free address; InsufficientFreeAddressesInSubnet when none is left. */
  Ipv4 allocate() {
    long usable = cidr.size() - 5;
    for (long tried = 0; tried < usable; tried++) {
      long offset = next;
      next = next + 1 >= cidr.size() - 1 ? 4 : next + 1;
      if (!taken.contains(offset)) {
        taken.add(offset);
        return cidr.address(offset);
      }
    }
    throw Ec2Error.badRequest(
        "InsufficientFreeAddressesInSubnet",
        "There are not enough free addresses in subnet '"
            + id
            + "' to satisfy the requested"
            + " number of instances.");
  }

  /**
   * Takes an address asked for by name: inside the block and not one of the five reserved
   * (InvalidParameterValue), not taken already (InvalidIPAddress.InUse).
   */
  void take(Ipv4 ip) {
    check(ip);
    taken.add(cidr.offset(ip));
  }

  /** Checks an address asked for, as {@link #take} does, without taking it. */
  void check(Ipv4 ip) {
    if (!cidr.contains(ip) || cidr.offset(ip) < 4 || cidr.offset(ip) == cidr.size() - 1) {
      throw Ec2Error.invalidParameterValue(
          "Address " + ip + " does not fall within the subnet's address range " + cidr + ".");
    }
    if (taken.contains(cidr.offset(ip))) {
      throw Ec2Error.badRequest("InvalidIPAddress.InUse", "Address " + ip + " is in use.");
    }
  }

  /** Gives an address back. */
  void release(String ip) {
    Ipv4 v = Ipv4.parse(ip);
    if (v != null && cidr.contains(v)) {
      taken.remove(cidr.offset(v));
    }
  }

  /** What keeps the subnet from being deleted (an interface or a NAT gateway in it), or null. */
  String dependent(RegionState state) {
    for (NetworkInterfaceRecord n : state.networkInterfaces.values()) {
      if (n.subnetId.equals(id)) {
        return n.id;
      }
    }
    for (NatGatewayRecord n : state.natGateways.values()) {
      if (n.subnetId.equals(id) && n.live()) {
        return n.id;
      }
    }
    return null;
  }

  /** Deletes the subnet and its associations; {@link #dependent} must be null. */
  void delete(RegionState state) {
    state.networkAcls.values().forEach(a -> a.disassociateSubnet(id));
    state.routeTables.values().forEach(t -> t.disassociateSubnet(id));
    state.subnets.remove(id);
  }

  String arn(RegionState state) {
    return "arn:aws:ec2:" + state.region + ":" + state.accountId + ":subnet/" + id;
  }
}
