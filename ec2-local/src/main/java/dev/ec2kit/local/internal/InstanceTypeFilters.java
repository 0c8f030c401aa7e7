package dev.ec2kit.local.internal;

import dev.ec2kit.local.internal.InstanceTypes.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DescribeInstanceTypes' filters, and the facts about a type that its answer and its filters share,
 * so that each filter sees what the answer shows.
 */
final class InstanceTypeFilters {
  private InstanceTypeFilters() {}

  static final Filters<Type> FILTERS = new Filters<>(fields());

  private static Map<String, Function<Type, List<String>>> fields() {
    Map<String, Function<Type, List<String>>> out =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("instance-type", t -> List.of(t.name())),
                Map.entry("current-generation", t -> Filters.one(t.currentGeneration())),
                Map.entry("burstable-performance-supported", t -> Filters.one(t.burstable())),
                Map.entry("free-tier-eligible", t -> Filters.one(t.freeTier())),
                Map.entry("hypervisor", t -> List.of(t.hypervisor())),
                Map.entry("processor-info.supported-architecture", Type::architectures),
                Map.entry(
                    "processor-info.sustained-clock-speed-in-ghz", t -> Filters.one(t.clockGhz())),
                Map.entry("vcpu-info.default-vcpus", t -> Filters.one(t.vcpus())),
                Map.entry("vcpu-info.default-cores", t -> Filters.one(cores(t))),
                Map.entry(
                    "vcpu-info.default-threads-per-core", t -> Filters.one(t.threadsPerCore())),
                Map.entry("memory-info.size-in-mib", t -> Filters.one(t.memoryMiB())),
                Map.entry("supported-usage-class", t -> USAGE_CLASSES),
                Map.entry("supported-root-device-type", InstanceTypeFilters::rootDeviceTypes),
                Map.entry(
                    "supported-virtualization-type", InstanceTypeFilters::virtualizationTypes),
                Map.entry("supported-boot-mode", InstanceTypeFilters::bootModes),
                Map.entry("bare-metal", t -> List.of("false")),
                Map.entry("instance-storage-supported", t -> List.of("false")),
                Map.entry("hibernation-supported", t -> Filters.one(nitro(t))),
                Map.entry("dedicated-hosts-supported", t -> Filters.one(!t.burstable())),
                Map.entry("auto-recovery-supported", t -> List.of("true")),
                Map.entry("ebs-info.ebs-optimized-support", t -> List.of(ebsOptimizedSupport(t))),
                Map.entry("ebs-info.encryption-support", t -> List.of("supported")),
                Map.entry("ebs-info.nvme-support", t -> List.of(nvmeSupport(t))),
                Map.entry("network-info.network-performance", t -> List.of(t.network())),
                Map.entry(
                    "network-info.maximum-network-interfaces", t -> Filters.one(maxInterfaces(t))),
                Map.entry("network-info.maximum-network-cards", t -> List.of("1")),
                Map.entry(
                    "network-info.ipv4-addresses-per-interface",
                    t -> Filters.one(addressesPerInterface(t))),
                Map.entry(
                    "network-info.ipv6-addresses-per-interface",
                    t -> Filters.one(addressesPerInterface(t))),
                Map.entry("network-info.ipv6-supported", t -> Filters.one(nitro(t))),
                Map.entry("network-info.ena-support", t -> List.of(enaSupport(t))),
                Map.entry("network-info.efa-supported", t -> List.of("false")),
                Map.entry("network-info.encryption-in-transit-supported", t -> List.of("false"))));
    // what the answer never shows (the catalogue does not say): they match no type
    for (String none :
        List.of(
            "ebs-info.attachment-limit-type",
            "ebs-info.maximum-ebs-attachments",
            "ebs-info.ebs-optimized-info.baseline-bandwidth-in-mbps",
            "ebs-info.ebs-optimized-info.baseline-iops",
            "ebs-info.ebs-optimized-info.baseline-throughput-in-mbps",
            "ebs-info.ebs-optimized-info.maximum-bandwidth-in-mbps",
            "ebs-info.ebs-optimized-info.maximum-iops",
            "ebs-info.ebs-optimized-info.maximum-throughput-in-mbps",
            "instance-storage-info.disk.count",
            "instance-storage-info.disk.size-in-gb",
            "instance-storage-info.disk.type",
            "instance-storage-info.encryption-support",
            "instance-storage-info.nvme-support",
            "instance-storage-info.total-size-in-gb",
            "network-info.bandwidth-weightings",
            "network-info.efa-info.maximum-efa-interfaces",
            "network-info.flexible-ena-queues-support",
            "nitro-enclaves-support",
            "nitro-tpm-info.supported-versions",
            "nitro-tpm-support",
            "processor-info.supported-features",
            "reboot-migration-support",
            "vcpu-info.valid-cores",
            "vcpu-info.valid-threads-per-core")) {
      out.put(none, t -> List.of());
    }
    return out;
  }

  static final List<String> USAGE_CLASSES = List.of("on-demand", "spot");

  static boolean nitro(Type t) {
    return t.hypervisor().equals("nitro");
  }

  static int cores(Type t) {
    return Math.max(1, t.vcpus() / t.threadsPerCore());
  }

  static List<String> rootDeviceTypes(Type t) {
    return nitro(t) ? List.of("ebs") : List.of("ebs", "instance-store");
  }

  static List<String> virtualizationTypes(Type t) {
    return t.currentGeneration() ? List.of("hvm") : List.of("hvm", "paravirtual");
  }

  static List<String> bootModes(Type t) {
    return t.architectures().contains("arm64")
        ? List.of("uefi")
        : nitro(t) ? List.of("legacy-bios", "uefi") : List.of("legacy-bios");
  }

  static String ebsOptimizedSupport(Type t) {
    return nitro(t) ? "default" : "unsupported";
  }

  static String nvmeSupport(Type t) {
    return nitro(t) ? "required" : "unsupported";
  }

  static String enaSupport(Type t) {
    return nitro(t) ? "required" : "unsupported";
  }

  static int maxInterfaces(Type t) {
    return Math.min(8, 2 + t.vcpus() / 2);
  }

  static int addressesPerInterface(Type t) {
    return Math.min(30, 2 + t.vcpus() * 2);
  }
}
