package dev.ec2kit;

import java.util.Set;

/**
 * What {@link Ec2#createVolume} makes: a size or a snapshot, exactly one, as the manual says; a
 * type (gp3 by default), IOPS and encryption.
 *
 * <pre>{@code
 * VolumeSpec.ofSize(1)
 * VolumeSpec.fromSnapshot("snap-0123456789abcdef0").type("io2").iops(4000).withEncryption()
 * }</pre>
 */
public record VolumeSpec(
    Integer sizeGiB, String snapshotId, String volumeType, Integer iops, boolean encrypted) {
  private static final Set<String> TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  public VolumeSpec {
    if ((sizeGiB == null) == (snapshotId == null)) {
      throw new IllegalArgumentException(
          "give a size or a snapshot, exactly one (the manual's rule)");
    }
    if (sizeGiB != null && (sizeGiB < 1 || sizeGiB > 16384)) {
      throw new IllegalArgumentException("size must be 1 to 16384 GiB, got " + sizeGiB);
    }
    if (snapshotId != null && !snapshotId.matches("snap-[0-9a-f]{8}([0-9a-f]{9})?")) {
      throw new IllegalArgumentException(
          "snapshot '" + snapshotId + "' is not a snapshot id such as snap-0123456789abcdef0");
    }
    if (!TYPES.contains(volumeType)) {
      throw new IllegalArgumentException("volume type '" + volumeType + "' is not one of " + TYPES);
    }
    if (iops != null && !(volumeType.equals("gp3") || volumeType.startsWith("io"))) {
      throw new IllegalArgumentException(
          "iops apply to gp3, io1 and io2 volumes, not " + volumeType);
    }
  }

  public static VolumeSpec ofSize(int sizeGiB) {
    return new VolumeSpec(sizeGiB, null, "gp3", null, false);
  }

  /** A volume with a snapshot's data and size. */
  public static VolumeSpec fromSnapshot(String snapshotId) {
    return new VolumeSpec(null, snapshotId, "gp3", null, false);
  }

  public VolumeSpec type(String value) {
    return new VolumeSpec(sizeGiB, snapshotId, value, iops, encrypted);
  }

  public VolumeSpec iops(int value) {
    return new VolumeSpec(sizeGiB, snapshotId, volumeType, value, encrypted);
  }

  public VolumeSpec withEncryption() {
    return new VolumeSpec(sizeGiB, snapshotId, volumeType, iops, true);
  }
}
