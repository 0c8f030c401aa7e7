package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DescribeInstances' filters: the instance's own, and EC2's {@code network-interface.*} ones over
 * its attached interfaces.
 */
final class InstanceFilters {
  private InstanceFilters() {}

  static Filters<InstanceRecord> of(World world) {
    return new Filters<InstanceRecord>(
            interfaceFilters(
                world,
                Map.ofEntries(
                    Map.entry("instance-state-name", r -> List.of(r.state.apiName())),
                    Map.entry(
                        "instance-state-code", r -> List.of(Integer.toString(r.state.code()))),
                    Map.entry("instance-id", r -> List.of(r.id)),
                    Map.entry("image-id", r -> List.of(r.imageId)),
                    Map.entry("instance-type", r -> List.of(r.instanceType)),
                    Map.entry("availability-zone", r -> List.of(r.zone)),
                    Map.entry("key-name", r -> r.keyName == null ? List.of() : List.of(r.keyName)),
                    Map.entry("reservation-id", r -> List.of(r.reservationId)),
                    Map.entry("owner-id", r -> List.of(r.ownerId)),
                    Map.entry("private-ip-address", r -> List.of(r.privateIp)),
                    Map.entry(
                        "ip-address", r -> r.publicIp == null ? List.of() : List.of(r.publicIp)),
                    Map.entry("private-dns-name", r -> List.of(r.privateDns)),
                    Map.entry(
                        "dns-name",
                        r -> r.publicIp == null ? List.of() : List.of(r.publicDns(regionOf(r)))),
                    Map.entry("vpc-id", r -> List.of(r.vpcId)),
                    Map.entry("subnet-id", r -> List.of(r.subnetId)),
                    Map.entry("architecture", r -> List.of(r.architecture)),
                    Map.entry("root-device-type", r -> List.of(r.rootDeviceType)),
                    Map.entry(
                        "client-token",
                        r -> r.clientToken == null ? List.of() : List.of(r.clientToken)),
                    Map.entry("launch-index", r -> List.of(Integer.toString(r.launchIndex))),
                    Map.entry(
                        "instance.group-id",
                        r -> r.groups.stream().map(InstanceRecord.GroupRef::id).toList()),
                    Map.entry(
                        "instance.group-name",
                        r -> r.groups.stream().map(InstanceRecord.GroupRef::name).toList()))))
        .withTags(r -> r.tags);
  }

  /**
   * The instance filters with EC2's {@code network-interface.*} ones added: each of the interface
   * filters of DescribeNetworkInterfaces over the instance's attached interfaces, and those only
   * DescribeInstances documents (none of them matching what the emulator does not have).
   */
  private static Map<String, java.util.function.Function<InstanceRecord, List<String>>>
      interfaceFilters(
          World world, Map<String, java.util.function.Function<InstanceRecord, List<String>>> own) {
    Map<String, java.util.function.Function<InstanceRecord, List<String>>> out =
        new java.util.HashMap<>(own);
    List<String> names = new ArrayList<>(NetworkInterfacesArea.filterNames());
    names.addAll(List.of("tag-key", "tag-value"));
    for (String name : names) {
      out.put("network-interface." + name, r -> interfaceValues(world, r, name));
    }
    Map<String, String> alias =
        Map.of(
            "addresses.association.allocation-id", "association.allocation-id",
            "addresses.association.association-id", "association.association-id",
            "addresses.association.ip-owner-id", "association.ip-owner-id",
            "addresses.association.public-dns-name", "association.public-dns-name",
            "public-dns-name", "association.public-dns-name",
            "addresses.private-dns-name", "private-dns-name",
            "ipv6-address", "ipv6-addresses.ipv6-address");
    alias.forEach(
        (name, same) -> out.put("network-interface." + name, r -> interfaceValues(world, r, same)));
    out.put(
        "network-interface.attachment.network-card-index",
        r ->
            interfaceValues(world, r, "attachment.device-index").isEmpty()
                ? List.of()
                : List.of("0"));
    out.put("network-interface.deny-all-igw-traffic", r -> List.of("false"));
    out.put("network-interface.ipv6-native", r -> List.of("false"));
    for (String none :
        List.of(
            "addresses.association.carrier-ip",
            "addresses.association.customer-owned-ip",
            "association.carrier-ip",
            "association.customer-owned-ip",
            "ipv4-prefixes.ipv4-prefix",
            "ipv6-addresses.is-primary-ipv6",
            "ipv6-prefixes.ipv6-prefix",
            "outpost-arn")) {
      out.put("network-interface." + none, r -> List.of());
    }
    return out;
  }

  /** What one interface filter sees over the interfaces attached to an instance. */
  private static List<String> interfaceValues(World world, InstanceRecord r, String name) {
    RegionState state = world.state(r.ownerId, regionOf(r));
    java.util.function.Function<NetworkInterfaceRecord, List<String>> f =
        NetworkInterfacesArea.filters(state).getter(name);
    List<String> out = new ArrayList<>();
    for (NetworkInterfaceRecord n : state.interfacesOf(r.id)) {
      out.addAll(f.apply(n));
    }
    return out;
  }

  private static String regionOf(InstanceRecord r) {
    return r.zone.substring(0, r.zone.length() - 1);
  }
}
