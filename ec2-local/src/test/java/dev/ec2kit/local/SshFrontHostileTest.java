package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Instance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect to an instance's SSH address and never log in (they stall after the version
 * line, give up mid key exchange, or send garbage) cannot keep a real client out: as OpenSSH's
 * MaxStartups 10:30:100, past 10 sessions not logged in new connections are refused at once with a
 * rising chance, all of them at 100, and the sessions of peers that go end with them.
 */
class SshFrontHostileTest {
  @TempDir static Path dir;
  static SshFleet fleet;

  @BeforeAll
  static void start() throws Exception {
    fleet = SshFleet.start(dir, SandboxMode.OFF, null);
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  /** A raw connection that sends {@code hello}: whether the server answered with its version. */
  private static boolean answered(Socket s, String hello) throws IOException {
    try {
      s.getOutputStream().write(hello.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n' && line.size() < 255; b = in.read()) {
        line.write(b);
      }
      return line.toString(StandardCharsets.US_ASCII).startsWith("SSH-2.0-");
    } catch (java.net.SocketException closed) { // reset: refused as it was accepted
      return false;
    }
  }

  private static Socket connect(InetSocketAddress at) throws IOException {
    Socket s = new Socket();
    s.connect(at, 2000);
    s.setSoTimeout(5000);
    return s;
  }

  /** Waits (10 s at most) for {@code count} to be 0; its last value. */
  private static int drained(IntSupplier count) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (count.getAsInt() != 0 && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    return count.getAsInt();
  }

  /** OpenSSH's ssh logs in and runs a command, retrying a refused connection (20 tries at most). */
  private static String logIn(Instance i) throws Exception {
    AssertionError last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return Tools.sh(
            dir,
            "ssh "
                + fleet.opts()
                + " -o ConnectTimeout=5 ec2-user@"
                + i.publicIpAddress()
                + " 'echo logged-in'");
      } catch (AssertionError refused) {
        last = refused;
      }
    }
    throw last;
  }

  @Test
  void stalled_and_abandoned_connections_are_bounded_and_a_client_still_logs_in() throws Exception {
    Instance i = fleet.launch(1).get(0);
    InetSocketAddress at = new InetSocketAddress(i.publicIpAddress(), fleet.local.sshPort());
    IntSupplier unauthenticated = fleet.local::sshUnauthenticated;
    assertThat(unauthenticated.getAsInt()).isZero();

    // 200 that stall after the version line; every fifth sends garbage, every seventh gives up
    List<Socket> stalled = new ArrayList<>();
    int answered = 0;
    int refused = 0;
    try {
      for (int k = 0; k < 200; k++) {
        Socket s = connect(at);
        if (k % 5 == 4) {
          answered(s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n\0\0\0\0\u00ff\u00ff\r\n");
          s.close();
        } else if (k % 7 == 6) {
          answered(s, "SSH-2.0-quitter\r\n");
          s.close();
        } else if (answered(s, "SSH-2.0-staller\r\n")) {
          stalled.add(s);
          answered++;
        } else {
          s.close();
          refused++;
        }
      }
      // the first 10 always start; none past 100; those past them were closed before a version
      assertThat(answered).isBetween(10, 100);
      assertThat(refused).isPositive();
      assertThat(unauthenticated.getAsInt()).isBetween(answered, 100);

      // with a few stallers left, a client gets in (some tries refused) while others churn
      for (Socket s : stalled.subList(20, stalled.size())) {
        s.close();
      }
      ExecutorService churn = Executors.newFixedThreadPool(4);
      List<Future<?>> churners = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        churners.add(
            churn.submit(
                () -> {
                  for (int n = 0; n < 25; n++) {
                    try (Socket s = connect(at)) {
                      answered(s, "SSH-2.0-churner\r\n");
                    }
                  }
                  return null;
                }));
      }
      long began = System.nanoTime();
      assertThat(logIn(i)).isEqualTo("logged-in");
      assertThat((System.nanoTime() - began) / 1_000_000_000L).isLessThan(20);
      for (Future<?> f : churners) {
        f.get();
      }
      churn.shutdown();
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }

    // the attackers gone, their sessions end with them and a client gets in at the first try
    assertThat(drained(unauthenticated)).isZero();
    assertThat(fleet.ssh(i, "echo again")).isEqualTo("again");
    assertThat(drained(unauthenticated)).isZero();
  }
}
