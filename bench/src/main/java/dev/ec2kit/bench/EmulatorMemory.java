package dev.ec2kit.bench;

/**
 * Heap the emulator holds per instance: used heap after a full GC, before and after launching
 * {@code N} instances (default 100,000). Run: {@code java -cp bench/target/benchmarks.jar
 * dev.ec2kit.bench.EmulatorMemory 100000}.
 */
public final class EmulatorMemory {
  private EmulatorMemory() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long before = usedAfterGc();
    long start = System.nanoTime();
    try (Fleet fleet = new Fleet(n)) {
      long launchMillis = (System.nanoTime() - start) / 1_000_000;
      long after = usedAfterGc();
      System.out.printf(
          "instances: %d%nlaunch time: %d ms (%d RunInstances calls of 1000)%n",
          n, launchMillis, (n + 999) / 1000);
      System.out.printf(
          "heap held: %.1f MiB, %.0f bytes per instance%n",
          (after - before) / 1048576.0, (after - before) / (double) n);
      Summary.row(
          "Emulator heap per instance at " + n,
          String.format("%.0f bytes", (after - before) / (double) n),
          "-",
          "-",
          "reported",
          true);
      if (fleet.ec2.instances().describe().size() != n) {
        throw new IllegalStateException("fleet lost instances");
      }
    }
  }

  /** Heap in use after three full collections. */
  static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
