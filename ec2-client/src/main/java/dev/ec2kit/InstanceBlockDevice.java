package dev.ec2kit;

import java.time.Instant;

/**
 * A volume attached to an instance: device name, volume id, attachment status, attach time.
 *
 * @param deviceName the device name the instance sees, such as {@code /dev/xvda}
 * @param volumeId the volume ({@code vol-...})
 * @param status the attachment's status as EC2 names it ({@code attaching}, {@code attached}...)
 * @param attachTime when it was attached, or {@code null}
 * @param deleteOnTermination whether the volume is deleted when the instance terminates
 */
public record InstanceBlockDevice(
    String deviceName,
    String volumeId,
    String status,
    Instant attachTime,
    boolean deleteOnTermination) {
  @Override
  public String toString() {
    return deviceName + "=" + volumeId + " (" + status + ")";
  }
}
