package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Root inside a sandbox controls every file of its root: {@code /etc/ld.so.preload}, the loader
 * behind {@code /lib64}, NSS. Whatever the emulator runs to enter an instance (a session, a user
 * data step) or to boot it again must never run any of that with more than the sandbox root's
 * capabilities, else root inside gets {@code sys_admin} on this machine. A preload library records
 * the capabilities of every process that loads it; none may hold {@code sys_admin} or {@code
 * mknod}.
 */
@Isolated
class SandboxEscapeTest {
  private static final long SYS_ADMIN = 1L << 21;
  private static final long MKNOD = 1L << 27;

  @TempDir static Path dir;
  static SshFleet fleet;

  @BeforeAll
  static void start() throws Exception {
    fleet = SshFleet.start(dir, SandboxMode.ON, null);
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private static final String PRELOAD =
      """
      #include <stdio.h>
      #include <string.h>
      __attribute__((constructor)) static void record(void) {
        char line[256], eff[64] = "", bnd[64] = "", comm[64] = "";
        FILE *s = fopen("/proc/self/status", "r");
        if (!s) return;
        while (fgets(line, sizeof line, s)) {
          if (!strncmp(line, "CapEff:", 7)) sscanf(line + 7, "%63s", eff);
          if (!strncmp(line, "CapBnd:", 7)) sscanf(line + 7, "%63s", bnd);
          if (!strncmp(line, "Name:", 5)) sscanf(line + 5, "%63s", comm);
        }
        fclose(s);
        FILE *o = fopen("/var/log/escape-caps", "a");
        if (!o) return;
        fprintf(o, "%s %s %s\\n", comm, eff, bnd);
        fclose(o);
      }
      """;

  @Test
  void nothing_the_instance_controls_runs_with_this_machines_capabilities() throws Exception {
    Instance i = fleet.launch(1).get(0);
    Path src = dir.resolve("preload.c");
    Files.writeString(src, PRELOAD);
    Path so = dir.resolve("preload.so");
    Tools.sh(dir, "cc -shared -fPIC -O2 -o " + so + " " + src);
    String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(so));
    fleet.ssh(i, "echo " + b64 + " | base64 -d | sudo tee /opt/escape.so >/dev/null");
    fleet.ssh(i, "sudo sh -c 'echo /opt/escape.so > /etc/ld.so.preload'");

    // a new session, a root step through sudo, then a boot over the kept disk
    assertThat(fleet.ssh(i, "sudo id -u")).isEqualTo("0");
    fleet.ec2.instances().reboot(List.of(i));
    assertThat(sshOnceUp(i, "id -un")).isEqualTo("ec2-user");
    assertThat(fleet.ssh(i, "cat /var/log/escape-caps").lines())
        .as("the boot again ran the instance's programs (its init's sleep among them)")
        .anyMatch(l -> l.startsWith("sleep "));
    assertNoHostCapabilities(i);

    // the loader the instance's programs name, replaced by one of the instance's own
    fleet.ssh(
        i,
        "sudo sh -c 'mkdir /opt/lib64 && cp -L /lib64/ld-linux-x86-64.so.2 /opt/lib64/"
            + " && ln -s /opt/lib64 /lib64.new && mv -T /lib64.new /lib64'");
    assertThat(fleet.ssh(i, "readlink /lib64")).isEqualTo("/opt/lib64");
    assertThat(fleet.ssh(i, "id -un")).isEqualTo("ec2-user");
    assertThat(fleet.ssh(i, "sudo id -u")).isEqualTo("0");
    assertNoHostCapabilities(i);
  }

  @Test
  void links_left_at_mount_points_are_replaced_at_the_next_boot_never_followed() throws Exception {
    Instance i = fleet.launch(1).get(0);
    fleet.ssh(i, "echo kept > kept.txt");
    fleet.ec2.instances().stop(List.of(i), false);
    fleet.waitFor(i, InstanceState.STOPPED);
    // what a disk written elsewhere (another instance, a restored copy) may hold: links out of the
    // root and a file where the boot mounts this machine's programs, /proc, /sys, /dev and /run
    Path upper = SandboxSshTest.instanceDirectories(i).get(0).resolve("upper");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(upper.resolve("usr"), outside);
    Files.createSymbolicLink(upper.resolve("proc"), Path.of("../../../../../../../" + outside));
    Files.createSymbolicLink(upper.resolve("sys"), outside);
    Files.writeString(upper.resolve("dev"), "not a directory\n");
    Files.createSymbolicLink(upper.resolve("run"), Path.of("/"));
    String mountsBefore = Files.readString(Path.of("/proc/self/mountinfo"));

    fleet.ec2.instances().start(List.of(i));
    Instance again = fleet.waitFor(i, InstanceState.RUNNING);
    assertThat(sshOnceUp(again, "cat kept.txt")).isEqualTo("kept");
    assertThat(
            fleet.ssh(
                again,
                "test -c /dev/null && test -d /proc/1 && test -d /sys/kernel && test -d /run"
                    + " && ls /usr/bin/env && ! sudo touch /usr/planted 2>/dev/null && echo ok"))
        .isEqualTo("/usr/bin/env\nok");
    assertThat(fleet.ssh(again, "cat /proc/1/cmdline | tr '\\0' ' '")).contains("sleep");
    try (var left = Files.list(outside)) {
      assertThat(left).as("what the boot put outside the instance").isEmpty();
    }
    List<String> newMounts =
        Files.readString(Path.of("/proc/self/mountinfo"))
            .lines()
            .filter(l -> !mountsBefore.contains(l))
            .toList();
    assertThat(newMounts)
        .as("mounts made here since")
        .noneMatch(l -> l.contains(outside.toString()));
    assertThat(newMounts.stream().map(l -> l.split(" ")[4]))
        .as("this machine's mount points")
        .doesNotContain("/", "/usr", "/proc", "/sys", "/dev", "/run");
    assertThat(Path.of("/usr/planted")).doesNotExist();
  }

  /** Every process that loaded the preload library ran within the sandbox root's capabilities. */
  private static void assertNoHostCapabilities(Instance i) throws Exception {
    String log = fleet.ssh(i, "cat /var/log/escape-caps");
    assertThat(log.lines()).as("processes that loaded the preload library").isNotEmpty();
    for (String line : log.lines().toList()) {
      String[] f = line.split(" ");
      assertThat(f).as(line).hasSize(3);
      assertThat(Long.parseUnsignedLong(f[1], 16) & (SYS_ADMIN | MKNOD))
          .as("effective capabilities of " + line)
          .isZero();
      assertThat(Long.parseUnsignedLong(f[2], 16) & (SYS_ADMIN | MKNOD))
          .as("bounding set of " + line)
          .isZero();
    }
  }

  private static String sshOnceUp(Instance i, String command) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return fleet.ssh(i, command);
      } catch (AssertionError e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
