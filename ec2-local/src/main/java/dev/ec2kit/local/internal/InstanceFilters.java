package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * DescribeInstances' filters: the instance's own, and EC2's {@code network-interface.*} ones over
 * its attached interfaces.
 */
final class InstanceFilters {
  private InstanceFilters() {}

  static Filters<InstanceRecord> of(World world) {
    return new Filters<InstanceRecord>(interfaceFilters(world, own(world))).withTags(r -> r.tags);
  }

  /** The instance's own filters, each seeing what DescribeInstances shows of it. */
  private static Map<String, Function<InstanceRecord, List<String>>> own(World world) {
    Map<String, Function<InstanceRecord, List<String>>> out =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("instance-state-name", r -> List.of(r.state.apiName())),
                Map.entry("instance-state-code", r -> List.of(Integer.toString(r.state.code()))),
                Map.entry("instance-id", r -> List.of(r.id)),
                Map.entry("image-id", r -> List.of(r.imageId)),
                Map.entry("instance-type", r -> List.of(r.instanceType)),
                Map.entry("availability-zone", r -> List.of(r.zone)),
                Map.entry("key-name", r -> r.keyName == null ? List.of() : List.of(r.keyName)),
                Map.entry("reservation-id", r -> List.of(r.reservationId)),
                Map.entry("owner-id", r -> List.of(r.ownerId)),
                Map.entry("private-ip-address", r -> List.of(r.privateIp)),
                Map.entry("ip-address", r -> r.publicIp == null ? List.of() : List.of(r.publicIp)),
                Map.entry("private-dns-name", r -> List.of(r.privateDns)),
                Map.entry(
                    "dns-name",
                    r -> List.of(r.publicDns(regionOf(r)))), // empty without a public address
                Map.entry("vpc-id", r -> List.of(r.vpcId)),
                Map.entry("subnet-id", r -> List.of(r.subnetId)),
                Map.entry("architecture", r -> List.of(r.architecture)),
                Map.entry("root-device-type", r -> List.of(r.rootDeviceType)),
                Map.entry("client-token", r -> List.of(r.clientToken == null ? "" : r.clientToken)),
                Map.entry("launch-index", r -> List.of(Integer.toString(r.launchIndex))),
                Map.entry(
                    "instance.group-id",
                    r -> r.groups.stream().map(InstanceRecord.GroupRef::id).toList()),
                Map.entry(
                    "instance.group-name",
                    r -> r.groups.stream().map(InstanceRecord.GroupRef::name).toList()),
                Map.entry("launch-time", r -> List.of(Xml.time(r.launchTime))),
                Map.entry(
                    "availability-zone-id",
                    r -> Filters.one(zoneId(world.state(r.ownerId, regionOf(r)), r))),
                Map.entry("reason", r -> List.of(r.stateTransitionReason)),
                Map.entry("state-reason-code", r -> Filters.one(r.stateReasonCode)),
                Map.entry("state-reason-message", r -> Filters.one(r.stateReasonMessage)),
                Map.entry("kernel-id", r -> Filters.one(r.kernelId)),
                Map.entry("ramdisk-id", r -> Filters.one(r.ramdiskId)),
                Map.entry("root-device-name", r -> Filters.one(r.rootDeviceName)),
                Map.entry(
                    "virtualization-type",
                    r -> List.of(r.kernelId != null ? "paravirtual" : "hvm")),
                Map.entry("hypervisor", r -> List.of(hypervisor(r))),
                Map.entry("boot-mode", r -> List.of(bootMode(r))),
                Map.entry("current-instance-boot-mode", r -> List.of(bootMode(r))),
                Map.entry("monitoring-state", r -> List.of(r.monitoring ? "enabled" : "disabled")),
                Map.entry("source-dest-check", r -> List.of(Boolean.toString(r.sourceDestCheck))),
                Map.entry("ebs-optimized", r -> List.of(Boolean.toString(r.ebsOptimized))),
                Map.entry(
                    "hibernation-options.configured",
                    r -> List.of(Boolean.toString(r.hibernation))),
                Map.entry(
                    "iam-instance-profile.arn",
                    r ->
                        r.iamInstanceProfile == null
                            ? List.of()
                            : List.of(InstanceXml.profileArn(r))),
                Map.entry(
                    "iam-instance-profile.id",
                    r ->
                        r.iamInstanceProfile == null
                            ? List.of()
                            : List.of(
                                ResourceIds.stable("AIPA", r.ownerId, r.iamInstanceProfile)
                                    .toUpperCase(Locale.ROOT))),
                Map.entry("usage-operation-update-time", r -> List.of(Xml.time(r.launchTime))),
                Map.entry("block-device-mapping.device-name", r -> devices(world, r, "name")),
                Map.entry("block-device-mapping.volume-id", r -> devices(world, r, "volume")),
                Map.entry("block-device-mapping.status", r -> devices(world, r, "status")),
                Map.entry("block-device-mapping.attach-time", r -> devices(world, r, "time")),
                Map.entry(
                    "block-device-mapping.delete-on-termination",
                    r -> devices(world, r, "delete"))));
    metadataOptions(out);
    // what DescribeInstances shows as a fixed value for every instance
    Map.of(
            "tenancy", "default",
            "placement-group-name", "",
            "platform-details", "Linux/UNIX",
            "usage-operation", "RunInstances",
            "capacity-reservation-specification.capacity-reservation-preference", "open",
            "enclave-options.enabled", "false",
            "maintenance-options.auto-recovery", "default",
            "private-dns-name-options.hostname-type", "ip-name",
            "private-dns-name-options.enable-resource-name-dns-a-record", "false",
            "private-dns-name-options.enable-resource-name-dns-aaaa-record", "false")
        .forEach((name, value) -> out.put(name, r -> List.of(value)));
    // what it never shows (the emulator has no such thing), so they match no instance
    for (String none :
        List.of(
            "affinity",
            "capacity-reservation-id",
            "capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
            "capacity-reservation-specification.capacity-reservation-target"
                + ".capacity-reservation-resource-group-arn",
            "ena-support",
            "host-id",
            "instance-lifecycle",
            "ipv6-address",
            "network-performance-options.bandwidth-weighting",
            "operator.managed",
            "operator.principal",
            "outpost-arn",
            "placement-partition-number",
            "platform",
            "product-code",
            "product-code.type",
            "requester-id",
            "spot-instance-request-id",
            "tpm-support")) {
      out.put(none, r -> List.of());
    }
    return out;
  }

  /** EC2's {@code metadata-options.*}: the options the instance shows, and their state. */
  private static void metadataOptions(Map<String, Function<InstanceRecord, List<String>>> out) {
    for (String name :
        List.of(
            "http-endpoint",
            "http-protocol-ipv4",
            "http-protocol-ipv6",
            "http-put-response-hop-limit",
            "http-tokens",
            "instance-metadata-tags")) {
      StringBuilder key = new StringBuilder();
      for (String word : name.split("-")) {
        key.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
      out.put("metadata-options." + name, r -> Filters.one(r.metadataOptions.get(key.toString())));
    }
    out.put("metadata-options.state", r -> List.of("applied"));
  }

  /** One field of the instance's block device mappings, as DescribeInstances shows them. */
  private static List<String> devices(World world, InstanceRecord r, String field) {
    if (r.state == InstanceState.TERMINATED) {
      return List.of();
    }
    RegionState state = world.state(r.ownerId, regionOf(r));
    List<String> out = new ArrayList<>();
    r.devices.forEach(
        (device, volumeId) -> {
          VolumeRecord v = state.volumes.get(volumeId);
          if (v == null && !field.equals("name") && !field.equals("volume")) {
            return; // a volume gone from the state has no attachment to show
          }
          switch (field) {
            case "name" -> out.add(device);
            case "volume" -> out.add(volumeId);
            case "status" -> out.add(v.attachment().apiName());
            case "time" -> out.add(Xml.time(v.attachTime()));
            default -> out.add(Boolean.toString(v.deleteOnTermination()));
          }
        });
    return out;
  }

  /** The id of the instance's zone, as its subnet has it (none once the subnet is gone). */
  static String zoneId(RegionState state, InstanceRecord r) {
    SubnetRecord subnet = state.subnets.get(r.subnetId);
    return subnet == null ? null : subnet.zoneId;
  }

  private static String hypervisor(InstanceRecord r) {
    InstanceTypes.Type type = InstanceTypes.get(r.instanceType);
    return type == null ? "xen" : type.hypervisor();
  }

  private static String bootMode(InstanceRecord r) {
    InstanceTypes.Type type = InstanceTypes.get(r.instanceType);
    return type != null && type.architectures().contains("arm64") ? "uefi" : "legacy-bios";
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
    // DescribeNetworkInterfaces' own names that DescribeInstances does not document (its
    // addresses.association.* has ip-owner-id, not owner-id): refused, as EC2 refuses them
    names.removeAll(
        List.of("addresses.association.owner-id", "availability-zone-id", "interface-type"));
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

    for (String none :
        List.of(
            "addresses.association.carrier-ip",
            "addresses.association.customer-owned-ip",
            "association.carrier-ip",
            "association.customer-owned-ip",
            "deny-all-igw-traffic",
            "ipv6-native",
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
