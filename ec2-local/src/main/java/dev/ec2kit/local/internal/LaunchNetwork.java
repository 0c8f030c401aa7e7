package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where RunInstances puts its instances on the network, resolved and checked before anything is
 * made: the subnet (the one named, or the default subnet of the zone), the security groups (in the
 * subnet's VPC; its default group when none is named), the interfaces to make or attach at each
 * device index, and whether the instances take a public address (the launch asks, else the subnet's
 * MapPublicIpOnLaunch says).
 */
final class LaunchNetwork {
  /** One interface of each instance: made in {@code subnet}, or {@code existing} attached. */
  private record Planned(
      LaunchSettings.Interface spec,
      SubnetRecord subnet,
      NetworkInterfaceRecord existing,
      List<InstanceRecord.GroupRef> groups) {
    boolean deviceIndexIsPrimary() {
      return spec.deviceIndex() == 0;
    }
  }

  final SubnetRecord subnet;
  final List<InstanceRecord.GroupRef> groups;
  final boolean publicIp;
  private final List<Planned> planned;
  private final Ipv4 primaryIp;
  private final Map<String, String> tags;

  private LaunchNetwork(
      List<Planned> planned, boolean publicIp, Ipv4 primaryIp, Map<String, String> tags) {
    this.planned = planned;
    this.subnet = planned.get(0).subnet();
    this.groups = planned.get(0).groups();
    this.publicIp = publicIp;
    this.primaryIp = primaryIp;
    this.tags = tags;
  }

  /** Resolves and checks the network of a launch of up to {@code max} instances. */
  static LaunchNetwork plan(
      Call call, RegionState state, World world, LaunchSettings settings, int max) {
    String zone = call.nonEmpty("Placement.AvailabilityZone"); // Terraform sends it empty
    if (zone != null
        && world.geography().zones(state.region).stream().noneMatch(z -> z.name().equals(zone))) {
      throw Ec2Error.invalidParameterValue("Invalid availability zone: [" + zone + "]");
    }
    List<LaunchSettings.Interface> specs = settings.interfaces;
    if (specs.isEmpty()) {
      specs =
          List.of(
              new LaunchSettings.Interface(
                  0, null, call.nonEmpty("SubnetId"), List.of(), null, null, null, true, null));
    }
    if (specs.size() > 1 && specs.stream().anyMatch(s -> s.associatePublicIp() != null)) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The associatePublicIPAddress parameter cannot be specified when launching with"
              + " multiple network interfaces.");
    }
    List<Planned> planned = new ArrayList<>();
    Ipv4 primaryIp = settings.privateIpAddress;
    int addresses = 0;
    for (LaunchSettings.Interface spec :
        specs.stream()
            .sorted(java.util.Comparator.comparingInt(LaunchSettings.Interface::deviceIndex))
            .toList()) {
      if (spec.networkInterfaceId() != null) {
        planned.add(existing(state, spec, max));
        continue;
      }
      SubnetRecord s =
          spec.subnetId() != null
              ? Networks.subnet(state, spec.subnetId())
              : planned.isEmpty() ? defaultSubnet(state, zone) : planned.get(0).subnet();
      List<InstanceRecord.GroupRef> groups =
          groups(call, state, s, spec.groupIds(), spec.deviceIndex() == 0);
      if (spec.deviceIndex() == 0 && spec.privateIp() != null) {
        primaryIp = spec.privateIp();
      }
      Ipv4 ip = spec.deviceIndex() == 0 ? primaryIp : spec.privateIp();
      if (ip != null) {
        if (max > 1) {
          throw Ec2Error.badRequest(
              "InvalidParameterCombination",
              "PrivateIpAddress can be given only when launching one instance, not " + max + ".");
        }
        s.check(ip);
      }
      addresses += 1 + (spec.secondaryCount() == null ? 0 : spec.secondaryCount());
      if (s.available() < (long) addresses * max) {
        throw Ec2Error.badRequest(
            "InsufficientFreeAddressesInSubnet",
            "There are not enough free addresses in subnet '"
                + s.id
                + "' to satisfy the requested number of instances.");
      }
      planned.add(new Planned(spec, s, null, groups));
    }
    for (Planned p : planned) {
      if (zone != null && !p.subnet().zone.equals(zone)) {
        throw Ec2Error.invalidParameterValue(
            "The subnet " + p.subnet().id + " is in " + p.subnet().zone + ", not in " + zone + ".");
      }
      if (!p.subnet().zone.equals(planned.get(0).subnet().zone)) {
        throw Ec2Error.invalidParameterValue(
            "All of an instance's network interfaces must be in one availability zone.");
      }
    }
    Boolean asked = planned.get(0).spec().associatePublicIp();
    boolean publicIp =
        planned.get(0).existing() == null
            && (asked != null ? asked : planned.get(0).subnet().mapPublicIpOnLaunch);
    return new LaunchNetwork(planned, publicIp, primaryIp, settings.interfaceTags);
  }

  private static Planned existing(RegionState state, LaunchSettings.Interface spec, int max) {
    NetworkInterfaceRecord n = Networks.networkInterface(state, spec.networkInterfaceId());
    if (max > 1) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "A network interface given by id can be attached to only one instance, not " + max + ".");
    }
    if (spec.subnetId() != null || spec.privateIp() != null || !spec.groupIds().isEmpty()) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "A network interface given by id may not be given a subnet, groups or addresses too.");
    }
    if (n.attachment() != null) {
      throw Ec2Error.badRequest(
          "InvalidNetworkInterface.InUse", "Interface: [" + n.id + "] in use.");
    }
    return new Planned(spec, state.subnets.get(n.subnetId), n, n.groups(state));
  }

  private static SubnetRecord defaultSubnet(RegionState state, String zone) {
    SubnetRecord s = state.defaultSubnet(zone);
    if (s == null) {
      throw Ec2Error.badRequest(
          "VPCIdNotSpecified", "No default VPC for this user. Give a subnet to launch into.");
    }
    return s; // EC2 spreads launches over the zones; the emulator takes the region's first
  }

  /** The groups of an interface, all in the subnet's VPC; the VPC's default group if none. */
  private static List<InstanceRecord.GroupRef> groups(
      Call call, RegionState state, SubnetRecord subnet, List<String> ids, boolean primary) {
    List<SecurityGroupsArea.SecurityGroupRecord> found = new ArrayList<>();
    for (String id : ids) {
      found.add(SecurityGroupsArea.find(state, id, null));
    }
    if (primary) {
      VpcRecord vpc = state.vpcs.get(subnet.vpcId);
      if (!call.list("SecurityGroup").isEmpty() && !vpc.isDefault) {
        throw Ec2Error.badRequest(
            "InvalidParameterCombination",
            "The parameter groupName cannot be used with the parameter subnet; name the groups of"
                + " a VPC other than the default by SecurityGroupId.");
      }
      for (String name : call.list("SecurityGroup")) {
        found.add(SecurityGroupsArea.find(state, null, name));
      }
      for (String id : call.list("SecurityGroupId")) {
        found.add(SecurityGroupsArea.find(state, id, null));
      }
    }
    return Networks.groups(state, subnet, found);
  }

  /** The primary interface of the next instance: made in the subnet, or the one named. */
  NetworkInterfaceRecord primary(RegionState state) {
    Planned p = planned.get(0);
    if (p.existing() != null) {
      return p.existing();
    }
    NetworkInterfaceRecord n =
        NetworkInterfaceRecord.create(
            state,
            p.subnet(),
            primaryIp,
            p.groups(),
            p.spec().description() == null ? "" : p.spec().description(),
            "interface");
    extras(n, p, state);
    return n;
  }

  /** Attaches the instance's interfaces: its primary at 0, then any others made for it now. */
  void attach(InstanceRecord r, NetworkInterfaceRecord primary, RegionState state, Instant now) {
    for (Planned p : planned) {
      NetworkInterfaceRecord n = p.deviceIndexIsPrimary() ? primary : p.existing();
      if (n == null) {
        n =
            NetworkInterfaceRecord.create(
                state,
                p.subnet(),
                p.spec().privateIp(),
                p.groups(),
                p.spec().description() == null ? "" : p.spec().description(),
                "interface");
        extras(n, p, state);
      }
      Boolean delete = p.spec().deleteOnTermination();
      n.attach(
          r, p.spec().deviceIndex(), delete != null ? delete : p.existing() == null, now, state);
    }
    r.networkInterfaceId = primary.id;
  }

  private void extras(NetworkInterfaceRecord n, Planned p, RegionState state) {
    Integer secondary = p.spec().secondaryCount();
    if (secondary != null) {
      n.assign(List.of(), secondary, state);
    }
    n.tags.putAll(tags);
  }
}
