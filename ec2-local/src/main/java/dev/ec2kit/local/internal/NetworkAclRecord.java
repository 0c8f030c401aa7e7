package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network ACL of a VPC: its numbered entries in each direction and the subnets associated with
 * it. Each VPC's default ACL allows all traffic both ways (rule 100) before the final deny (rule
 * 32767), and every new subnet is associated with it.
 */
final class NetworkAclRecord {
  /** One entry; protocol {@code -1} is all. */
  record Entry(int ruleNumber, String protocol, String action, boolean egress, String cidr) {}

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
      a.entries.add(new Entry(32767, "-1", "deny", egress, "0.0.0.0/0"));
    }
    return a;
  }

  void associate(String subnetId, String associationId) {
    associations.put(subnetId, associationId);
  }

  void disassociateSubnet(String subnetId) {
    associations.remove(subnetId);
  }
}
