package dev.ec2kit.local.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instance types the emulator knows: common current families (burstable t2, t3, t3a, t4g;
 * general purpose m5, m6i, m7i, m6g, m7g; compute c5, c6i, c7i, c6g, c7g; memory r5, r6i, r7i, r6g,
 * r7g) and the manual's previous generation (m1, c1), each with its vCPUs, memory, architectures,
 * hypervisor and whether it is burstable, as DescribeInstanceTypes lists them.
 */
final class InstanceTypes {
  /** One instance type. */
  record Type(
      String name,
      int vcpus,
      long memoryMiB,
      List<String> architectures,
      boolean burstable,
      boolean currentGeneration,
      String hypervisor,
      String network,
      double clockGhz) {

    String family() {
      return name.substring(0, name.indexOf('.'));
    }

    /**
     * EC2's default credit option: T2 standard, later T families unlimited; null when not
     * burstable.
     */
    String defaultCredits() {
      return !burstable ? null : family().equals("t2") ? "standard" : "unlimited";
    }

    int threadsPerCore() {
      return architectures.contains("arm64") || vcpus == 1 || family().equals("t2") ? 1 : 2;
    }

    boolean freeTier() {
      return name.equals("t2.micro") || name.equals("t3.micro");
    }
  }

  private static final Map<String, Type> TYPES = new LinkedHashMap<>();

  private static final String[] T_SIZES = {
    "nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"
  };
  private static final int[] T_VCPU = {2, 2, 2, 2, 2, 4, 8};
  private static final double[] T_GIB = {0.5, 1, 2, 4, 8, 16, 32};

  static {
    for (int i = 0; i < T_SIZES.length; i++) {
      int t2vcpu = i < 3 ? 1 : T_VCPU[i];
      add(
          "t2." + T_SIZES[i],
          t2vcpu,
          T_GIB[i],
          List.of("i386", "x86_64"),
          true,
          "xen",
          "Low to Moderate",
          3.3);
      add(
          "t3." + T_SIZES[i],
          T_VCPU[i],
          T_GIB[i],
          List.of("x86_64"),
          true,
          "nitro",
          "Up to 5 Gigabit",
          2.5);
      add(
          "t3a." + T_SIZES[i],
          T_VCPU[i],
          T_GIB[i],
          List.of("x86_64"),
          true,
          "nitro",
          "Up to 5 Gigabit",
          2.2);
      add(
          "t4g." + T_SIZES[i],
          T_VCPU[i],
          T_GIB[i],
          List.of("arm64"),
          true,
          "nitro",
          "Up to 5 Gigabit",
          2.5);
    }
    String[] sizes = {"large", "xlarge", "2xlarge", "4xlarge"};
    int[] vcpus = {2, 4, 8, 16};
    for (int i = 0; i < sizes.length; i++) {
      for (String f : List.of("m5", "m6i", "m7i")) {
        add(
            f + "." + sizes[i],
            vcpus[i],
            vcpus[i] * 4,
            List.of("x86_64"),
            false,
            "nitro",
            "Up to 12.5 Gigabit",
            3.1);
      }
      for (String f : List.of("c5", "c6i", "c7i")) {
        add(
            f + "." + sizes[i],
            vcpus[i],
            vcpus[i] * 2,
            List.of("x86_64"),
            false,
            "nitro",
            "Up to 12.5 Gigabit",
            3.4);
      }
      for (String f : List.of("r5", "r6i", "r7i")) {
        add(
            f + "." + sizes[i],
            vcpus[i],
            vcpus[i] * 8,
            List.of("x86_64"),
            false,
            "nitro",
            "Up to 12.5 Gigabit",
            3.1);
      }
    }
    String[] gsizes = {"medium", "large", "xlarge", "2xlarge"};
    int[] gvcpus = {1, 2, 4, 8};
    for (int i = 0; i < gsizes.length; i++) {
      for (String f : List.of("m6g", "m7g")) {
        add(
            f + "." + gsizes[i],
            gvcpus[i],
            gvcpus[i] * 4,
            List.of("arm64"),
            false,
            "nitro",
            "Up to 12.5 Gigabit",
            2.5);
      }
      for (String f : List.of("c6g", "c7g")) {
        add(
            f + "." + gsizes[i],
            gvcpus[i],
            gvcpus[i] * 2,
            List.of("arm64"),
            false,
            "nitro",
            "Up to 12.5 Gigabit",
            2.5);
      }
      for (String f : List.of("r6g", "r7g")) {
        add(
            f + "." + gsizes[i],
            gvcpus[i],
            gvcpus[i] * 8,
            List.of("arm64"),
            false,
            "nitro",
            "Up to 12.5 Gigabit",
            2.5);
      }
    }
    List<String> old = List.of("i386", "x86_64");
    addOld("m1.small", 1, 1.7, old, "Low");
    addOld("m1.medium", 1, 3.75, old, "Moderate");
    addOld("m1.large", 2, 7.5, List.of("x86_64"), "Moderate");
    addOld("m1.xlarge", 4, 15, List.of("x86_64"), "High");
    addOld("c1.medium", 2, 1.7, old, "Moderate");
    addOld("c1.xlarge", 8, 7, List.of("x86_64"), "High");
  }

  private static void add(
      String name,
      int vcpus,
      double gib,
      List<String> arch,
      boolean burstable,
      String hypervisor,
      String network,
      double clock) {
    TYPES.put(
        name,
        new Type(
            name,
            vcpus,
            Math.round(gib * 1024),
            arch,
            burstable,
            true,
            hypervisor,
            network,
            clock));
  }

  private static void addOld(
      String name, int vcpus, double gib, List<String> arch, String network) {
    TYPES.put(
        name,
        new Type(name, vcpus, Math.round(gib * 1024), arch, false, false, "xen", network, 2.0));
  }

  private InstanceTypes() {}

  /** Every known type, in the catalogue's order. */
  static List<Type> all() {
    return List.copyOf(TYPES.values());
  }

  /** The type of this name, or {@code null}. */
  static Type get(String name) {
    return TYPES.get(name);
  }

  /** The architecture instances of a type run, or {@code null} when the type is unknown. */
  static String architecture(String type) {
    Type t = TYPES.get(type);
    return t == null ? null : t.architectures().get(t.architectures().size() - 1);
  }

  static boolean runs(String type, String imageArchitecture) {
    Type t = TYPES.get(type);
    return t != null && t.architectures().contains(imageArchitecture);
  }
}
