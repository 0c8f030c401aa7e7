package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.StateChange;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several sandboxed instances stopped or terminated in one call, over real HTTP: the call answers
 * at once with EC2's states (stopping, shutting-down), the instances' ends run side by side, never
 * in the call, and each then reaches stopped or terminated with nothing of it left on this machine:
 * no process, no loop device over its volume, and, terminated, no cgroup and no directory.
 */
@SandboxedFleet
class SandboxFleetEndTest {
  static SshFleet fleet;

  /**
   * The first of this run's marks: numbers no other sleep on this machine has, one for each {@link
   * #busy} call, so that one test's processes (left by its failure) are never counted by another.
   */
  private static final int FIRST_MARK = 900_000 + ThreadLocalRandom.current().nextInt(90_000);

  private static final AtomicInteger MARKS = new AtomicInteger();

  /** Instances made busy, and the mark of their sleeping processes. */
  private record Busy(Map<Instance, Volume> volumes, String mark) {}

  /**
   * {@code n} running instances, each with a volume at /dev/sdf and a process sleeping for a mark
   * of their own.
   */
  private static Busy busy(int n) throws Exception {
    String mark = Integer.toString(FIRST_MARK + MARKS.getAndIncrement());
    List<Instance> all = fleet.launch(n);
    Map<Instance, Volume> volumes = new java.util.LinkedHashMap<>();
    for (Instance i : all) {
      Volume v = fleet.ec2.volumes().create(i.availabilityZone(), 1);
      fleet.ec2.volumes().attach(v.volumeId(), i, "/dev/sdf");
      fleet.ssh(i, "setsid sleep " + mark + " </dev/null >/dev/null 2>&1 & test -b /dev/sdf");
      volumes.put(i, v);
    }
    for (Volume v : volumes.values()) {
      assertThat(SshFleet.loopsOver(v.volumeId()))
          .as("a loop device over " + v.volumeId())
          .isNotEmpty();
    }
    // each `sleep` is started in the background: it may exec a moment after ssh has returned
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sleepers(mark) < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(sleepers(mark)).isGreaterThanOrEqualTo(n);
    return new Busy(volumes, mark);
  }

  @Test
  void terminating_many_answers_at_once_and_each_ends_with_nothing_left() throws Exception {
    Busy b = busy(6);
    Map<Instance, Volume> busy = b.volumes();
    List<Instance> all = List.copyOf(busy.keySet());
    for (Instance i : all) {
      assertThat(cgroups(i.instanceId())).as("cgroups of " + i.instanceId()).isNotEmpty();
      assertThat(directories(i.instanceId())).as("directory of " + i.instanceId()).isNotEmpty();
    }
    long start = System.nanoTime();
    List<StateChange> changes = fleet.ec2.instances().terminate(all);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("the call waits for no sandbox's end").isLessThan(Duration.ofSeconds(2));
    assertThat(changes).hasSize(6);
    assertThat(changes)
        .allSatisfy(
            c -> {
              assertThat(c.previousState()).isEqualTo(InstanceState.RUNNING);
              assertThat(c.currentState())
                  .isIn(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
            });
    for (Instance i : all) {
      fleet.waitFor(i, InstanceState.TERMINATED);
    }
    assertThat(sleepers(b.mark())).as("processes left").isZero();
    for (Instance i : all) {
      assertThat(cgroups(i.instanceId())).as("cgroups of " + i.instanceId()).isEmpty();
      assertThat(directories(i.instanceId())).as("directory of " + i.instanceId()).isEmpty();
      assertThat(SshFleet.loopsOver(busy.get(i).volumeId())).isEmpty();
      assertThat(mounts(i.instanceId())).isEmpty();
    }
    // their volumes were detached as they terminated
    for (Volume v : busy.values()) {
      assertThat(fleet.ec2.volumes().describe(v.volumeId()).get(0).state())
          .isEqualTo(VolumeState.AVAILABLE);
    }
  }

  @Test
  void stopping_many_answers_at_once_and_each_stops_then_starts_again_with_its_volume()
      throws Exception {
    Busy b = busy(4);
    Map<Instance, Volume> busy = b.volumes();
    List<Instance> all = List.copyOf(busy.keySet());
    long start = System.nanoTime();
    List<StateChange> changes = fleet.ec2.instances().stop(all, false);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("the call waits for no sandbox's end").isLessThan(Duration.ofSeconds(2));
    assertThat(changes)
        .allSatisfy(
            c -> assertThat(c.currentState()).isIn(InstanceState.STOPPING, InstanceState.STOPPED));
    for (Instance i : all) {
      fleet.waitFor(i, InstanceState.STOPPED);
    }
    assertThat(sleepers(b.mark())).as("processes left").isZero();
    for (Volume v : busy.values()) {
      assertThat(SshFleet.loopsOver(v.volumeId())).isEmpty();
    }
    fleet.ec2.instances().start(all);
    for (Instance i : all) {
      Instance up = fleet.waitFor(i, InstanceState.RUNNING);
      assertThat(fleet.ssh(up, "test -b /dev/sdf && echo plugged")).isEqualTo("plugged");
    }
  }

  /** How many processes of this machine sleep for {@code mark} seconds. */
  private static int sleepers(String mark) throws IOException {
    int n = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmd.equals("sleep\0" + mark + "\0")) {
            n++;
          }
        } catch (IOException e) {
          // ended while read
        }
      }
    }
    return n;
  }

  /** This emulator's cgroups named for the instance, in every controller. */
  private static List<Path> cgroups(String instanceId) throws IOException {
    List<Path> found = new ArrayList<>();
    String ours = "ec2-local-" + ProcessHandle.current().pid() + "-*";
    try (DirectoryStream<Path> controllers = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
      for (Path c : controllers) {
        if (!Files.isDirectory(c)) {
          continue;
        }
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(c, ours)) {
          for (Path g : groups) {
            if (Files.exists(g.resolve(instanceId))) {
              found.add(g.resolve(instanceId));
            }
          }
        }
      }
    }
    return found;
  }

  /** The instance's directories under the emulators' temporary directories. */
  private static List<Path> directories(String instanceId) throws IOException {
    List<Path> found = new ArrayList<>();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> roots = Files.newDirectoryStream(tmp, "ec2-local-instances-*")) {
      for (Path r : roots) {
        if (Files.exists(r.resolve(instanceId))) {
          found.add(r.resolve(instanceId));
        }
      }
    }
    return found;
  }

  /** This machine's mounts (as the emulator's namespace sees them) naming the instance. */
  private static List<String> mounts(String instanceId) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(l -> l.contains(instanceId))
        .toList();
  }
}
