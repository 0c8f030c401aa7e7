package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DescribeInstanceTypes, from the emulator's catalogue ({@link InstanceTypes}). */
public final class InstanceTypesArea {
  private static final Filters<InstanceTypes.Type> FILTERS =
      new Filters<>(
          Map.ofEntries(
              Map.entry("instance-type", t -> List.of(t.name())),
              Map.entry(
                  "current-generation", t -> List.of(Boolean.toString(t.currentGeneration()))),
              Map.entry(
                  "burstable-performance-supported", t -> List.of(Boolean.toString(t.burstable()))),
              Map.entry("free-tier-eligible", t -> List.of(Boolean.toString(t.freeTier()))),
              Map.entry("hypervisor", t -> List.of(t.hypervisor())),
              Map.entry("processor-info.supported-architecture", InstanceTypes.Type::architectures),
              Map.entry("vcpu-info.default-vcpus", t -> List.of(Integer.toString(t.vcpus()))),
              Map.entry("memory-info.size-in-mib", t -> List.of(Long.toString(t.memoryMiB()))),
              Map.entry("network-info.network-performance", t -> List.of(t.network()))));

  public void register(ActionTable table) {
    table.read("DescribeInstanceTypes", this::describe);
  }

  private String describe(Call call) {
    List<String> names = call.list("InstanceType");
    List<InstanceTypes.Type> result = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    if (names.isEmpty()) {
      result.addAll(InstanceTypes.all());
    }
    for (String n : names) {
      InstanceTypes.Type t = InstanceTypes.get(n);
      if (t == null) {
        unknown.add(n);
      } else {
        result.add(t);
      }
    }
    if (!unknown.isEmpty()) {
      throw Ec2Error.badRequest(
          "InvalidInstanceType", "The following supplied instance types do not exist: " + unknown);
    }
    Paging paging = Paging.of(call, false, "instanceTypeSet");
    Paging.Page<InstanceTypes.Type> page = paging.page(FILTERS.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("instanceTypeSet");
    for (InstanceTypes.Type t : page.items()) {
      write(x, t);
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private static void write(Xml x, InstanceTypes.Type t) {
    boolean nitro = t.hypervisor().equals("nitro");
    x.start("item")
        .leaf("instanceType", t.name())
        .leaf("currentGeneration", t.currentGeneration())
        .leaf("freeTierEligible", t.freeTier());
    list(x, "supportedUsageClasses", List.of("on-demand", "spot"));
    list(x, "supportedRootDeviceTypes", nitro ? List.of("ebs") : List.of("ebs", "instance-store"));
    list(
        x,
        "supportedVirtualizationTypes",
        t.currentGeneration() ? List.of("hvm") : List.of("hvm", "paravirtual"));
    x.leaf("bareMetal", false).leaf("hypervisor", t.hypervisor());
    x.start("processorInfo");
    list(x, "supportedArchitectures", t.architectures());
    x.leaf("sustainedClockSpeedInGhz", t.clockGhz()).end();
    int threads = t.threadsPerCore();
    x.start("vCpuInfo")
        .leaf("defaultVCpus", t.vcpus())
        .leaf("defaultCores", Math.max(1, t.vcpus() / threads))
        .leaf("defaultThreadsPerCore", threads)
        .end();
    x.start("memoryInfo").leaf("sizeInMiB", t.memoryMiB()).end();
    x.leaf("instanceStorageSupported", false);
    x.start("ebsInfo")
        .leaf("ebsOptimizedSupport", nitro ? "default" : "unsupported")
        .leaf("encryptionSupport", "supported")
        .leaf("nvmeSupport", nitro ? "required" : "unsupported")
        .end();
    x.start("networkInfo")
        .leaf("networkPerformance", t.network())
        .leaf("maximumNetworkInterfaces", Math.min(8, 2 + t.vcpus() / 2))
        .leaf("maximumNetworkCards", 1)
        .leaf("defaultNetworkCardIndex", 0)
        .leaf("ipv4AddressesPerInterface", Math.min(30, 2 + t.vcpus() * 2))
        .leaf("ipv6AddressesPerInterface", Math.min(30, 2 + t.vcpus() * 2))
        .leaf("ipv6Supported", nitro)
        .leaf("enaSupport", nitro ? "required" : "unsupported")
        .leaf("efaSupported", false)
        .leaf("encryptionInTransitSupported", false)
        .leaf("enaSrdSupported", false)
        .end();
    x.start("placementGroupInfo");
    list(x, "supportedStrategies", List.of("partition", "spread"));
    x.end();
    x.leaf("hibernationSupported", nitro)
        .leaf("burstablePerformanceSupported", t.burstable())
        .leaf("dedicatedHostsSupported", !t.burstable())
        .leaf("autoRecoverySupported", true);
    list(
        x,
        "supportedBootModes",
        t.architectures().contains("arm64")
            ? List.of("uefi")
            : nitro ? List.of("legacy-bios", "uefi") : List.of("legacy-bios"));
    x.end();
  }

  static void list(Xml x, String name, List<?> values) {
    x.start(name);
    for (Object v : values) {
      x.leaf("item", v);
    }
    x.end();
  }
}
