package dev.ec2kit.local.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.internal.process.Spawns;
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
      Spawns.start(pb).waitFor(30, TimeUnit.SECONDS);
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

  @Test
  void a_halt_that_throws_at_close_does_not_keep_the_other_instances_from_halting()
      throws Exception {
    Sandboxes s = Sandboxes.create(SandboxMode.ON, dir.resolve("instances"));
    List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    s.log(logged::add);
    Guest up = guest("i-0000000000000000a", "172.31.0.10");
    s.boot(up, null);
    awaitUp(s, up.instanceId());
    Machine real = machines(s).get(up.instanceId());
    // a machine whose halt throws, met before the real one by close's loop
    RuntimeException broken = new IllegalStateException("this machine's halt throws");
    String brokenId = null;
    for (int n = 1; brokenId == null && n < 100; n++) {
      String id = String.format("i-%017x", n);
      machines(s)
          .put(
              id,
              new Machine(guest(id, "172.31.0.11"), 0, null, new Console()) {
                @Override
                void halt() {
                  throw broken;
                }
              });
      if (List.copyOf(machines(s).keySet()).indexOf(id)
          < List.copyOf(machines(s).keySet()).indexOf(up.instanceId())) {
        brokenId = id;
      } else {
        machines(s).remove(id);
      }
    }
    assertThat(brokenId).as("an id met before " + up.instanceId()).isNotNull();

    assertThatThrownBy(s::close).isSameAs(broken);
    assertThat(real.quiet()).as("the real machine halted, its processes gone").isTrue();
    assertThat(logged)
        .contains(
            "ec2-local: " + brokenId + ": its halt at the emulator's close failed: " + broken);
  }

  @Test
  void a_terminated_instance_s_console_shows_what_its_end_steps_told() throws Exception {
    try (Sandboxes s = Sandboxes.create(SandboxMode.ON, dir.resolve("instances"))) {
      String id = "i-0000000000000000c";
      RuntimeException broken = new IllegalStateException("this machine's kill throws");
      machines(s)
          .put(
              id,
              new Machine(guest(id, "172.31.0.12"), 0, null, new Console()) {
                @Override
                void kill() {
                  throw broken;
                }
              });
      consoles(s).of(id);
      s.halt(id, true);
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!s.settled(id) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(s.settled(id)).isTrue();
      assertThat(s.console(id))
          .contains("ec2-local: " + id + ": the kill of its processes failed: " + broken);
    }
  }

  @Test
  void an_instance_stopped_with_processes_that_could_not_be_killed_starts_only_once_they_ended()
      throws Exception {
    try (Sandboxes s = Sandboxes.create(SandboxMode.ON, dir.resolve("instances"))) {
      Guest g = guest("i-0000000000000000d", "172.31.0.13");
      java.util.concurrent.atomic.AtomicBoolean gone =
          new java.util.concurrent.atomic.AtomicBoolean();
      machines(s)
          .put(
              g.instanceId(),
              new Machine(g, 0, null, new Console()) {
                @Override
                void kill() {} // its processes outlive their kill

                @Override
                synchronized boolean quiet() {
                  return gone.get();
                }
              });
      consoles(s).of(g.instanceId());
      s.halt(g.instanceId(), false);
      awaitSettled(s, g.instanceId(), 40); // 20 s for its processes, then settled without them
      assertThat(s.console(g.instanceId()))
          .contains(
              "ec2-local: "
                  + g.instanceId()
                  + ": some of its processes could not be killed; its stop goes on without them");

      s.boot(
          g, null); // StartInstances while they live: a failed launch, nothing booted beside them
      awaitBooted(s, g.instanceId());
      assertThat(s.phase(g.instanceId())).isEqualTo(Sandboxes.Phase.FAILED);
      assertThat(s.bootFailure(g.instanceId()))
          .isEqualTo(
              "processes of its earlier boot could not be killed and still use its disk: it can"
                  + " start again once they have ended");
      assertThat(s.running()).isZero();
      s.halt(g.instanceId(), false); // the failed launch stops, as the instance's record asks
      awaitSettled(s, g.instanceId(), 30);

      gone.set(true); // they ended: it starts as any stopped instance
      s.boot(g, null);
      awaitUp(s, g.instanceId());
      assertThat(s.running()).isEqualTo(1);
    }
  }

  private static void awaitSettled(Sandboxes s, String id, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!s.settled(id) && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(s.settled(id)).as("settled").isTrue();
  }

  private static void awaitBooted(Sandboxes s, String id) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (s.phase(id) == Sandboxes.Phase.BOOTING && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Machine> machines(Sandboxes s) throws Exception {
    return (java.util.Map<String, Machine>) field(s, "machines");
  }

  private static Consoles consoles(Sandboxes s) throws Exception {
    return (Consoles) field(s, "consoles");
  }

  /** One of the sandboxes' fields: where a test puts what it needs. */
  private static Object field(Sandboxes s, String name) throws Exception {
    java.lang.reflect.Field f = Sandboxes.class.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(s);
  }

  private static Guest guest(String id, String ip) {
    return new Guest(
        id,
        "ami-0123456789abcdef0",
        "ip-" + ip.replace('.', '-') + ".ec2.internal",
        ip,
        "root",
        null);
  }

  private static void awaitUp(Sandboxes s, String id) throws InterruptedException {
    awaitBooted(s, id);
    assertThat(s.phase(id)).as(String.valueOf(s.bootFailure(id))).isEqualTo(Sandboxes.Phase.UP);
  }
}
