package dev.ec2kit.local.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One change of an EBS volume (ModifyVolume): modifying, then optimizing, then completed, one
 * transition of the emulator's clock per phase. Its volume keeps it and moves it on ({@link
 * VolumeRecord#advance}); the volume takes the target settings when it enters optimizing, as EC2's
 * new size is usable from then on.
 */
final class VolumeModification implements java.io.Serializable {
  /** EC2's modification states ({@code failed} never happens here). */
  enum State {
    MODIFYING,
    OPTIMIZING,
    COMPLETED;

    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Size, type, IOPS and throughput of a volume, before or after a modification. */
  record Settings(int size, String type, Integer iops, Integer throughput)
      implements java.io.Serializable {}

  final String volumeId;
  final Settings original;
  final Settings target;
  final Instant started;
  private final Duration phase;
  private State state = State.MODIFYING;

  VolumeModification(
      String volumeId, Settings original, Settings target, Instant started, Duration phase) {
    this.volumeId = volumeId;
    this.original = original;
    this.target = target;
    this.started = started;
    this.phase = phase;
  }

  State state() {
    return state;
  }

  /**
   * Brings the state up to {@code now}; true when this call moved it past modifying, so the volume
   * takes the target settings once.
   */
  boolean advance(Instant now) {
    State before = state;
    if (!now.isBefore(started.plus(phase).plus(phase))) {
      state = State.COMPLETED;
    } else if (!now.isBefore(started.plus(phase))) {
      state = State.OPTIMIZING;
    }
    return before == State.MODIFYING && state != State.MODIFYING;
  }

  /** When it completed, or {@code null} before. */
  Instant endTime() {
    return state == State.COMPLETED ? started.plus(phase).plus(phase) : null;
  }

  /** Percent done: rising through both phases, 100 only when completed. */
  long progress(Instant now) {
    if (state == State.COMPLETED) {
      return 100;
    }
    long total = phase.toMillis() * 2;
    long done = Duration.between(started, now).toMillis();
    return total == 0 ? 0 : Math.max(0, Math.min(99, done * 100 / total));
  }
}
