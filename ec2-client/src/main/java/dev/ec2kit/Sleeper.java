package dev.ec2kit;

import java.time.Duration;

/** Waits; replaced in tests so that nothing sleeps for real. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
