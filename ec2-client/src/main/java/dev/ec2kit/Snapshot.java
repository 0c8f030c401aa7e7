package dev.ec2kit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An EBS snapshot, the manual's {@code ec2-snapshot}: id, volume, status, start time, progress.
 *
 * <pre>{@code
 * Snapshot s = ec2.snapshots().create(volumeId, "before upgrade");
 * s = ec2.snapshots().waitFor(List.of(s.snapshotId()), WaitOptions.defaults()).get(0);
 * }</pre>
 *
 * @param snapshotId the snapshot's id ({@code snap-...})
 * @param volumeId the volume it was taken of
 * @param state its state ({@link SnapshotState#PENDING} when EC2 does not say)
 * @param startTime when it was started, or {@code null}
 * @param progress how far it is, such as {@code 80%}; empty when EC2 does not say
 * @param ownerId the owner's account id
 * @param volumeSize the volume's size in GiB (0 when EC2 does not say)
 * @param description its description; empty when none
 * @param encrypted whether it is encrypted
 * @param tags its tags, key to value
 */
public record Snapshot(
    String snapshotId,
    String volumeId,
    SnapshotState state,
    Instant startTime,
    String progress,
    String ownerId,
    int volumeSize,
    String description,
    boolean encrypted,
    Map<String, String> tags) {
  /**
   * Checks that the id and state are given and copies the tags.
   *
   * @param snapshotId the snapshot's id; required
   * @param volumeId the volume
   * @param state its state; required
   * @param startTime when it was started
   * @param progress how far it is
   * @param ownerId the owner's account id
   * @param volumeSize the volume's size in GiB
   * @param description its description
   * @param encrypted whether it is encrypted
   * @param tags its tags; copied
   * @throws NullPointerException when {@code snapshotId}, {@code state} or {@code tags} is null
   */
  public Snapshot {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(state, "state");
    tags = Map.copyOf(tags);
  }

  /**
   * Whether the snapshot is complete and usable (to make volumes, to register images).
   *
   * @return {@code true} when its state is {@link SnapshotState#COMPLETED}
   */
  public boolean isCompleted() {
    return state == SnapshotState.COMPLETED;
  }

  @Override
  public String toString() {
    return "Snapshot[" + snapshotId + " of " + volumeId + " " + state + " " + progress + "]";
  }
}
