package dev.ec2kit.local.internal;

import java.time.Duration;

/**
 * How long the emulator's transitions take: pending to running, stopping to stopped, shutting-down
 * to terminated, a pending image to available; and how long terminated instances stay visible.
 */
public record Timing(Duration transition, Duration terminatedRetention) {
  public Timing {
    if (transition.isNegative() || terminatedRetention.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }
}
