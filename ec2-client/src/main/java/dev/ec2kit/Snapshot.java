package dev.ec2kit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** An EBS snapshot, the manual's {@code ec2-snapshot}: id, volume, status, start time, progress. */
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
  public Snapshot {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(state, "state");
    tags = Map.copyOf(tags);
  }

  public boolean isCompleted() {
    return state == SnapshotState.COMPLETED;
  }

  @Override
  public String toString() {
    return "Snapshot[" + snapshotId + " of " + volumeId + " " + state + " " + progress + "]";
  }
}
