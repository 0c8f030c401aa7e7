package dev.ec2kit;

import java.util.Locale;
import java.util.Set;

/**
 * An instance's lifecycle state, with the code EC2 gives it (the manual's {@code state-name} and
 * {@code state-code}).
 */
public enum InstanceState {
  /** Launching or starting: {@code pending}, code 0. */
  PENDING(0, "pending"),
  /** Running: {@code running}, code 16. */
  RUNNING(16, "running"),
  /** Being terminated: {@code shutting-down}, code 32. */
  SHUTTING_DOWN(32, "shutting-down"),
  /** Terminated for good: {@code terminated}, code 48. */
  TERMINATED(48, "terminated"),
  /** Being stopped: {@code stopping}, code 64. */
  STOPPING(64, "stopping"),
  /** Stopped; it can be started again: {@code stopped}, code 80. */
  STOPPED(80, "stopped");

  private final int code;
  private final String apiName;

  InstanceState(int code, String apiName) {
    this.code = code;
    this.apiName = apiName;
  }

  /**
   * EC2's numeric code for the state.
   *
   * @return 0, 16, 32, 48, 64 or 80
   */
  public int code() {
    return code;
  }

  /**
   * EC2's name for the state.
   *
   * @return the name, such as {@code shutting-down}
   */
  public String apiName() {
    return apiName;
  }

  /**
   * The state named as EC2 names it ({@code running}) or as Java does ({@code RUNNING}).
   *
   * @param name the name; case and surrounding spaces do not matter
   * @return the state of that name
   * @throws IllegalArgumentException when no state has that name; the message lists the known ones
   * @throws NullPointerException when {@code name} is null
   */
  public static InstanceState fromName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (InstanceState s : values()) {
      if (s.apiName.equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown instance state '"
            + name
            + "': use pending, running, shutting-down, terminated, stopping or stopped");
  }

  /**
   * The state of an EC2 code; only the low byte counts, as EC2 documents.
   *
   * @param code the code, such as 16 (or 272, whose low byte is 16)
   * @return the state of that code
   * @throws IllegalArgumentException when the low byte is not a state's code
   */
  public static InstanceState fromCode(int code) {
    for (InstanceState s : values()) {
      if (s.code == (code & 0xff)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown instance state code " + code);
  }

  /**
   * Whether an instance seen in this state can no longer be expected to reach {@code target}: the
   * failure states of the AWS waiters (waiting for running fails on shutting-down, terminated or
   * stopping; for stopped on pending or terminated; for terminated on pending or stopping).
   *
   * @param target the state waited for
   * @return {@code true} when a wait for {@code target} should fail on seeing this state
   */
  public boolean rulesOut(InstanceState target) {
    if (this == target) {
      return false;
    }
    Set<InstanceState> fatal =
        switch (target) {
          case RUNNING -> Set.of(SHUTTING_DOWN, TERMINATED, STOPPING);
          case STOPPED -> Set.of(PENDING, TERMINATED);
          case TERMINATED -> Set.of(PENDING, STOPPING);
          case PENDING -> Set.of(SHUTTING_DOWN, TERMINATED);
          case STOPPING, SHUTTING_DOWN -> Set.of(TERMINATED);
        };
    return fatal.contains(this);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
