package dev.ec2kit;

import java.time.Instant;

/**
 * A volume's attachment to an instance, the manual's {@code ec2-attachment}: volume, instance,
 * device, status ({@code attaching}, {@code attached}, {@code detaching}, {@code detached}) and
 * attach time.
 */
public record Attachment(
    String volumeId,
    String instanceId,
    String device,
    AttachmentState state,
    Instant attachTime,
    boolean deleteOnTermination) {
  @Override
  public String toString() {
    return "Attachment[" + volumeId + " " + instanceId + " " + device + " " + state + "]";
  }
}
