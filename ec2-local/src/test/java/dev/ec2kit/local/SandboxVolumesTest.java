package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.Snapshot;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * EBS volumes as block devices in sandboxed instances, over real SSH with OpenSSH's client as the
 * image's user: {@code mkfs}, {@code mount} and {@code umount} through sudo work on an attached
 * volume (the emulator mounts on the instance's behalf), its data goes with it to another instance,
 * into a snapshot and a volume made from it, and across stop and start; mounts the instance must
 * not have are refused; no loop device outlives its use. Sandboxes are required ({@link
 * SandboxMode#ON}); where this machine has no loop devices, this test fails saying so.
 */
@SandboxedFleet
@Order(10)
class SandboxVolumesTest {
  static SshFleet fleet;
  static Ec2 ec2;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ec2 = fleet.ec2;
    dir = fleet.dir;
  }

  private static String ssh(Instance i, String command) throws Exception {
    return fleet.ssh(i, command);
  }

  /** The command's output and errors, then "exit=STATUS": for commands that are to fail. */
  private static String tried(Instance i, String command) throws Exception {
    return ssh(i, "(" + command + ") 2>&1; echo exit=$?");
  }

  private static Volume volume(Instance i, int gib) {
    return ec2.volumes().create(i.availabilityZone(), gib);
  }

  /**
   * A new volume attached to the instance at /dev/sdf, formatted (ext4) and mounted at /data, with
   * {@code text} in /data/kept.
   */
  private static Volume formatted(Instance i, int gib, String text) throws Exception {
    Volume v = volume(i, gib);
    ec2.volumes().attach(v.volumeId(), i, "/dev/sdf");
    ssh(
        i,
        "sudo mkfs.ext4 -q /dev/sdf && sudo mkdir /data && sudo mount /dev/sdf /data"
            + " && echo "
            + text
            + " | sudo tee /data/kept >/dev/null");
    return v;
  }

  @Test
  void a_volume_formatted_and_written_on_one_instance_is_read_on_another_and_in_its_snapshot()
      throws Exception {
    List<Instance> two = fleet.launch(2);
    Instance a = two.get(0);
    Instance b = two.get(1);
    Volume v = volume(a, 1);
    ec2.volumes().attach(v.volumeId(), a, "/dev/sdf");
    assertThat(ssh(a, "test -b /dev/sdf && test -b /dev/xvdf && echo both")).isEqualTo("both");
    assertThat(ssh(b, "test -e /dev/xvdf && echo present || echo absent")).isEqualTo("absent");
    ssh(
        a,
        "sudo mkfs.ext4 -q /dev/xvdf && sudo mkdir /data && sudo mount /dev/xvdf /data"
            + " && echo written-on-a | sudo tee /data/note >/dev/null");
    assertThat(ssh(a, "grep ' /data ' /proc/mounts"))
        .startsWith("/dev/loop")
        .contains(" ext4 ")
        .contains("nosuid")
        .contains("nodev");
    assertThat(ssh(a, "df -P /data | tail -1 | awk '{print $2}'").length()).isGreaterThan(5);
    ssh(a, "sudo umount /data");
    assertThat(ssh(a, "grep -c ' /data ' /proc/mounts || true")).isEqualTo("0");

    ec2.volumes().detach(v.volumeId(), a.instanceId(), null, false);
    assertThat(ssh(a, "ls /dev/sdf /dev/xvdf 2>/dev/null | wc -l")).isEqualTo("0");
    assertThat(SshFleet.loopsOver(v.volumeId())).isEmpty();

    ec2.volumes().attach(v.volumeId(), b, "/dev/xvdg");
    assertThat(ssh(b, "sudo mkdir -p /mnt/v && sudo mount /dev/sdg /mnt/v && cat /mnt/v/note"))
        .isEqualTo("written-on-a");
    // a forced detach while mounted: unmounted lazily inside, the device gone, the loop released
    ec2.volumes().detach(v.volumeId(), b.instanceId(), null, true);
    assertThat(ssh(b, "grep -c ' /mnt/v ' /proc/mounts || true")).isEqualTo("0");
    assertThat(ssh(b, "ls /dev/sdg /dev/xvdg 2>/dev/null | wc -l")).isEqualTo("0");
    assertThat(SshFleet.loopsOver(v.volumeId())).isEmpty();

    Snapshot s = ec2.snapshots().create(v.volumeId(), "the note");
    Volume w = ec2.volumes().create(a.availabilityZone(), VolumeSpec.fromSnapshot(s.snapshotId()));
    ec2.volumes().attach(v.volumeId(), a, "/dev/sdf");
    ssh(a, "sudo mount /dev/sdf /data && echo changed | sudo tee /data/note && sudo umount /data");
    ec2.volumes().attach(w.volumeId(), a, "/dev/sdh");
    assertThat(ssh(a, "sudo mkdir -p /copy && sudo mount -o ro /dev/xvdh /copy && cat /copy/note"))
        .isEqualTo("written-on-a");
    assertThat(ssh(a, "grep ' /copy ' /proc/mounts")).contains(" ro,");
    assertThat(ssh(a, "sudo mount /dev/sdf /data && cat /data/note")).isEqualTo("changed");
    ssh(a, "sudo umount /copy && sudo umount /dev/xvdf");
    assertThat(ssh(a, "grep -c /dev/loop /proc/mounts || true")).isEqualTo("0");
  }

  @Test
  void a_volumes_data_is_kept_across_stop_and_start_and_its_loop_released_on_terminate()
      throws Exception {
    Instance i = fleet.launch(1).get(0);
    Volume v = formatted(i, 2, "before-stop");
    ec2.instances().stop(i.instanceId());
    fleet.waitFor(i, InstanceState.STOPPED);
    assertThat(SshFleet.loopsOver(v.volumeId())).as("loop devices of a stopped instance").isEmpty();
    ec2.instances().start(i.instanceId());
    i = fleet.waitFor(i, InstanceState.RUNNING); // with its new public address
    assertThat(ssh(i, "sudo mount /dev/xvdf /data && cat /data/kept")).isEqualTo("before-stop");
    assertThat(SshFleet.loopsOver(v.volumeId())).hasSize(1);
    ec2.instances().terminate(i.instanceId());
    fleet.waitFor(i, InstanceState.TERMINATED);
    assertThat(SshFleet.loopsOver(v.volumeId()))
        .as("loop devices of a terminated instance")
        .isEmpty();
  }

  @Test
  void a_volume_mapped_at_launch_is_a_block_device_when_user_data_runs() throws Exception {
    String script =
        "#!/bin/sh\nset -e\nmkfs.ext4 -q /dev/xvdb\nmkdir /data\nmount /dev/sdb /data\n"
            + "echo from-user-data > /data/made\n";
    String body =
        "Action=RunInstances&Version=2016-11-15&ImageId="
            + fleet.ami
            + "&MinCount=1&MaxCount=1&KeyName=fleet"
            + "&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdb&BlockDeviceMapping.1.Ebs.VolumeSize=1"
            + "&UserData="
            + java.net.URLEncoder.encode(
                java.util.Base64.getEncoder().encodeToString(script.getBytes()),
                java.nio.charset.StandardCharsets.UTF_8);
    var answer = Raw.signed(fleet.local, java.time.Instant.now(), body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String id = answer.body().replaceAll("(?s).*?<instanceId>(i-[0-9a-f]+)</instanceId>.*", "$1");
    Instance i =
        ec2.instances()
            .waitForIds(List.of(id), InstanceState.RUNNING, dev.ec2kit.WaitOptions.defaults())
            .get(0);
    String volumeId =
        ec2.volumes().describe().stream()
            .filter(v -> v.attachments().stream().anyMatch(a -> a.device().equals("/dev/sdb")))
            .filter(v -> v.attachments().stream().anyMatch(a -> a.instanceId().equals(id)))
            .findFirst()
            .orElseThrow()
            .volumeId();
    String made = "";
    for (int n = 0; n < 100 && made.isEmpty(); n++) { // user data runs after the boot
      made = ssh(i, "cat /data/made 2>/dev/null || true");
      Thread.sleep(n == 0 ? 0 : 100);
    }
    assertThat(made).isEqualTo("from-user-data");
    assertThat(SshFleet.loopsOver(volumeId)).hasSize(1);
    ec2.instances().terminate(id);
    fleet.waitFor(i, InstanceState.TERMINATED);
    assertThat(SshFleet.loopsOver(volumeId)).isEmpty();
  }

  @Test
  void an_image_made_by_CreateImage_carries_its_data_volumes_data() throws Exception {
    Instance i = fleet.launch(1).get(0);
    formatted(i, 1, "in-the-image");
    ssh(i, "sudo umount /data");
    String image =
        (String)
            ec2.operations()
                .call(
                    "CreateImage",
                    java.util.Map.of(
                        "InstanceId",
                        i.instanceId(),
                        "Name",
                        "data-" + java.util.UUID.randomUUID()))
                .get("ImageId");
    ec2.operations().waiter("ImageAvailable").waitFor(java.util.Map.of("ImageIds", List.of(image)));
    Instance child = fleet.launch(image, 1, dev.ec2kit.RunOptions.builder()).get(0);
    assertThat(ssh(child, "sudo mount /dev/xvdf /data && cat /data/kept"))
        .isEqualTo("in-the-image");
  }

  @Test
  void loop_devices_a_killed_emulator_left_are_released_at_the_next_start() throws Exception {
    Path left = Files.createTempDirectory("ec2-local-instances-");
    Path volumes = Files.createDirectories(left.resolve(".volumes"));
    Path file = volumes.resolve("vol-0badc0ffee.ec2-local-volume");
    try (var f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(1 << 20);
    }
    Files.writeString(volumes.resolve("owner"), "999999999 2020-01-01T00:00:00Z\n"); // gone
    Tools.sh(dir, "losetup --find " + file);
    assertThat(SshFleet.loopsOver("vol-0badc0ffee")).hasSize(1);
    try {
      Ec2Local.builder().port(0).sandbox(SandboxMode.ON).build().start().close();
      assertThat(SshFleet.loopsOver("vol-0badc0ffee")).isEmpty();
      assertThat(volumes).doesNotExist();
    } finally {
      for (String l : SshFleet.loopsOver("vol-0badc0ffee")) {
        Tools.sh(dir, "losetup -d /dev/" + l);
      }
      Tools.sh(dir, "rm -rf " + left);
    }
  }

  @Test
  void mounts_the_instance_must_not_have_are_refused() throws Exception {
    Instance i = fleet.launch(1).get(0);
    Volume v = volume(i, 1);
    ec2.volumes().attach(v.volumeId(), i, "/dev/sdf");
    String loop = "/dev/" + SshFleet.loopsOver(v.volumeId()).get(0);
    // no filesystem yet
    assertThat(tried(i, "sudo mkdir /data; sudo mount /dev/xvdf /data"))
        .contains("wrong fs type")
        .endsWith("exit=32");
    ssh(i, "sudo mkfs.ext4 -q /dev/xvdf");
    // a link at the mount point, leading out of the sandbox or anywhere
    assertThat(
            tried(i, "sudo ln -s ../../../../../../../../../etc /out; sudo mount /dev/xvdf /out"))
        .contains("symbolic link")
        .endsWith("exit=32");
    assertThat(tried(i, "sudo mkdir -p /real; sudo ln -s /real /via; sudo mount /dev/xvdf /via/."))
        .contains("symbolic link")
        .endsWith("exit=32");
    // over /dev, where a node covered by a mount would outlive the volume's detach
    assertThat(tried(i, "sudo mount /dev/xvdf /dev")).contains("in /dev is not supported");
    assertThat(tried(i, "sudo mkdir /dev/sub; sudo mount /dev/xvdf /dev/sub"))
        .contains("in /dev is not supported")
        .endsWith("exit=32");
    // a filesystem type not allowed, and one that is not there
    assertThat(tried(i, "sudo mount -t bogus /dev/xvdf /data"))
        .contains("unknown filesystem type 'bogus'")
        .endsWith("exit=32");
    assertThat(tried(i, "sudo mount -t xfs /dev/xvdf /data"))
        .contains("wrong fs type")
        .endsWith("exit=32");
    assertThat(tried(i, "sudo mount -o suid /dev/xvdf /data"))
        .contains("option suid is not supported")
        .endsWith("exit=32");
    // devices that are no volume of this instance's
    assertThat(tried(i, "sudo mount /dev/xvdz /data"))
        .contains("does not exist")
        .endsWith("exit=32");
    assertThat(tried(i, "sudo mount " + loop + " /data")).contains("does not exist");
    assertThat(tried(i, "sudo mount /dev/vda /data")).contains("does not exist");
    // not as the image's user, and no mount but the volumes' through the emulator
    assertThat(tried(i, "mount /dev/xvdf /data")).contains("only root").endsWith("exit=1");
    assertThat(tried(i, "sudo mount -t tmpfs tmpfs /data")).doesNotEndWith("exit=0");
    assertThat(tried(i, "sudo umount /proc")).doesNotEndWith("exit=0");
    assertThat(ssh(i, "grep -c ' /proc proc' /proc/mounts")).isEqualTo("1");
    assertThat(tried(i, "sudo umount /data")).doesNotEndWith("exit=0");
    // nothing of it was mounted in the sandbox nor on this machine
    assertThat(ssh(i, "grep -c /dev/loop /proc/mounts || true")).isEqualTo("0");
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(loop + " ");
    // and the volume still mounts where it should
    assertThat(tried(i, "sudo mount /dev/xvdf /data && ls /data")).contains("lost+found");

    // root inside may link the volume's node and ask the loop driver to let go of it (no
    // capability asked): the loop stays the volume's while attached, and no name of it is left
    ssh(i, "sudo umount /data && sudo ln /dev/xvdf /dev/kept && sudo mkdir /dev/deep");
    ssh(i, "sudo ln /dev/sdf /dev/deep/k");
    assertThat(tried(i, "sudo losetup -d /dev/xvdf")).endsWith("exit=0");
    assertThat(SshFleet.loopsOver(v.volumeId())).hasSize(1);
    assertThat(ssh(i, "sudo mount /dev/xvdf /data && ls /data")).contains("lost+found");
    ec2.volumes().detach(v.volumeId(), i.instanceId(), null, true);
    assertThat(ssh(i, "find /dev -type b | wc -l")).isEqualTo("0");
    assertThat(SshFleet.loopsOver(v.volumeId())).isEmpty();
  }
}
