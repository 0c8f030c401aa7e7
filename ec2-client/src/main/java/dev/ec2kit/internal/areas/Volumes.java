package dev.ec2kit.internal.areas;

import dev.ec2kit.Attachment;
import dev.ec2kit.Identity;
import dev.ec2kit.Snapshot;
import dev.ec2kit.Volume;
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

/** The EBS calls: volumes, attachments, snapshots. */
public final class Volumes {
  private final QueryClient query;

  public Volumes(QueryClient query) {
    this.query = query;
  }

  public Volume create(Identity identity, String zone, VolumeSpec spec) {
    Params p = new Params().put("AvailabilityZone", zone).put("VolumeType", spec.volumeType())
        .put("SnapshotId", spec.snapshotId()).put("ClientToken", UUID.randomUUID().toString());
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

  public List<Volume> describe(Identity identity, List<String> ids, Map<String, List<String>> filters) {
    List<Volume> out = new ArrayList<>();
    String token = null;
    do {
      Params p = new Params().list("VolumeId", ids).filters(filters).put("NextToken", token);
      if (ids.isEmpty()) {
        p.put("MaxResults", 500);
      }
      XmlNode doc = query.call(identity, "DescribeVolumes", p, Repeat.SAFE);
      for (XmlNode item : doc.items("volumeSet")) {
        out.add(volume(item));
      }
      token = Images.blankToNull(doc.text("nextToken"));
    } while (token != null);
    return out;
  }

  public void delete(Identity identity, String volumeId) {
    query.call(identity, "DeleteVolume", new Params().put("VolumeId", volumeId), Repeat.ONCE);
  }

  public Attachment attach(Identity identity, String volumeId, String instanceId, String device) {
    // Not repeated blindly: a second attach of the same volume fails with VolumeInUse.
    return attachment(query.call(identity, "AttachVolume",
        new Params().put("VolumeId", volumeId).put("InstanceId", instanceId).put("Device", device), Repeat.ONCE));
  }

  public Attachment detach(Identity identity, String volumeId, String instanceId, String device, boolean force) {
    Params p = new Params().put("VolumeId", volumeId).put("InstanceId", instanceId).put("Device", device);
    if (force) {
      p.put("Force", true);
    }
    return attachment(query.call(identity, "DetachVolume", p, Repeat.ONCE));
  }

  public Snapshot createSnapshot(Identity identity, String volumeId, String description) {
    // Not repeated blindly: each success is another snapshot.
    return snapshot(query.call(identity, "CreateSnapshot",
        new Params().put("VolumeId", volumeId).put("Description", description), Repeat.ONCE));
  }

  public List<Snapshot> describeSnapshots(Identity identity, List<String> ids, List<String> owners,
      Map<String, List<String>> filters) {
    List<Snapshot> out = new ArrayList<>();
    String token = null;
    do {
      Params p = new Params().list("SnapshotId", ids).list("Owner", owners).filters(filters).put("NextToken", token);
      if (ids.isEmpty()) {
        p.put("MaxResults", 1000);
      }
      XmlNode doc = query.call(identity, "DescribeSnapshots", p, Repeat.SAFE);
      for (XmlNode item : doc.items("snapshotSet")) {
        out.add(snapshot(item));
      }
      token = Images.blankToNull(doc.text("nextToken"));
    } while (token != null);
    return out;
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
    return new Volume(n.required("volumeId"), n.integer("size", 0), snap == null || snap.isEmpty() ? null : snap,
        n.text("availabilityZone"), VolumeState.fromName(n.text("status", "creating")), n.instant("createTime"),
        attachments, n.text("volumeType"), n.integerOrNull("iops"), n.bool("encrypted"),
        Parse.tags(n));
  }

  private static Attachment attachment(XmlNode n) {
    return new Attachment(n.text("volumeId"), n.text("instanceId"), n.text("device"), n.text("status"),
        n.instant("attachTime"), n.bool("deleteOnTermination"));
  }

  private static Snapshot snapshot(XmlNode n) {
    return new Snapshot(n.required("snapshotId"), n.text("volumeId"), n.text("status", "pending"), n.instant("startTime"),
        n.text("progress", ""), n.text("ownerId"), n.integer("volumeSize", 0), n.text("description", ""),
        n.bool("encrypted"), Parse.tags(n));
  }
}
