package dev.ec2kit.local.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A sandbox's power-off is told with the generation of the boot it came from, so that one heard
 * after the instance booted again (a RebootInstances between the two) is known as stale and
 * ignored, never taken for the new boot's. Real sandboxes (root, namespaces, overlayfs).
 */
@ResourceLock("sandboxed instances")
class SandboxesTest {
  @TempDir Path dir;

  record Event(String id, boolean reboot, long generation) {}

  @Test
  void a_power_off_heard_after_a_later_boot_is_stale() throws Exception {
    try (Sandboxes s = Sandboxes.create(SandboxMode.ON, dir.resolve("instances"))) {
      BlockingQueue<Event> events = new LinkedBlockingQueue<>();
      s.listen((id, reboot, generation) -> events.add(new Event(id, reboot, generation)));
      Guest g =
          new Guest(
              "i-0123456789abcdef0",
              "ami-0123456789abcdef0",
              "ip-172-31-0-5.ec2.internal",
              "172.31.0.5",
              "root",
              null);
      s.boot(g, null);
      awaitUp(s, g.instanceId());
      ProcessBuilder pb = s.session(g, List.of("/bin/sh", "-c", "kill -USR1 1"));
      pb.environment().put("PATH", Sandboxes.PATH);
      pb.start().waitFor(30, TimeUnit.SECONDS);
      Event off = events.poll(30, TimeUnit.SECONDS);
      assertThat(off).isNotNull();
      assertThat(off.reboot()).isFalse();
      assertThat(s.current(g.instanceId(), off.generation())).isTrue();

      s.boot(g, null); // the instance booted again before the power-off was taken
      assertThat(s.current(g.instanceId(), off.generation())).as("the earlier boot's").isFalse();
      awaitUp(s, g.instanceId());
      assertThat(s.running()).isEqualTo(1);
    }
  }

  private static void awaitUp(Sandboxes s, String id) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (s.phase(id) == Sandboxes.Phase.BOOTING && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(s.phase(id)).as(String.valueOf(s.bootFailure(id))).isEqualTo(Sandboxes.Phase.UP);
  }
}
