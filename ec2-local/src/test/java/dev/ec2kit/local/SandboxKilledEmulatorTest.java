package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.InstanceState;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.internal.process.Spawns;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An emulator with a state directory killed with SIGKILL while an instance has a volume leaves its
 * loop device set up (nothing of it ran to release it); started again from that state, the emulator
 * finds and detaches it, so none over the volume's file outlives the instance's next stop.
 */
@ResourceLock(SandboxedFleet.LOCK) // as the other sandboxed classes: one at a time
class SandboxKilledEmulatorTest {
  @TempDir Path dir;

  @Test
  void loop_devices_of_an_emulator_killed_with_SIGKILL_are_released_when_it_starts_again()
      throws Exception {
    Path state = dir.resolve("world");
    Process p =
        Spawns.start(
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    EmbeddedEmulator.class.getName(),
                    SandboxMode.ON.name(),
                    state.toString())
                .redirectErrorStream(true));
    String volumeId = null;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String ready =
          CompletableFuture.supplyAsync(() -> EmbeddedExitTest.readyLine(out, seen))
              .get(180, TimeUnit.SECONDS);
      String[] ids = ready.split(" ");
      assertThat(ids).as(seen.toString()).hasSize(2);
      String instanceId = ids[0];
      volumeId = ids[1];
      awaitLoops(volumeId);

      p.destroyForcibly(); // SIGKILL: nothing of the emulator runs after
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
      assertThat(SshFleet.loopsOver(volumeId)).as("the killed emulator's loop device").isNotEmpty();

      try (Ec2Local local =
          Ec2Local.builder()
              .port(0)
              .sshPort(0)
              .sandbox(SandboxMode.ON)
              .transition(Duration.ZERO)
              .state(state)
              .log(null)
              .build()
              .start()) {
        Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
        WaitOptions briefly =
            WaitOptions.defaults().interval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(60));
        ec2.instances().waitForIds(List.of(instanceId), InstanceState.RUNNING, briefly);
        ec2.instances().stop(instanceId);
        ec2.instances().waitForIds(List.of(instanceId), InstanceState.STOPPED, briefly);
        assertThat(SshFleet.loopsOver(volumeId)).as("loop devices over " + volumeId).isEmpty();
      }
    } finally {
      p.destroyForcibly();
      if (volumeId != null) {
        for (String l : SshFleet.loopsOver(volumeId)) { // never left to the next test
          Tools.sh(dir, "losetup -d /dev/" + l);
        }
      }
    }
  }

  /** Waits (30 s at most) for a loop device over the volume's file to be set up. */
  private static void awaitLoops(String volumeId) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (SshFleet.loopsOver(volumeId).isEmpty() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertThat(SshFleet.loopsOver(volumeId)).as("loop devices over " + volumeId).isNotEmpty();
  }
}
