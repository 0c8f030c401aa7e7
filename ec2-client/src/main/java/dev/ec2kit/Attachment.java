package dev.ec2kit;

import java.time.Instant;

/**
 * A volume's attachment to an instance, the manual's {@code ec2-attachment}: volume, instance,
 * device, status ({@code attaching}, {@code attached}, {@code detaching}, {@code detached}) and
 * attach time.
 *
 * @param volumeId the volume ({@code vol-...})
 * @param instanceId the instance it is attached to ({@code i-...})
 * @param device the device name the instance sees it as, such as {@code /dev/sdh}
 * @param state where the attachment is
 * @param attachTime when the attachment began, or {@code null} when EC2 did not say
 * @param deleteOnTermination whether the volume is deleted when the instance terminates
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
