package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.Operations;
import dev.ec2kit.RunOptions;
import dev.ec2kit.ssh.Ssh;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
 * An Elastic IP moved between two running instances (AssociateAddress with AllowReassociation)
 * answers SSH all along, as EC2's address does: a client connecting at any moment of the moves is
 * never refused (the address's listener stays; its sessions are closed at each move, and a new one
 * reaches the instance that holds it then).
 */
class ElasticIpSshMoveTest {
  private static final int MOVES = 60;

  @TempDir Path home;

  @Test
  void a_moving_elastic_ip_never_refuses_an_ssh_connection() throws Exception {
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .sshPort(0)
            .sandbox(SandboxMode.OFF)
            .transition(Duration.ZERO)
            .log(null)
            .build()
            .start()) {
      Ec2 ec2 =
          Ec2.builder()
              .identity(
                  local
                      .identity("us-east-1")
                      .copy()
                      .keyName("mover")
                      .sshPort(local.sshPort())
                      .build())
              .build();
      Path key = Files.createDirectories(home.resolve(".ssh")).resolve("mover.pem");
      Files.writeString(
          key, ec2.keyPairs().create("mover", KeyType.ED25519).privateKey().orElseThrow() + "\n");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Operations ops = ec2.operations();
      String ami =
          ec2.images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      List<String> ids =
          ec2.instances().run(ami, 2, 2, RunOptions.builder().waitUntilRunning().build()).stream()
              .map(i -> i.instanceId())
              .toList();
      Map<String, Object> allocated = ops.call("AllocateAddress", Map.of("Domain", "vpc"));
      String allocation = (String) allocated.get("AllocationId");
      String ip = (String) allocated.get("PublicIp");
      associate(ops, allocation, ids.get(0));
      InetSocketAddress ssh = new InetSocketAddress(ip, local.sshPort());

      AtomicBoolean moving = new AtomicBoolean(true);
      AtomicInteger banners = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService probes = Executors.newFixedThreadPool(3);
      try {
        List<Future<?>> running =
            List.of(
                probes.submit(() -> probe(ssh, moving, banners, refused)),
                probes.submit(() -> probe(ssh, moving, banners, refused)),
                probes.submit(() -> probe(ssh, moving, banners, refused)));
        for (int move = 1; move <= MOVES; move++) {
          associate(ops, allocation, ids.get(move % 2));
        }
        moving.set(false);
        for (Future<?> f : running) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        probes.shutdownNow();
      }
      assertThat(refused.get()).as("connections refused during %d moves", MOVES).isZero();
      assertThat(banners.get()).as("SSH banners read").isPositive();
      assertThat(banner(ssh)).startsWith("SSH-2.0-");
      // a login at the address is the instance that holds it now (commands run in its directory)
      Instance holder = ec2.instances().find(ids.get(MOVES % 2)).orElseThrow();
      assertThat(holder.publicIpAddress()).isEqualTo(ip);
      try (Ssh helpers =
          Ssh.builder()
              .environment(Map.of("HOME", home.toString()))
              .connectTimeout(Duration.ofSeconds(5))
              .build()) {
        assertThat(helpers.sshCommandOutput(holder, "pwd").stdout().strip())
            .endsWith(holder.instanceId());
      }
    }
  }

  private static void associate(Operations ops, String allocation, String instanceId) {
    ops.call(
        "AssociateAddress",
        Map.of("AllocationId", allocation, "InstanceId", instanceId, "AllowReassociation", true));
  }

  /** Connects again and again while the address moves: a refusal is counted, a banner too. */
  private static void probe(
      InetSocketAddress ssh, AtomicBoolean moving, AtomicInteger banners, AtomicInteger refused) {
    while (moving.get()) {
      try {
        if (banner(ssh).startsWith("SSH-")) {
          banners.incrementAndGet();
        }
      } catch (ConnectException e) {
        refused.incrementAndGet();
      } catch (IOException e) {
        // accepted, then closed by a move before its banner: EC2 ends such a connection as well
      }
    }
  }

  /** The first line the SSH server at {@code ssh} sends. */
  private static String banner(InetSocketAddress ssh) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(ssh, 2000);
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      return new String(
              line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
          .strip();
    }
  }
}
