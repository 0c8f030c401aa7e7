package dev.ec2kit;

import java.util.Objects;

/**
 * A device of an image: its name and either an EBS volume (from a snapshot, of a size and type) or
 * an instance-store volume ({@code virtualName} such as {@code ephemeral0}). Absent parts are
 * {@code null} ({@code volumeSize} 0).
 *
 * <pre>{@code
 * BlockDeviceMapping root = BlockDeviceMapping.ebs("/dev/xvda", "snap-0123456789abcdef0", 8);
 * }</pre>
 */
public record BlockDeviceMapping(
    String deviceName,
    String virtualName,
    String snapshotId,
    int volumeSize,
    String volumeType,
    boolean deleteOnTermination,
    boolean encrypted) {
  public BlockDeviceMapping {
    Objects.requireNonNull(deviceName, "deviceName");
    if (volumeSize < 0) {
      throw new IllegalArgumentException(
          "volumeSize must be 0 (unset) or more GiB, got " + volumeSize);
    }
  }

  /** An EBS root or data device from a snapshot; size 0 takes the snapshot's size. */
  public static BlockDeviceMapping ebs(String deviceName, String snapshotId, int volumeSizeGiB) {
    return new BlockDeviceMapping(deviceName, null, snapshotId, volumeSizeGiB, "gp3", true, false);
  }

  /** An instance-store device such as {@code ephemeral0}. */
  public static BlockDeviceMapping ephemeral(String deviceName, String virtualName) {
    return new BlockDeviceMapping(deviceName, virtualName, null, 0, null, false, false);
  }

  public boolean isEbs() {
    return virtualName == null;
  }

  @Override
  public String toString() {
    return isEbs()
        ? deviceName
            + "="
            + (snapshotId == null ? "" : snapshotId)
            + (volumeSize > 0 ? ":" + volumeSize : "")
        : deviceName + "=" + virtualName;
  }
}
