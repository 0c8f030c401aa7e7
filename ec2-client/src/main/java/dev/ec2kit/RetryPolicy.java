package dev.ec2kit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How often and how patiently a call is retried, after the AWS SDKs' retry modes: at most {@code
 * maxAttempts} sends, waiting a random time between zero and {@code min(maxDelay, base *
 * 2^(retry-1))} before each retry ("full jitter"), where {@code base} is {@code throttledBaseDelay}
 * after a throttling error and {@code baseDelay} otherwise.
 *
 * <p>What is retried: throttling ({@code RequestLimitExceeded} and the SDKs' other throttling
 * codes, HTTP 429) and connections that failed before the request was sent, for every call; server
 * faults (5xx) and connections lost after sending only for calls that are safe to repeat (reads,
 * and calls that carry a ClientToken). A call that is not safe to repeat is never sent twice.
 *
 * <ul>
 *   <li>{@link Mode#STANDARD}: as the SDKs' {@code standard} mode, with their retry quota (a bucket
 *       of 500 shared by a client's calls: a retry costs 5, one after a timeout 10, a success gives
 *       back what its retries cost), so an outage does not multiply the load on the service.
 *   <li>{@link Mode#ADAPTIVE}: standard, plus a client-side rate limiter that slows down after
 *       throttling and speeds up again as calls succeed (the SDKs' {@code adaptive} mode).
 *   <li>{@link Mode#LEGACY}: no retry quota, as the SDKs' {@code legacy} mode.
 * </ul>
 *
 * <pre>{@code
 * Ec2 ec2 = Ec2.builder().retryPolicy(RetryPolicy.adaptive().withMaxAttempts(8)).build();
 * }</pre>
 *
 * <p>Settings read the way the SDKs read them: {@code AWS_RETRY_MODE} / {@code retry_mode} and
 * {@code AWS_MAX_ATTEMPTS} / {@code max_attempts} in the profile.
 *
 * @param mode the retry mode
 * @param maxAttempts how many times a call is sent at most, the first included; at least 1
 * @param baseDelay the base of the backoff after an error that is not throttling
 * @param throttledBaseDelay the base of the backoff after throttling
 * @param maxDelay the longest wait before a retry
 */
public record RetryPolicy(
    Mode mode,
    int maxAttempts,
    Duration baseDelay,
    Duration throttledBaseDelay,
    Duration maxDelay) {

  /** The SDKs' retry modes. */
  public enum Mode {
    /** The SDKs' {@code standard} mode: retries within a retry quota. */
    STANDARD,
    /** The SDKs' {@code adaptive} mode: standard, plus a client-side rate limiter. */
    ADAPTIVE,
    /** The SDKs' {@code legacy} mode: retries without a retry quota. */
    LEGACY;

    /**
     * The mode named as AWS_RETRY_MODE spells it; case and surrounding spaces do not matter.
     *
     * @param name {@code standard}, {@code adaptive} or {@code legacy}
     * @return the mode of that name
     * @throws IllegalArgumentException when it is none of these
     * @throws NullPointerException when {@code name} is null
     */
    public static Mode fromName(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "retry mode '" + name + "' is not standard, adaptive or legacy");
      }
    }
  }

  /**
   * Checks the policy.
   *
   * @param mode the retry mode
   * @param maxAttempts how many times a call is sent at most; at least 1
   * @param baseDelay the backoff's base after an error that is not throttling; not negative
   * @param throttledBaseDelay the backoff's base after throttling; not negative
   * @param maxDelay the longest wait; at least both bases
   * @throws NullPointerException when the mode or a delay is null
   * @throws IllegalArgumentException when {@code maxAttempts} is below 1, a delay is negative or
   *     {@code maxDelay} is below a base delay
   */
  public RetryPolicy {
    Objects.requireNonNull(mode, "mode");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(throttledBaseDelay, "throttledBaseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative()
        || throttledBaseDelay.isNegative()
        || maxDelay.compareTo(baseDelay) < 0
        || maxDelay.compareTo(throttledBaseDelay) < 0) {
      throw new IllegalArgumentException(
          "delays must not be negative and maxDelay must be at least the base"
              + " delays, got "
              + baseDelay
              + ", "
              + throttledBaseDelay
              + " and "
              + maxDelay);
    }
  }

  /**
   * Standard mode with one base delay for every retry, throttled or not.
   *
   * @param maxAttempts how many times a call is sent at most; at least 1
   * @param baseDelay the backoff's base; not negative
   * @param maxDelay the longest wait; at least {@code baseDelay}
   * @throws NullPointerException when a delay is null
   * @throws IllegalArgumentException when {@code maxAttempts} is below 1, a delay is negative or
   *     {@code maxDelay} is below {@code baseDelay}
   */
  public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    this(Mode.STANDARD, maxAttempts, baseDelay, baseDelay, maxDelay);
  }

  /**
   * The SDKs' standard mode: 3 attempts, 100 ms base delay (500 ms after throttling), 20 s cap, a
   * retry quota.
   *
   * @return the policy; the default when the settings name none
   */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        Mode.STANDARD, 3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(20));
  }

  /**
   * Standard, plus a client-side rate limiter that backs off after throttling.
   *
   * @return the policy: 3 attempts, 100 ms base delay (500 ms after throttling), 20 s cap
   */
  public static RetryPolicy adaptive() {
    return new RetryPolicy(
        Mode.ADAPTIVE, 3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(20));
  }

  /**
   * The SDKs' legacy mode: 5 attempts, no retry quota.
   *
   * @return the policy: 5 attempts, 100 ms base delay (500 ms after throttling), 20 s cap
   */
  public static RetryPolicy legacy() {
    return new RetryPolicy(
        Mode.LEGACY, 5, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(20));
  }

  /**
   * One attempt, no retry.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return new RetryPolicy(Mode.STANDARD, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The defaults of a mode: {@link #standard()}, {@link #adaptive()} or {@link #legacy()}.
   *
   * @param mode the mode
   * @return that mode's default policy
   * @throws NullPointerException when {@code mode} is null
   */
  public static RetryPolicy of(Mode mode) {
    return switch (mode) {
      case STANDARD -> standard();
      case ADAPTIVE -> adaptive();
      case LEGACY -> legacy();
    };
  }

  /**
   * This policy with another number of attempts.
   *
   * @param value how many times a call is sent at most, the first included
   * @return a new policy
   * @throws IllegalArgumentException when {@code value} is below 1
   */
  public RetryPolicy withMaxAttempts(int value) {
    return new RetryPolicy(mode, value, baseDelay, throttledBaseDelay, maxDelay);
  }

  /**
   * The longest wait before retry number {@code retry} (1 for the first retry), not after
   * throttling.
   *
   * @param retry the retry's number, from 1
   * @return {@code min(maxDelay, baseDelay * 2^(retry-1))}; the wait is drawn from zero to it
   */
  public Duration ceiling(int retry) {
    return ceiling(retry, false);
  }

  /**
   * The longest wait before retry number {@code retry}; {@code throttled} after a throttling error.
   *
   * @param retry the retry's number, from 1
   * @param throttled whether the error before it was throttling
   * @return {@code min(maxDelay, base * 2^(retry-1))}, the base being {@code throttledBaseDelay} or
   *     {@code baseDelay}; the wait is drawn from zero to it
   */
  public Duration ceiling(int retry, boolean throttled) {
    long base = (throttled ? throttledBaseDelay : baseDelay).toMillis();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long ceiling = base << shift;
    if (ceiling < 0 || ceiling > maxDelay.toMillis()) {
      ceiling = maxDelay.toMillis();
    }
    return Duration.ofMillis(ceiling);
  }
}
