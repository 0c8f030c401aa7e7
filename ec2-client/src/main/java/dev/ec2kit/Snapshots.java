package dev.ec2kit;

import dev.ec2kit.internal.areas.VolumeCalls;
import dev.ec2kit.internal.areas.Waiter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The EBS snapshots (the manual's section 9.0: {@code create-snapshot}, {@code describe-snapshots},
 * {@code delete-snapshot}), reached with {@link Ec2#snapshots()}.
 *
 * <pre>{@code
 * Snapshot s = ec2.snapshots().create("vol-0123456789abcdef0", "before the upgrade");
 * ec2.snapshots().waitFor(List.of(s.snapshotId()), WaitOptions.defaults());
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Snapshots {
  private final Identity identity;
  private final VolumeCalls calls;
  private final Waiter waiter;

  Snapshots(Identity identity, VolumeCalls calls, Waiter waiter) {
    this.identity = identity;
    this.calls = calls;
    this.waiter = waiter;
  }

  /**
   * The manual's {@code create-snapshot}: a point-in-time copy of the volume; pending at first
   * ({@link #waitFor} waits for it).
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param description the snapshot's description, or {@code null}
   * @return the snapshot, pending
   * @throws IllegalArgumentException when the volume id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidVolume.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have started it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Snapshot create(String volumeId, String description) {
    return calls.createSnapshot(identity, Ids.check("volumeId", volumeId, "vol-"), description);
  }

  /**
   * The manual's {@code describe-snapshots}: the account's own (owner self), or those named, across
   * every page.
   *
   * @param snapshotIds the snapshots' ids ({@code snap-...}); none for the account's own
   * @return the snapshots
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSnapshot.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Snapshot> describe(String... snapshotIds) {
    for (String id : snapshotIds) {
      Ids.check("snapshotId", id, "snap-");
    }
    return calls.describeSnapshots(
        identity,
        List.of(snapshotIds),
        snapshotIds.length == 0 ? List.of("self") : List.of(),
        Map.of());
  }

  /**
   * The manual's {@code delete-snapshot}; a snapshot behind a registered image cannot be deleted.
   *
   * @param snapshotId the snapshot's id ({@code snap-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSnapshot.InUse})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void delete(String snapshotId) {
    calls.deleteSnapshot(identity, Ids.check("snapshotId", snapshotId, "snap-"));
  }

  /**
   * Waits until the snapshots are completed; one DescribeSnapshots per poll. A snapshot EC2 does
   * not list yet counts as not there yet.
   *
   * @param snapshotIds the snapshots' ids ({@code snap-...}), in this client's region
   * @param options how often to poll, and for how long
   * @return fresh copies of them, completed, in the order given
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws WaitException when the timeout passes, or a snapshot fails (error)
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Snapshot> waitFor(Collection<String> snapshotIds, WaitOptions options) {
    List<String> ids = List.copyOf(snapshotIds);
    ids.forEach(id -> Ids.check("snapshotId", id, "snap-"));
    Map<String, Snapshot> latest =
        waiter.waitFor(
            ids,
            Waiter.byId(
                batch ->
                    calls.describeSnapshots(
                        identity, List.of(), List.of(), Map.of("snapshot-id", batch)),
                Snapshot::snapshotId),
            s -> s.state().apiName(),
            List.of(
                Waiter.Acceptor.success(s -> s.state() == SnapshotState.COMPLETED),
                Waiter.Acceptor.failure(s -> s.state() == SnapshotState.ERROR)),
            SnapshotState.COMPLETED.apiName(),
            options,
            "snapshot");
    return ids.stream().map(latest::get).toList();
  }

  @Override
  public String toString() {
    return "Snapshots[" + identity + "]";
  }
}
