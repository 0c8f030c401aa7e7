package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.ssh.HostKeyCheck;
import dev.ec2kit.ssh.Load;
import dev.ec2kit.ssh.Outcome;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code query-load} on N emulated instances (default 100): ours against a loop of OpenSSH {@code
 * ssh} processes (the manual's way) and against {@code xargs -P 16 ssh}, first on new connections,
 * then repeated on open ones (ours: kept sessions; OpenSSH: ControlMaster). Medians of R rounds
 * (default 3), all in one run. Run: {@code java -cp bench/target/benchmarks.jar
 * dev.ec2kit.bench.SshBenchmark 100 3}.
 */
public final class SshBenchmark {
  private SshBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("ec2-ssh-bench-");
    try (Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).log(null).build().start()) {
      Ec2 plain = Ec2.builder().identity(local.identity("us-east-1")).build();
      Path key = dir.resolve("bench.pem");
      Files.writeString(
          key, plain.createKeyPair("bench", KeyType.ED25519).privateKey().orElseThrow() + "\n");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Ec2 ec2 =
          plain.withIdentity(
              local
                  .identity("us-east-1")
                  .copy()
                  .keyName("bench")
                  .sshUser("ec2-user")
                  .sshIdentityFile(key)
                  .sshPort(local.sshPort())
                  .build());
      String ami =
          ec2.describeImages(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      List<Instance> fleet = ec2.runInstances(ami, n, n);
      Path hosts = dir.resolve("hosts");
      Files.write(hosts, fleet.stream().map(Instance::publicIpAddress).toList());
      String opts =
          "-i "
              + key
              + " -p "
              + local.sshPort()
              + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
              + " -o BatchMode=yes -o LogLevel=ERROR";
      String mux =
          opts + " -o ControlMaster=auto -o ControlPath=" + dir + "/cm-%h -o ControlPersist=300";
      Path knownHosts = dir.resolve("known_hosts");

      List<Long> oursNew = new ArrayList<>();
      List<Long> oursOpen = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        Files.deleteIfExists(knownHosts);
        try (Ssh ssh =
            Ssh.builder().knownHosts(knownHosts).hostKeyCheck(HostKeyCheck.ACCEPT_NEW).build()) {
          oursNew.add(time(() -> check(ssh.queryLoad(fleet), n)));
          for (int k = 0; k < 3; k++) {
            oursOpen.add(time(() -> check(ssh.queryLoad(fleet), n)));
          }
        }
      }
      List<Long> loopNew =
          times(
              rounds,
              "while read h; do ssh " + opts + " ec2-user@$h uptime </dev/null; done < " + hosts);
      List<Long> xargsNew =
          times(rounds, "xargs -P 16 -I{} ssh " + opts + " ec2-user@{} uptime < " + hosts);
      shell(
          "while read h; do ssh "
              + mux
              + " ec2-user@$h true </dev/null; done < "
              + hosts); // open the masters
      List<Long> loopOpen =
          times(
              rounds,
              "while read h; do ssh " + mux + " ec2-user@$h uptime </dev/null; done < " + hosts);
      List<Long> xargsOpen =
          times(rounds, "xargs -P 16 -I{} ssh " + mux + " ec2-user@{} uptime < " + hosts);
      shell(
          "while read h; do ssh "
              + mux
              + " -O exit ec2-user@$h 2>/dev/null; done < "
              + hosts
              + "; true");

      long on = median(oursNew);
      long oo = median(oursOpen);
      System.out.printf(
          "query-load on %d emulated instances, medians of %d rounds (ms)%n", n, rounds);
      System.out.println("| how | new connections | open connections |");
      System.out.println("|---|---|---|");
      System.out.printf("| ours (Ssh.queryLoad, 16 at a time) | %d | %d |%n", on, oo);
      System.out.printf(
          "| OpenSSH ssh in a loop (the manual's way) | %d | %d |%n",
          median(loopNew), median(loopOpen));
      System.out.printf(
          "| OpenSSH xargs -P 16 ssh | %d | %d |%n", median(xargsNew), median(xargsOpen));
      System.out.printf(
          "Ratios: loop/ours %.1fx and xargs/ours %.1fx on new connections; loop/ours %.1fx repeated"
              + " (loop on new connections / ours on open ones: %.1fx).%n",
          median(loopNew) / (double) on,
          median(xargsNew) / (double) on,
          median(loopOpen) / (double) oo,
          median(loopNew) / (double) oo);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long check(List<Outcome<Load>> loads, int n) {
    long ok = loads.stream().filter(Outcome::ok).count();
    if (ok != n) {
      throw new IllegalStateException(
          (n - ok) + " instances failed: " + loads.stream().filter(o -> !o.ok()).findFirst());
    }
    return ok;
  }

  private static long time(LongSupplier work) {
    long start = System.nanoTime();
    work.getAsLong();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static List<Long> times(int rounds, String pipeline) throws Exception {
    List<Long> out = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      shell(pipeline);
      out.add((System.nanoTime() - start) / 1_000_000);
    }
    return out;
  }

  private static void shell(String pipeline) throws Exception {
    Process p =
        new ProcessBuilder("/bin/bash", "-c", pipeline)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err =
        new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("`" + pipeline + "` failed: " + err);
    }
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
