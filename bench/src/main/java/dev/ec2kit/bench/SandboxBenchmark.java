package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.KeyType;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.SandboxMode;
import dev.ec2kit.ssh.CommandResult;
import dev.ec2kit.ssh.HostKeyCheck;
import dev.ec2kit.ssh.Outcome;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Sandboxed instances measured (issue 21): launch-to-SSH-ready, from RunInstances' call to the
 * first {@code true} that SSH runs as the image's user, for one instance (median of S launches,
 * with the ec2-ssh client and with OpenSSH's {@code ssh}) and for batches launched at once (time
 * until all answer); the host memory one idle sandbox takes with B of them running (its processes'
 * proportional set size and page tables, its in-memory filesystems, the emulator's heap per
 * instance); and that B run at once on this machine, answer SSH, and leave no process, mount, loop
 * device or directory once terminated. The peer, measured the same way with the same clients, is
 * {@link SandboxPeer}: hand-made sandboxes (network namespace, unshare, overlayfs, chroot) with
 * OpenSSH's {@code sshd} in each. Run as root: {@code java -cp bench/target/benchmarks.jar
 * dev.ec2kit.bench.SandboxBenchmark 7 10 100} (7 single launches, batches of 10 and 100; the memory
 * and the leftovers are measured at the largest batch).
 */
public final class SandboxBenchmark {
  private static final Duration READY_WITHIN = Duration.ofMinutes(5);

  /**
   * MINA's logger, quietened (held here, so it is not collected with its level): a client closing
   * after {@code true} is logged by the emulator's SSH front as a warning, noise in a benchmark.
   */
  private static final java.util.logging.Logger MINA =
      java.util.logging.Logger.getLogger("org.apache.sshd");

  private SandboxBenchmark() {}

  /** One side's figures: single launches (ms), batches (ms until all answered), memory. */
  record Side(
      List<Long> singleLib,
      List<Long> singleOpenSsh,
      List<Long> batches,
      SandboxHost.Memory memory,
      String leftovers,
      long describeWhileBooting) {}

  public static void main(String[] args) throws Exception {
    int singles = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int[] batches =
        args.length > 1
            ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {10, 100};
    int most = Arrays.stream(batches).max().orElseThrow();
    if (singles < 1 || most < 1 || most > 250) {
      throw new IllegalArgumentException("single launches >= 1, batches 1 to 250");
    }
    MINA.setLevel(java.util.logging.Level.SEVERE);
    Path dir = Files.createTempDirectory("ec2-sandbox-bench-");
    try {
      Side ours = emulator(dir.resolve("emulator"), singles, batches, most);
      Side peer = peer(dir.resolve("peer"), singles, batches, most);
      report(ours, peer, singles, batches, most);
    } finally {
      Shell.run("rm -rf " + SandboxPeer.quote(dir.toString()));
    }
  }

  /** The emulator's sandboxes, launched by RunInstances and reached on their SSH front. */
  private static Side emulator(Path dir, int singles, int[] batches, int most) throws Exception {
    Files.createDirectories(dir);
    int loopsBefore = SandboxHost.loopDevices();
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .sandbox(SandboxMode.ON)
            .log(null)
            .build()
            .start()) {
      Ec2 plain = Ec2.builder().identity(local.identity("us-east-1")).build();
      Path key = dir.resolve("bench.pem");
      Files.writeString(
          key, plain.keyPairs().create("bench", KeyType.ED25519).privateKey().orElseThrow() + "\n");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Ec2 ec2 =
          plain.withIdentity(
              plain
                  .identity()
                  .copy()
                  .keyName("bench")
                  .sshUser("ec2-user")
                  .sshIdentityFile(key)
                  .build());
      String ami = Fleet.linux(ec2);
      String openssh = SandboxHost.openssh(key, local.sshPort());
      // the first boot of an image makes its layer, and the first calls warm the JVM: not counted
      long first = launchToReady(ec2, ami, 1, dir, i -> null);
      System.out.printf("first launch (makes the image's layer, warms up): %d ms%n", first);
      List<Long> lib = new ArrayList<>();
      List<Long> ssh = new ArrayList<>();
      for (int r = 0; r < singles; r++) {
        lib.add(launchToReady(ec2, ami, 1, dir, i -> null));
        ssh.add(launchToReady(ec2, ami, 1, dir, i -> openssh + " ec2-user@" + i.publicIpAddress()));
      }
      List<Long> times = new ArrayList<>();
      SandboxHost.Memory memory = null;
      String leftovers = null;
      long describeMs = -1;
      for (int n : batches) {
        if (n != most) {
          times.add(launchToReady(ec2, ami, n, dir, i -> null));
          continue;
        }
        // made and connected before the count of file descriptors, which it would add to
        Ec2 patient =
            Ec2.builder().identity(ec2.identity()).callTimeout(Duration.ofMinutes(10)).build();
        patient.regions().describe();
        SandboxHost.Before before = SandboxHost.before();
        long start = System.nanoTime();
        List<Instance> fleet = launch(ec2, ami, n);
        // the API while they boot: one DescribeInstances, on a thread of its own, by a client
        // that waits as long as it takes (the default gives up after 30 s)
        java.util.concurrent.CompletableFuture<Long> describe =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  long t = System.nanoTime();
                  patient.instances().describe();
                  return (System.nanoTime() - t) / 1_000_000;
                });
        awaitSsh(fleet, dir);
        times.add((System.nanoTime() - start) / 1_000_000);
        describeMs = describe.join();
        memory = SandboxHost.memory(before, n);
        long stop = System.nanoTime();
        ec2.instances().terminate(fleet);
        leftovers = SandboxHost.gone(memory, loopsBefore, before.fds(), stop);
      }
      return new Side(lib, ssh, times, memory, leftovers, describeMs);
    }
  }

  /** The peer's sandboxes, each started by hand and reached at its own address on port 22. */
  private static Side peer(Path dir, int singles, int[] batches, int most) throws Exception {
    Files.createDirectories(dir);
    Path key = SandboxPeer.clientKey(dir);
    try (SandboxPeer peer =
        SandboxPeer.create(dir, key.resolveSibling(key.getFileName() + ".pub"))) {
      String openssh = SandboxHost.openssh(key, 22);
      List<String> all = new ArrayList<>();
      for (int i = 1; i <= Math.max(most, 1); i++) {
        all.add(SandboxPeer.address(i));
      }
      List<Instance> instances = Fleet.instancesAt(all, "ec2-user", key);
      peerReady(peer, instances.subList(0, 1), dir, null); // warms up, not counted
      List<Long> lib = new ArrayList<>();
      List<Long> ssh = new ArrayList<>();
      for (int r = 0; r < singles; r++) {
        lib.add(peerReady(peer, instances.subList(0, 1), dir, null));
        ssh.add(peerReady(peer, instances.subList(0, 1), dir, openssh));
      }
      List<Long> times = new ArrayList<>();
      SandboxHost.Memory memory = null;
      for (int n : batches) {
        List<Instance> batch = instances.subList(0, n);
        if (n != most) {
          times.add(peerReady(peer, batch, dir, null));
          continue;
        }
        SandboxHost.Before before = SandboxHost.before();
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
          peer.start(i);
        }
        awaitSsh(batch, dir);
        times.add((System.nanoTime() - start) / 1_000_000);
        memory = SandboxHost.peerMemory(before, peer, n);
        peer.stopAll();
      }
      return new Side(lib, ssh, times, memory, null, -1);
    }
  }

  /** Starts the peer's sandboxes for {@code batch}, times them until all answer, stops them. */
  private static long peerReady(SandboxPeer peer, List<Instance> batch, Path dir, String openssh)
      throws Exception {
    long start = System.nanoTime();
    for (int i = 1; i <= batch.size(); i++) {
      peer.start(i);
    }
    if (openssh == null) {
      awaitSsh(batch, dir);
    } else {
      awaitOpenSsh(openssh + " ec2-user@" + batch.get(0).publicIpAddress());
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    peer.stopAll();
    return ms;
  }

  /**
   * Launches {@code n}, times them until all answer ({@code openssh} gives one's OpenSSH command
   * line, or null for the ec2-ssh client), then terminates them.
   */
  private static long launchToReady(
      Ec2 ec2, String ami, int n, Path dir, java.util.function.Function<Instance, String> openssh)
      throws Exception {
    long start = System.nanoTime();
    List<Instance> fleet = launch(ec2, ami, n);
    String line = openssh.apply(fleet.get(0));
    if (line == null) {
      awaitSsh(fleet, dir);
    } else {
      awaitOpenSsh(line);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    ec2.instances().terminate(fleet);
    ec2.instances()
        .waitFor(
            fleet.get(0),
            InstanceState.TERMINATED,
            dev.ec2kit.WaitOptions.defaults().interval(Duration.ofMillis(50)));
    return ms;
  }

  /** RunInstances for {@code n}, not waiting: they as the call answered (pending, addressed). */
  private static List<Instance> launch(Ec2 ec2, String ami, int n) {
    List<Instance> fleet = ec2.instances().run(ami, n, n);
    for (Instance i : fleet) {
      if (i.publicIpAddress() == null) {
        throw new IllegalStateException(i.instanceId() + " has no address at launch");
      }
    }
    return fleet;
  }

  /** Tries {@code true} over the ec2-ssh client on every instance until each has run it. */
  private static void awaitSsh(List<Instance> fleet, Path dir) throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    Files.deleteIfExists(knownHosts);
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    try (Ssh ssh =
        Ssh.builder()
            .knownHosts(knownHosts)
            .hostKeyCheck(HostKeyCheck.ACCEPT_NEW)
            .concurrency(fleet.size())
            // long enough for a handshake with a busy front: a client that gives up after 2 s
            // and tries again, 100 at a time, keeps 2 cores busy with key exchanges it abandons
            .connectTimeout(Duration.ofSeconds(30))
            .commandTimeout(READY_WITHIN)
            .build()) {
      List<Outcome<CommandResult>> done =
          ssh.onEach(
              fleet,
              i -> {
                while (true) {
                  try {
                    CommandResult r = ssh.sshCommandOutput(i, "true");
                    if (r.succeeded()) {
                      return r;
                    }
                  } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                      throw e;
                    }
                  }
                  pause(10);
                }
              });
      for (Outcome<CommandResult> o : done) {
        if (!o.ok()) {
          throw new IllegalStateException(
              "no SSH on " + o.instance().instanceId() + ": " + o.error());
        }
      }
    }
  }

  /** Runs {@code line} (an OpenSSH command) with {@code true} until it exits 0. */
  private static void awaitOpenSsh(String line) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!Shell.ok(line + " true </dev/null")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no SSH: " + line);
      }
      pause(10);
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static void report(Side ours, Side peer, int singles, int[] batches, int most) {
    String peerName = "hand-made sandbox + `sshd`";
    System.out.printf(
        "%nlaunch to SSH-ready, ms (single: median of %d; min..max in brackets)%n", singles);
    System.out.println("| launch | emulator's sandbox | " + peerName + " |");
    System.out.println("|---|---|---|");
    System.out.printf(
        "| 1 instance, ec2-ssh client | %s | %s |%n",
        spread(ours.singleLib()), spread(peer.singleLib()));
    System.out.printf(
        "| 1 instance, OpenSSH `ssh` | %s | %s |%n",
        spread(ours.singleOpenSsh()), spread(peer.singleOpenSsh()));
    for (int k = 0; k < batches.length; k++) {
      System.out.printf(
          "| %d at once, until all answer (ec2-ssh) | %d | %d |%n",
          batches[k], ours.batches().get(k), peer.batches().get(k));
    }
    System.out.printf("%nmemory per idle sandbox with %d running, KiB%n", most);
    System.out.println("| part | emulator's sandbox | " + peerName + " |");
    System.out.println("|---|---|---|");
    ours.memory().rows(peer.memory()).forEach(System.out::println);
    System.out.println();
    System.out.println(ours.leftovers());
    System.out.printf(
        "DescribeInstances called just after launching %d: answered in %d ms%n",
        most, ours.describeWhileBooting());

    long o1 = median(ours.singleLib());
    long p1 = median(peer.singleLib());
    Summary.row(
        "Sandbox launch-to-SSH-ready, 1 instance (median of " + singles + ", ec2-ssh `true`)",
        o1 + " ms (OpenSSH `ssh` " + median(ours.singleOpenSsh()) + " ms)",
        peerName + " " + p1 + " ms (OpenSSH `ssh` " + median(peer.singleOpenSsh()) + " ms)",
        String.format("%.1fx", o1 / (double) p1),
        "reported",
        true);
    for (int k = 0; k < batches.length; k++) {
      long o = ours.batches().get(k);
      long p = peer.batches().get(k);
      Summary.row(
          "Sandbox launch-to-SSH-ready, " + batches[k] + " at once, until all answer",
          o + " ms",
          peerName + " " + p + " ms",
          String.format("%.1fx", o / (double) p),
          "reported",
          true);
    }
    SandboxHost.Memory m = ours.memory();
    SandboxHost.Memory pm = peer.memory();
    Summary.row(
        "Host memory per idle sandboxed instance, " + most + " running",
        String.format("%.0f KiB (%s)", m.perInstanceKib(), m.parts()),
        String.format("%s %.0f KiB (%s)", peerName, pm.perInstanceKib(), pm.parts()),
        String.format("%.1fx", m.perInstanceKib() / pm.perInstanceKib()),
        "reported",
        true);
    Summary.row(
        "DescribeInstances called just after launching " + most + " sandboxed instances",
        ours.describeWhileBooting() + " ms",
        "-",
        "-",
        "reported",
        true);
    boolean clean = ours.leftovers().startsWith("none left");
    Summary.row(
        most
            + " sandboxed instances at once on "
            + Runtime.getRuntime().availableProcessors()
            + " cores",
        most + "/" + most + " answered SSH; terminated: " + ours.leftovers(),
        "-",
        "-",
        "all answer; nothing left",
        clean);
  }

  private static String spread(List<Long> xs) {
    return median(xs) + " (" + Collections.min(xs) + ".." + Collections.max(xs) + ")";
  }
}
