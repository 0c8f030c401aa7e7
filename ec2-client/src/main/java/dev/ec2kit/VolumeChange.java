package dev.ec2kit;

import java.util.Set;

/**
 * What {@link Volumes#modify} changes on a volume (EC2's Elastic Volumes): its size, type, IOPS or
 * throughput; at least one. A volume only grows.
 *
 * <pre>{@code
 * VolumeChange.ofSize(200)
 * VolumeChange.ofType("gp3").iops(6000).throughput(250)
 * }</pre>
 *
 * @param sizeGiB the new size in GiB, 1 to 65536 (each type has its own bounds within, and it must
 *     not be smaller than today's), or {@code null} to keep it
 * @param volumeType the new type ({@code standard}, {@code gp2}, {@code gp3}, {@code io1}, {@code
 *     io2}, {@code st1} or {@code sc1}), or {@code null} to keep it
 * @param iops the new provisioned IOPS (gp3, io1, io2), 100 to 256000, or {@code null} to keep them
 * @param throughput the new throughput in MiB/s (gp3), 125 to 2000, or {@code null} to keep it
 */
public record VolumeChange(Integer sizeGiB, String volumeType, Integer iops, Integer throughput) {
  private static final Set<String> TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  /**
   * Checks the change before anything is sent.
   *
   * @param sizeGiB the new size, or {@code null}
   * @param volumeType the new type, or {@code null}
   * @param iops the new IOPS, or {@code null}
   * @param throughput the new throughput, or {@code null}
   * @throws IllegalArgumentException when nothing is changed, a value is out of EC2's bounds, the
   *     type is unknown, or IOPS or throughput are given with a type that has none
   */
  public VolumeChange {
    if (sizeGiB == null && volumeType == null && iops == null && throughput == null) {
      throw new IllegalArgumentException(
          "a VolumeChange changes something: give a size, type, iops or throughput");
    }
    if (sizeGiB != null && (sizeGiB < 1 || sizeGiB > 65536)) {
      throw new IllegalArgumentException("sizeGiB must be 1 to 65536 GiB, got " + sizeGiB);
    }
    if (volumeType != null && !TYPES.contains(volumeType)) {
      throw new IllegalArgumentException("volumeType '" + volumeType + "' is not one of " + TYPES);
    }
    if (iops != null && (iops < 100 || iops > 256_000)) {
      throw new IllegalArgumentException("iops must be 100 to 256000, got " + iops);
    }
    if (iops != null
        && volumeType != null
        && !(volumeType.equals("gp3") || volumeType.startsWith("io"))) {
      throw new IllegalArgumentException(
          "iops apply to gp3, io1 and io2 volumes, not " + volumeType);
    }
    if (throughput != null && (throughput < 125 || throughput > 2000)) {
      throw new IllegalArgumentException("throughput must be 125 to 2000 MiB/s, got " + throughput);
    }
    if (throughput != null && volumeType != null && !volumeType.equals("gp3")) {
      throw new IllegalArgumentException("throughput applies to gp3 volumes, not " + volumeType);
    }
  }

  /**
   * Grows the volume to this size.
   *
   * @param sizeGiB the new size in GiB, 1 to 65536
   * @return the change
   * @throws IllegalArgumentException when the size is out of range
   */
  public static VolumeChange ofSize(int sizeGiB) {
    return new VolumeChange(sizeGiB, null, null, null);
  }

  /**
   * Changes the volume's type.
   *
   * @param volumeType {@code standard}, {@code gp2}, {@code gp3}, {@code io1}, {@code io2}, {@code
   *     st1} or {@code sc1}
   * @return the change
   * @throws IllegalArgumentException when the type is unknown
   */
  public static VolumeChange ofType(String volumeType) {
    return new VolumeChange(null, volumeType, null, null);
  }

  /**
   * This change, also to this size.
   *
   * @param value the new size in GiB, 1 to 65536
   * @return a new change
   * @throws IllegalArgumentException when the size is out of range
   */
  public VolumeChange size(int value) {
    return new VolumeChange(value, volumeType, iops, throughput);
  }

  /**
   * This change, also to this type.
   *
   * @param value the new type
   * @return a new change
   * @throws IllegalArgumentException when the type is unknown or has no IOPS or throughput while
   *     they are set
   */
  public VolumeChange type(String value) {
    return new VolumeChange(sizeGiB, value, iops, throughput);
  }

  /**
   * This change, also to these provisioned IOPS.
   *
   * @param value the IOPS, 100 to 256000
   * @return a new change
   * @throws IllegalArgumentException when out of range, or the type set has no IOPS
   */
  public VolumeChange iops(int value) {
    return new VolumeChange(sizeGiB, volumeType, value, throughput);
  }

  /**
   * This change, also to this throughput (gp3).
   *
   * @param value the throughput in MiB/s, 125 to 2000
   * @return a new change
   * @throws IllegalArgumentException when out of range, or the type set is not gp3
   */
  public VolumeChange throughput(int value) {
    return new VolumeChange(sizeGiB, volumeType, iops, value);
  }
}
