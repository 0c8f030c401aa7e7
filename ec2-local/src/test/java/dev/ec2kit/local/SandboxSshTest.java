package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Emulated instances as sandboxes, seen over real SSH with OpenSSH's client as the image's user:
 * their own hostname, users, root filesystem and processes, nothing of this machine's data, a disk
 * kept across stop and start, and no process left behind. Sandboxes are required here ({@link
 * SandboxMode#ON}): where this machine cannot have them (not root, no namespaces), the emulator
 * refuses to start and this test fails saying why.
 */
@SandboxedFleet
@Order(3)
class SandboxSshTest {
  static SshFleet fleet;
  static Ec2 ec2;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ec2 = fleet.ec2;
    dir = fleet.dir;
  }

  private static List<Instance> launch(int n) {
    return fleet.launch(n);
  }

  private static String opts() {
    return fleet.opts();
  }

  private static String ssh(Instance i, String command) throws Exception {
    return fleet.ssh(i, command);
  }

  @Test
  void each_instance_has_its_own_hostname_users_root_and_processes() throws Exception {
    assertThat(fleet.local.sandboxed()).isTrue();
    List<Instance> three = launch(3);
    Instance a = three.get(0);
    Instance b = three.get(1);
    for (Instance i : three) {
      assertThat(ssh(i, "hostname"))
          .isEqualTo("ip-" + i.privateIpAddress().replace('.', '-'))
          .isNotEqualTo(java.net.InetAddress.getLocalHost().getHostName());
      assertThat(ssh(i, "id -un")).isEqualTo("ec2-user");
      assertThat(ssh(i, "echo $HOME; pwd")).isEqualTo("/home/ec2-user\n/home/ec2-user");
      assertThat(ssh(i, "sudo id -u")).isEqualTo("0");
    }
    String hostMotd =
        Files.exists(Path.of("/etc/motd")) ? Files.readString(Path.of("/etc/motd")) : null;
    ssh(a, "sudo sh -c 'echo changed-in-a > /etc/motd' && sudo touch /root/made-in-a");
    assertThat(ssh(a, "cat /etc/motd")).isEqualTo("changed-in-a");
    assertThat(ssh(b, "cat /etc/motd 2>/dev/null || true")).doesNotContain("changed-in-a");
    assertThat(Files.exists(Path.of("/etc/motd")) ? Files.readString(Path.of("/etc/motd")) : null)
        .as("this machine's /etc/motd")
        .isEqualTo(hostMotd);
    assertThat(Path.of("/root/made-in-a")).doesNotExist();
    assertThat(ssh(b, "sudo ls -A /root")).doesNotContain("made-in-a");

    // a process started in one is not among another's, and PID 1 is the sandbox's own
    ssh(a, "nohup sleep 3131 >/dev/null 2>&1 &");
    assertThat(ssh(a, "ps ax -o args")).contains("sleep 3131");
    assertThat(ssh(b, "ps ax -o args")).doesNotContain("sleep 3131");
    String hostInit = Files.readString(Path.of("/proc/1/cmdline")).replace('\0', ' ').strip();
    assertThat(ssh(b, "tr '\\0' ' ' < /proc/1/cmdline")).isNotEqualTo(hostInit);

    // files in one's home are not in another's
    ssh(a, "echo only-a > mine.txt");
    assertThat(ssh(b, "test -e mine.txt && echo present || echo absent")).isEqualTo("absent");
  }

  @Test
  void nothing_of_this_machines_data_is_inside() throws Exception {
    Instance i = launch(1).get(0);
    String marker = "sandbox-marker-" + UUID.randomUUID();
    Path home = Path.of(System.getProperty("user.home"));
    Path project = Path.of("").toAbsolutePath();
    Path inHome = home.resolve(marker);
    Path inProject = project.resolve(marker);
    Files.writeString(inHome, "host data\n");
    Files.writeString(inProject, "host data\n");
    try {
      for (Path p : List.of(inHome, inProject)) {
        assertThat(ssh(i, "sudo test -e " + p + " && echo visible || echo invisible"))
            .as(p.toString())
            .isEqualTo("invisible");
      }
      assertThat(ssh(i, "sudo find /root")).isEqualTo("/root\n/root/.ssh");
      assertThat(ssh(i, "ls -A /home")).isEqualTo("ec2-user");
      assertThat(ssh(i, "ls -A ~/.aws 2>&1 || true")).contains("No such file");
      assertThat(ssh(i, "test -e " + project + " && echo visible || echo invisible"))
          .isEqualTo("invisible");
      assertThat(ssh(i, "ls /tmp | grep -c ec2-local-instances || true")).isEqualTo("0");
      // the image's user and the system's accounts; none of this machine's people or passwords
      assertThat(ssh(i, "getent passwd | awk -F: '$3 >= 1000 && $3 != 65534 {print $1}'"))
          .isEqualTo("ec2-user");
      assertThat(ssh(i, "sudo awk -F: '$2 ~ /^\\$/ {print $1}' /etc/shadow")).isEmpty();
      // of this machine's /etc, nothing it keeps from its users (shadow-, sudoers, private keys)
      assertThat(ssh(i, "sudo find /etc -type f ! -perm -o=r | sort"))
          .isEqualTo("/etc/gshadow\n/etc/shadow\n/etc/sudoers\n/etc/sudoers.d/90-cloud-init-users");
      // root inside owns the sandbox, not this machine: no mounting, no device nodes
      assertThat(ssh(i, "sudo mount -t tmpfs none /mnt 2>&1 && echo mounted || echo refused"))
          .endsWith("refused");
      assertThat(ssh(i, "sudo mknod /tmp/disk b 8 0 2>&1 && echo made || echo refused"))
          .endsWith("refused");
      assertThat(
              ssh(i, "echo 1 | sudo tee /proc/sys/vm/drop_caches 2>&1 >/dev/null || echo refused"))
          .endsWith("refused");
    } finally {
      Files.deleteIfExists(inHome);
      Files.deleteIfExists(inProject);
    }
  }

  @Test
  void scp_and_sftp_land_files_inside_as_the_user() throws Exception {
    Instance i = launch(1).get(0);
    Files.writeString(dir.resolve("up.txt"), "uploaded\n");
    String at = "ec2-user@" + i.publicIpAddress();
    Tools.sh(dir, "scp " + opts() + " up.txt " + at + ":via-sftp.txt"); // OpenSSH 9: sftp
    Tools.sh(dir, "scp -O " + opts() + " up.txt " + at + ":via-scp.txt"); // the scp protocol
    assertThat(ssh(i, "stat -c '%U %n' via-sftp.txt via-scp.txt"))
        .isEqualTo("ec2-user via-sftp.txt\nec2-user via-scp.txt");
    Tools.sh(dir, "scp " + opts() + " " + at + ":via-scp.txt down.txt");
    assertThat(Files.readString(dir.resolve("down.txt"))).isEqualTo("uploaded\n");
    Tools.sh(dir, "echo 'put up.txt in-sftp.txt' | sftp -b - " + opts() + " " + at);
    assertThat(ssh(i, "cat in-sftp.txt")).isEqualTo("uploaded");
    // the library's scp: OpenSSH's scp inside reports a file it cannot read or write, and the
    // library fails on it as OpenSSH's client does
    try (dev.ec2kit.ssh.Ssh lib =
        dev.ec2kit.ssh.Ssh.builder()
            .knownHosts(dir.resolve("kh-scp"))
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      lib.sshCopyFile(i, dir.resolve("up.txt"), "via-library.txt", false, false);
      assertThat(ssh(i, "stat -c %U via-library.txt")).isEqualTo("ec2-user");
      assertThatThrownBy(
              () -> lib.sshCopyFileFrom(i, "missing.txt", dir.resolve("x.txt"), false, false))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("exit status 1");
      assertThatThrownBy(
              () -> lib.sshCopyFile(i, dir.resolve("up.txt"), "no/such/dir/up.txt", false, false))
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
  }

  @Test
  void the_disk_is_kept_across_stop_and_start_and_goes_with_terminate() throws Exception {
    Instance i = launch(1).get(0);
    ssh(i, "echo kept > kept.txt && sudo sh -c 'echo kept-in-etc > /etc/kept.conf'");
    ec2.instances().stop(List.of(i), false);
    ec2.instances()
        .waitFor(
            i,
            InstanceState.STOPPED,
            dev.ec2kit.WaitOptions.defaults().interval(Duration.ofMillis(100)));
    assertThat(processesOf(i)).as("processes of a stopped instance").isEmpty();
    ec2.instances().start(List.of(i));
    Instance again =
        ec2.instances()
            .waitFor(
                i,
                InstanceState.RUNNING,
                dev.ec2kit.WaitOptions.defaults().interval(Duration.ofMillis(100)));
    assertThat(ssh(again, "cat kept.txt /etc/kept.conf")).isEqualTo("kept\nkept-in-etc");
    assertThat(instanceDirectories(i)).isNotEmpty();

    ec2.instances().terminate(List.of(again));
    fleet.waitFor(i, InstanceState.TERMINATED);
    assertThat(instanceDirectories(i)).as("the writable layer after terminate").isEmpty();
    assertThat(processesOf(i)).isEmpty();
    Instance fresh = launch(1).get(0);
    assertThat(ssh(fresh, "cat kept.txt /etc/kept.conf 2>&1 || true")).contains("No such file");
  }

  @Test
  void closing_the_emulator_leaves_no_process_mount_or_file() throws Exception {
    Ec2Local other =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .sandbox(SandboxMode.ON)
            .build()
            .start();
    try {
      Ec2 plain = Ec2.builder().identity(other.identity("us-east-1")).build();
      Path otherKey = Tools.keyFile(plain, "other", dir);
      Instance i =
          plain
              .withIdentity(plain.identity().copy().keyName("other").build())
              .instances()
              .run(fleet.ami, 1, 1, RunOptions.builder().waitUntilRunning().build())
              .get(0);
      assertThat(processesOf(i)).as("the sandbox of a running instance").isNotEmpty();
      Tools.sh(
          dir,
          "ssh "
              + Tools.opensshOptions(otherKey, other.sshPort())
              + " ec2-user@"
              + i.publicIpAddress()
              + " 'nohup sleep 4242 >/dev/null 2>&1 &'");
      List<ProcessHandle> running = processesOf(i);
      assertThat(running).isNotEmpty();
      assertThat(running)
          .allSatisfy(p -> assertThat(inOtherPidNamespace(p) || isLauncher(p)).isTrue());
      assertThat(instanceDirectories(i)).isNotEmpty();
      other.close();
      assertThat(running).as("sandbox processes after close").noneMatch(ProcessHandle::isAlive);
      assertThat(instanceDirectories(i)).isEmpty();
      assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
          .as("mounts of this machine")
          .doesNotContain("ec2-local-instances");
    } finally {
      other.close();
    }
  }

  @Test
  void the_log_and_the_console_output_say_what_instances_are() {
    Instance i = launch(1).get(0);
    assertThat(ec2.instances().consoleOutput(i).output())
        .contains("ec2-local: this instance is a sandbox")
        .doesNotContain("NOT sandboxed");
  }

  @Test
  void an_image_whose_user_is_root_logs_in_as_the_sandboxs_root() throws Exception {
    String fedora =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "fedora-8-*").build())
            .get(0)
            .imageId();
    Instance i = fleet.launch(fedora, 1, RunOptions.builder()).get(0);
    assertThat(
            Tools.sh(
                dir,
                "ssh "
                    + opts()
                    + " root@"
                    + i.publicIpAddress()
                    + " 'id -un; echo $HOME; pwd; hostname; ls -A /home | wc -l'"))
        .isEqualTo("root\n/root\n/root\nip-" + i.privateIpAddress().replace('.', '-') + "\n0");
  }

  /** The console output once cloud-init has finished (polled; a boot takes a fraction of this). */
  private static String consoleWhenFinished(Instance i) throws InterruptedException {
    return consoleWhenFinished(i, 1);
  }

  /** The console once cloud-init has finished {@code boots} times. */
  private static String consoleWhenFinished(Instance i, int boots) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String out = ec2.instances().consoleOutput(i).output();
      if (out != null && out.split("Cloud-init v. 22.2.2 finished", -1).length > boots) {
        return out;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("cloud-init did not finish on " + i.instanceId() + ":\n" + out);
      }
      Thread.sleep(100);
    }
  }

  /** OpenSSH's ssh once it answers again (the instance rebooted, its sandbox is coming back). */
  private static String sshOnceUp(Instance i, String command) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return ssh(i, command);
      } catch (AssertionError e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void a_user_data_script_runs_as_root_once_at_first_boot_its_output_in_the_console()
      throws Exception {
    Instance i =
        fleet
            .launch(
                fleet.ami,
                1,
                RunOptions.builder()
                    .userData(
                        "#!/bin/bash\n"
                            + "echo \"hello from $(id -un) on $(hostname)\"\n"
                            + "echo booted >> /var/tmp/boots\n"
                            + "echo made-at-boot > /home/ec2-user/from-user-data.txt\n"
                            + "exit 3\n"))
            .get(0);
    String host = "ip-" + i.privateIpAddress().replace('.', '-');
    assertThat(consoleWhenFinished(i))
        .contains("Cloud-init v. 22.2.2 running 'modules:final'")
        .contains("\r\nhello from root on " + host + "\r\n")
        .contains("Failed running /var/lib/cloud/instance/scripts/part-001 [exit status 3]");
    assertThat(ssh(i, "cat from-user-data.txt")).isEqualTo("made-at-boot");
    ec2.instances().stop(List.of(i), false);
    fleet.waitFor(i, InstanceState.STOPPED);
    ec2.instances().start(List.of(i));
    Instance again = fleet.waitFor(i, InstanceState.RUNNING);
    // the console keeps the first boot's lines (its last 64 KB over every boot), not a second run
    assertThat(consoleWhenFinished(again, 2).split("hello from root", -1)).hasSize(2);
    assertThat(ssh(again, "cat /var/tmp/boots")).as("runs at first boot only").isEqualTo("booted");
  }

  @Test
  void cloud_config_writes_files_adds_users_and_runs_commands_naming_what_it_does_not_do()
      throws Exception {
    String config =
        """
        #cloud-config
        # what a first boot should do
        write_files:
          - path: /etc/app/config.yml
            content: |
              name: demo
              port: 8080
            permissions: '0640'
            owner: ec2-user:ec2-user
          - path: /home/bob/note.txt
            content: "for bob\\n"
            owner: bob:bob
            defer: true
        users:
          - default
          - name: bob
            groups: [ops, 'web']
            sudo: ALL=(ALL) NOPASSWD:ALL
            shell: /bin/sh
        runcmd:
        - echo runcmd ran > /var/tmp/runcmd.txt   # a comment
        - [sh, -c, "echo list form $((1 + 1))"]
        packages: [nginx]
        """;
    Instance i = fleet.launch(fleet.ami, 1, RunOptions.builder().userData(config)).get(0);
    assertThat(consoleWhenFinished(i))
        .contains("\r\nlist form 2\r\n")
        .contains("ec2-local: cloud-config 'packages' is not supported here: not applied")
        .doesNotContain("Failed running");
    assertThat(ssh(i, "stat -c '%a %U' /etc/app/config.yml")).isEqualTo("640 ec2-user");
    assertThat(ssh(i, "cat /etc/app/config.yml")).isEqualTo("name: demo\nport: 8080");
    assertThat(ssh(i, "id -nG bob | tr ' ' '\\n' | sort | tr '\\n' ' '")).isEqualTo("bob ops web");
    assertThat(ssh(i, "getent passwd bob | cut -d: -f6,7")).isEqualTo("/home/bob:/bin/sh");
    assertThat(ssh(i, "sudo -l -U bob | tail -1").strip()).isEqualTo("(ALL) NOPASSWD: ALL");
    assertThat(ssh(i, "sudo stat -c '%U %s' /home/bob/note.txt")).isEqualTo("bob 8");
    assertThat(ssh(i, "cat /var/tmp/runcmd.txt")).isEqualTo("runcmd ran");

    Instance refused =
        fleet
            .launch(
                fleet.ami,
                1,
                RunOptions.builder()
                    .userData("#cloud-config\nruncmd:\n  - &a touch /var/tmp/x\n  - *a\n"))
            .get(0);
    assertThat(consoleWhenFinished(refused))
        .contains("ec2-local: #cloud-config refused, nothing of it done: line 3: an anchor");
    assertThat(ssh(refused, "ls /var/tmp")).isEmpty();
  }

  @Test
  void reboot_and_poweroff_inside_restart_stop_or_terminate_the_instance() throws Exception {
    Instance i = launch(1).get(0);
    ssh(i, "echo kept > kept.txt; nohup sleep 5151 >/dev/null 2>&1 &");
    Tools.sh(dir, "ssh " + opts() + " ec2-user@" + i.publicIpAddress() + " 'sudo reboot' || true");
    assertThat(sshOnceUp(i, "cat kept.txt; ps ax -o args | grep -c 'sleep 515[1]' || true"))
        .as("after reboot inside: the disk kept, the processes gone")
        .isEqualTo("kept\n0");
    assertThat(fleet.waitFor(i, InstanceState.RUNNING).state()).isEqualTo(InstanceState.RUNNING);

    ssh(i, "nohup sleep 5252 >/dev/null 2>&1 &");
    ec2.instances().reboot(List.of(i));
    assertThat(sshOnceUp(i, "cat kept.txt; ps ax -o args | grep -c 'sleep 525[2]' || true"))
        .as("after RebootInstances")
        .isEqualTo("kept\n0");

    assertThat(ssh(i, "poweroff 2>&1; echo $?")).endsWith("must be root (try sudo)\n1");
    Tools.sh(
        dir, "ssh " + opts() + " ec2-user@" + i.publicIpAddress() + " 'sudo poweroff' || true");
    Instance stopped = fleet.waitFor(i, InstanceState.STOPPED);
    assertThat(stopped.stateReason()).contains("Client.InstanceInitiatedShutdown");
    assertThat(processesOf(i)).isEmpty();
    ec2.instances().start(List.of(i));
    Instance again = fleet.waitFor(i, InstanceState.RUNNING);
    assertThat(ssh(again, "cat kept.txt")).isEqualTo("kept");

    ec2.operations()
        .call(
            "ModifyInstanceAttribute",
            java.util.Map.of(
                "InstanceId",
                i.instanceId(),
                "InstanceInitiatedShutdownBehavior",
                java.util.Map.of("Value", "terminate")));
    Tools.sh(
        dir,
        "ssh "
            + opts()
            + " ec2-user@"
            + again.publicIpAddress()
            + " 'sudo shutdown -h now' || true");
    fleet.waitFor(i, InstanceState.TERMINATED);
    assertThat(instanceDirectories(i)).isEmpty();
  }

  @Test
  void an_image_made_by_CreateImage_has_the_files_of_its_instance() throws Exception {
    Instance i = launch(1).get(0);
    ssh(i, "echo in-home > baked.txt && sudo sh -c 'echo in-etc > /etc/baked.conf'");
    String image =
        (String)
            ec2.operations()
                .call(
                    "CreateImage",
                    java.util.Map.of(
                        "InstanceId", i.instanceId(), "Name", "baked-" + UUID.randomUUID()))
                .get("ImageId");
    ec2.operations().waiter("ImageAvailable").waitFor(java.util.Map.of("ImageIds", List.of(image)));
    Instance child = fleet.launch(image, 1, RunOptions.builder()).get(0);
    assertThat(ssh(child, "cat baked.txt /etc/baked.conf")).isEqualTo("in-home\nin-etc");
    assertThat(ssh(child, "hostname"))
        .isEqualTo("ip-" + child.privateIpAddress().replace('.', '-'));
    // the image is a copy: what the child changes, its parent does not see
    ssh(child, "echo child > baked.txt");
    assertThat(ssh(i, "cat baked.txt")).isEqualTo("in-home");
    // and CopyImage's copy of it carries its files
    String copy = ec2.images().copy("us-east-1", image, "copied-" + UUID.randomUUID());
    ec2.operations().waiter("ImageAvailable").waitFor(java.util.Map.of("ImageIds", List.of(copy)));
    Instance cousin = fleet.launch(copy, 1, RunOptions.builder()).get(0);
    assertThat(ssh(cousin, "cat baked.txt /etc/baked.conf")).isEqualTo("in-home\nin-etc");
  }

  @Test
  void an_image_made_without_a_reboot_is_pending_until_its_disk_is_copied() throws Exception {
    Instance i = launch(1).get(0);
    ssh(
        i,
        "echo live > live.txt && head -c 300000000 /dev/zero > big"
            + " && (nohup sleep 6161 >/dev/null 2>&1 &)");
    String image =
        (String)
            ec2.operations()
                .call(
                    "CreateImage",
                    java.util.Map.of(
                        "InstanceId",
                        i.instanceId(),
                        "Name",
                        "live-" + UUID.randomUUID(),
                        "NoReboot",
                        true))
                .get("ImageId");
    assertThat(ec2.images().describe(dev.ec2kit.ImageQuery.builder().imageIds(image).build()))
        .singleElement()
        .extracting(dev.ec2kit.Image::state)
        .isEqualTo(dev.ec2kit.Image.State.PENDING);
    ec2.operations().waiter("ImageAvailable").waitFor(java.util.Map.of("ImageIds", List.of(image)));
    // not rebooted, and running again (thawed) once copied
    assertThat(ssh(i, "ps ax -o args | grep -c 'sleep 616[1]'")).isEqualTo("1");
    Instance child = fleet.launch(image, 1, RunOptions.builder()).get(0);
    assertThat(ssh(child, "cat live.txt; stat -c %s big")).isEqualTo("live\n300000000");
  }

  /**
   * The processes of an instance's sandbox: this JVM's descendants whose command line names the
   * instance (its sandbox's unshare, whose writable layer is in a directory named by the id), and
   * theirs.
   */
  static List<ProcessHandle> processesOf(Instance i) {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(i.instanceId()))
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  private static boolean inOtherPidNamespace(ProcessHandle p) {
    try {
      return !Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/pid"))
          .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")));
    } catch (IOException e) {
      return false;
    }
  }

  /** The sandbox's unshare, in this machine's PID namespace, holding the sandbox's. */
  private static boolean isLauncher(ProcessHandle p) {
    return p.info().command().orElse("").endsWith("unshare");
  }

  /** The emulators' directories of an instance (its writable layer's), under the temporary dir. */
  static List<Path> instanceDirectories(Instance i) throws IOException {
    try (Stream<Path> roots = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return roots
          .filter(p -> p.getFileName().toString().startsWith("ec2-local-instances-"))
          .map(p -> p.resolve(i.instanceId()))
          .filter(Files::exists)
          .toList();
    }
  }
}
