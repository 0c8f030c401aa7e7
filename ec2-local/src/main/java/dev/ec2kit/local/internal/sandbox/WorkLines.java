package dev.ec2kit.local.internal.sandbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Each instance's line of work: what was asked of its sandbox and disk (boots, kills, disk copies,
 * removal), run in the order it was asked for, each task on the executor it names; the lines of
 * different instances run side by side. A task that fails does not stop the line.
 */
final class WorkLines {
  /** The end of each instance's line: what was last asked of it. */
  private final Map<String, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();

  /**
   * Appends {@code task} to the instance's line of work, run on {@code executor} in its turn; the
   * future ends with it.
   */
  CompletableFuture<Void> then(String instanceId, Runnable task, Executor executor) {
    CompletableFuture<Void> last =
        ends.getOrDefault(instanceId, CompletableFuture.completedFuture(null));
    CompletableFuture<Void> next =
        last.handleAsync(
            (v, e) -> {
              task.run();
              return null;
            },
            executor);
    ends.put(instanceId, next);
    return next;
  }

  /** Forgets an instance's line (it terminated) if {@code end} is still its end. */
  void forget(String instanceId, CompletableFuture<Void> end) {
    ends.remove(instanceId, end);
  }

  /** Waits, {@code seconds} at most, for every line to reach its end. */
  void awaitAll(long seconds) {
    try {
      CompletableFuture.allOf(ends.values().toArray(CompletableFuture[]::new))
          .get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // what is left is the caller's to end
    }
  }
}
