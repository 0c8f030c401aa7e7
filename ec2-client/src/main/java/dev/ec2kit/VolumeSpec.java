package dev.ec2kit;

import java.util.Set;

/**
 * What {@link Volumes#create} makes: a size or a snapshot, exactly one, as the manual says; a type
 * (gp3 by default), IOPS and encryption.
 *
 * <pre>{@code
 * VolumeSpec.ofSize(1)
 * VolumeSpec.fromSnapshot("snap-0123456789abcdef0").type("io2").iops(4000).withEncryption()
 * }</pre>
 *
 * @param sizeGiB the size in GiB, 1 to 65536 (each type has its own bounds within), or {@code null}
 *     with a snapshot (its size)
 * @param snapshotId the snapshot to copy, or {@code null} for an empty volume
 * @param volumeType {@code standard}, {@code gp2}, {@code gp3}, {@code io1}, {@code io2}, {@code
 *     st1} or {@code sc1}
 * @param iops the provisioned IOPS for gp3, io1 and io2, or {@code null} for EC2's default
 * @param encrypted whether the volume is encrypted
 */
public record VolumeSpec(
    Integer sizeGiB, String snapshotId, String volumeType, Integer iops, boolean encrypted) {
  private static final Set<String> TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  /**
   * Checks the spec as the manual and EC2 do.
   *
   * @param sizeGiB the size in GiB, or {@code null}
   * @param snapshotId the snapshot, or {@code null}
   * @param volumeType the volume type
   * @param iops the IOPS, or {@code null}
   * @param encrypted whether it is encrypted
   * @throws IllegalArgumentException when neither or both of size and snapshot are given, the size
   *     is not 1 to 65536, the snapshot id is malformed, the type is unknown, or IOPS are given for
   *     a type without them
   */
  public VolumeSpec {
    if ((sizeGiB == null) == (snapshotId == null)) {
      throw new IllegalArgumentException(
          "give a size or a snapshot, exactly one (the manual's rule)");
    }
    // The widest bounds of any type (gp3 and io2 go to 65,536 GiB); each type's own are EC2's to
    // say, since they change (gp3's grew from 16,384).
    if (sizeGiB != null && (sizeGiB < 1 || sizeGiB > 65536)) {
      throw new IllegalArgumentException("size must be 1 to 65536 GiB, got " + sizeGiB);
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

  /**
   * An empty gp3 volume of that size, unencrypted.
   *
   * @param sizeGiB the size in GiB, 1 to 65536
   * @return the spec
   * @throws IllegalArgumentException when the size is out of range
   */
  public static VolumeSpec ofSize(int sizeGiB) {
    return new VolumeSpec(sizeGiB, null, "gp3", null, false);
  }

  /**
   * A gp3 volume with a snapshot's data and size, unencrypted.
   *
   * @param snapshotId the snapshot, such as {@code snap-0123456789abcdef0}
   * @return the spec
   * @throws IllegalArgumentException when the id is not {@code snap-} and 8 or 17 hex digits
   */
  public static VolumeSpec fromSnapshot(String snapshotId) {
    return new VolumeSpec(null, snapshotId, "gp3", null, false);
  }

  /**
   * This spec with another volume type.
   *
   * @param value {@code standard}, {@code gp2}, {@code gp3}, {@code io1}, {@code io2}, {@code st1}
   *     or {@code sc1}
   * @return a new spec
   * @throws IllegalArgumentException when the type is unknown, or has no IOPS while IOPS are set
   */
  public VolumeSpec type(String value) {
    return new VolumeSpec(sizeGiB, snapshotId, value, iops, encrypted);
  }

  /**
   * This spec with provisioned IOPS; not checked against the type's range, which EC2 does.
   *
   * @param value the IOPS
   * @return a new spec
   * @throws IllegalArgumentException when the type is not gp3, io1 or io2
   */
  public VolumeSpec iops(int value) {
    return new VolumeSpec(sizeGiB, snapshotId, volumeType, value, encrypted);
  }

  /**
   * This spec encrypted (with the account's default EBS key).
   *
   * @return a new spec
   */
  public VolumeSpec withEncryption() {
    return new VolumeSpec(sizeGiB, snapshotId, volumeType, iops, true);
  }
}
