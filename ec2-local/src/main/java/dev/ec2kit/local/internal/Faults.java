package dev.ec2kit.local.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Faults injected on purpose, so users can test their retry logic: throttling, 500s, answers lost
 * after the request was processed, and latency, drawn from a seeded random per request, for all
 * actions or some. Parsed from a spec such as {@code
 * seed=7,throttle=0.05,error=0.05,drop=0.1,latency=0-20,actions=RunInstances+CreateVolume}:
 *
 * <ul>
 *   <li>{@code throttle=P}: answer {@code RequestLimitExceeded} (503) with probability P;
 *   <li>{@code bucket=SIZE/RATE}: EC2's own throttling, a token bucket per account and action
 *       holding SIZE requests and refilled RATE per second; an empty bucket is {@code
 *       RequestLimitExceeded};
 *   <li>{@code error=P}: answer {@code InternalError} (500) without doing anything;
 *   <li>{@code drop=P}: do the request, then close the connection without an answer;
 *   <li>{@code latency=MS} or {@code latency=MIN-MAX}: wait that many milliseconds first;
 *   <li>{@code seed=N}: the random's seed (42 when not given); {@code actions=A+B}: only these.
 * </ul>
 */
public final class Faults {
  /** What happens to a request after it is processed. */
  public enum Outcome {
    NONE,
    DROP
  }

  public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0, 42, Set.of(), "none");

  private final double throttle;
  private final double error;
  private final double drop;
  private final int latencyMin;
  private final int latencyMax;
  private final double bucketSize;
  private final double bucketRate;
  private final Random random;
  private final Set<String> actions;
  private final String spec;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at = System.nanoTime();
  }

  private Faults(
      double throttle,
      double error,
      double drop,
      int latencyMin,
      int latencyMax,
      double bucketSize,
      double bucketRate,
      long seed,
      Set<String> actions,
      String spec) {
    this.throttle = throttle;
    this.error = error;
    this.drop = drop;
    this.latencyMin = latencyMin;
    this.latencyMax = latencyMax;
    this.bucketSize = bucketSize;
    this.bucketRate = bucketRate;
    this.random = new Random(seed);
    this.actions = actions;
    this.spec = spec;
  }

  /**
   * Reads a spec (see the class comment); a bad one is an IllegalArgumentException naming the part.
   */
  public static Faults parse(String spec) {
    if (spec == null || spec.isBlank() || spec.equals("none")) {
      return NONE;
    }
    double throttle = 0;
    double error = 0;
    double drop = 0;
    int latencyMin = 0;
    int latencyMax = 0;
    double bucketSize = 0;
    double bucketRate = 0;
    long seed = 42;
    Set<String> actions = Set.of();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(part, "each part is NAME=VALUE");
      }
      String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).strip();
      try {
        switch (name) {
          case "throttle" -> throttle = probability(part, value);
          case "error" -> error = probability(part, value);
          case "drop" -> drop = probability(part, value);
          case "seed" -> seed = Long.parseLong(value);
          case "actions" -> actions = Set.of(value.split("\\+"));
          case "latency" -> {
            int dash = value.indexOf('-');
            latencyMin = Integer.parseInt(dash < 0 ? value : value.substring(0, dash));
            latencyMax = dash < 0 ? latencyMin : Integer.parseInt(value.substring(dash + 1));
            if (latencyMin < 0 || latencyMax < latencyMin || latencyMax > 60_000) {
              throw bad(part, "latency is MS or MIN-MAX milliseconds, at most 60000");
            }
          }
          case "bucket" -> {
            int slash = value.indexOf('/');
            if (slash < 0) {
              throw bad(part, "bucket is SIZE/RATE, such as 50/5");
            }
            bucketSize = Double.parseDouble(value.substring(0, slash));
            bucketRate = Double.parseDouble(value.substring(slash + 1));
            if (!(bucketSize >= 1) || !(bucketRate > 0)) {
              throw bad(part, "bucket needs SIZE at least 1 and RATE above 0");
            }
          }
          default ->
              throw bad(
                  part, "known parts are throttle, bucket, error, drop, latency, seed and actions");
        }
      } catch (NumberFormatException e) {
        throw bad(part, "not a number");
      }
    }
    if (throttle + error + drop > 1) {
      throw bad(spec, "throttle, error and drop together must not exceed 1");
    }
    return new Faults(
        throttle, error, drop, latencyMin, latencyMax, bucketSize, bucketRate, seed, actions, spec);
  }

  private static double probability(String part, String value) {
    double p = Double.parseDouble(value);
    if (!(p >= 0 && p <= 1)) {
      throw bad(part, "a probability is from 0 to 1");
    }
    return p;
  }

  private static IllegalArgumentException bad(String part, String why) {
    return new IllegalArgumentException("--faults: '" + part + "' is not understood: " + why);
  }

  /**
   * Decides this request's fault before it is processed: waits out the latency, and throws the
   * throttling or internal error to answer instead; otherwise says whether to lose the answer.
   */
  Outcome before(String accountId, String action) {
    if (this == NONE || (!actions.isEmpty() && !actions.contains(action))) {
      return Outcome.NONE;
    }
    double draw;
    int wait;
    synchronized (random) {
      draw = random.nextDouble();
      wait = latencyMax == 0 ? 0 : latencyMin + random.nextInt(latencyMax - latencyMin + 1);
    }
    if (wait > 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (bucketSize > 0 && !take(accountId + "/" + action)) {
      throw throttled();
    }
    if (draw < throttle) {
      throw throttled();
    }
    if (draw < throttle + error) {
      throw new Ec2Error(
          "InternalError", "An internal error has occurred (injected by --faults).", 500);
    }
    return draw < throttle + error + drop ? Outcome.DROP : Outcome.NONE;
  }

  private static Ec2Error throttled() {
    return new Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503);
  }

  private boolean take(String key) {
    Bucket b =
        buckets.computeIfAbsent(
            key,
            k -> {
              Bucket fresh = new Bucket();
              fresh.tokens = bucketSize;
              return fresh;
            });
    synchronized (b) {
      long now = System.nanoTime();
      b.tokens = Math.min(bucketSize, b.tokens + (now - b.at) / 1e9 * bucketRate);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  @Override
  public String toString() {
    return "Faults[" + spec + "]";
  }
}
