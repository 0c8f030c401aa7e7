package dev.ec2kit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An EBS volume, the manual's {@code ec2-volume}: id, size (GiB), status, create time, attachments.
 *
 * <pre>{@code
 * Volume v = ec2.volumes().create("us-east-1c", 10);
 * v = ec2.volumes().waitFor(List.of(v.volumeId()), VolumeState.AVAILABLE, WaitOptions.defaults()).get(0);
 * ec2.volumes().attach(v.volumeId(), instance, "/dev/sdh");
 * }</pre>
 *
 * @param volumeId the volume's id ({@code vol-...})
 * @param size its size in GiB (0 when EC2 does not say)
 * @param snapshotId the snapshot it was made from, or {@code null}
 * @param availabilityZone its zone
 * @param state its state ({@link VolumeState#CREATING} when EC2 does not say)
 * @param createTime when it was created, or {@code null}
 * @param attachments its attachments to instances
 * @param volumeType its type, such as {@code gp3}
 * @param iops its provisioned IOPS, or {@code null}
 * @param encrypted whether it is encrypted
 * @param tags its tags, key to value
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
  /**
   * Checks that the id and state are given and copies the lists.
   *
   * @param volumeId the volume's id; required
   * @param size its size in GiB
   * @param snapshotId the snapshot it was made from, or {@code null}
   * @param availabilityZone its zone
   * @param state its state; required
   * @param createTime when it was created
   * @param attachments its attachments; copied
   * @param volumeType its type
   * @param iops its IOPS, or {@code null}
   * @param encrypted whether it is encrypted
   * @param tags its tags; copied
   * @throws NullPointerException when {@code volumeId}, {@code state}, {@code attachments} or
   *     {@code tags} is null
   */
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
