package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.Transport;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.local.Ec2Local;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the client grows with the fleet: DescribeInstances calls in one waiter poll for N instances
 * (1, 100, 1,000, 5,000; target ceil(N/1000)), and the client's heap while describing 100,000
 * instances: {@code instances().forEach} in a client JVM capped at {@code -Xmx64m}, against the
 * list {@code instances().describe} returns, measured after a full GC. Run: {@code java -Xmx6g -cp
 * bench/target/benchmarks.jar dev.ec2kit.bench.Growth [INSTANCES]}.
 */
public final class Growth {
  private Growth() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("client")) {
      client(args[1], args[2]);
      return;
    }
    int big = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.println("| instances | DescribeInstances calls in one waiter poll | target |");
    System.out.println("|---|---|---|");
    List<String> got = new ArrayList<>();
    List<String> wanted = new ArrayList<>();
    boolean met = true;
    for (int n : new int[] {1, 100, 1000, 5000}) {
      long calls = callsPerPoll(n);
      long target = (n + 999) / 1000;
      System.out.printf(
          "| %d | %d | %d%s |%n", n, calls, target, calls <= target ? "" : " (not met)");
      got.add(Long.toString(calls));
      wanted.add(Long.toString(target));
      met &= calls <= target;
    }
    Summary.row(
        "Waiter: DescribeInstances calls per poll at 1 / 100 / 1,000 / 5,000 instances",
        String.join(" / ", got),
        "-",
        "-",
        String.join(" / ", wanted) + " (ceil(N/1000))",
        met);
    try (Fleet fleet = new Fleet(big)) {
      String endpoint = fleet.local.endpoint().toString();
      System.out.println();
      System.out.printf("Client heap while describing %d instances (a JVM of its own):%n", big);
      String stream = child("-Xmx64m", "stream", endpoint);
      System.out.println(stream);
      String list = child("-Xmx4g", "list", endpoint);
      System.out.println(list);
      boolean bounded = stream.startsWith("- `instances().forEach`: " + big + " instances");
      Summary.row(
          "Client heap while describing " + big + " instances",
          bounded
              ? "`instances().forEach` within -Xmx64m"
              : "`instances().forEach` failed in -Xmx64m",
          list.replaceFirst(
              "^- `instances().describe`: \\d+ instances in \\d+ ms; ", "`instances().describe`: "),
          "-",
          "bounded by a page",
          bounded);
    }
  }

  /**
   * Calls one poll of the waiter makes for n running instances launched in reservations of 1,000.
   */
  private static long callsPerPoll(int n) {
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .instanceLimit(Math.max(1000, n))
            .ssh(false)
            .log(null)
            .build()
            .start()) {
      AtomicLong describes = new AtomicLong();
      Transport jdk = Transport.jdk();
      Ec2 ec2 =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .transport(
                  r -> {
                    if (new String(r.body(), StandardCharsets.UTF_8)
                        .startsWith("Action=DescribeInstances&")) {
                      describes.incrementAndGet();
                    }
                    return jdk.send(r);
                  })
              .build();
      List<Instance> all = Fleet.launch(ec2, n, "growth");
      describes.set(0);
      ec2.instances()
          .waitFor(all, InstanceState.RUNNING, WaitOptions.defaults()); // one poll: running
      return describes.get();
    }
  }

  private static String child(String heap, String mode, String endpoint) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                heap,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Growth.class.getName(),
                "client",
                mode,
                endpoint)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return p.waitFor() == 0 ? out : mode + " " + heap + " failed: " + out;
  }

  /** The client side, in its own JVM: stream or list every instance, and report its heap. */
  private static void client(String mode, String endpoint) throws Exception {
    Ec2 ec2 =
        Ec2.builder()
            .identity(
                dev.ec2kit.Identity.builder()
                    .region(new dev.ec2kit.Region("us-east-1", java.net.URI.create(endpoint)))
                    .accessKey("test")
                    .secretAccessKey("test")
                    .build())
            .build();
    InstanceQuery all = InstanceQuery.builder().allStates().build();
    long max = Runtime.getRuntime().maxMemory() / 1048576;
    long start = System.nanoTime();
    if (mode.equals("stream")) {
      AtomicLong count = new AtomicLong();
      ec2.instances().forEach(all, i -> count.incrementAndGet());
      System.out.printf(
          "- `instances().forEach`: %d instances in %d ms, within -Xmx%dm%n",
          count.get(), (System.nanoTime() - start) / 1_000_000, max);
    } else {
      long before = EmulatorMemory.usedAfterGc();
      List<Instance> list = ec2.instances().describe(all);
      long took = (System.nanoTime() - start) / 1_000_000;
      long held = EmulatorMemory.usedAfterGc() - before;
      System.out.printf(
          "- `instances().describe`: %d instances in %d ms; the list holds %.0f MB (%.0f bytes per"
              + " instance)%n",
          list.size(), took, held / 1048576.0, held / (double) list.size());
    }
  }
}
