package dev.ec2kit.ssh;

/** The manual's {@code query-memory}: used and free memory as {@code free} reports it, in KiB. */
public record Memory(long totalKiB, long usedKiB, long freeKiB) {
  @Override
  public String toString() {
    return usedKiB + " KiB used, " + freeKiB + " KiB free of " + totalKiB + " KiB";
  }
}
