package dev.ec2kit.local.internal;

import java.util.HashMap;
import java.util.Map;

/** The instance types the emulator accepts, with the architecture each runs. */
final class InstanceTypes {
  private static final Map<String, String> ARCH = new HashMap<>();

  static {
    for (String t :
        ("t2.nano t2.micro t2.small t2.medium t2.large t2.xlarge t3.nano t3.micro t3.small t3.medium"
                + " t3.large t3.xlarge t3.2xlarge t3a.nano t3a.micro t3a.small t3a.medium t3a.large m5.large m5.xlarge"
                + " m5.2xlarge m5.4xlarge m6i.large m6i.xlarge m6i.2xlarge m7i.large m7i.xlarge c5.large c5.xlarge c5.2xlarge"
                + " c6i.large c6i.xlarge c7i.large r5.large r5.xlarge r6i.large r7i.large m1.small m1.medium m1.large m1.xlarge"
                + " c1.medium c1.xlarge")
            .split(" ")) {
      ARCH.put(t, "x86_64");
    }
    for (String t :
        ("t4g.nano t4g.micro t4g.small t4g.medium t4g.large t4g.xlarge m6g.medium m6g.large m6g.xlarge"
                + " m7g.medium m7g.large m7g.xlarge c6g.large c6g.xlarge c7g.large c7g.xlarge r6g.large r7g.large")
            .split(" ")) {
      ARCH.put(t, "arm64");
    }
  }

  private InstanceTypes() {}

  /** The architecture of a type, or {@code null} when the type is unknown. */
  static String architecture(String type) {
    return ARCH.get(type);
  }

  static boolean runs(String type, String imageArchitecture) {
    String a = ARCH.get(type);
    return a != null
        && (a.equals(imageArchitecture)
            || (a.equals("x86_64") && imageArchitecture.equals("i386")));
  }
}
