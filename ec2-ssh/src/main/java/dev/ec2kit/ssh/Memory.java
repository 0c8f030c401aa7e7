package dev.ec2kit.ssh;

/**
 * The manual's {@code query-memory}: used and free memory as {@code free} reports it, in KiB.
 *
 * <pre>{@code
 * Memory m = ssh.queryMemory(instance);
 * System.out.println(m);   // 412340 KiB used, 1573020 KiB free of 2031840 KiB
 * }</pre>
 *
 * @param totalKiB the total memory, {@code free}'s {@code total} column
 * @param usedKiB the used memory, its {@code used} column
 * @param freeKiB the free memory, its {@code free} column
 */
public record Memory(long totalKiB, long usedKiB, long freeKiB) {
  @Override
  public String toString() {
    return usedKiB + " KiB used, " + freeKiB + " KiB free of " + totalKiB + " KiB";
  }
}
