package dev.ec2kit.local.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one account has in one region. The dispatcher locks it and brings it up to now ({@link
 * #advance}) before any handler reads or changes it, so each call sees and leaves a consistent
 * state.
 */
public final class RegionState implements java.io.Serializable {
  // the value computed for the class before it was given one (main at 3466260), so state
  // directories that version wrote stay readable: a change of methods alone must not refuse them
  private static final long serialVersionUID = -332969108175840851L;

  final String accountId;
  final String region;
  final Map<String, VpcRecord> vpcs = new LinkedHashMap<>();
  final Map<String, SubnetRecord> subnets = new LinkedHashMap<>();
  final Map<String, InternetGatewayRecord> internetGateways = new LinkedHashMap<>();
  final Map<String, RouteTableRecord> routeTables = new LinkedHashMap<>();
  final Map<String, NetworkAclRecord> networkAcls = new LinkedHashMap<>();
  final Map<String, NatGatewayRecord> natGateways = new LinkedHashMap<>();
  final Map<String, NetworkInterfaceRecord> networkInterfaces = new LinkedHashMap<>();
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

  final Map<String, String> imageCopies = new LinkedHashMap<>();

  /** The ClientTokens of the creating actions that take one, each kept as long as EC2 does. */
  private final ClientTokens clientTokens = new ClientTokens();

  /** See {@link ClientTokens#madeBefore}. */
  String madeBefore(Call call) {
    return clientTokens.madeBefore(call);
  }

  /** Remembers what this call made under its ClientToken, where it gave one. */
  void made(Call call, String id) {
    clientTokens.made(call, id);
  }

  /**
   * The instances of the reservation that an earlier RunInstances with this call's ClientToken
   * launched, in launch order, as its answer writes them: those the region still shows, and those
   * it has forgotten since (terminated), which EC2 answers a repeat with as long as it keeps the
   * token.
   */
  List<String> launchedBefore(Call call, String reservationId) {
    java.util.TreeMap<Integer, String> out = new java.util.TreeMap<>();
    clientTokens.forgotten(call).forEach(f -> out.put(f.launchIndex(), f.item()));
    for (InstanceRecord r : instances.values()) {
      if (r.reservationId.equals(reservationId)) {
        out.put(r.launchIndex, InstanceXml.item(r, this));
      }
    }
    return List.copyOf(out.values());
  }

  /** Terminated instances in the order they ended, so the oldest can be forgotten first. */
  private final java.util.ArrayDeque<InstanceRecord> ended = new java.util.ArrayDeque<>();

  /** How many terminated instances a region keeps visible, at most (EC2 keeps them an hour). */
  static final int MAX_TERMINATED = 1000;

  /**
   * The region as EC2 gives it to a new account: the default VPC (172.31.0.0/16), made as any
   * CreateVpc makes one, with a default /20 subnet in each zone, an internet gateway and the route
   * to it; their ids are stable in the account and region.
   */
  RegionState(String accountId, String region, List<Geography.Zone> zones) {
    this.accountId = accountId;
    this.region = region;
    createDefaultVpc(ResourceIds.stableIn(accountId), zones);
  }

  /**
   * Makes the default VPC as any VPC is made, with a default /20 subnet in each zone, an internet
   * gateway and the route to it (CreateDefaultVpc makes it again after it was deleted).
   */
  VpcRecord createDefaultVpc(ResourceIds.Source ids, List<Geography.Zone> zones) {
    VpcRecord vpc = VpcRecord.create(this, ids, region, Cidr.parse("172.31.0.0/16"), true);
    for (Geography.Zone z : zones) {
      createDefaultSubnet(ids, vpc, z);
    }
    InternetGatewayRecord igw =
        new InternetGatewayRecord(ids.id("igw-", region, "internet gateway"), accountId);
    internetGateways.put(igw.id, igw);
    igw.attach(vpc, this);
    mainRouteTable(vpc.id)
        .add(new RouteTableRecord.Route("0.0.0.0/0", "GatewayId", igw.id, "CreateRoute"));
    return vpc;
  }

  /** A default /20 subnet of the default VPC in {@code zone}: the first /20 no subnet overlaps. */
  SubnetRecord createDefaultSubnet(ResourceIds.Source ids, VpcRecord vpc, Geography.Zone zone) {
    for (int i = 0; i < 16; i++) {
      Cidr block = Cidr.parse("172.31." + 16 * i + ".0/20");
      if (subnets.values().stream().noneMatch(s -> s.cidr.overlaps(block))) {
        return SubnetRecord.create(this, ids.id("subnet-", zone.name()), vpc, block, zone, true);
      }
    }
    throw Ec2Error.badRequest(
        "InvalidSubnet.Conflict", "The default VPC has no free /20 block for a default subnet.");
  }

  /** The default VPC, or null when it has been deleted. */
  VpcRecord defaultVpc() {
    for (VpcRecord v : vpcs.values()) {
      if (v.isDefault) {
        return v;
      }
    }
    return null;
  }

  /** The default subnet of a zone, or null. */
  SubnetRecord defaultSubnet(String zone) {
    for (SubnetRecord s : subnets.values()) {
      if (s.defaultForAz && (zone == null || s.zone.equals(zone))) {
        return s;
      }
    }
    return null;
  }

  RouteTableRecord mainRouteTable(String vpcId) {
    for (RouteTableRecord t : routeTables.values()) {
      if (t.vpcId.equals(vpcId) && t.isMain()) {
        return t;
      }
    }
    throw new IllegalStateException(vpcId + " has no main route table");
  }

  NetworkAclRecord defaultAcl(String vpcId) {
    for (NetworkAclRecord a : networkAcls.values()) {
      if (a.vpcId.equals(vpcId) && a.isDefault) {
        return a;
      }
    }
    throw new IllegalStateException(vpcId + " has no default network ACL");
  }

  /**
   * Each instance's attached interfaces, so an instance's are found without a look at every
   * interface (DescribeInstances of N instances was N times N): kept by the interfaces' own
   * attaching and detaching ({@link #attachment}), made anew from them after a restart.
   */
  private transient Map<String, List<NetworkInterfaceRecord>> attached;

  private Map<String, List<NetworkInterfaceRecord>> attached() {
    if (attached == null) {
      attached = new java.util.HashMap<>();
      for (NetworkInterfaceRecord n : networkInterfaces.values()) {
        if (n.attachment() != null) {
          attached
              .computeIfAbsent(n.attachment().instanceId(), k -> new java.util.ArrayList<>(1))
              .add(n);
        }
      }
    }
    return attached;
  }

  /** {@code n} is now attached to ({@code on}) or detached from {@code instanceId}. */
  void attachment(NetworkInterfaceRecord n, String instanceId, boolean on) {
    Map<String, List<NetworkInterfaceRecord>> index = attached();
    List<NetworkInterfaceRecord> of = index.get(instanceId);
    if (on && of == null) {
      index.put(instanceId, new java.util.ArrayList<>(List.of(n)));
    } else if (on && !of.contains(n)) {
      of.add(n);
    } else if (!on && of != null && of.remove(n) && of.isEmpty()) {
      index.remove(instanceId);
    }
  }

  /** The interfaces attached to an instance, by device index (a list of the caller's own). */
  List<NetworkInterfaceRecord> interfacesOf(String instanceId) {
    List<NetworkInterfaceRecord> of = attached().get(instanceId);
    List<NetworkInterfaceRecord> out =
        of == null ? new java.util.ArrayList<>(1) : new java.util.ArrayList<>(of);
    out.sort(java.util.Comparator.comparingInt(n -> n.attachment().deviceIndex()));
    return out;
  }

  /**
   * Brings every record up to {@code now}: instances through their transitions, Elastic IPs and
   * network interfaces off terminated instances (an interface deleted with its instance when it was
   * to be), NAT gateways through theirs, volumes through attaching and detaching (and away with
   * their terminated instance when they were to be deleted), and terminated instances forgotten
   * after their hour or when more than {@link #MAX_TERMINATED} are kept; client tokens let go of
   * when their time has come.
   */
  void advance(java.time.Instant now, World world) {
    Timing timing = world.timing();
    java.util.Iterator<InstanceRecord> it = instances.values().iterator();
    while (it.hasNext()) {
      InstanceRecord r = it.next();
      if (r.state == dev.ec2kit.InstanceState.TERMINATED) {
        if (r.expired(now, timing)) {
          it.remove();
          clientTokens.forgotten(r, this);
        }
        continue;
      }
      r.advance(now, world);
      if (r.state == dev.ec2kit.InstanceState.TERMINATED) {
        if (r.elasticAllocationId != null) {
          addresses.get(r.elasticAllocationId).disassociate(this, world);
        }
        interfacesOf(r.id).forEach(n -> n.instanceTerminated(this));
        ended.add(r);
      }
    }
    while (ended.size() > MAX_TERMINATED) {
      InstanceRecord old = ended.poll();
      if (instances.remove(old.id, old)) {
        clientTokens.forgotten(old, this);
      }
    }
    clientTokens.advance(now, instances);
    natGateways.values().removeIf(n -> !n.advance(now, timing, this));
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
            world.blockDevices().deleted(v.id);
          }
        }
      }
    }
  }
}
