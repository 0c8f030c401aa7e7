package dev.ec2kit.internal.areas;

import dev.ec2kit.Attachment;
import dev.ec2kit.AttachmentState;
import dev.ec2kit.Identity;
import dev.ec2kit.Snapshot;
import dev.ec2kit.SnapshotState;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeChange;
import dev.ec2kit.VolumeModification;
import dev.ec2kit.VolumeModificationState;
import dev.ec2kit.VolumeSpec;
import dev.ec2kit.VolumeState;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The EBS calls: volumes, attachments, modifications, snapshots. */
public final class VolumeCalls {
  private final QueryClient query;

  public VolumeCalls(QueryClient query) {
    this.query = query;
  }

  public Volume create(Identity identity, String zone, VolumeSpec spec) {
    Params p =
        new Params()
            .put("AvailabilityZone", zone)
            .put("VolumeType", spec.volumeType())
            .put("SnapshotId", spec.snapshotId())
            .put("ClientToken", UUID.randomUUID().toString());
    if (spec.sizeGiB() != null) {
      p.put("Size", spec.sizeGiB());
    }
    if (spec.iops() != null) {
      p.put("Iops", spec.iops());
    }
    if (spec.encrypted()) {
      p.put("Encrypted", true);
    }
    return volume(query.call(identity, "CreateVolume", p, Repeat.SAFE));
  }

  public List<Volume> describe(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query,
        identity,
        "DescribeVolumes",
        "VolumeId",
        ids,
        filters,
        500,
        "volumeSet",
        VolumeCalls::volume);
  }

  public void delete(Identity identity, String volumeId) {
    query.call(identity, "DeleteVolume", new Params().put("VolumeId", volumeId), Repeat.ONCE);
  }

  public Attachment attach(Identity identity, String volumeId, String instanceId, String device) {
    // Not repeated blindly: a second attach of the same volume fails with VolumeInUse.
    return attachment(
        query.call(
            identity,
            "AttachVolume",
            new Params()
                .put("VolumeId", volumeId)
                .put("InstanceId", instanceId)
                .put("Device", device),
            Repeat.ONCE));
  }

  public Attachment detach(
      Identity identity, String volumeId, String instanceId, String device, boolean force) {
    Params p =
        new Params().put("VolumeId", volumeId).put("InstanceId", instanceId).put("Device", device);
    if (force) {
      p.put("Force", true);
    }
    return attachment(query.call(identity, "DetachVolume", p, Repeat.ONCE));
  }

  public VolumeModification modify(Identity identity, String volumeId, VolumeChange change) {
    Params p = new Params().put("VolumeId", volumeId).put("VolumeType", change.volumeType());
    if (change.sizeGiB() != null) {
      p.put("Size", change.sizeGiB());
    }
    if (change.iops() != null) {
      p.put("Iops", change.iops());
    }
    if (change.throughput() != null) {
      p.put("Throughput", change.throughput());
    }
    // Not repeated blindly: a second ModifyVolume while one runs is IncorrectModificationState.
    XmlNode doc = query.call(identity, "ModifyVolume", p, Repeat.ONCE);
    return modification(
        doc.child("volumeModification").orElseThrow(() -> doc.malformed("no volumeModification")));
  }

  public List<VolumeModification> describeModifications(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query,
        identity,
        "DescribeVolumesModifications",
        "VolumeId",
        ids,
        filters,
        500,
        "volumeModificationSet",
        VolumeCalls::modification);
  }

  public Snapshot createSnapshot(Identity identity, String volumeId, String description) {
    // Not repeated blindly: each success is another snapshot.
    return snapshot(
        query.call(
            identity,
            "CreateSnapshot",
            new Params().put("VolumeId", volumeId).put("Description", description),
            Repeat.ONCE));
  }

  public List<Snapshot> describeSnapshots(
      Identity identity, List<String> ids, List<String> owners, Map<String, List<String>> filters) {
    return Pages.all(
        query,
        identity,
        "DescribeSnapshots",
        new Params().list("SnapshotId", ids).list("Owner", owners).filters(filters),
        ids.isEmpty() ? 1000 : 0,
        doc -> doc.items("snapshotSet").stream().map(VolumeCalls::snapshot).toList());
  }

  public void deleteSnapshot(Identity identity, String snapshotId) {
    query.call(identity, "DeleteSnapshot", new Params().put("SnapshotId", snapshotId), Repeat.ONCE);
  }

  private static Volume volume(XmlNode n) {
    List<Attachment> attachments = new ArrayList<>();
    for (XmlNode a : n.items("attachmentSet")) {
      attachments.add(attachment(a));
    }
    String snap = n.text("snapshotId");
    return new Volume(
        n.required("volumeId"),
        n.integer("size", 0),
        snap == null || snap.isEmpty() ? null : snap,
        n.text("availabilityZone"),
        n.parsed("status", VolumeState::fromName, VolumeState.CREATING),
        n.instant("createTime"),
        attachments,
        n.text("volumeType"),
        n.integerOrNull("iops"),
        n.bool("encrypted"),
        Parse.tags(n));
  }

  private static Attachment attachment(XmlNode n) {
    return new Attachment(
        n.text("volumeId"),
        n.text("instanceId"),
        n.text("device"),
        n.parsed("status", AttachmentState::fromName, AttachmentState.ATTACHING),
        n.instant("attachTime"),
        n.bool("deleteOnTermination"));
  }

  private static Snapshot snapshot(XmlNode n) {
    return new Snapshot(
        n.required("snapshotId"),
        n.text("volumeId"),
        n.parsed("status", SnapshotState::fromName, SnapshotState.PENDING),
        n.instant("startTime"),
        n.text("progress", ""),
        n.text("ownerId"),
        n.integer("volumeSize", 0),
        n.text("description", ""),
        n.bool("encrypted"),
        Parse.tags(n));
  }

  private static VolumeModification modification(XmlNode n) {
    return new VolumeModification(
        n.required("volumeId"),
        n.parsed(
            "modificationState",
            VolumeModificationState::fromName,
            VolumeModificationState.MODIFYING),
        Parse.emptyToNull(n.text("statusMessage")),
        n.integer("originalSize", 0),
        n.integer("targetSize", 0),
        n.text("originalVolumeType"),
        n.text("targetVolumeType"),
        n.integerOrNull("originalIops"),
        n.integerOrNull("targetIops"),
        n.integerOrNull("originalThroughput"),
        n.integerOrNull("targetThroughput"),
        n.integer("progress", 0),
        n.instant("startTime"),
        n.instant("endTime"));
  }
}
