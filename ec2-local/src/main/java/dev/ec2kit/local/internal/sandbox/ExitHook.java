package dev.ec2kit.local.internal.sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A close that runs once, at its owner's asking or at the JVM's shutdown (SIGTERM, SIGINT, {@code
 * System.exit}), whichever comes first: a program that embeds the emulator and does not close it
 * still has its sandboxes killed and its instances' temporary files removed. Registered at start,
 * removed at close; {@code ec2 local} has no hook but this one; a close asked while one runs waits
 * for it.
 */
final class ExitHook {
  private final Runnable close;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private ExitHook(Runnable close) {
    this.close = close;
    this.thread = new Thread(this::run, "ec2-local-exit");
  }

  /** {@code close} runs at the JVM's shutdown, unless {@link #run} ran it before. */
  static ExitHook register(Runnable close) {
    ExitHook h = new ExitHook(close);
    Runtime.getRuntime().addShutdownHook(h.thread);
    return h;
  }

  /** Runs the close once; a second caller waits for the first (90 s at most). */
  void run() {
    if (!started.compareAndSet(false, true)) {
      try {
        done.get(90, TimeUnit.SECONDS); // a wait of this caller's only: done itself never times out
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // the first close is its caller's; this one has waited long enough
      }
      return;
    }
    try {
      close.run();
    } finally {
      done.complete(null);
      if (Thread.currentThread() != thread) {
        try {
          Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook runs, and finds it closed
        }
      }
    }
  }
}
