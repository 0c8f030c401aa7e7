package dev.ec2kit.local.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one account has in one region. The dispatcher locks it and brings it up to now ({@link
 * #advance}) before any handler reads or changes it, so each call sees and leaves a consistent
 * state.
 */
public final class RegionState {
  /** A subnet of the default VPC, one per zone. */
  record Subnet(String id, String zone, String cidr, int thirdOctet, Map<String, String> tags) {}

  /** A remembered RunInstances: its parameters (without the token) and the reservation it made. */
  record Launch(Map<String, String> params, String reservationId, List<String> instanceIds) {}

  final String accountId;
  final String region;
  final String defaultVpcId;
  final Map<String, String> vpcTags = new LinkedHashMap<>();
  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, SecurityGroupsArea.SecurityGroupRecord> securityGroups = new LinkedHashMap<>();
  final Map<String, KeyPairsArea.KeyPairRecord> keyPairs = new LinkedHashMap<>();
  final Map<String, VolumesArea.SnapshotRecord> snapshots = new LinkedHashMap<>();
  final Map<String, VolumeRecord> volumes = new LinkedHashMap<>();
  final Map<String, InstanceRecord> instances = new LinkedHashMap<>();
  final Map<String, AddressesArea.AddressRecord> addresses = new LinkedHashMap<>();
  final Map<String, LaunchTemplateRecord> launchTemplates = new LinkedHashMap<>();

  /**
   * Written and iterated only under this state's lock, which the dispatcher holds; CopyImage in
   * another region reads one image by id without it ({@code get} alone, made safe against a put
   * here by the synchronized map), so no handler takes a second lock.
   */
  final Map<String, ImageRecord> images =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());

  final Map<String, Launch> launches = new LinkedHashMap<>();
  final Map<String, String> imageCopies = new LinkedHashMap<>();

  /**
   * CreateVolume's client tokens: the call's parameters (without the token) and the volume made.
   */
  final Map<String, Map.Entry<Map<String, String>, String>> volumeTokens = new LinkedHashMap<>();

  /** Terminated instances in the order they ended, so the oldest can be forgotten first. */
  private final java.util.ArrayDeque<InstanceRecord> ended = new java.util.ArrayDeque<>();

  private int nextHost = 4;

  /** How many terminated instances a region keeps visible, at most (EC2 keeps them an hour). */
  static final int MAX_TERMINATED = 1000;

  RegionState(String accountId, String region, List<Geography.Zone> zones) {
    this.accountId = accountId;
    this.region = region;
    this.defaultVpcId = ResourceIds.stable("vpc-", accountId, region);
    int i = 0;
    for (Geography.Zone z : zones) {
      int octet = 16 * i++;
      String id = ResourceIds.stable("subnet-", accountId, z.name());
      subnets.put(
          id, new Subnet(id, z.name(), "172.31." + octet + ".0/20", octet, new LinkedHashMap<>()));
    }
    String sg = ResourceIds.stable("sg-", accountId, region, "default");
    securityGroups.put(
        sg, SecurityGroupsArea.SecurityGroupRecord.defaultFor(sg, defaultVpcId, accountId));
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

  /**
   * Brings every record up to {@code now}: instances through their transitions, Elastic IPs off
   * terminated instances, volumes through attaching and detaching (and away with their terminated
   * instance when they were to be deleted), and terminated instances forgotten after their hour or
   * when more than {@link #MAX_TERMINATED} are kept.
   */
  void advance(java.time.Instant now, World world) {
    Timing timing = world.timing();
    java.util.Iterator<InstanceRecord> it = instances.values().iterator();
    while (it.hasNext()) {
      InstanceRecord r = it.next();
      if (r.state == dev.ec2kit.InstanceState.TERMINATED) {
        if (r.expired(now, timing)) {
          it.remove();
        }
        continue;
      }
      r.advance(now, timing, world.ips());
      if (r.state == dev.ec2kit.InstanceState.TERMINATED) {
        if (r.elasticAllocationId != null) {
          addresses.get(r.elasticAllocationId).disassociate(this, world);
        }
        ended.add(r);
      }
    }
    while (ended.size() > MAX_TERMINATED) {
      InstanceRecord old = ended.poll();
      instances.remove(old.id, old);
    }
    java.util.Iterator<VolumeRecord> vs = volumes.values().iterator();
    while (vs.hasNext()) {
      VolumeRecord v = vs.next();
      v.advance(now, timing.transition());
      String attached = v.instanceId();
      if (attached != null) {
        InstanceRecord r = instances.get(attached);
        if (r == null || r.state == dev.ec2kit.InstanceState.TERMINATED) {
          boolean delete = v.deleteOnTermination();
          v.release();
          if (delete) {
            vs.remove();
          }
        }
      }
    }
  }
}
