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

  /** Each instance's end (see {@link #end}) while it is under way. */
  private final Map<String, CompletableFuture<Void>> ending = new ConcurrentHashMap<>();

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

  /**
   * Appends an instance's end (what its stop or termination asks for) to its line, which {@link
   * #ended} tells of; with {@code last} (it terminated) the line is forgotten once it is done.
   */
  void end(String instanceId, Runnable task, Executor executor, boolean last) {
    CompletableFuture<Void> end = then(instanceId, task, executor);
    ending.put(instanceId, end);
    end.whenComplete(
        (v, e) -> {
          ending.remove(instanceId, end);
          if (last) {
            ends.remove(instanceId, end);
          }
        });
  }

  /** Whether the instance's latest end asked for is done (or none was asked for). */
  boolean ended(String instanceId) {
    CompletableFuture<Void> end = ending.get(instanceId);
    return end == null || end.isDone();
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
