package dev.ec2kit.local.internal.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Where mount requests are answered: each instance's in turn, on a line of its own, and the lines
 * of different instances side by side on a few threads, so that one instance's long filesystem
 * check delays no other's mounts (unless {@link #THREADS} instances are checking at once: each
 * check has its limit, under the instance's wait). An instance asked for again while its line runs
 * is answered once more after (its requests are read from its spool, all of them each time).
 */
final class MountLines {
  /** How many instances' requests are answered at once. */
  static final int THREADS = 4;

  private final Consumer<String> answer;
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          THREADS,
          r -> {
            Thread t = new Thread(r, "ec2-local-mounts");
            t.setDaemon(true);
            return t;
          });

  /** Instances whose line runs now. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** Instances with requests not yet looked for. */
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  /** {@code answer} answers an instance's requests (all those in its spool). */
  MountLines(Consumer<String> answer) {
    this.answer = answer;
  }

  /** The instance has new requests: answered on its line, never in the caller. */
  void ask(String instanceId) {
    asked.add(instanceId);
    if (running.add(instanceId)) {
      submit(instanceId);
    }
  }

  private void submit(String instanceId) {
    try {
      pool.execute(() -> drain(instanceId));
    } catch (RejectedExecutionException e) {
      running.remove(instanceId); // shut down: the emulator is closing
    }
  }

  private void drain(String instanceId) {
    try {
      while (asked.remove(instanceId)) {
        answer.accept(instanceId);
      }
    } finally {
      running.remove(instanceId);
      // asked again between the last look and the line's end: it runs once more
      if (asked.contains(instanceId) && running.add(instanceId)) {
        submit(instanceId);
      }
    }
  }

  /** Stops its threads (a check under way is killed with its program's time limit). */
  void shutdown() {
    pool.shutdownNow();
  }
}
