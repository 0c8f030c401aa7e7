package dev.ec2kit;

import dev.ec2kit.internal.areas.VolumeCalls;
import dev.ec2kit.internal.areas.Waiter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The EBS volumes and their attachments (the manual's section 9.0: {@code create-volume}, {@code
 * describe-volumes}, {@code delete-volume}, {@code attach-volume}, {@code detach-volume}), reached
 * with {@link Ec2#volumes()}; snapshots are {@link Ec2#snapshots()}.
 *
 * <pre>{@code
 * Volume v = ec2.volumes().create("us-east-1c", 10);
 * ec2.volumes().waitFor(List.of(v.volumeId()), VolumeState.AVAILABLE, WaitOptions.defaults());
 * ec2.volumes().attach(v.volumeId(), instance, "/dev/sdh");
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region (or the instance's).
 */
public final class Volumes {
  private final Identity identity;
  private final VolumeCalls calls;
  private final Waiter waiter;

  Volumes(Identity identity, VolumeCalls calls, Waiter waiter) {
    this.identity = identity;
    this.calls = calls;
    this.waiter = waiter;
  }

  /**
   * The manual's {@code create-volume} with {@code :size}: an empty gp3 volume of that many GiB.
   *
   * @param availabilityZone the zone, such as {@code us-east-1c}
   * @param sizeGiB the size, 1 to 65536 GiB (gp2 to 16384)
   * @return the volume, creating
   * @throws IllegalArgumentException when the zone is not a zone name or the size is out of range,
   *     before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Volume create(String availabilityZone, int sizeGiB) {
    return create(availabilityZone, VolumeSpec.ofSize(sizeGiB));
  }

  /**
   * The manual's {@code create-volume}: from a size or a snapshot (exactly one), in a zone. The
   * call carries one client token on every retry, so a retried call never creates two.
   *
   * @param availabilityZone the zone, such as {@code us-east-1c}
   * @param spec the size or snapshot, type, IOPS and encryption
   * @return the volume, creating
   * @throws IllegalArgumentException when the zone is not a zone name, before anything is sent
   * @throws NullPointerException when {@code spec} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSnapshot.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Volume create(String availabilityZone, VolumeSpec spec) {
    if (availabilityZone == null || !availabilityZone.matches("[a-z]{2}(-[a-z]+)+-\\d+[a-z]")) {
      throw new IllegalArgumentException(
          "availabilityZone '" + availabilityZone + "' is not a zone name such as us-east-1c");
    }
    return calls.create(identity, availabilityZone, Objects.requireNonNull(spec, "spec"));
  }

  /**
   * The manual's {@code describe-volumes}: all, or those named, across every page.
   *
   * @param volumeIds the volumes' ids ({@code vol-...}); none for all
   * @return the volumes, with their attachments
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidVolume.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Volume> describe(String... volumeIds) {
    for (String id : volumeIds) {
      Ids.check("volumeId", id, "vol-");
    }
    return calls.describe(identity, List.of(volumeIds), Map.of());
  }

  /**
   * Volumes by EC2 filter, such as {@code Map.of("attachment.instance-id", List.of(id))}, across
   * every page.
   *
   * @param filters filter name to values; empty for all
   * @return the volumes, with their attachments
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Volume> describe(Map<String, List<String>> filters) {
    return calls.describe(identity, List.of(), Map.copyOf(filters));
  }

  /**
   * The manual's {@code delete-volume}; an attached volume cannot be deleted (VolumeInUse).
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     VolumeInUse})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void delete(String volumeId) {
    calls.delete(identity, Ids.check("volumeId", volumeId, "vol-"));
  }

  /**
   * The manual's {@code attach-volume}: the volume appears on the instance as {@code device}. The
   * region is the instance's.
   *
   * @param volumeId the volume's id ({@code vol-...}), in the instance's zone
   * @param instance the instance
   * @param device the device name, such as {@code /dev/sdh}
   * @return the attachment, attaching
   * @throws IllegalArgumentException when the volume id or the device is malformed, before anything
   *     is sent
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code VolumeInUse}
   *     or {@code InvalidVolume.ZoneMismatch})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have attached it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Attachment attach(String volumeId, Instance instance, String device) {
    return calls.attach(
        instance.identity(),
        Ids.check("volumeId", volumeId, "vol-"),
        instance.instanceId(),
        Ids.checkDevice(device));
  }

  /**
   * As {@link #attach(String, Instance, String)}, by instance id in this client's region.
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param instanceId the instance's id ({@code i-...})
   * @param device the device name, such as {@code /dev/sdh}
   * @return the attachment, attaching
   * @throws IllegalArgumentException when an id or the device is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code VolumeInUse}
   *     or {@code InvalidVolume.ZoneMismatch})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have attached it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Attachment attach(String volumeId, String instanceId, String device) {
    return calls.attach(
        identity,
        Ids.check("volumeId", volumeId, "vol-"),
        Ids.check("instanceId", instanceId, "i-"),
        Ids.checkDevice(device));
  }

  /**
   * The manual's {@code detach-volume}: detaches the volume from {@code instanceId} (or whatever it
   * is attached to, when null), only at {@code device} when given; {@code force} even if the guest
   * still uses it.
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param instanceId the instance's id ({@code i-...}), or {@code null} for whatever it is
   *     attached to
   * @param device the device name, such as {@code /dev/sdh}, or {@code null} for any
   * @param force whether to detach even if the guest still uses it (data may be lost)
   * @return the attachment, detaching
   * @throws IllegalArgumentException when an id or the device is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectState} for a volume not attached)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have detached it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Attachment detach(String volumeId, String instanceId, String device, boolean force) {
    Ids.check("volumeId", volumeId, "vol-");
    if (instanceId != null) {
      Ids.check("instanceId", instanceId, "i-");
    }
    return calls.detach(
        identity, volumeId, instanceId, device == null ? null : Ids.checkDevice(device), force);
  }

  /**
   * Waits until the volumes are in {@code state} (available, in-use); one DescribeVolumes per poll.
   * A volume EC2 does not list yet counts as not there yet.
   *
   * @param volumeIds the volumes' ids ({@code vol-...}), in this client's region
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return fresh copies of them in {@code state}, in the order given
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws WaitException when the timeout passes, or a volume reaches a state from which {@code
   *     state} cannot come (error; and deleting or deleted when waiting for available or in-use)
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Volume> waitFor(
      Collection<String> volumeIds, VolumeState state, WaitOptions options) {
    List<String> ids = List.copyOf(volumeIds);
    ids.forEach(id -> Ids.check("volumeId", id, "vol-"));
    java.util.Set<VolumeState> fatal =
        state == VolumeState.AVAILABLE || state == VolumeState.IN_USE
            ? java.util.EnumSet.of(VolumeState.DELETING, VolumeState.DELETED, VolumeState.ERROR)
            : java.util.EnumSet.of(VolumeState.ERROR);
    Map<String, Volume> latest =
        waiter.waitFor(
            ids,
            Waiter.byId(
                batch -> calls.describe(identity, List.of(), Map.of("volume-id", batch)),
                Volume::volumeId),
            v -> v.state().apiName(),
            List.of(
                Waiter.Acceptor.success(v -> v.state() == state),
                Waiter.Acceptor.failure(v -> fatal.contains(v.state()))),
            state.apiName(),
            options,
            "volume");
    return ids.stream().map(latest::get).toList();
  }

  /**
   * Changes a volume's size, type, IOPS or throughput while it stays in use (EC2's ModifyVolume);
   * the change goes modifying, optimizing (the new size is usable from here: grow the file system
   * then), completed. {@link #waitForModifications} waits for it.
   *
   * <pre>{@code
   * ec2.volumes().modify(volumeId, VolumeChange.ofSize(200).type("gp3"));
   * ec2.volumes().waitForModifications(List.of(volumeId), WaitOptions.defaults());
   * }</pre>
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param change the new size, type, IOPS or throughput
   * @return the modification, modifying
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws NullPointerException when {@code change} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for a smaller size or {@code IncorrectModificationState} while
   *     another modification runs)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have started it ({@link #describeModifications} tells); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public VolumeModification modify(String volumeId, VolumeChange change) {
    return calls.modify(
        identity,
        Ids.check("volumeId", volumeId, "vol-"),
        Objects.requireNonNull(change, "change"));
  }

  /**
   * The latest modification of each volume named, or of every volume ever modified (EC2's
   * DescribeVolumesModifications), across every page.
   *
   * @param volumeIds the volumes' ids ({@code vol-...}); none for all
   * @return the modifications, with their state and progress
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidVolumeModification.NotFound} for a volume never modified)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<VolumeModification> describeModifications(String... volumeIds) {
    for (String id : volumeIds) {
      Ids.check("volumeId", id, "vol-");
    }
    return calls.describeModifications(identity, List.of(volumeIds), Map.of());
  }

  /**
   * Waits until the volumes' modifications are optimizing or completed (the new settings are in
   * use); one DescribeVolumesModifications per poll. A modification EC2 does not list yet counts as
   * not there yet.
   *
   * @param volumeIds the volumes' ids ({@code vol-...}), in this client's region
   * @param options how often to poll, and for how long
   * @return fresh copies of the modifications, optimizing or completed, in the order given
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws WaitException when the timeout passes, or a modification fails ({@code failed})
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<VolumeModification> waitForModifications(
      Collection<String> volumeIds, WaitOptions options) {
    List<String> ids = List.copyOf(volumeIds);
    ids.forEach(id -> Ids.check("volumeId", id, "vol-"));
    Map<String, VolumeModification> latest =
        waiter.waitFor(
            ids,
            Waiter.byId(
                batch ->
                    calls.describeModifications(identity, List.of(), Map.of("volume-id", batch)),
                VolumeModification::volumeId),
            m -> m.modificationState().apiName(),
            List.of(
                Waiter.Acceptor.success(
                    m ->
                        m.modificationState() == VolumeModificationState.OPTIMIZING
                            || m.modificationState() == VolumeModificationState.COMPLETED),
                Waiter.Acceptor.failure(
                    m -> m.modificationState() == VolumeModificationState.FAILED)),
            "optimizing",
            options,
            "volume modification");
    return ids.stream().map(latest::get).toList();
  }

  @Override
  public String toString() {
    return "Volumes[" + identity + "]";
  }
}
