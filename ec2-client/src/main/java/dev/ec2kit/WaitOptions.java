package dev.ec2kit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to wait for instances, volumes or snapshots: poll every {@code interval} (the manual's {@code
 * :sleep}, 2 s by default), multiplying the interval by {@code backoff} after each poll up to
 * {@code maxInterval}, and give up after {@code timeout}. {@code progress} receives the manual's
 * verbose lines.
 *
 * <pre>{@code
 * WaitOptions.defaults().timeout(Duration.ofMinutes(5)).progress(System.out::println)
 * }</pre>
 *
 * @param interval the time between the first polls; positive
 * @param backoff the factor the interval grows by after each poll, from 1.0 (none) to 10
 * @param maxInterval the longest interval the backoff reaches; at least {@code interval}
 * @param timeout how long to wait in all before giving up; zero polls once
 * @param progress receives a line per resource not yet there at each poll, or {@code null}
 */
public record WaitOptions(
    Duration interval,
    double backoff,
    Duration maxInterval,
    Duration timeout,
    Consumer<String> progress) {
  /**
   * Checks the durations and the backoff.
   *
   * @param interval the time between the first polls
   * @param backoff the growth factor of the interval
   * @param maxInterval the longest interval
   * @param timeout how long to wait in all
   * @param progress where progress lines go, or {@code null}
   * @throws NullPointerException when a duration is null
   * @throws IllegalArgumentException when {@code interval} is not positive, {@code backoff} is not
   *     from 1.0 to 10, {@code maxInterval} is below {@code interval}, or {@code timeout} is
   *     negative
   */
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

  /**
   * The defaults: every 2 s, no backoff, 10 minutes at most, silent.
   *
   * @return the default options
   */
  public static WaitOptions defaults() {
    return new WaitOptions(
        Duration.ofSeconds(2), 1.0, Duration.ofSeconds(30), Duration.ofMinutes(10), null);
  }

  /**
   * These options polling every {@code value}; {@code maxInterval} is raised to it when below.
   *
   * @param value the new interval; positive
   * @return new options
   * @throws NullPointerException when {@code value} is null
   * @throws IllegalArgumentException when {@code value} is not positive
   */
  public WaitOptions interval(Duration value) {
    return new WaitOptions(
        value, backoff, value.compareTo(maxInterval) > 0 ? value : maxInterval, timeout, progress);
  }

  /**
   * These options with the interval multiplied by {@code factor} after each poll, up to {@code
   * max}.
   *
   * @param factor the growth factor, from 1.0 (none) to 10
   * @param max the longest interval; at least the interval
   * @return new options
   * @throws IllegalArgumentException when {@code factor} or {@code max} is out of range
   */
  public WaitOptions backoff(double factor, Duration max) {
    return new WaitOptions(interval, factor, max, timeout, progress);
  }

  /**
   * These options giving up after {@code value} in all.
   *
   * @param value the timeout; zero or more (zero polls once)
   * @return new options
   * @throws IllegalArgumentException when {@code value} is negative
   */
  public WaitOptions timeout(Duration value) {
    return new WaitOptions(interval, backoff, maxInterval, value, progress);
  }

  /**
   * These options reporting progress to {@code value}: at each poll, a line per resource not yet in
   * the wanted state, with the state it is in.
   *
   * @param value where the lines go, or {@code null} for silence
   * @return new options
   */
  public WaitOptions progress(Consumer<String> value) {
    return new WaitOptions(interval, backoff, maxInterval, timeout, value);
  }
}
