package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.Identity;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.KeyType;
import dev.ec2kit.Region;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.RunOptions;
import dev.ec2kit.WaitOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ec2 local --state DIR} as processes: SIGKILL in the middle of 100 launches, a restart on
 * the same directory, and every instance whose RunInstances was answered is there, none twice (each
 * ClientToken retried gives its instance), its disk and host key kept, and stop and start still
 * work; SIGTERM (the emulator library's exit hook, {@code ec2 local} has none of its own) ends the
 * sandboxes, their cgroups gone, and a restart boots them again.
 */
@Order(2)
class KeptWorldIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final int LAUNCHES = 100;

  @TempDir Path dir;
  final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void ready() throws Exception {
    Ec2Script.ready();
  }

  /** What the emulators printed after their exports, shown when the test ends. */
  final StringBuffer output = new StringBuffer();

  record Local(Process process, Map<String, String> exports) {
    /**
     * A client of it: without retries for the one to be killed (a launch it did not answer fails at
     * once), with the standard ones after.
     */
    Ec2 client(RetryPolicy retries) {
      return builder().retryPolicy(retries).build();
    }

    private Ec2.Builder builder() {
      Identity identity =
          Identity.builder()
              .accessKey("test")
              .secretAccessKey("test")
              .accountId("123456789012")
              .region(Region.of("us-east-1").withUri(URI.create(exports.get("AWS_ENDPOINT_URL"))))
              .build();
      return Ec2.builder().identity(identity).callTimeout(Duration.ofMinutes(3));
    }

    int sshPort() {
      return Integer.parseInt(exports.getOrDefault("EC2_SSH_PORT", "22"));
    }
  }

  /** {@code ./ec2 local --state}, its exports read, its later output drained. */
  Local start(Path state) throws Exception {
    Process p =
        new ProcessBuilder(
                ROOT.resolve("ec2").toString(),
                "local",
                "--port",
                "0",
                "--transition",
                "0s",
                "--sandbox",
                "on",
                "--state",
                state.toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    started.add(p);
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Map<String, String> exports = new HashMap<>();
    StringBuilder seen = new StringBuilder();
    for (String line; (line = r.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.startsWith("export ")) {
        for (String pair : line.substring("export ".length()).split(" ")) {
          int eq = pair.indexOf('=');
          exports.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        break;
      }
    }
    assertThat(exports).as(seen.toString()).containsKey("AWS_ENDPOINT_URL");
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String line; (line = r.readLine()) != null; ) {
                  output.append(line).append('\n');
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    return new Local(p, exports);
  }

  @AfterEach
  void stop() throws Exception {
    System.out.println("the emulators' output:\n" + output);
    for (Process p : started) {
      System.out.println(
          "emulator " + p.pid() + (p.isAlive() ? " alive" : " ended " + p.exitValue()));
    }
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /**
   * OpenSSH's ssh as ec2-user: its output. The instance's host key is known by one name ({@code
   * HostKeyAlias}), whatever address and port it answers at, so {@code checking=yes} after a
   * restart proves the instance kept its host key.
   */
  String ssh(Path key, int port, String ip, String checking, String command) throws Exception {
    Process p =
        new ProcessBuilder(
                "ssh",
                "-i",
                key.toString(),
                "-o",
                "StrictHostKeyChecking=" + checking,
                "-o",
                "UserKnownHostsFile=" + dir.resolve("known_hosts"),
                "-o",
                "HostKeyAlias=kept-box",
                "-o",
                "BatchMode=yes",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "ConnectTimeout=30",
                "-p",
                String.valueOf(port),
                "ec2-user@" + ip,
                command)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }

  static Instance waitFor(Ec2 ec2, Instance i, InstanceState state) {
    return ec2.instances()
        .waitFor(
            i,
            state,
            WaitOptions.defaults()
                .interval(Duration.ofMillis(200))
                .timeout(Duration.ofSeconds(180)));
  }

  @Test
  void sigkill_mid_launch_then_restart_keeps_every_answered_instance_once_with_its_disk()
      throws Exception {
    Path state = dir.resolve("state");
    Local first = start(state);
    Ec2 ec2 = first.client(RetryPolicy.none());
    Path key = dir.resolve("kept.pem");
    Files.writeString(
        key, ec2.keyPairs().create("kept", KeyType.ED25519).privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String ami = ami(ec2);
    Instance box =
        ec2.instances()
            .run(
                ami,
                1,
                1,
                RunOptions.builder().keyName("kept").clientToken("box").waitUntilRunning().build())
            .get(0);
    String ip = box.publicIpAddress();
    ssh(key, first.sshPort(), ip, "accept-new", "echo written-before-the-kill > ~/note && sync");

    Map<String, String> answered = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int n = 0; n < LAUNCHES; n++) {
      String token = "launch-" + n;
      pool.execute(
          () -> {
            try {
              Instance i =
                  ec2.instances()
                      .run(ami, 1, 1, RunOptions.builder().clientToken(token).build())
                      .get(0);
              answered.put(token, i.instanceId());
            } catch (RuntimeException e) {
              // killed before it answered
            }
          });
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (answered.size() < LAUNCHES * 2 / 5 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    Map<String, String> before = Map.copyOf(answered);
    assertThat(before.size()).isBetween(LAUNCHES * 2 / 5, LAUNCHES - 1);

    Local second = start(state);
    Ec2 again = second.client(RetryPolicy.standard());
    // every answered instance is there
    List<String> answeredIds = List.copyOf(before.values());
    assertThat(again.instances().describe(InstanceQuery.builder().instanceIds(answeredIds).build()))
        .hasSize(answeredIds.size());
    // each token retried gives its own instance: the one answered before, or one made now
    Map<String, String> byToken = new HashMap<>();
    for (int n = 0; n < LAUNCHES; n++) {
      String token = "launch-" + n;
      byToken.put(
          token,
          again
              .instances()
              .run(ami, 1, 1, RunOptions.builder().clientToken(token).build())
              .get(0)
              .instanceId());
    }
    assertThat(byToken).containsAllEntriesOf(before);
    // none twice: one instance a token, over all instances there are
    List<Instance> all = again.instances().describe();
    Map<String, Long> perToken =
        all.stream()
            .collect(
                Collectors.groupingBy(i -> String.valueOf(i.clientToken()), Collectors.counting()));
    assertThat(perToken.values()).allMatch(c -> c == 1);
    assertThat(all).hasSize(LAUNCHES + 1);

    // the disk and the host key are kept; stop and start go on
    // the instance as the restarted emulator gives it (one from before names the old endpoint)
    box = again.instances().find(box.instanceId()).orElseThrow();
    Instance kept = waitFor(again, box, InstanceState.RUNNING);
    assertThat(kept.publicIpAddress()).isEqualTo(ip);
    assertThat(ssh(key, second.sshPort(), ip, "yes", "cat ~/note"))
        .isEqualTo("written-before-the-kill");
    again.instances().stop(box.instanceId());
    waitFor(again, box, InstanceState.STOPPED);
    again.instances().start(box.instanceId());
    Instance restarted = waitFor(again, box, InstanceState.RUNNING);
    assertThat(ssh(key, second.sshPort(), restarted.publicIpAddress(), "yes", "cat ~/note"))
        .isEqualTo("written-before-the-kill");
  }

  @Test
  void sigterm_ends_the_sandboxes_and_a_restart_on_the_directory_boots_them_again()
      throws Exception {
    Path state = dir.resolve("state");
    Local first = start(state);
    Ec2 ec2 = first.client(RetryPolicy.standard());
    String ami = ami(ec2);
    String id =
        ec2.instances()
            .run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build())
            .get(0)
            .instanceId();
    assertThat(cgroups(first.process().pid())).as("the sandbox's cgroups").isNotEmpty();
    sigterm(first.process());
    assertThat(cgroups(first.process().pid())).as("cgroups left").isEmpty();
    assertThat(state.resolve("instances").resolve(id)).as("the kept disk").isDirectory();

    Local again = start(state);
    Instance kept = again.client(RetryPolicy.standard()).instances().find(id).orElseThrow();
    assertThat(kept.state()).isEqualTo(InstanceState.RUNNING);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (cgroups(again.process().pid()).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(200); // its sandbox boots again in the background
    }
    assertThat(cgroups(again.process().pid())).as("its sandbox again").isNotEmpty();
    sigterm(again.process());
    assertThat(cgroups(again.process().pid())).as("cgroups left").isEmpty();
  }

  static String ami(Ec2 ec2) {
    return ec2.images()
        .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  private void sigterm(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
    assertThat(p.exitValue()).as(output.toString()).isEqualTo(128 + 15);
  }

  /** The cgroups the emulator in process {@code pid} made, in every controller. */
  private static List<Path> cgroups(long pid) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> controllers = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
      for (Path c : controllers) {
        if (Files.isDirectory(c)) {
          try (DirectoryStream<Path> s = Files.newDirectoryStream(c, "ec2-local-" + pid + "-*")) {
            s.forEach(found::add);
          }
        }
      }
    }
    return found;
  }
}
