package dev.ec2kit.ssh;

/**
 * The manual's {@code query-load}: the three load averages {@code uptime} prints.
 *
 * <pre>{@code
 * Load l = ssh.queryLoad(instance);
 * System.out.println(l);   // 0.0 0.05 0.02
 * }</pre>
 *
 * @param oneMinute the load average over the last minute
 * @param fiveMinutes the load average over the last 5 minutes
 * @param fifteenMinutes the load average over the last 15 minutes
 */
public record Load(double oneMinute, double fiveMinutes, double fifteenMinutes) {
  @Override
  public String toString() {
    return oneMinute + " " + fiveMinutes + " " + fifteenMinutes;
  }
}
