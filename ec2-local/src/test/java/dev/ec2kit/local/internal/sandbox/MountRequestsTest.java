package dev.ec2kit.local.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filesystem check before a mount has a time limit: a check that does not end is killed and the
 * mount request answered with a failure that says so, never waited for without end.
 */
class MountRequestsTest {
  @TempDir Path dir;

  @Test
  void a_filesystem_check_that_does_not_end_is_killed_and_the_mount_refused_saying_why()
      throws Exception {
    // e2fsck opening a FIFO with no writer waits for ever, as a check that does not end
    Path never = dir.resolve("never");
    LoopDevice.run(List.of("/usr/bin/mkfifo", never.toString()), "mkfifo");
    MountRequests.Mount m =
        new MountRequests.Mount(
            null,
            null,
            new LoopDevice(never.toString(), 7, 0, null),
            "/dev/sdf",
            "/data",
            "ext4",
            "-",
            true);
    long start = System.nanoTime();
    String[] answer = MountRequests.check(m, 2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(answer)
        .containsExactly(
            "32",
            "mount: /data: the check of the filesystem on /dev/sdf (e2fsck -n) did not end in 2 s;"
                + " it is not mounted unchecked. Run: sudo e2fsck -f /dev/sdf");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .arguments()
                            .map(a -> List.of(a).contains(never.toString()))
                            .orElse(false)))
        .as("the check, killed")
        .isEmpty();
  }
}
