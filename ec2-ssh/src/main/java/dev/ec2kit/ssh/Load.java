package dev.ec2kit.ssh;

/** The manual's {@code query-load}: the three load averages {@code uptime} prints. */
public record Load(double oneMinute, double fiveMinutes, double fifteenMinutes) {
  @Override
  public String toString() {
    return oneMinute + " " + fiveMinutes + " " + fifteenMinutes;
  }
}
