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
 *
 * @param deviceName the device name, such as {@code /dev/xvda}
 * @param virtualName the instance-store name, such as {@code ephemeral0}; {@code null} for EBS
 * @param snapshotId the snapshot an EBS volume is made from, or {@code null}
 * @param volumeSize the EBS volume's size in GiB; 0 when unset (the snapshot's size)
 * @param volumeType the EBS volume type, such as {@code gp3}, or {@code null}
 * @param deleteOnTermination whether the EBS volume is deleted when the instance terminates
 * @param encrypted whether the EBS volume is encrypted
 */
public record BlockDeviceMapping(
    String deviceName,
    String virtualName,
    String snapshotId,
    int volumeSize,
    String volumeType,
    boolean deleteOnTermination,
    boolean encrypted) {
  /**
   * Checks the device name and size.
   *
   * @param deviceName the device name; required
   * @param virtualName the instance-store name, or {@code null} for EBS
   * @param snapshotId the snapshot, or {@code null}
   * @param volumeSize the size in GiB, 0 for unset
   * @param volumeType the volume type, or {@code null}
   * @param deleteOnTermination whether the volume goes with the instance
   * @param encrypted whether the volume is encrypted
   * @throws NullPointerException when {@code deviceName} is null
   * @throws IllegalArgumentException when {@code volumeSize} is negative
   */
  public BlockDeviceMapping {
    Objects.requireNonNull(deviceName, "deviceName");
    if (volumeSize < 0) {
      throw new IllegalArgumentException(
          "volumeSize must be 0 (unset) or more GiB, got " + volumeSize);
    }
  }

  /**
   * An EBS root or data device from a snapshot: a gp3 volume, unencrypted, deleted with the
   * instance.
   *
   * @param deviceName the device name, such as {@code /dev/xvda}
   * @param snapshotId the snapshot to make the volume from, such as {@code snap-0123456789abcdef0}
   * @param volumeSizeGiB the size in GiB; 0 takes the snapshot's size
   * @return the mapping
   * @throws NullPointerException when {@code deviceName} is null
   * @throws IllegalArgumentException when {@code volumeSizeGiB} is negative
   */
  public static BlockDeviceMapping ebs(String deviceName, String snapshotId, int volumeSizeGiB) {
    return new BlockDeviceMapping(deviceName, null, snapshotId, volumeSizeGiB, "gp3", true, false);
  }

  /**
   * An instance-store device such as {@code ephemeral0}.
   *
   * @param deviceName the device name, such as {@code /dev/sdb}
   * @param virtualName the instance-store volume, such as {@code ephemeral0}
   * @return the mapping
   * @throws NullPointerException when {@code deviceName} is null
   */
  public static BlockDeviceMapping ephemeral(String deviceName, String virtualName) {
    return new BlockDeviceMapping(deviceName, virtualName, null, 0, null, false, false);
  }

  /**
   * Whether this device is an EBS volume rather than an instance-store one.
   *
   * @return {@code true} when it has no {@code virtualName}
   */
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
