package dev.ec2kit;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a call is retried: at most {@code maxAttempts} sends, waiting a
 * random time between zero and {@code min(maxDelay, baseDelay * 2^retry)} before each retry
 * ("full jitter"). Throttling and connection failures are retried for every call; server faults
 * only for calls that are safe to repeat.
 *
 * <pre>{@code
 * Ec2 ec2 = Ec2.builder().retryPolicy(new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(20))).build();
 * }</pre>
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "baseDelay must be positive and maxDelay at least baseDelay, got "
              + baseDelay + " and " + maxDelay);
    }
  }

  /** Five attempts, 100 ms base delay, 20 s cap: the AWS SDKs' defaults for EC2-style services. */
  public static RetryPolicy standard() {
    return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(20));
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /** The longest wait before retry number {@code retry} (1 for the first retry). */
  public Duration ceiling(int retry) {
    long base = baseDelay.toMillis();
    int shift = Math.min(retry - 1, 30);
    long ceiling = base << shift;
    if (ceiling < 0 || ceiling > maxDelay.toMillis()) {
      ceiling = maxDelay.toMillis();
    }
    return Duration.ofMillis(ceiling);
  }
}
