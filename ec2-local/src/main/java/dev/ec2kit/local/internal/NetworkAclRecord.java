package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network ACL of a VPC: its numbered entries in each direction and the subnets associated with
 * it. Each VPC's default ACL allows all traffic both ways (rule 100) before the final deny (rule
 * 32767), and every new subnet is associated with it; an ACL made later has only the final denies.
 * A subnet is associated with exactly one ACL of its VPC, moved between them by {@link #takeOver}.
 */
final class NetworkAclRecord implements java.io.Serializable {
  /** The final rule of each direction, which no call changes. */
  static final int FINAL_RULE = 32767;

  /**
   * One entry; protocol {@code -1} is all, else its number; ports for TCP (6) and UDP (17), ICMP
   * type and code for ICMP (1), null otherwise.
   */
  record Entry(
      int ruleNumber,
      String protocol,
      String action,
      boolean egress,
      String cidr,
      Integer portFrom,
      Integer portTo,
      Integer icmpType,
      Integer icmpCode)
      implements java.io.Serializable {
    Entry(int ruleNumber, String protocol, String action, boolean egress, String cidr) {
      this(ruleNumber, protocol, action, egress, cidr, null, null, null, null);
    }
  }

  final String id;
  final String vpcId;
  final String ownerId;
  final boolean isDefault;
  final Map<String, String> tags = new LinkedHashMap<>();
  final List<Entry> entries = new ArrayList<>(4);

  /** Subnet id to association id. */
  final Map<String, String> associations = new LinkedHashMap<>();

  NetworkAclRecord(String id, String vpcId, String ownerId, boolean isDefault) {
    this.id = id;
    this.vpcId = vpcId;
    this.ownerId = ownerId;
    this.isDefault = isDefault;
  }

  static NetworkAclRecord defaultFor(String id, String vpcId, String ownerId) {
    NetworkAclRecord a = new NetworkAclRecord(id, vpcId, ownerId, true);
    for (boolean egress : new boolean[] {true, false}) {
      a.entries.add(new Entry(100, "-1", "allow", egress, "0.0.0.0/0"));
      a.entries.add(new Entry(FINAL_RULE, "-1", "deny", egress, "0.0.0.0/0"));
    }
    return a;
  }

  /** A new ACL of a VPC, as CreateNetworkAcl makes it: all traffic denied both ways. */
  static NetworkAclRecord create(String id, String vpcId, String ownerId) {
    NetworkAclRecord a = new NetworkAclRecord(id, vpcId, ownerId, false);
    for (boolean egress : new boolean[] {true, false}) {
      a.entries.add(new Entry(FINAL_RULE, "-1", "deny", egress, "0.0.0.0/0"));
    }
    return a;
  }

  void associate(String subnetId, String associationId) {
    associations.put(subnetId, associationId);
  }

  void disassociateSubnet(String subnetId) {
    associations.remove(subnetId);
  }

  /** Refuses a delete: the default ACL never goes, one in use waits for its subnets to move. */
  void checkDelete() {
    if (isDefault) {
      throw Ec2Error.invalidParameterValue("cannot delete default network ACL " + id);
    }
    if (!associations.isEmpty()) {
      throw Ec2Error.badRequest(
          "DependencyViolation",
          "The networkAcl '" + id + "' has dependencies and cannot be deleted.");
    }
  }

  private Entry find(int ruleNumber, boolean egress) {
    for (Entry e : entries) {
      if (e.ruleNumber() == ruleNumber && e.egress() == egress) {
        return e;
      }
    }
    return null;
  }

  private Ec2Error notFound(int ruleNumber, boolean egress) {
    return Ec2Error.badRequest(
        "InvalidNetworkAclEntry.NotFound",
        "The "
            + (egress ? "egress" : "ingress")
            + " entry identified by "
            + ruleNumber
            + " in the acl "
            + id
            + " does not exist");
  }

  /** Checks that a new entry's rule number is free in its direction. */
  void checkAdd(Entry e) {
    if (find(e.ruleNumber(), e.egress()) != null) {
      throw Ec2Error.badRequest(
          "NetworkAclEntryAlreadyExists",
          "The network acl entry identified by " + e.ruleNumber() + " already exists.");
    }
  }

  /** Adds an entry, kept in rule order within the list. */
  void add(Entry e) {
    checkAdd(e);
    entries.add(e);
    entries.sort(
        Comparator.comparing((Entry x) -> !x.egress()).thenComparingInt(Entry::ruleNumber));
  }

  /** Checks that the entry to replace or delete exists. */
  void checkExists(int ruleNumber, boolean egress) {
    if (find(ruleNumber, egress) == null) {
      throw notFound(ruleNumber, egress);
    }
  }

  /** Replaces the entry of the same number and direction. */
  void replace(Entry e) {
    checkExists(e.ruleNumber(), e.egress());
    entries.set(entries.indexOf(find(e.ruleNumber(), e.egress())), e);
  }

  void delete(int ruleNumber, boolean egress) {
    checkExists(ruleNumber, egress);
    entries.remove(find(ruleNumber, egress));
  }

  /** Checks that {@code from}'s association can move here: the same VPC. */
  void checkTakeOver(NetworkAclRecord from) {
    if (!from.vpcId.equals(vpcId)) {
      throw Ec2Error.invalidParameterValue(
          "Network ACL " + id + " is not in the VPC of network ACL " + from.id);
    }
  }

  /** Moves a subnet's association from {@code from} to here under a new association id. */
  void takeOver(NetworkAclRecord from, String subnetId, String newAssociationId) {
    checkTakeOver(from);
    from.disassociateSubnet(subnetId);
    associate(subnetId, newAssociationId);
  }
}
