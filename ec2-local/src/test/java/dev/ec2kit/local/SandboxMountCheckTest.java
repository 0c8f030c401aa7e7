package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Instance;
import dev.ec2kit.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The e2fsck the emulator runs before it mounts an instance's ext4 volume holds up nothing else of
 * that instance: AttachVolume to it answers while the check still runs, and the mount is made when
 * the check ends.
 */
@SandboxedFleet
class SandboxMountCheckTest {
  static SshFleet fleet;

  @Test
  void attaching_a_volume_does_not_wait_for_another_volumes_filesystem_check() throws Exception {
    Instance i = fleet.launch(1).get(0);
    Volume big = fleet.ec2.volumes().create(i.availabilityZone(), 16);
    fleet.ec2.volumes().attach(big.volumeId(), i, "/dev/sdf");
    // every inode table written and none marked unused: e2fsck -f reads them all (seconds)
    fleet.ssh(
        i,
        "sudo mkfs.ext4 -q -F -N 4000000 -O ^metadata_csum,^uninit_bg -E lazy_itable_init=0"
            + " /dev/sdf && sudo mkdir /data");
    CompletableFuture<String> mount = mountLater(i);
    ProcessHandle check = e2fsckOf(big.volumeId(), mount);
    assertThat(check).as("e2fsck of " + big.volumeId() + " seen running").isNotNull();

    Volume small = fleet.ec2.volumes().create(i.availabilityZone(), 1);
    fleet.ec2.volumes().attach(small.volumeId(), i, "/dev/sdg");
    assertThat(check.isAlive())
        .as("the filesystem check still runs as the attach answers")
        .isTrue();

    assertThat(mount.get(60, TimeUnit.SECONDS)).isEqualTo("mounted");
    assertThat(fleet.ssh(i, "test -b /dev/sdg && grep -c ' /data ' /proc/mounts")).isEqualTo("1");
  }

  @Test
  void one_instance_s_filesystem_check_does_not_delay_another_instance_s_mount() throws Exception {
    List<Instance> two = fleet.launch(2);
    Instance slow = two.get(0);
    Instance quick = two.get(1);
    Volume big = fleet.ec2.volumes().create(slow.availabilityZone(), 16);
    fleet.ec2.volumes().attach(big.volumeId(), slow, "/dev/sdf");
    fleet.ssh(
        slow,
        "sudo mkfs.ext4 -q -F -N 4000000 -O ^metadata_csum,^uninit_bg -E lazy_itable_init=0"
            + " /dev/sdf && sudo mkdir /data");
    Volume small = fleet.ec2.volumes().create(quick.availabilityZone(), 1);
    fleet.ec2.volumes().attach(small.volumeId(), quick, "/dev/sdf");
    fleet.ssh(quick, "sudo mkfs.ext4 -q -F /dev/sdf && sudo mkdir /data");
    CompletableFuture<String> mount = mountLater(slow);
    ProcessHandle check = e2fsckOf(big.volumeId(), mount);
    assertThat(check).as("e2fsck of " + big.volumeId() + " seen running").isNotNull();

    assertThat(fleet.ssh(quick, "sudo mount /dev/sdf /data && echo mounted")).isEqualTo("mounted");
    assertThat(check.isAlive())
        .as("the other instance's filesystem check still runs as this mount answers")
        .isTrue();
    assertThat(mount.get(60, TimeUnit.SECONDS)).isEqualTo("mounted");
  }

  /** {@code mount /dev/sdf /data} on the instance, begun now: "mounted", or what failed. */
  private static CompletableFuture<String> mountLater(Instance i) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return fleet.ssh(i, "sudo mount /dev/sdf /data && echo mounted");
          } catch (Exception e) {
            return e.toString();
          }
        });
  }

  /** The e2fsck process over the volume's loop device, once it runs (20 s at most), or null. */
  private static ProcessHandle e2fsckOf(String volumeId, CompletableFuture<String> mount)
      throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end && !mount.isDone()) {
      Optional<String> loop = SshFleet.loopsOver(volumeId).stream().findFirst();
      if (loop.isPresent()) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
          for (Path p : procs) {
            String cmd = cmdline(p);
            if (cmd.startsWith("/usr/sbin/e2fsck\0") && cmd.contains("/dev/" + loop.get() + "\0")) {
              Optional<ProcessHandle> h =
                  ProcessHandle.of(Long.parseLong(p.getFileName().toString()));
              if (h.isPresent()) {
                return h.get();
              }
            }
          }
        }
      }
      Thread.sleep(10);
    }
    return null;
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // ended while read
    }
  }
}
