package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Identity;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.ssh.CommandResult;
import dev.ec2kit.ssh.HostKeyCheck;
import dev.ec2kit.ssh.Load;
import dev.ec2kit.ssh.Memory;
import dev.ec2kit.ssh.Outcome;
import dev.ec2kit.ssh.Ssh;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH helpers, OpenSSH's ssh and scp, against emulated instances over real SSH. */
@SharesSandboxes
@Order(5)
class SshHelpersTest {
  @TempDir static Path dir;
  static Ec2Local local;
  static Ec2 ec2;
  static Path key;
  static String ami;

  @BeforeAll
  static void start() throws Exception {
    local = Ec2Local.builder().port(0).transition(Duration.ZERO).build().start();
    Ec2 plain = Ec2.builder().identity(local.identity("us-east-1")).build();
    key = dir.resolve("ssh-test.pem");
    Files.writeString(
        key,
        plain.keyPairs().create("ssh-test", KeyType.ED25519).privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Identity identity =
        local
            .identity("us-east-1")
            .copy()
            .keyName("ssh-test")
            .sshUser("ec2-user")
            .sshIdentityFile(key)
            .sshPort(local.sshPort())
            .build();
    ec2 = plain.withIdentity(identity);
    ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  private static Ssh ssh(Path knownHosts) {
    return Ssh.builder().knownHosts(knownHosts).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static List<Instance> launch(int n) {
    return ec2.instances().run(ami, n, n, RunOptions.builder().waitUntilRunning().build());
  }

  @Test
  void query_load_memory_and_command_output() {
    Instance i = launch(1).get(0);
    try (Ssh ssh = ssh(dir.resolve("kh1"))) {
      Load load = ssh.queryLoad(i);
      assertThat(load.oneMinute()).isGreaterThanOrEqualTo(0);
      assertThat(load.fifteenMinutes()).isGreaterThanOrEqualTo(0);
      Memory m = ssh.queryMemory(i);
      assertThat(m.totalKiB()).isPositive();
      assertThat(m.usedKiB() + m.freeKiB()).isLessThanOrEqualTo(m.totalKiB());
      CommandResult r = ssh.sshCommandOutput(i, "echo out; echo err >&2; exit 7");
      assertThat(r.stdout()).isEqualTo("out\n");
      assertThat(r.stderr()).isEqualTo("err\n");
      assertThat(r.exitStatus()).isEqualTo(7);
      assertThat(ssh.sshCommandOutput(i, "tr a-z A-Z", "hello", Duration.ofSeconds(10)).stdout())
          .isEqualTo("HELLO");
      assertThat(ssh.sshCommandOutput(i, "pwd; echo $HOME").stdout().lines().distinct())
          .as("commands start in the user's home")
          .hasSize(1);
      assertThatThrownBy(() -> ssh.sshCommandOutput(i, "sleep 5", null, Duration.ofMillis(500)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("did not finish");
    }
  }

  @Test
  void copy_files_both_ways_keeping_times_and_directories() throws Exception {
    Instance i = launch(1).get(0);
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "remember the milk\n");
    Instant old = Instant.parse("2008-12-11T06:32:02Z");
    Files.setLastModifiedTime(file, FileTime.from(old));
    Path tree = Files.createDirectories(dir.resolve("site/css"));
    Files.writeString(tree.resolve("a.css"), "body{}");
    try (Ssh ssh = ssh(dir.resolve("kh2"))) {
      ssh.sshCopyFile(i, file, "notes.txt", true, false);
      assertThat(ssh.sshCommandOutput(i, "cat notes.txt; stat -c %Y notes.txt").stdout())
          .isEqualTo("remember the milk\n" + old.getEpochSecond() + "\n");
      ssh.sshCopyFile(i, dir.resolve("site"), "site", false, true);
      assertThat(ssh.sshCommandOutput(i, "cat site/css/a.css").stdout()).isEqualTo("body{}");
      Path back = dir.resolve("back.txt");
      ssh.sshCopyFileFrom(i, "notes.txt", back, true, false);
      assertThat(Files.readString(back)).isEqualTo("remember the milk\n");
      assertThatThrownBy(() -> ssh.sshCopyFile(i, dir.resolve("site"), "x", false, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("recurse");
    }
  }

  @Test
  void a_changed_host_key_is_refused_with_what_to_do() throws Exception {
    Instance i = launch(1).get(0);
    Path knownHosts = dir.resolve("kh3");
    String host =
        local.sshPort() == 22
            ? i.publicIpAddress()
            : "[" + i.publicIpAddress() + "]:" + local.sshPort();
    Files.writeString(
        knownHosts,
        host
            + " ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV9U2W7OfnRwPHv6QD3VM=\n");
    try (Ssh ssh = ssh(knownHosts)) {
      assertThatThrownBy(() -> ssh.queryLoad(i))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("has changed")
          .hasMessageContaining("ssh-keygen -R");
    }
    try (Ssh accepting = ssh(dir.resolve("kh3-new"))) {
      accepting.queryLoad(i);
    }
    assertThat(Files.readString(dir.resolve("kh3-new"))).startsWith(host + " ecdsa-sha2-nistp256 ");
    try (Ssh strict =
        Ssh.builder()
            .knownHosts(dir.resolve("kh3-empty"))
            .hostKeyCheck(HostKeyCheck.STRICT)
            .build()) {
      assertThatThrownBy(() -> strict.queryLoad(i)).hasMessageContaining("strict");
    }
  }

  @Test
  void host_keys_can_be_checked_against_the_console_output() {
    Instance i = launch(1).get(0);
    assertThat(ec2.instances().consoleOutput(i).output())
        .contains("-----BEGIN SSH HOST KEY FINGERPRINTS-----", "(ECDSA)");
    try (Ssh ssh = Ssh.builder().hostKeyCheck(HostKeyCheck.CONSOLE).ec2(ec2).build()) {
      assertThat(ssh.sshCommandOutput(i, "echo verified").stdout()).isEqualTo("verified\n");
    }
  }

  @Test
  void one_unreachable_instance_among_twenty_is_reported_alone() {
    List<Instance> twenty = new ArrayList<>(launch(20));
    Instance gone = twenty.get(7);
    ec2.instances().terminate(List.of(gone));
    try (Ssh ssh = ssh(dir.resolve("kh4"))) {
      List<Outcome<Load>> loads = ssh.queryLoad(twenty);
      assertThat(loads).hasSize(20);
      assertThat(loads.stream().filter(o -> !o.ok()))
          .singleElement()
          .satisfies(o -> assertThat(o.instance().instanceId()).isEqualTo(gone.instanceId()));
      assertThat(loads.stream().filter(Outcome::ok)).hasSize(19);
    }
  }

  @Test
  void wait_for_ssh_returns_once_logins_work_and_stopping_ends_sessions() {
    List<Instance> two = launch(2);
    try (Ssh ssh = ssh(dir.resolve("kh5"))) {
      ssh.waitForSsh(
          two,
          WaitOptions.defaults().interval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(20)));
      assertThat(ssh.sshCommandOutput(two.get(0), "true").exitStatus()).isZero();
      ec2.instances().stop(two.subList(0, 1), false);
      assertThatThrownBy(() -> ssh.sshCommandOutput(two.get(0), "true"))
          .isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void openssh_ssh_and_scp_work_with_the_saved_key() throws Exception {
    Instance i = launch(1).get(0);
    String opts =
        "-i "
            + key
            + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes"
            + " -o LogLevel=ERROR -o Port="
            + local.sshPort();
    Files.writeString(dir.resolve("up.txt"), "via openssh\n");
    assertThat(
            Tools.sh(
                dir,
                "ssh " + opts + " ec2-user@" + i.publicIpAddress() + " 'echo hello from $USER'"))
        .isEqualTo("hello from ec2-user");
    Tools.sh(dir, "scp " + opts + " up.txt ec2-user@" + i.publicIpAddress() + ":up.txt");
    assertThat(Tools.sh(dir, "ssh " + opts + " ec2-user@" + i.publicIpAddress() + " cat up.txt"))
        .isEqualTo("via openssh");
    Tools.sh(dir, "scp " + opts + " ec2-user@" + i.publicIpAddress() + ":up.txt down.txt");
    assertThat(Files.readString(dir.resolve("down.txt"))).isEqualTo("via openssh\n");
    assertThatThrownBy(
            () -> Tools.sh(dir, "ssh " + opts + " root@" + i.publicIpAddress() + " true"))
        .hasMessageContaining("Permission denied");
  }

  @Test
  void waiting_for_ssh_that_never_comes_is_a_wait_exception_naming_the_instance() {
    Instance i = launch(1).get(0);
    ec2.instances().stop(List.of(i), false);
    try (Ssh ssh = ssh(dir.resolve("kh7"))) {
      assertThatThrownBy(
              () ->
                  ssh.waitForSsh(
                      List.of(i),
                      WaitOptions.defaults()
                          .interval(Duration.ofMillis(100))
                          .timeout(Duration.ofSeconds(1))))
          .isInstanceOfSatisfying(
              dev.ec2kit.WaitException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(dev.ec2kit.WaitException.Reason.TIMEOUT);
                assertThat(e.lastSeen()).containsKey(i.instanceId());
                assertThat(e.getMessage()).contains("SSH ready", i.instanceId());
              });
    }
  }
}
