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
   * {@link #then}, except that with nothing under way for the instance {@code task} (a kill, which
   * takes milliseconds, or a removal) runs at once, so an instance whose sandbox is idle is stopped
   * or gone when the call that asked for it answers.
   */
  void thenOrNow(String instanceId, Runnable task, Executor executor) {
    CompletableFuture<Void> last = ends.get(instanceId);
    if (last != null && !last.isDone()) {
      then(instanceId, task, executor);
      return;
    }
    try {
      task.run();
      ends.put(instanceId, CompletableFuture.completedFuture(null));
    } catch (RuntimeException e) {
      ends.put(instanceId, CompletableFuture.failedFuture(e));
    }
  }

  /** Appends {@code task} to the instance's line of work, run on {@code executor} in its turn. */
  void then(String instanceId, Runnable task, Executor executor) {
    CompletableFuture<Void> last =
        ends.getOrDefault(instanceId, CompletableFuture.completedFuture(null));
    ends.put(
        instanceId,
        last.handleAsync(
            (v, e) -> {
              task.run();
              return null;
            },
            executor));
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
