package dev.ec2kit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to wait for instances: poll every {@code interval} (the manual's {@code :sleep}, 2 s by
 * default), multiplying the interval by {@code backoff} after each poll up to {@code maxInterval},
 * and give up after {@code timeout}. {@code progress} receives the manual's verbose lines.
 *
 * <pre>{@code
 * WaitOptions.defaults().timeout(Duration.ofMinutes(5)).progress(System.out::println)
 * }</pre>
 */
public record WaitOptions(
    Duration interval,
    double backoff,
    Duration maxInterval,
    Duration timeout,
    Consumer<String> progress) {
  public WaitOptions {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    Objects.requireNonNull(timeout, "timeout");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    if (!(backoff >= 1.0) || backoff > 10) {
      throw new IllegalArgumentException("backoff must be from 1.0 (none) to 10, got " + backoff);
    }
    if (maxInterval.compareTo(interval) < 0) {
      throw new IllegalArgumentException(
          "maxInterval must be at least interval, got " + maxInterval + " < " + interval);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
  }

  /** Every 2 s, no backoff, 10 minutes at most, silent. */
  public static WaitOptions defaults() {
    return new WaitOptions(
        Duration.ofSeconds(2), 1.0, Duration.ofSeconds(30), Duration.ofMinutes(10), null);
  }

  public WaitOptions interval(Duration value) {
    return new WaitOptions(
        value, backoff, value.compareTo(maxInterval) > 0 ? value : maxInterval, timeout, progress);
  }

  public WaitOptions backoff(double factor, Duration max) {
    return new WaitOptions(interval, factor, max, timeout, progress);
  }

  public WaitOptions timeout(Duration value) {
    return new WaitOptions(interval, backoff, maxInterval, value, progress);
  }

  public WaitOptions progress(Consumer<String> value) {
    return new WaitOptions(interval, backoff, maxInterval, timeout, value);
  }
}
