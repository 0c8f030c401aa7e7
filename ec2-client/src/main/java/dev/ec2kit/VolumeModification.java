package dev.ec2kit;

import java.time.Instant;

/**
 * One change of a volume's size, type, IOPS or throughput and how far it is (EC2's
 * VolumeModification), as {@link Volumes#modify} starts it and {@link
 * Volumes#describeModifications} lists it.
 *
 * <pre>{@code
 * VolumeModification m = ec2.volumes().modify(volumeId, VolumeChange.ofSize(20));
 * System.out.println(m);   // VolumeModification[vol-0123456789abcdef0 modifying 0% 8=>20 GiB gp3]
 * }</pre>
 *
 * @param volumeId the volume's id
 * @param modificationState where the modification is
 * @param statusMessage why it failed, or {@code null}
 * @param originalSize the size before, in GiB
 * @param targetSize the size after, in GiB
 * @param originalVolumeType the type before
 * @param targetVolumeType the type after
 * @param originalIops the IOPS before, or {@code null} for a type without them
 * @param targetIops the IOPS after, or {@code null}
 * @param originalThroughput the throughput before in MiB/s, or {@code null} for a type without it
 * @param targetThroughput the throughput after in MiB/s, or {@code null}
 * @param progress how far it is, 0 to 100 percent
 * @param startTime when it started
 * @param endTime when it completed, or {@code null} before
 */
public record VolumeModification(
    String volumeId,
    VolumeModificationState modificationState,
    String statusMessage,
    int originalSize,
    int targetSize,
    String originalVolumeType,
    String targetVolumeType,
    Integer originalIops,
    Integer targetIops,
    Integer originalThroughput,
    Integer targetThroughput,
    int progress,
    Instant startTime,
    Instant endTime) {

  @Override
  public String toString() {
    return "VolumeModification["
        + volumeId
        + " "
        + modificationState
        + " "
        + progress
        + "% "
        + (originalSize == targetSize
            ? targetSize + " GiB"
            : originalSize + "=>" + targetSize + " GiB")
        + " "
        + (java.util.Objects.equals(originalVolumeType, targetVolumeType)
            ? targetVolumeType
            : originalVolumeType + "=>" + targetVolumeType)
        + (statusMessage == null ? "" : " (" + statusMessage + ")")
        + "]";
  }
}
