package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.Operations;
import dev.ec2kit.ssh.Ssh;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped instance's address refuses SSH and metadata connections the moment StopInstances has
 * answered, and is listened at again the moment StartInstances has, while the emulator is busy
 * starting processes for another instance's commands. (A process being started holds a copy of
 * every socket of the emulator until it closes them, just before its program runs: a listener
 * closed meanwhile would take a connection and reset it, and its address could not be bound.)
 */
class StopRefusesAtOnceTest {
  private static final int ROUNDS = 40;

  @TempDir Path dir;

  @Test
  void a_stopped_elastic_ip_refuses_at_once_and_answers_at_once_after_start_beside_busy_commands()
      throws Exception {
    try (SshFleet fleet = SshFleet.start(dir, SandboxMode.OFF, null);
        Ssh ssh =
            Ssh.builder()
                .knownHosts(dir.resolve("known_hosts"))
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
      List<Instance> two = fleet.launch(2);
      Instance stopping = two.get(0);
      Instance busy = two.get(1);
      Operations ops = fleet.ec2.operations();
      Map<String, Object> allocated = ops.call("AllocateAddress", Map.of("Domain", "vpc"));
      String ip = (String) allocated.get("PublicIp");
      ops.call(
          "AssociateAddress",
          Map.of(
              "AllocationId", allocated.get("AllocationId"), "InstanceId", stopping.instanceId()));
      InetSocketAddress sshAt = new InetSocketAddress(ip, fleet.local.sshPort());
      InetSocketAddress metadataAt = new InetSocketAddress(ip, fleet.local.port());
      assertThat(SshBanner.at(sshAt)).startsWith("SSH-2.0-");

      // the other instance's commands: each one a process the emulator starts
      AtomicBoolean going = new AtomicBoolean(true);
      AtomicInteger commands = new AtomicInteger();
      ExecutorService background = Executors.newFixedThreadPool(3);
      List<Future<?>> loops = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        loops.add(
            background.submit(
                () -> {
                  while (going.get()) {
                    assertThat(ssh.sshCommandOutput(busy, "true").exitStatus()).isZero();
                    commands.incrementAndGet();
                  }
                  return null;
                }));
      }
      try {
        for (int round = 1; round <= ROUNDS; round++) {
          fleet.ec2.instances().stop(stopping.instanceId());
          // again and again for a while: a copy of a listener in a starting process lives ms
          long until = System.nanoTime() + 30_000_000L;
          do {
            assertThatThrownBy(() -> SshBanner.at(sshAt))
                .as("SSH at %s after the stop of round %d", ip, round)
                .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> connect(metadataAt))
                .as("metadata at %s after the stop of round %d", ip, round)
                .isInstanceOf(ConnectException.class);
          } while (System.nanoTime() < until);
          fleet.waitFor(stopping, InstanceState.STOPPED);
          fleet.ec2.instances().start(stopping.instanceId());
          assertThat(SshBanner.at(sshAt))
              .as("SSH after the start of round %d", round)
              .startsWith("SSH-");
        }
      } finally {
        going.set(false);
        background.shutdown();
      }
      for (Future<?> f : loops) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(commands.get()).as("commands run beside the stops").isGreaterThan(ROUNDS);
      assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void connect(InetSocketAddress at) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, 2000);
    }
  }
}
