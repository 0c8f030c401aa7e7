package dev.ec2kit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls on many hosts (issue 17 #7): each host within its time, never more sessions than asked. */
class FanOutTest {
  @TempDir static Path keys;
  @TempDir Path dir;
  static TestSshServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        new TestSshServer(
            keys,
            (user, command, in, out) -> {
              if (command.contains(" -f ") && user.equals("slow")) {
                // offers 1,000 bytes, then sends one every 300 ms: five minutes' worth
                in.read();
                TestSshServer.send(out, "C0644 1000 app.log\n");
                in.read();
                try {
                  for (int k = 0; k < 1000; k++) {
                    Thread.sleep(300);
                    TestSshServer.send(out, "x");
                  }
                } catch (InterruptedException e) {
                  return 1;
                }
                return 0;
              }
              if (command.contains(" -f ")) {
                return TestSshServer.scpSource(in, out, List.of("C0644 6 app.log"), "hello\n");
              }
              try {
                Thread.sleep(100); // long enough for the calls on several hosts to overlap
              } catch (InterruptedException e) {
                return 1;
              }
              TestSshServer.send(out, "ok\n");
              return 0;
            });
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private Ssh ssh(int concurrency, Duration timeout) {
    return Ssh.builder()
        .knownHosts(dir.resolve("known_hosts"))
        .concurrency(concurrency)
        .commandTimeout(timeout)
        .build();
  }

  /** Copies logs/app.log from the instance into DIR/INSTANCE-ID/, as ec2 scp from many does. */
  private Path download(Ssh ssh, Instance i) {
    try {
      Path into = Files.createDirectories(dir.resolve(i.instanceId()));
      ssh.sshCopyFileFrom(i, "logs/app.log", into, false, false);
      return into;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void a_host_trickling_its_scp_answer_fails_at_the_timeout_and_the_healthy_host_is_reported() {
    Instance slow = server.instance("i-0000000000000000a", "slow");
    Instance healthy = server.instance("i-0000000000000000b", "healthy");
    List<Outcome<Path>> outcomes =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              try (Ssh ssh = ssh(4, Duration.ofSeconds(2))) {
                return ssh.onEach(List.of(slow, healthy), i -> download(ssh, i));
              }
            });
    assertThat(outcomes.get(0).ok()).isFalse();
    assertThat(outcomes.get(0).error())
        .hasMessageContaining(slow.instanceId())
        .hasMessageContaining("timed out after 2 s");
    assertThat(outcomes.get(1).ok()).as("%s", outcomes.get(1)).isTrue();
    assertThat(outcomes.get(1).value().resolve("app.log")).hasContent("hello");
  }

  @Test
  void thirty_hosts_four_at_a_time_never_have_more_than_four_sessions_open() {
    List<Instance> fleet = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      // one server; a login user of its own makes each a host with its own session
      fleet.add(server.instance(String.format("i-%017x", k), "user" + k));
    }
    // The server counts a session closed when it has handled the closed connection, which on a
    // busy machine can come just after it accepted the next host's: one in flight is allowed.
    try (Ssh ssh = ssh(4, Duration.ofSeconds(30))) {
      assertThat(ssh.sshCommandOutput(fleet, "work")).allMatch(Outcome::ok);
      assertThat(server.peakOpenSessions()).isBetween(2, 5);
      assertThat(ssh.onEach(fleet, i -> download(ssh, i))).allMatch(Outcome::ok);
      assertThat(server.peakOpenSessions()).isBetween(2, 5);
    }
  }
}
