package dev.ec2kit.internal.query;

import dev.ec2kit.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * The adaptive retry mode's client-side rate limiter, after the AWS SDKs' (CUBIC): off until the
 * first throttling answer; then sends are paced by a token bucket whose rate drops to 70% of the
 * measured send rate at each throttle and grows back along a cubic curve as calls succeed.
 */
final class RateLimiter {
  private static final double BETA = 0.7;
  private static final double SCALE = 0.4;
  private static final double SMOOTH = 0.8;
  private static final double MIN_RATE = 0.5;
  private static final double BUCKET_SECONDS = 0.5;

  private final Clock clock;
  private final Sleeper sleeper;
  private boolean enabled;
  private double fillRate;
  private double capacity;
  private double tokens;
  private double lastRefill = -1;
  private double lastMaxRate;
  private double lastThrottle;
  private double measuredRate;
  private double bucketStart = -1;
  private int bucketCount;

  RateLimiter(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  /** Waits, when enabled, until the bucket holds a token for the next send. */
  void acquire() throws InterruptedException {
    double wait;
    synchronized (this) {
      if (!enabled) {
        return;
      }
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      wait = (1 - tokens) / fillRate;
      tokens = 0;
    }
    sleeper.sleep(Duration.ofMillis((long) Math.ceil(wait * 1000)));
  }

  /** After each answer: {@code throttled} when it was a throttling error. */
  synchronized void update(boolean throttled) {
    double t = now();
    measure(t);
    double rate;
    if (throttled) {
      double base = enabled ? Math.min(measuredRate, fillRate) : measuredRate;
      lastMaxRate = Math.max(base, MIN_RATE);
      lastThrottle = t;
      rate = lastMaxRate * BETA;
      enabled = true;
    } else {
      double k = Math.cbrt(lastMaxRate * (1 - BETA) / SCALE);
      rate = SCALE * Math.pow(t - lastThrottle - k, 3) + lastMaxRate;
    }
    setRate(Math.min(rate, 2 * Math.max(measuredRate, MIN_RATE)));
  }

  private void measure(double t) {
    if (bucketStart < 0) {
      bucketStart = t;
    }
    bucketCount++;
    if (t - bucketStart >= BUCKET_SECONDS) {
      double current = bucketCount / (t - bucketStart);
      measuredRate = current * SMOOTH + measuredRate * (1 - SMOOTH);
      bucketCount = 0;
      bucketStart = t;
    }
  }

  private void setRate(double rate) {
    refill();
    fillRate = Math.max(rate, MIN_RATE);
    capacity = Math.max(fillRate, 1);
    tokens = Math.min(tokens, capacity);
  }

  private void refill() {
    double t = now();
    if (lastRefill >= 0 && fillRate > 0) {
      tokens = Math.min(capacity, tokens + (t - lastRefill) * fillRate);
    }
    lastRefill = t;
  }

  synchronized boolean enabled() {
    return enabled;
  }

  synchronized double fillRate() {
    return fillRate;
  }
}
