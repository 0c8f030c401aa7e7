package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import dev.ec2kit.ssh.Ssh;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances without sandboxes ({@link SandboxMode#OFF}, and what {@link SandboxMode#AUTO} falls
 * back to where this machine has none): commands run on this machine in a directory per instance,
 * which the emulator says once on its log and in each instance's console output, never silently;
 * scp and sftp stay inside that directory.
 */
class DirectoryModeSshTest {
  @TempDir static Path dir;
  static final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  static SshFleet fleet;
  static Ec2Local local;
  static Ec2 ec2;
  static Path key;

  @BeforeAll
  static void start() throws Exception {
    fleet =
        SshFleet.start(dir, SandboxMode.OFF, new PrintStream(logged, true, StandardCharsets.UTF_8));
    local = fleet.local;
    ec2 = fleet.ec2;
    key = fleet.key;
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private static List<Instance> launch(int n) {
    return fleet.launch(n);
  }

  private static Ssh ssh(Path knownHosts) {
    return Ssh.builder().knownHosts(knownHosts).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void not_being_sandboxed_is_said_once_on_the_log_and_in_every_console_output() {
    assertThat(local.sandboxed()).isFalse();
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log.lines().filter(l -> l.contains("NOT sandboxed")))
        .singleElement()
        .asString()
        .contains("turned off", "not isolation", "EBS volumes are not block devices");
    for (Instance i : launch(2)) {
      assertThat(ec2.instances().consoleOutput(i).output())
          .contains("ec2-local: this instance is NOT sandboxed (turned off)")
          .contains("EBS volumes are not block devices");
    }
    assertThat(
            logged
                .toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("NOT sandboxed")))
        .hasSize(1);
  }

  @Test
  void user_data_is_not_run_on_this_machine_and_the_console_says_so() throws Exception {
    Path marker = dir.resolve("user-data-ran");
    Instance i =
        fleet
            .launch(
                fleet.ami, 1, RunOptions.builder().userData("#!/bin/sh\ntouch " + marker + "\n"))
            .get(0);
    assertThat(ec2.instances().consoleOutput(i).output())
        .contains("ec2-local: user data was not run: this instance is not a sandbox");
    assertThat(marker).doesNotExist();
  }

  @Test
  void power_commands_stop_or_restart_the_instance_and_never_reach_this_machine() throws Exception {
    Instance i = launch(1).get(0);
    String shims = ".power/" + i.instanceId() + "/";
    // every way of naming them finds the emulator's programs, else this test must not run them
    for (String how : List.of("", "sudo ", "sudo -n ", "sudo -u root ", "sudo -- ", "sudo -i ")) {
      for (String name : List.of("poweroff", "halt", "reboot", "shutdown", "systemctl", "init")) {
        assertThat(fleet.ssh(i, how + "sh -c 'command -v " + name + "'"))
            .as(how + name)
            .contains(shims + name);
      }
    }
    assertThat(fleet.ssh(i, "command -v sudo")).contains(shims + "sudo");

    // a reboot ends the instance's sessions, this one with it
    String rebooted =
        Tools.sh(
            dir,
            "ssh "
                + fleet.opts()
                + " ec2-user@"
                + i.publicIpAddress()
                + " 'reboot; sleep 10; echo survived' 2>&1 || true");
    assertThat(rebooted).doesNotContain("survived");
    assertThat(fleet.ssh(i, "echo up")).isEqualTo("up");
    assertThat(fleet.waitFor(i, InstanceState.RUNNING).state()).isEqualTo(InstanceState.RUNNING);

    Tools.sh(
        dir,
        "ssh " + fleet.opts() + " ec2-user@" + i.publicIpAddress() + " 'sudo poweroff' || true");
    Instance stopped = fleet.waitFor(i, InstanceState.STOPPED);
    assertThat(stopped.stateReason()).contains("Client.InstanceInitiatedShutdown");

    ec2.instances().start(List.of(i));
    Instance again = fleet.waitFor(i, InstanceState.RUNNING);
    Tools.sh(
        dir,
        "ssh "
            + fleet.opts()
            + " ec2-user@"
            + again.publicIpAddress()
            + " 'sudo systemctl poweroff' || true");
    fleet.waitFor(i, InstanceState.STOPPED);
  }

  @Test
  void commands_run_in_the_instances_own_directory() {
    Instance i = launch(1).get(0);
    try (Ssh ssh = ssh(dir.resolve("kh-dir"))) {
      assertThat(ssh.sshCommandOutput(i, "pwd").stdout().strip()).endsWith(i.instanceId());
    }
  }

  @Test
  void scp_and_sftp_cannot_leave_the_instance_directory_through_a_symlink() throws Exception {
    Instance i = launch(1).get(0);
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "not yours\n");
    String opts = Tools.opensshOptions(key, local.sshPort());
    String at = "ec2-user@" + i.publicIpAddress();
    Tools.sh(dir, "ssh " + opts + " " + at + " 'ln -s " + outside + " escape && ln -s / rootlink'");
    Files.writeString(dir.resolve("payload.txt"), "planted\n");
    // sftp underneath (OpenSSH 9's scp): refused with an error
    assertThatThrownBy(
        () -> Tools.sh(dir, "scp " + opts + " payload.txt " + at + ":escape/planted.txt"));
    assertThatThrownBy(
        () ->
            Tools.sh(
                dir,
                "scp " + opts + " payload.txt " + at + ":rootlink" + outside + "/planted.txt"));
    assertThatThrownBy(
        () -> Tools.sh(dir, "scp " + opts + " " + at + ":escape/secret.txt stolen.txt"));
    // the legacy scp protocol: MINA's scp ends the transfer (its exit status says little), nothing
    // crosses
    Tools.sh(dir, "scp -O " + opts + " payload.txt " + at + ":escape/planted.txt || true");
    Tools.sh(dir, "scp -O " + opts + " " + at + ":escape/secret.txt stolen.txt || true");
    assertThat(outside.resolve("planted.txt")).doesNotExist();
    assertThat(dir.resolve("stolen.txt")).doesNotExist();
    try (Ssh ssh = ssh(dir.resolve("kh6"))) {
      assertThatThrownBy(
          () -> ssh.sshCopyFile(i, dir.resolve("payload.txt"), "escape/planted.txt", false, false));
      ssh.sshCopyFile(
          i, dir.resolve("payload.txt"), "inside.txt", false, false); // a plain copy still works
      assertThat(ssh.sshCommandOutput(i, "cat inside.txt").stdout()).isEqualTo("planted\n");
    }
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }
}
