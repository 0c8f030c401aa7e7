package dev.ec2kit.cli;

import dev.ec2kit.Address;
import dev.ec2kit.Attachment;
import dev.ec2kit.AvailabilityZone;
import dev.ec2kit.ConsoleOutput;
import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.Image;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceStatus;
import dev.ec2kit.IpPermission;
import dev.ec2kit.KeyPair;
import dev.ec2kit.RegionInfo;
import dev.ec2kit.RunOptions;
import dev.ec2kit.SecurityGroup;
import dev.ec2kit.Snapshot;
import dev.ec2kit.StateChange;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeSpec;
import dev.ec2kit.VolumeState;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.ssh.CommandResult;
import dev.ec2kit.ssh.HostKeyCheck;
import dev.ec2kit.ssh.Load;
import dev.ec2kit.ssh.Memory;
import dev.ec2kit.ssh.Ssh;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ec2 tour}: the manual's tutorial, sections 4.0 to 11.0, against an emulator started in
 * this process. Each step prints the command a reader could type and what came back, and checks
 * that it behaved as the manual says; the tour exits 0 only if every step did.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description =
        "Walk the manual's tutorial (sections 4.0 to 11.0) on a local emulator; exit 0 if every step behaves.")
final class TourCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--transition",
      paramLabel = "DURATION",
      description =
          "How long instances stay pending and volumes creating (default: ${DEFAULT-VALUE}).")
  String transition = "1s";

  /** A step that did not behave as the manual says. */
  static final class Misbehaved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Misbehaved(String message) {
      super(message);
    }
  }

  private PrintWriter out;
  private int steps;

  @Override
  public Integer call() throws IOException {
    out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("ec2-tour-");
    long start = System.nanoTime();
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .log(null)
            .transition(InstanceCommands.duration("--transition", transition))
            .build()
            .start()) {
      say(
          "ec2 tour: the manual's tutorial on a local EC2 at "
              + local.endpoint()
              + " (instances answer SSH on port "
              + local.sshPort()
              + ").");
      say("Everything below also runs against EC2 itself with the same commands.");
      tour(local, dir);
      say("");
      say(
          String.format(
              "Tour complete: %d steps behaved as the manual says, in %.1f s.",
              steps, (System.nanoTime() - start) / 1e9));
      return 0;
    } catch (Misbehaved
        | Ec2Exception
        | IllegalStateException
        | IllegalArgumentException
        | java.io.UncheckedIOException e) {
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "ec2 tour: step "
              + (steps + 1)
              + " did not behave as the manual says: "
              + e.getMessage());
      err.flush();
      return 1;
    } finally {
      deleteTree(dir);
    }
  }

  private void tour(Ec2Local local, Path dir) throws IOException {
    WaitOptions quick =
        WaitOptions.defaults().interval(Duration.ofMillis(250)).timeout(Duration.ofMinutes(2));
    Path keyFile = dir.resolve("aws.pem");
    Ec2 setup = Ec2.builder().identity(local.identity("us-east-1")).build();

    section("2.0 Setup: an identity with a key pair (the manual's is named \"aws\")");
    step("ec2 create-key-pair aws --save " + keyFile);
    KeyPair aws = setup.keyPairs().create("aws");
    Files.writeString(keyFile, aws.privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    show(KeyPairCommands.TABLE, List.of(aws));
    Identity identity =
        local
            .identity("us-east-1")
            .copy()
            .keyName("aws")
            .sshUser("ec2-user")
            .sshIdentityFile(keyFile)
            .sshPort(local.sshPort())
            .build();
    Ec2 ec2 = setup.withIdentity(identity);
    show("identity: " + identity);

    section("4.0 Images");
    step("ec2 describe-images --owner amazon");
    List<Image> amazon = ec2.images().describe(ImageQuery.builder().owners("amazon").build());
    show(Tables.IMAGES, amazon);
    expect(amazon.size() >= 3, "Amazon's images are listed");
    Image fedora =
        amazon.stream()
            .filter(i -> "fedora-8-x86_64-base-v1.07".equals(i.name()))
            .findFirst()
            .orElseThrow(() -> new Misbehaved("the manual's Fedora 8 image is missing"));
    step("ec2 describe-images " + fedora.imageId());
    Image described = ec2.images().find(fedora.imageId()).orElseThrow();
    show(Tables.IMAGES, List.of(described));
    expect(
        described.kernelId() != null && described.ramdiskId() != null,
        "it has its kernel and ramdisk, as in the manual");
    String ami =
        ec2.images()
            .describe(
                ImageQuery.builder().owners("amazon").filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    step("ec2 describe-images --owner self");
    show(Tables.IMAGES, ec2.images().describe(ImageQuery.builder().owners("self").build()));

    section("5.0 Instances");
    step("ec2 run-instances " + ami + " 2 2 --wait --verbose");
    List<Instance> instances1 =
        ec2.instances()
            .run(
                ami,
                2,
                2,
                RunOptions.builder()
                    .waitUntilRunning()
                    .waitOptions(quick)
                    .verbose(line -> show(line))
                    .build());
    show(Tables.INSTANCES, instances1);
    expect(
        instances1.size() == 2
            && instances1.stream().allMatch(i -> i.state() == InstanceState.RUNNING),
        "both instances are running");
    step("ec2 describe-instances " + ids(instances1));
    List<Instance> again = ec2.instances().describe(instances1);
    show(Tables.INSTANCES, again);
    expect(again.size() == 2, "both are described");
    step("ec2 terminate-instances " + ids(instances1));
    List<StateChange> changes = ec2.instances().terminate(instances1);
    show(Tables.STATE_CHANGES, changes);
    expect(
        changes.stream()
            .allMatch(
                c ->
                    c.currentState() == InstanceState.SHUTTING_DOWN
                        && c.previousState() == InstanceState.RUNNING),
        "running => shutting-down, as the manual prints");

    section("6.0 Key pairs");
    step("ec2 describe-key-pairs");
    show(KeyPairCommands.TABLE, ec2.keyPairs().describe());
    step("ec2 create-key-pair test-key --save " + dir.resolve("test-key.pem"));
    KeyPair testKey = ec2.keyPairs().create("test-key");
    Files.writeString(dir.resolve("test-key.pem"), testKey.privateKey().orElseThrow());
    show(KeyPairCommands.TABLE, List.of(testKey));
    expect(
        testKey.privateKey().orElseThrow().startsWith("-----BEGIN RSA PRIVATE KEY-----"),
        "the unencrypted private key comes back once");
    step("ec2 describe-key-pairs");
    List<KeyPair> keys = ec2.keyPairs().describe();
    show(KeyPairCommands.TABLE, keys);
    expect(keys.size() == 2, "aws and test-key");
    step("ec2 delete-key-pair test-key");
    ec2.keyPairs().delete("test-key");
    step("ec2 describe-key-pairs");
    keys = ec2.keyPairs().describe();
    show(KeyPairCommands.TABLE, keys);
    expect(keys.size() == 1 && keys.get(0).keyName().equals("aws"), "only aws is left");

    section("7.0 Security groups");
    step("ec2 describe-security-groups");
    show(SecurityGroupCommands.TABLE, ec2.securityGroups().describe());
    step("ec2 create-security-group testgroup \"my test group\"");
    show(ec2.securityGroups().create("testgroup", "my test group"));
    step("ec2 authorize-security-group-ingress testgroup --from-port 22 --to-port 22");
    ec2.securityGroups().authorizeIngress("testgroup", IpPermission.tcp(22));
    step("ec2 authorize-security-group-ingress testgroup --from-port 80 --to-port 80");
    ec2.securityGroups().authorizeIngress("testgroup", IpPermission.tcp(80));
    step("ec2 describe-security-groups --group-names testgroup");
    SecurityGroup g = ec2.securityGroups().describe("testgroup").get(0);
    show(SecurityGroupCommands.TABLE, List.of(g));
    expect(
        SecurityGroupCommands.rules(g.ipPermissions())
            .equals("tcp 22=>22 0.0.0.0/0; tcp 80=>80 0.0.0.0/0"),
        "tcp 22=>22 0.0.0.0/0 and tcp 80=>80 0.0.0.0/0");
    step("ec2 revoke-security-group-ingress testgroup --from-port 80 --to-port 80");
    ec2.securityGroups().revokeIngress("testgroup", IpPermission.tcp(80));
    step("ec2 describe-security-groups --group-names testgroup");
    g = ec2.securityGroups().describe("testgroup").get(0);
    show(SecurityGroupCommands.TABLE, List.of(g));
    expect(
        SecurityGroupCommands.rules(g.ipPermissions()).equals("tcp 22=>22 0.0.0.0/0"),
        "only port 22 is left");
    step("ec2 delete-security-group testgroup");
    ec2.securityGroups().delete("testgroup");
    step("ec2 describe-security-groups");
    List<SecurityGroup> groups = ec2.securityGroups().describe();
    show(SecurityGroupCommands.TABLE, groups);
    expect(
        groups.size() == 1 && groups.get(0).groupName().equals("default"),
        "only the default group is left");

    section("8.0 Elastic IP addresses");
    step("ec2 allocate-address");
    Address ip = ec2.addresses().allocate();
    show(AddressCommands.TABLE, List.of(ip));
    step("ec2 describe-addresses");
    show(AddressCommands.TABLE, ec2.addresses().describe());
    step("ec2 run-instances " + ami + " 1 1 --wait");
    Instance withIp =
        ec2.instances()
            .run(ami, 1, 1, RunOptions.builder().waitUntilRunning().waitOptions(quick).build())
            .get(0);
    show(Tables.INSTANCES, List.of(withIp));
    String dnsBefore = withIp.publicDnsName();
    step("ec2 associate-address " + withIp.instanceId() + " " + ip.publicIp());
    show(ec2.addresses().associate(withIp, ip.publicIp()));
    step("ec2 describe-addresses");
    List<Address> addresses = ec2.addresses().describe();
    show(AddressCommands.TABLE, addresses);
    expect(
        withIp.instanceId().equals(addresses.get(0).instanceId()),
        ip.publicIp() + " -> " + withIp.instanceId());
    step("ec2 describe-instances " + withIp.instanceId());
    Instance associated = ec2.instances().describe(List.of(withIp)).get(0);
    show("dns-name: " + dnsBefore + " => " + associated.publicDnsName());
    expect(
        associated.publicDnsName().contains(ip.publicIp().replace('.', '-')),
        "the DNS name follows the Elastic IP");
    step("ec2 disassociate-address " + ip.publicIp());
    ec2.addresses().disassociate(ip.publicIp());
    step("ec2 describe-addresses");
    show(AddressCommands.TABLE, ec2.addresses().describe());
    step("ec2 release-address " + ip.publicIp());
    ec2.addresses().release(ip.publicIp());
    step("ec2 describe-addresses");
    expect(ec2.addresses().describe().isEmpty(), "no addresses are left");
    show("(none)");
    step("ec2 describe-instances " + withIp.instanceId());
    Instance after = ec2.instances().describe(List.of(withIp)).get(0);
    show("dns-name: " + after.dnsName().orElse("(none, as the manual notes)"));
    expect(after.dnsName().isEmpty(), "the DNS name is gone after disassociating");
    step("ec2 terminate-instances " + withIp.instanceId());
    show(Tables.STATE_CHANGES, ec2.instances().terminate(List.of(withIp)));

    section("9.0 EBS volumes and snapshots");
    step("ec2 run-instances " + ami + " 1 1 --wait --availability-zone us-east-1c");
    Instance i =
        ec2.instances()
            .run(
                ami,
                1,
                1,
                RunOptions.builder()
                    .availabilityZone("us-east-1c")
                    .waitUntilRunning()
                    .waitOptions(quick)
                    .build())
            .get(0);
    show(Tables.INSTANCES, List.of(i));
    step("ec2 create-volume us-east-1c --size 1");
    Volume v1 = ec2.volumes().create("us-east-1c", 1);
    show(VolumeCommands.VOLUMES, List.of(v1));
    expect(v1.state() == VolumeState.CREATING, "the new volume is creating");
    step("ec2 wait-for-volumes " + v1.volumeId());
    show(
        VolumeCommands.VOLUMES,
        ec2.volumes().waitFor(List.of(v1.volumeId()), VolumeState.AVAILABLE, quick));
    step("ec2 attach-volume " + v1.volumeId() + " " + i.instanceId() + " /dev/sdh");
    Attachment a1 = ec2.volumes().attach(v1.volumeId(), i, "/dev/sdh");
    show(VolumeCommands.ATTACHMENTS, List.of(a1));
    expect(a1.state() == dev.ec2kit.AttachmentState.ATTACHING, "attaching, as the manual shows");
    step("ec2 describe-volumes");
    show(VolumeCommands.VOLUMES, ec2.volumes().describe());
    show(
        "The manual now runs fdisk and mkfs on /dev/sdh inside the instance. Emulated instances have no");
    show("block devices, so the tour goes on without formatting it.");
    step("ec2 create-snapshot " + v1.volumeId());
    Snapshot snap = ec2.snapshots().create(v1.volumeId(), "");
    show(VolumeCommands.SNAPSHOTS, List.of(snap));
    step("ec2 wait-for-snapshots " + snap.snapshotId());
    ec2.snapshots().waitFor(List.of(snap.snapshotId()), quick);
    step("ec2 describe-snapshots");
    List<Snapshot> snaps = ec2.snapshots().describe();
    show(VolumeCommands.SNAPSHOTS, snaps);
    expect(
        snaps.size() == 1 && snaps.get(0).isCompleted() && snaps.get(0).progress().equals("100%"),
        "completed, 100%");
    step("ec2 create-volume us-east-1c --snapshot " + snap.snapshotId());
    Volume v2 = ec2.volumes().create("us-east-1c", VolumeSpec.fromSnapshot(snap.snapshotId()));
    show(VolumeCommands.VOLUMES, List.of(v2));
    expect(v2.size() == 1 && snap.snapshotId().equals(v2.snapshotId()), "size 1 from the snapshot");
    ec2.volumes().waitFor(List.of(v2.volumeId()), VolumeState.AVAILABLE, quick);
    step("ec2 attach-volume " + v2.volumeId() + " " + i.instanceId() + " /dev/sdi");
    show(VolumeCommands.ATTACHMENTS, List.of(ec2.volumes().attach(v2.volumeId(), i, "/dev/sdi")));
    step("ec2 describe-volumes");
    show(VolumeCommands.VOLUMES, ec2.volumes().describe());
    step("ec2 delete-snapshot " + snap.snapshotId());
    ec2.snapshots().delete(snap.snapshotId());
    step("ec2 describe-snapshots");
    expect(ec2.snapshots().describe().isEmpty(), "no snapshots are left");
    show("(none)");
    step("ec2 delete-volume " + v1.volumeId() + "    # detach is required before delete");
    try {
      ec2.volumes().delete(v1.volumeId());
      throw new Misbehaved("deleting an attached volume succeeded");
    } catch (Ec2Exception e) {
      show("error: " + e.getMessage());
      show(
          "(the manual's 2008 EC2 said IncorrectState: The volume '"
              + v1.volumeId()
              + "' is 'in-use'; today's says "
              + e.code()
              + ")");
      expect(
          e.code().equals("VolumeInUse") || e.code().equals("IncorrectState"),
          "it fails while attached");
    }
    step("ec2 detach-volume " + v1.volumeId() + " " + i.instanceId() + " --device /dev/sdh");
    show(
        VolumeCommands.ATTACHMENTS,
        List.of(ec2.volumes().detach(v1.volumeId(), i.instanceId(), "/dev/sdh", false)));
    step("ec2 detach-volume " + v2.volumeId() + " " + i.instanceId() + " --device /dev/sdi");
    show(
        VolumeCommands.ATTACHMENTS,
        List.of(ec2.volumes().detach(v2.volumeId(), i.instanceId(), "/dev/sdi", false)));
    step("ec2 wait-for-volumes " + v1.volumeId() + " " + v2.volumeId());
    show(
        VolumeCommands.VOLUMES,
        ec2.volumes().waitFor(List.of(v1.volumeId(), v2.volumeId()), VolumeState.AVAILABLE, quick));
    step("ec2 delete-volume " + v1.volumeId() + "; ec2 delete-volume " + v2.volumeId());
    ec2.volumes().delete(v1.volumeId());
    ec2.volumes().delete(v2.volumeId());

    section("10.0 High-level functions: status, load, memory, commands and files over SSH");
    step("ec2 query-status " + i.instanceId());
    InstanceStatus status = ec2.instances().status(i);
    show(status.state().apiName());
    show(Tables.INSTANCES, List.of(status.instance()));
    expect(status.state() == InstanceState.RUNNING, "running");
    try (Ssh ssh = Ssh.builder().hostKeyCheck(HostKeyCheck.CONSOLE).ec2(ec2).build()) {
      show("(host keys are checked against the fingerprints in each instance's console output)");
      ssh.waitForSsh(List.of(i), quick);
      step("ec2 query-load " + i.instanceId());
      Load load = ssh.queryLoad(i);
      show(load.oneMinute() + "\n" + load.fiveMinutes() + "\n" + load.fifteenMinutes());
      step("ec2 query-memory " + i.instanceId());
      Memory memory = ssh.queryMemory(i);
      show(memory.usedKiB() + "\n" + memory.freeKiB());
      expect(memory.totalKiB() > 0, "memory figures come back");
      step("ec2 ssh " + i.instanceId() + " -- uname -sm");
      CommandResult r = ssh.sshCommandOutput(i, "uname -sm");
      show(r.stdout().strip() + "    (exit " + r.exitStatus() + ")");
      expect(r.exitStatus() == 0, "the command ran");
      Path notes = dir.resolve("notes.txt");
      Files.writeString(notes, "Copied by ec2 tour.\n");
      step("ec2 scp " + notes + " " + i.instanceId() + ":notes.txt");
      ssh.sshCopyFile(i, notes, "notes.txt", true, false);
      step("ec2 ssh " + i.instanceId() + " -- cat notes.txt");
      String copied = ssh.sshCommandOutput(i, "cat notes.txt").stdout();
      show(copied.strip());
      expect(copied.equals("Copied by ec2 tour.\n"), "the file arrived whole");
    }

    section("11.0 Miscellaneous");
    step("ec2 describe-availability-zones");
    List<AvailabilityZone> zones = ec2.regions().describeZones();
    show(DescribeAvailabilityZonesCommand.TABLE, zones);
    expect(zones.stream().allMatch(z -> z.state().equals("available")), "every zone is available");
    step("ec2 get-console-output " + i.instanceId());
    ConsoleOutput console = ec2.instances().consoleOutput(i);
    List<String> lines = console.output().lines().toList();
    show("# last updated " + console.timestamp());
    show(
        String.join("\n", lines.subList(0, Math.min(3, lines.size())))
            + "\n...\n"
            + lines.get(lines.size() - 1));
    expect(console.output().contains("login:"), "the boot log ends at the login prompt");
    step("ec2 reboot-instances " + i.instanceId());
    ec2.instances().reboot(List.of(i));
    expect(ec2.instances().status(i).state() == InstanceState.RUNNING, "it stays running");
    step("ec2 describe-regions");
    List<RegionInfo> regions = ec2.regions().describe();
    show(DescribeRegionsCommand.TABLE, regions);
    expect(
        regions.stream().anyMatch(r -> r.regionName().equals("us-east-1")),
        "us-east-1 is among them");

    section("Cleaning up");
    List<Instance> all = ec2.instances().describe();
    step("ec2 terminate-instances " + ids(all));
    show(Tables.STATE_CHANGES, ec2.instances().terminate(all));
    ec2.instances().waitFor(all, InstanceState.TERMINATED, quick);
    step("ec2 delete-key-pair aws");
    ec2.keyPairs().delete("aws");
    expect(ec2.instances().describe().isEmpty(), "no instance is left running");
  }

  private static String ids(List<Instance> instances) {
    return String.join(" ", instances.stream().map(Instance::instanceId).toList());
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
    out.flush();
  }

  private void step(String command) {
    steps++;
    out.println();
    out.println("$ " + command);
    out.flush();
  }

  private void say(String text) {
    out.println(text);
    out.flush();
  }

  private void show(String text) {
    for (String line : text.split("\n")) {
      out.println("  " + line);
    }
    out.flush();
  }

  private <T> void show(Table<T> table, List<T> rows) {
    StringWriter s = new StringWriter();
    table.print(new Output(), new PrintWriter(s), GlobalOptions.Format.table, rows); // ours
    show(s.toString().stripTrailing());
  }

  private static void expect(boolean ok, String what) {
    if (!ok) {
      throw new Misbehaved("expected: " + what);
    }
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }
}
