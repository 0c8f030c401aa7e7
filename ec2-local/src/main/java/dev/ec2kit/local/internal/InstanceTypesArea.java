package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;

/** DescribeInstanceTypes, from the emulator's catalogue ({@link InstanceTypes}). */
public final class InstanceTypesArea {
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
    Paging.Page<InstanceTypes.Type> page =
        paging.page(InstanceTypeFilters.FILTERS.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("instanceTypeSet");
    for (InstanceTypes.Type t : page.items()) {
      write(x, t);
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private static void write(Xml x, InstanceTypes.Type t) {
    x.start("item")
        .leaf("instanceType", t.name())
        .leaf("currentGeneration", t.currentGeneration())
        .leaf("freeTierEligible", t.freeTier());
    list(x, "supportedUsageClasses", InstanceTypeFilters.USAGE_CLASSES);
    list(x, "supportedRootDeviceTypes", InstanceTypeFilters.rootDeviceTypes(t));
    list(x, "supportedVirtualizationTypes", InstanceTypeFilters.virtualizationTypes(t));
    x.leaf("bareMetal", false).leaf("hypervisor", t.hypervisor());
    x.start("processorInfo");
    list(x, "supportedArchitectures", t.architectures());
    x.leaf("sustainedClockSpeedInGhz", t.clockGhz()).end();
    x.start("vCpuInfo")
        .leaf("defaultVCpus", t.vcpus())
        .leaf("defaultCores", InstanceTypeFilters.cores(t))
        .leaf("defaultThreadsPerCore", t.threadsPerCore())
        .end();
    x.start("memoryInfo").leaf("sizeInMiB", t.memoryMiB()).end();
    x.leaf("instanceStorageSupported", false);
    x.start("ebsInfo")
        .leaf("ebsOptimizedSupport", InstanceTypeFilters.ebsOptimizedSupport(t))
        .leaf("encryptionSupport", "supported")
        .leaf("nvmeSupport", InstanceTypeFilters.nvmeSupport(t))
        .end();
    x.start("networkInfo")
        .leaf("networkPerformance", t.network())
        .leaf("maximumNetworkInterfaces", InstanceTypeFilters.maxInterfaces(t))
        .leaf("maximumNetworkCards", 1)
        .leaf("defaultNetworkCardIndex", 0)
        .leaf("ipv4AddressesPerInterface", InstanceTypeFilters.addressesPerInterface(t))
        .leaf("ipv6AddressesPerInterface", InstanceTypeFilters.addressesPerInterface(t))
        .leaf("ipv6Supported", InstanceTypeFilters.nitro(t))
        .leaf("enaSupport", InstanceTypeFilters.enaSupport(t))
        .leaf("efaSupported", false)
        .leaf("encryptionInTransitSupported", false)
        .leaf("enaSrdSupported", false)
        .end();
    x.start("placementGroupInfo");
    list(x, "supportedStrategies", List.of("partition", "spread"));
    x.end();
    x.leaf("hibernationSupported", InstanceTypeFilters.nitro(t))
        .leaf("burstablePerformanceSupported", t.burstable())
        .leaf("dedicatedHostsSupported", !t.burstable())
        .leaf("autoRecoverySupported", true);
    list(x, "supportedBootModes", InstanceTypeFilters.bootModes(t));
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
