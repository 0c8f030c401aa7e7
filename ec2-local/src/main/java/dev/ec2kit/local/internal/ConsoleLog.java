package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A believable boot log for an emulated instance. It grows while the instance is pending and is
 * whole once it runs; stopping and terminating add their shutdown lines.
 */
final class ConsoleLog {
  /** The text and when it was last written. */
  record Output(String text, Instant timestamp) {}

  private ConsoleLog() {}

  /**
   * The console as it is at {@code now}; {@code note}, when not null, is the emulator's line on
   * what the instance is (a sandbox or not), printed as the system comes up; {@code guest}, where
   * the instance is a sandbox, what its boot wrote (cloud-init's final stage: the user data's
   * output), shown once it runs, or null where it is not (its user data is not run, which is said).
   */
  static Output of(
      InstanceRecord r,
      String loginUser,
      Instant now,
      Duration transition,
      String note,
      List<String> guest) {
    List<String> boot = bootLines(r, loginUser);
    if (note != null) {
      boot.add(12, note);
    }
    int finished = boot.size() - 3; // cloud-init's "finished", which a sandbox writes itself
    if (guest != null) {
      boot.remove(finished);
      if (r.state != InstanceState.PENDING) {
        boot.addAll(finished, guest);
      }
    } else if (note != null && r.userData != null && !r.userData.isEmpty()) {
      boot.add(finished, "ec2-local: user data was not run: this instance is not a sandbox");
    }
    int shown = boot.size();
    Instant written = r.state == InstanceState.PENDING ? r.bootedAt : r.since;
    if (r.state == InstanceState.PENDING) {
      double fraction =
          transition.isZero()
              ? 1.0
              : Math.min(
                  1.0,
                  Duration.between(r.bootedAt, now).toMillis() / (double) transition.toMillis());
      shown = (int) Math.floor(fraction * (boot.size() - 2));
      written = r.bootedAt.plusMillis((long) (fraction * transition.toMillis()));
    }
    List<String> lines = new ArrayList<>(boot.subList(0, shown));
    if (r.state == InstanceState.STOPPING
        || r.state == InstanceState.STOPPED
        || r.state == InstanceState.SHUTTING_DOWN
        || r.state == InstanceState.TERMINATED) {
      lines.add("[  OK  ] Stopped target Multi-User System.");
      lines.add("[  OK  ] Stopped OpenSSH server daemon.");
      lines.add("[  OK  ] Reached target System Power Off.");
      lines.add("reboot: Power down");
    }
    if (lines.isEmpty()) {
      return new Output("", null);
    }
    return new Output(String.join("\r\n", lines) + "\r\n", written);
  }

  private static List<String> bootLines(InstanceRecord r, String loginUser) {
    String kernel = kernelVersion(loginUser, r.architecture);
    String host =
        r.privateDns.contains(".")
            ? r.privateDns.substring(0, r.privateDns.indexOf('.'))
            : r.privateDns;
    List<String> l = new ArrayList<>();
    l.add(
        "[    0.000000] Linux version "
            + kernel
            + " (mockbuild@builder) (gcc (GCC) 11.4.1) #1 SMP PREEMPT_DYNAMIC");
    l.add(
        "[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-"
            + kernel
            + " root=UUID=0e5a3b1d ro console=tty0 console=ttyS0,115200n8");
    l.add("[    0.000000] BIOS-provided physical RAM map:");
    l.add("[    0.000000] DMI: Amazon EC2 " + r.instanceType + "/, BIOS 1.0 10/16/2017");
    l.add("[    0.000000] Hypervisor detected: KVM");
    l.add("[    0.012345] ACPI: Early table checksum verification disabled");
    l.add("[    0.104512] smpboot: Allowing 2 CPUs, 0 hotplug CPUs");
    l.add("[    0.552100] clocksource: Switched to clocksource kvm-clock");
    l.add("[    0.891230] nvme nvme0: pci function 0000:00:04.0");
    l.add("[    1.002341] EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode.");
    l.add("[    1.403345] systemd[1]: Detected virtualization amazon.");
    l.add("[    1.403410] systemd[1]: Set hostname to <" + host + ">.");
    l.add("[  OK  ] Started Journal Service.");
    l.add("[  OK  ] Reached target Local File Systems.");
    l.add("[  OK  ] Started Network Service.");
    l.add(
        "cloud-init[1123]: Cloud-init v. 22.2.2 running 'init' at "
            + r.bootedAt
            + ". Up 4.21 seconds.");
    l.add(
        "cloud-init[1123]: ci-info: | eth0 | True | "
            + r.privateIp
            + " | 255.255.240.0 | global |");
    l.add("[  OK  ] Started OpenSSH server daemon.");
    l.add("-----BEGIN SSH HOST KEY FINGERPRINTS-----");
    l.add(
        "256 "
            + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(r.hostKey().getPublic())
            + " root@"
            + host
            + " (ECDSA)");
    l.add("-----END SSH HOST KEY FINGERPRINTS-----");
    l.add("-----BEGIN SSH HOST KEY KEYS-----");
    l.add(
        org.apache.sshd.common.config.keys.PublicKeyEntry.toString(r.hostKey().getPublic())
            + " root@"
            + host);
    l.add("-----END SSH HOST KEY KEYS-----");
    l.add("[  OK  ] Reached target Multi-User System.");
    l.add(
        "cloud-init[1490]: Cloud-init v. 22.2.2 finished. Datasource DataSourceEc2. Up 9.87 seconds");
    l.add("");
    l.add(host + " login: ");
    return l;
  }

  private static String kernelVersion(String loginUser, String arch) {
    String machine = arch.equals("arm64") ? "aarch64" : "x86_64";
    return switch (loginUser == null ? "" : loginUser) {
      case "ubuntu" -> "6.8.0-1018-aws";
      case "admin" -> "6.1.0-27-cloud-amd64";
      case "root" -> "2.6.21.7-2.fc8xen";
      default -> "6.1.115-126.197.amzn2023." + machine;
    };
  }
}
