package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EBS: CreateVolume, DescribeVolumes, DeleteVolume, AttachVolume, DetachVolume, CreateSnapshot,
 * DescribeSnapshots, DeleteSnapshot. Volumes go creating → available → in-use; attachments
 * attaching → attached and detaching → detached; snapshots pending → completed with their progress
 * rising, all on the emulator's clock.
 */
public final class VolumesArea {
  /** An EBS snapshot of an account in a region. */
  static final class SnapshotRecord implements java.io.Serializable {
    final String id;
    final String volumeId;
    final int volumeSize;
    final String description;
    final String ownerId;
    final boolean encrypted;
    final Instant started;
    final Instant completedAt;
    final Map<String, String> tags = new LinkedHashMap<>();

    SnapshotRecord(
        String id,
        String volumeId,
        int volumeSize,
        String description,
        String ownerId,
        boolean encrypted,
        Instant started,
        Instant completedAt) {
      this.id = id;
      this.volumeId = volumeId;
      this.volumeSize = volumeSize;
      this.description = description;
      this.ownerId = ownerId;
      this.encrypted = encrypted;
      this.started = started;
      this.completedAt = completedAt;
    }

    ResourceState state(Instant now) {
      return now.isBefore(completedAt) ? ResourceState.PENDING : ResourceState.COMPLETED;
    }

    String progress(Instant now) {
      if (!now.isBefore(completedAt)) {
        return "100%";
      }
      long total = Duration.between(started, completedAt).toMillis();
      long done = Duration.between(started, now).toMillis();
      return Math.min(99, total == 0 ? 0 : done * 100 / total) + "%";
    }
  }

  private static final Set<String> TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  private final World world;
  private final InstancesArea instances;
  private final Filters<VolumeRecord> volumeFilters;
  private final Filters<SnapshotRecord> snapshotFilters;

  public VolumesArea(World world, InstancesArea instances) {
    this.world = world;
    this.instances = instances;
    this.volumeFilters = VolumeFilters.volumes(world);
    this.snapshotFilters = VolumeFilters.snapshots(world);
  }

  public void register(ActionTable table) {
    table.write("CreateVolume", this::createVolume);
    table.read("DescribeVolumes", this::describeVolumes);
    table.write("DeleteVolume", this::deleteVolume);
    table.write("AttachVolume", this::attachVolume);
    table.write("DetachVolume", this::detachVolume);
    table.write("CreateSnapshot", this::createSnapshot);
    table.read("DescribeSnapshots", this::describeSnapshots);
    table.write("DeleteSnapshot", this::deleteSnapshot);
  }

  /** Whether a device name of the instance is taken; the volumes keep its device map in step. */
  private static boolean deviceInUse(RegionState state, InstanceRecord r, String device) {
    if (device.equals(r.rootDeviceName)) {
      return true;
    }
    return r.devices.containsKey(device);
  }

  static VolumeRecord volume(RegionState state, String id) {
    if (!ResourceIds.wellFormed(id, "vol-")) {
      throw Ec2Error.badRequest(
          "InvalidVolumeID.Malformed", "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
    }
    VolumeRecord v = state.volumes.get(id);
    if (v == null) {
      throw Ec2Error.badRequest(
          "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
    }
    return v;
  }

  static SnapshotRecord snapshot(RegionState state, String id) {
    if (!ResourceIds.wellFormed(id, "snap-")) {
      throw Ec2Error.badRequest(
          "InvalidSnapshotID.Malformed", "Invalid id: \"" + id + "\" (expecting \"snap-...\")");
    }
    SnapshotRecord s = state.snapshots.get(id);
    if (s == null) {
      throw Ec2Error.badRequest(
          "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
    }
    return s;
  }

  /** A root volume for a new instance, attached at once (EC2 shows it attached from the start). */
  static VolumeRecord rootVolume(
      RegionState state, InstanceRecord r, ImageRecord.Device root, Instant now) {
    return launchVolume(state, r, r.rootVolumeId, root, null, now);
  }

  /** A volume made with its instance at launch (root or extra), attached from the start. */
  static VolumeRecord launchVolume(
      RegionState state,
      InstanceRecord r,
      String volumeId,
      ImageRecord.Device d,
      Integer iops,
      Instant now) {
    String type = d.volumeType() == null ? "gp2" : d.volumeType();
    VolumeRecord v =
        new VolumeRecord(
            volumeId,
            Math.max(1, d.volumeSize()),
            d.snapshotId(),
            r.zone,
            type,
            iops != null ? iops : type.equals("gp3") ? Integer.valueOf(3000) : null,
            d.encrypted(),
            now,
            now);
    v.attach(r, d.deviceName(), now, true);
    v.deleteOnTermination(d.deleteOnTermination());
    state.volumes.put(v.id, v);
    return v;
  }

  private String createVolume(Call call) {
    RegionState state = world.state(call);
    VolumeRecord same = state.volumes.get(state.madeBefore(call));
    if (same != null) {
      Xml x = Xml.response(call.action(), call.requestId());
      writeVolumeFields(x, same, call.now());
      return x.finish();
    }
    String zone = call.required("AvailabilityZone");
    if (world.geography().zones(state.region).stream().noneMatch(z -> z.name().equals(zone))) {
      throw Ec2Error.invalidParameterValue("Invalid availability zone: [" + zone + "]");
    }
    Integer sizeGiven = call.integer("Size", 1, 65536);
    String snapshotId = call.nonEmpty("SnapshotId");
    if (sizeGiven == null && snapshotId == null) {
      throw Ec2Error.missingParameter("Size");
    }
    String type = call.oneOf("VolumeType", "gp2", TYPES);
    Integer iops = call.integer("Iops", 100, 256_000);
    Instant now = call.now();
    int size;
    if (snapshotId != null) {
      SnapshotRecord s = snapshot(state, snapshotId);
      if (s.state(now) != ResourceState.COMPLETED) {
        throw Ec2Error.badRequest(
            "IncorrectState", "Snapshot '" + snapshotId + "' is not 'completed'.");
      }
      size = sizeGiven == null ? s.volumeSize : sizeGiven;
      if (size < s.volumeSize) {
        throw Ec2Error.invalidParameterValue(
            "Volume of size "
                + size
                + "GiB is smaller than snapshot '"
                + snapshotId
                + "', expect size >= "
                + s.volumeSize
                + "GiB");
      }
    } else {
      size = sizeGiven;
    }
    VolumeRecord.checkSize(type, size);
    if (iops != null && !(type.equals("io1") || type.equals("io2") || type.equals("gp3"))) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The parameter iops is not supported for " + type + " volumes.");
    }
    call.checkDryRun();
    VolumeRecord v =
        new VolumeRecord(
            ResourceIds.next("vol-"),
            size,
            snapshotId,
            zone,
            type,
            iops != null ? iops : type.equals("gp3") ? 3000 : null,
            call.flag("Encrypted"),
            now,
            now.plus(world.timing().transition()));
    v.tags.putAll(InstancesArea.tags(call, "volume"));
    state.volumes.put(v.id, v);
    world.blockDevices().created(v.id, size, snapshotId);
    state.made(call, v.id);
    Xml x = Xml.response(call.action(), call.requestId());
    writeVolumeFields(x, v, now);
    return x.finish();
  }

  private void writeVolumeFields(Xml x, VolumeRecord v, Instant now) {
    x.leaf("volumeId", v.id)
        .leaf("size", v.size())
        .leaf("snapshotId", v.snapshotId == null ? "" : v.snapshotId)
        .leaf("availabilityZone", v.zone)
        .leaf("availabilityZoneId", VolumeFilters.zoneId(world, v.zone))
        .leaf("status", v.state(now).apiName())
        .leaf("createTime", Xml.time(v.created))
        .leaf("volumeType", v.type())
        .leaf("iops", v.iops())
        .leaf("throughput", v.throughput())
        .leaf("encrypted", v.encrypted)
        .leaf("multiAttachEnabled", false);
    ImagesArea.writeTags(x, v.tags);
  }

  private String describeVolumes(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("VolumeId");
    Paging paging = Paging.of(call, !ids.isEmpty(), "volumeSet");
    Instant now = call.now();
    List<VolumeRecord> result = new ArrayList<>();
    if (ids.isEmpty()) {
      result.addAll(state.volumes.values());
    }
    for (String id : ids) {
      result.add(volume(state, id));
    }
    Paging.Page<VolumeRecord> page = paging.page(volumeFilters.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("volumeSet");
    for (VolumeRecord v : page.items()) {
      x.start("item");
      writeVolumeFields(x, v, now);
      x.start("attachmentSet");
      if (v.attachment() != null) {
        x.start("item");
        writeAttachment(x, v);
        x.leaf("deleteOnTermination", v.deleteOnTermination()).end();
      }
      x.end().end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private static void writeAttachment(Xml x, VolumeRecord v) {
    x.leaf("volumeId", v.id)
        .leaf("instanceId", v.instanceId())
        .leaf("device", v.device())
        .leaf("status", v.attachment().apiName())
        .leaf("attachTime", Xml.time(v.attachTime()));
  }

  private String deleteVolume(Call call) {
    RegionState state = world.state(call);
    String id = call.required("VolumeId");
    VolumeRecord v = volume(state, id);
    if (v.attachment() != null) {
      throw Ec2Error.badRequest(
          "VolumeInUse", "Volume " + id + " is currently attached to " + v.instanceId());
    }
    call.checkDryRun();
    state.volumes.remove(id);
    world.blockDevices().deleted(id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String attachVolume(Call call) {
    RegionState state = world.state(call);
    String volumeId = call.required("VolumeId");
    String instanceId = call.required("InstanceId");
    String device = call.required("Device");
    if (!device.matches("/dev/(sd[a-z][1-9]?|xvd[a-z]{1,2}|sd[a-z]{2})")) {
      throw Ec2Error.invalidParameterValue(
          "Value ("
              + device
              + ") for parameter device is invalid. "
              + device
              + " is not a valid EBS device name.");
    }
    Instant now = call.now();
    VolumeRecord v = volume(state, volumeId);
    InstanceRecord r = state.instances.get(instanceId);
    if (r == null) {
      throw ResourceIds.notFound("InvalidInstanceID.NotFound", "instance", List.of(instanceId));
    }
    if (v.attachment() != null) {
      throw Ec2Error.badRequest("VolumeInUse", volumeId + " is already attached to an instance");
    }
    if (v.state(now) != dev.ec2kit.VolumeState.AVAILABLE) {
      throw Ec2Error.badRequest(
          "IncorrectState", "The volume '" + volumeId + "' is not 'available'.");
    }
    if (r.state != InstanceState.RUNNING && r.state != InstanceState.STOPPED) {
      throw Ec2Error.badRequest(
          "IncorrectInstanceState", "Instance '" + instanceId + "' is not 'running'.");
    }
    if (!r.zone.equals(v.zone)) {
      throw Ec2Error.badRequest(
          "InvalidVolume.ZoneMismatch",
          "The volume '"
              + volumeId
              + "' is not in the same availability zone as instance '"
              + instanceId
              + "'");
    }
    if (deviceInUse(state, r, device)) {
      throw Ec2Error.invalidParameterValue("Attachment point " + device + " is already in use");
    }
    call.checkDryRun();
    v.attach(r, device, now, false);
    world.blockDevices().attach(r.id, v.id, device, v.size());
    Xml x = Xml.response(call.action(), call.requestId());
    writeAttachment(x, v);
    return x.finish();
  }

  private String detachVolume(Call call) {
    RegionState state = world.state(call);
    String volumeId = call.required("VolumeId");
    String instanceId = call.get("InstanceId");
    String device = call.get("Device");
    // every detach here is forced (mounted or not, its block device goes at once; see BlockDevices)
    call.bool("Force");
    Instant now = call.now();
    VolumeRecord v = volume(state, volumeId);
    if (v.attachment() == null) {
      throw Ec2Error.badRequest(
          "IncorrectState", "Volume '" + volumeId + "' is in the '" + v.state(now) + "' state.");
    }
    if ((instanceId != null && !instanceId.equals(v.instanceId()))
        || (device != null && !device.equals(v.device()))) {
      throw Ec2Error.badRequest(
          "InvalidAttachment.NotFound",
          "Volume '"
              + volumeId
              + "' is not attached to "
              + (instanceId != null ? instanceId : "")
              + (device != null ? " at " + device : "")
              + ".");
    }
    InstanceRecord r = state.instances.get(v.instanceId());
    if (r != null && v.device().equals(r.rootDeviceName) && r.state != InstanceState.STOPPED) {
      throw Ec2Error.badRequest(
          "OperationNotPermitted",
          "Unable to detach root volume '" + volumeId + "' from instance '" + v.instanceId() + "'");
    }
    call.checkDryRun();
    v.detach(now);
    world.blockDevices().detach(v.instanceId(), v.id);
    Xml x = Xml.response(call.action(), call.requestId());
    writeAttachment(x, v);
    return x.finish();
  }

  private String createSnapshot(Call call) {
    RegionState state = world.state(call);
    String volumeId = call.required("VolumeId");
    String description = call.get("Description") == null ? "" : call.get("Description");
    Instant now = call.now();
    VolumeRecord v = volume(state, volumeId);
    call.checkDryRun();
    SnapshotRecord s =
        new SnapshotRecord(
            ResourceIds.next("snap-"),
            v.id,
            v.size(),
            description,
            state.accountId,
            v.encrypted,
            now,
            now.plus(world.timing().transition()));
    s.tags.putAll(InstancesArea.tags(call, "snapshot"));
    state.snapshots.put(s.id, s);
    world.blockDevices().snapshot(s.id, v.id);
    Xml x = Xml.response(call.action(), call.requestId());
    writeSnapshotFields(x, s, now);
    return x.finish();
  }

  private static void writeSnapshotFields(Xml x, SnapshotRecord s, Instant now) {
    x.leaf("snapshotId", s.id)
        .leaf("volumeId", s.volumeId)
        .leaf("status", s.state(now).apiName())
        .leaf("startTime", Xml.time(s.started))
        .leaf("progress", s.progress(now))
        .leaf("ownerId", s.ownerId)
        .leaf("volumeSize", s.volumeSize)
        .leaf("description", s.description)
        .leaf("encrypted", s.encrypted)
        .leaf("storageTier", "standard");
    ImagesArea.writeTags(x, s.tags);
  }

  private String describeSnapshots(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("SnapshotId");
    List<String> owners = call.list("Owner");
    Paging paging = Paging.of(call, !ids.isEmpty(), "snapshotSet");
    Instant now = call.now();
    List<SnapshotRecord> result = new ArrayList<>();
    if (ids.isEmpty()) {
      result.addAll(state.snapshots.values());
    }
    for (String id : ids) {
      result.add(snapshot(state, id));
    }
    for (String o : owners) {
      if (!(o.equals("self") || o.equals("amazon") || o.matches("\\d{12}"))) {
        throw Ec2Error.badRequest("InvalidUserID.Malformed", "Invalid user id: \"" + o + "\"");
      }
    }
    if (!owners.isEmpty()) {
      result.removeIf(
          s ->
              owners.stream()
                  .noneMatch(
                      o ->
                          o.equals("self")
                              ? s.ownerId.equals(state.accountId)
                              : s.ownerId.equals(o)));
    }
    Paging.Page<SnapshotRecord> page = paging.page(snapshotFilters.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("snapshotSet");
    for (SnapshotRecord s : page.items()) {
      x.start("item");
      writeSnapshotFields(x, s, now);
      x.end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private String deleteSnapshot(Call call) {
    RegionState state = world.state(call);
    String id = call.required("SnapshotId");
    snapshot(state, id);
    for (ImageRecord i : state.images.values()) {
      if (i.devices.stream().anyMatch(d -> id.equals(d.snapshotId()))) {
        throw Ec2Error.badRequest(
            "InvalidSnapshot.InUse", "The snapshot " + id + " is currently in use by " + i.id);
      }
    }
    call.checkDryRun();
    state.snapshots.remove(id);
    world.blockDevices().snapshotDeleted(id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }
}
