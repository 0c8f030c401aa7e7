package dev.ec2kit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Instance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run at once on one instance from one helper, from many threads, share one login: none is
 * cut off by another thread's login replacing the session it runs on.
 */
class ConcurrentCommandsTest {
  @TempDir Path dir;

  @Test
  void threads_running_commands_on_one_instance_at_once_share_one_session_and_all_finish()
      throws Exception {
    int threads = 8;
    try (TestSshServer server = new TestSshServer(dir, (user, command, in, out) -> 0);
        Ssh ssh = Ssh.builder().knownHosts(dir.resolve("known_hosts")).build()) {
      Instance i = server.instance("i-0123456789abcdef0", "ec2-user");
      List<Future<List<Integer>>> runs =
          atOnce(
              threads,
              () -> {
                List<Integer> statuses = new ArrayList<>();
                for (int n = 0; n < 10; n++) {
                  statuses.add(ssh.sshCommandOutput(i, "true").exitStatus());
                }
                return statuses;
              });
      for (Future<List<Integer>> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).containsOnly(0);
      }
      assertThat(server.peakOpenSessions()).as("sessions open at once").isEqualTo(1);
    }
  }

  @Test
  void threads_waiting_for_a_login_that_fails_share_its_failure() throws Exception {
    int threads = 4;
    // a host that takes connections and never speaks: each login waits for the connect timeout
    try (java.net.ServerSocket silent =
            new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        TestSshServer keys = new TestSshServer(dir, (user, command, in, out) -> 0);
        Ssh ssh =
            Ssh.builder()
                .knownHosts(dir.resolve("known_hosts"))
                .connectTimeout(java.time.Duration.ofSeconds(2))
                .build()) {
      java.util.concurrent.atomic.AtomicInteger connections =
          new java.util.concurrent.atomic.AtomicInteger();
      List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                    connections.incrementAndGet();
                  }
                } catch (java.io.IOException closed) {
                  // the test is over
                }
              });
      acceptor.start();
      Instance i = keys.instance("i-0123456789abcdef0", "ec2-user", silent.getLocalPort());
      try {
        for (Future<?> run : atOnce(threads, () -> ssh.sshCommandOutput(i, "true"))) {
          assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
              .hasCauseInstanceOf(java.io.UncheckedIOException.class)
              .hasMessageContaining("i-0123456789abcdef0");
        }
      } finally {
        silent.close();
        for (java.net.Socket s : held) {
          s.close();
        }
      }
      assertThat(connections.get()).as("logins tried for %d callers at once", threads).isOne();
    }
  }

  /**
   * {@code call} on {@code threads} threads, all let go at once (so all first calls find no session
   * yet); their futures, the pool shut down behind them.
   */
  private static <T> List<Future<T>> atOnce(int threads, java.util.concurrent.Callable<T> call) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> runs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      runs.add(
          pool.submit(
              () -> {
                start.await();
                return call.call();
              }));
    }
    start.countDown();
    pool.shutdown();
    return runs;
  }
}
