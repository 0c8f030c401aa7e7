package dev.ec2kit.bench;

/**
 * One row of {@code bench/run}'s closing table, printed as {@code SUMMARY|figure|ours|peer|ratio|
 * target|verdict} for the script to gather.
 */
final class Summary {
  private Summary() {}

  static void row(
      String figure, String ours, String peer, String ratio, String target, boolean met) {
    System.out.println(
        String.join(
            "|", "SUMMARY", figure, ours, peer, ratio, target, met ? "met" : "**not met**"));
  }
}
