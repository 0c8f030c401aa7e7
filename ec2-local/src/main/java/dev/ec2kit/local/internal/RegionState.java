package dev.ec2kit.local.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one account has in one region. Handlers lock it while they read or change it, so
 * each call sees and leaves a consistent state.
 */
public final class RegionState {
  /** A subnet of the default VPC, one per zone. */
  record Subnet(String id, String zone, String cidr, int thirdOctet) {}

  /** A remembered RunInstances: its parameters (without the token) and the reservation it made. */
  record Launch(Map<String, String> params, String reservationId, List<String> instanceIds) {}

  final String accountId;
  final String region;
  final String defaultVpcId;
  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, SecurityGroupsArea.SecurityGroupRecord> securityGroups = new LinkedHashMap<>();
  final Map<String, KeyPairsArea.KeyPairRecord> keyPairs = new LinkedHashMap<>();
  final Map<String, VolumesArea.SnapshotRecord> snapshots = new LinkedHashMap<>();
  final Map<String, VolumesArea.VolumeRecord> volumes = new LinkedHashMap<>();
  final Map<String, InstanceRecord> instances = new LinkedHashMap<>();
  final Map<String, AddressesArea.AddressRecord> addresses = new LinkedHashMap<>();
  final Map<String, ImageRecord> images = new LinkedHashMap<>();
  final Map<String, Launch> launches = new LinkedHashMap<>();
  final Map<String, String> imageCopies = new LinkedHashMap<>();
  private int nextHost = 4;

  RegionState(String accountId, String region, List<Geography.Zone> zones) {
    this.accountId = accountId;
    this.region = region;
    this.defaultVpcId = ResourceIds.stable("vpc-", accountId, region);
    int i = 0;
    for (Geography.Zone z : zones) {
      int octet = 16 * i++;
      String id = ResourceIds.stable("subnet-", accountId, z.name());
      subnets.put(id, new Subnet(id, z.name(), "172.31." + octet + ".0/20", octet));
    }
    String sg = ResourceIds.stable("sg-", accountId, region, "default");
    securityGroups.put(sg, SecurityGroupsArea.SecurityGroupRecord.defaultFor(sg, defaultVpcId, accountId));
  }

  /** A private address in the subnet, unique in the region. */
  String privateIp(Subnet subnet) {
    int n = nextHost++;
    return "172.31." + (subnet.thirdOctet() + (n / 254) % 16) + "." + (1 + n % 254);
  }

  Subnet subnetInZone(String zone) {
    for (Subnet s : subnets.values()) {
      if (s.zone().equals(zone)) {
        return s;
      }
    }
    return null;
  }
}
