package dev.ec2kit;

import java.time.Instant;

/** A volume attached to an instance: device name, volume id, attachment status, attach time. */
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
