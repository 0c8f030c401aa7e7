package dev.ec2kit.local.internal.sandbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The sandboxes' own threads, all daemons, so nothing of theirs blocks a pool the JVM shares (the
 * common ForkJoin pool) or the emulator's calls: {@code launcher} starts sandboxes' processes (one
 * thread that lives as long as the emulator, which their parent-death signal is tied to), {@code
 * boots} runs instances' boots and disk steps, {@code ends} their kills and removals (waiting on
 * processes' ends, many side by side), {@code copies} copies disks for CreateImage, {@code
 * userData} runs user data and feeds its input, {@code events} tells of sandboxes ending, {@code
 * timer} bounds what is waited for.
 */
record Pools(
    ExecutorService launcher,
    ExecutorService boots,
    ExecutorService ends,
    ExecutorService copies,
    ExecutorService userData,
    ExecutorService events,
    ScheduledExecutorService timer) {

  /**
   * How many instances' kills and removals run at once: mostly waiting on processes' ends, so more
   * than the boots, and bounded.
   */
  static final int ENDS = 16;

  static Pools create() {
    return new Pools(
        Executors.newSingleThreadExecutor(daemons("ec2-local-sandboxes")),
        Executors.newFixedThreadPool(4, daemons("ec2-local-boot")),
        Executors.newFixedThreadPool(ENDS, daemons("ec2-local-halt")),
        Executors.newFixedThreadPool(2, daemons("ec2-local-capture")),
        Executors.newCachedThreadPool(daemons("ec2-local-cloud-init")),
        Executors.newSingleThreadExecutor(daemons("ec2-local-guest-events")),
        Executors.newSingleThreadScheduledExecutor(daemons("ec2-local-sandbox-timer")));
  }

  private static ThreadFactory daemons(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops them all, waiting a little for what runs to end. */
  void shutdown() {
    for (ExecutorService e :
        java.util.List.of(boots, ends, copies, userData, events, timer, launcher)) {
      e.shutdownNow();
    }
    try {
      boots.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
