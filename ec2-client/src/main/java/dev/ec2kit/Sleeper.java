package dev.ec2kit;

import java.time.Duration;

/**
 * Waits between retries and polls; replaced in tests so that nothing sleeps for real.
 *
 * <pre>{@code
 * List<Duration> slept = new ArrayList<>();
 * Ec2 ec2 = Ec2.builder().sleeper(slept::add).build();   // records the waits, returns at once
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait
   * @throws InterruptedException when the thread is interrupted while waiting; the client then ends
   *     the call with an {@link java.io.UncheckedIOException} caused by an {@link
   *     java.io.InterruptedIOException}, keeping the thread's interrupt status set
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real one: {@link Thread#sleep(long)} for the duration's whole milliseconds.
   *
   * @return a sleeper that blocks the calling thread
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
