package dev.ec2kit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An EBS volume, the manual's {@code ec2-volume}: id, size (GiB), status, create time, attachments.
 */
public record Volume(
    String volumeId,
    int size,
    String snapshotId,
    String availabilityZone,
    VolumeState state,
    Instant createTime,
    List<Attachment> attachments,
    String volumeType,
    Integer iops,
    boolean encrypted,
    Map<String, String> tags) {
  public Volume {
    Objects.requireNonNull(volumeId, "volumeId");
    Objects.requireNonNull(state, "state");
    attachments = List.copyOf(attachments);
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return "Volume["
        + volumeId
        + " "
        + size
        + " GiB "
        + state
        + " "
        + availabilityZone
        + (snapshotId == null ? "" : " from " + snapshotId)
        + (attachments.isEmpty()
            ? ""
            : " " + attachments.get(0).instanceId() + ":" + attachments.get(0).device())
        + "]";
  }
}
