package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeImages, RegisterImage, DeregisterImage, CopyImage. */
public final class ImagesArea {
  private final World world;

  public ImagesArea(World world) {
    this.world = world;
  }

  public void register(ActionTable table) {
    table.read("DescribeImages", this::describeImages);
    table.write("RegisterImage", this::registerImage);
    table.write("CreateImage", this::createImage);
    table.write("DeregisterImage", this::deregisterImage);
    table.write("CopyImage", this::copyImage);
  }

  /** An image the account can see in its region by id, or EC2's NotFound. */
  static ImageRecord visible(World world, RegionState state, String id) {
    if (!ResourceIds.wellFormed(id, "ami-")
        && !ResourceIds.wellFormed(id, "aki-")
        && !ResourceIds.wellFormed(id, "ari-")) {
      throw Ec2Error.badRequest(
          "InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
    }
    ImageRecord i = state.images.get(id);
    if (i == null) {
      i = world.catalog(state.region).get(id);
    }
    if (i == null) {
      throw Ec2Error.badRequest(
          "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
    }
    return i;
  }

  private String describeImages(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("ImageId");
    List<String> owners = call.list("Owner");
    List<String> executableBy = call.list("ExecutableBy");
    // no image here is deprecated or disabled (the emulator has no DeprecationTime or
    // DisableImage),
    // so both answer the same either way; their values are still checked
    call.bool("IncludeDeprecated");
    call.bool("IncludeDisabled");
    Paging paging = Paging.of(call, !ids.isEmpty(), "imageIdSet");
    Instant now = call.now();
    List<ImageRecord> result;
    List<ImageRecord> all = new ArrayList<>(world.catalog(state.region).values());
    all.addAll(state.images.values());
    if (!ids.isEmpty()) {
      List<String> missing = new ArrayList<>();
      result = new ArrayList<>();
      for (String id : ids) {
        try {
          result.add(visible(world, state, id));
        } catch (Ec2Error e) {
          if (e.code().equals("InvalidAMIID.Malformed")) {
            throw e;
          }
          missing.add(id);
        }
      }
      if (!missing.isEmpty()) {
        throw Ec2Error.badRequest(
            "InvalidAMIID.NotFound",
            "The image ids '[" + String.join(", ", missing) + "]' do not exist");
      }
    } else {
      result = all;
    }
    for (String o : owners) {
      if (!(o.equals("self")
          || o.equals("amazon")
          || o.equals("aws-marketplace")
          || o.matches("\\d{12}"))) {
        throw Ec2Error.badRequest("InvalidUserID.Malformed", "Invalid user id: \"" + o + "\"");
      }
    }
    if (!owners.isEmpty()) {
      result =
          result.stream()
              .filter(i -> owners.stream().anyMatch(o -> ownedBy(i, o, call.accountId())))
              .toList();
    }
    if (!executableBy.isEmpty()) {
      result =
          result.stream()
              .filter(
                  i -> executableBy.stream().anyMatch(e -> executableBy(i, e, call.accountId())))
              .toList();
    }
    result = ImageFilters.of(call.now()).apply(call.filters(), result);
    Paging.Page<ImageRecord> page = paging.page(result);
    Xml x = Xml.response(call.action(), call.requestId()).start("imagesSet");
    for (ImageRecord i : page.items()) {
      write(x, i, now);
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private static boolean ownedBy(ImageRecord i, String owner, String account) {
    return switch (owner) {
      case "self" -> i.ownerId.equals(account);
      case "amazon", "aws-marketplace" -> owner.equals(i.ownerAlias);
      default -> i.ownerId.equals(owner);
    };
  }

  private static boolean executableBy(ImageRecord i, String who, String account) {
    return switch (who) {
      case "all" -> i.isPublic;
      case "self" -> i.ownerId.equals(account) || i.launchPermissions.contains(account);
      default ->
          who.equals(account)
              ? i.ownerId.equals(account) || i.launchPermissions.contains(account)
              : i.ownerId.equals(account) && i.launchPermissions.contains(who);
    };
  }

  static void write(Xml x, ImageRecord i, Instant now) {
    x.start("item")
        .leaf("imageId", i.id)
        .leaf("imageLocation", i.location)
        .leaf("imageState", i.state(now).apiName())
        .leaf("imageOwnerId", i.ownerId)
        .leaf("creationDate", Xml.time(i.created))
        .leaf("isPublic", i.isPublic)
        .leaf("architecture", i.architecture)
        .leaf("imageType", i.type)
        .leaf("kernelId", i.kernelId)
        .leaf("ramdiskId", i.ramdiskId)
        .leaf("imageOwnerAlias", i.ownerAlias)
        .leaf("name", i.name)
        .leaf("description", i.description)
        .leaf("rootDeviceType", i.rootDeviceType)
        .leaf("rootDeviceName", i.rootDeviceName)
        .leaf("platformDetails", i.platformDetails);
    if (i.failure() != null) {
      x.start("stateReason")
          .leaf("code", "Server.InternalError")
          .leaf("message", i.failure())
          .end();
    }
    x.start("blockDeviceMapping");
    for (ImageRecord.Device d : i.devices) {
      x.start("item").leaf("deviceName", d.deviceName());
      if (d.virtualName() != null) {
        x.leaf("virtualName", d.virtualName());
      } else {
        x.start("ebs")
            .leaf("snapshotId", d.snapshotId())
            .leaf("volumeSize", d.volumeSize() > 0 ? d.volumeSize() : null)
            .leaf("deleteOnTermination", d.deleteOnTermination())
            .leaf("volumeType", d.volumeType())
            .leaf("encrypted", d.encrypted())
            .end();
      }
      x.end();
    }
    x.end().leaf("virtualizationType", i.virtualizationType).leaf("hypervisor", "xen");
    writeTags(x, i.tags);
    x.end();
  }

  static void writeTags(Xml x, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    x.start("tagSet");
    tags.forEach((k, v) -> x.start("item").leaf("key", k).leaf("value", v).end());
    x.end();
  }

  private String registerImage(Call call) {
    RegionState state = world.state(call);
    String name = call.required("Name");
    if (!name.matches("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}")) {
      throw Ec2Error.badRequest(
          "InvalidAMIName.Malformed",
          "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
    }
    String location = call.get("ImageLocation");
    String rootDevice = call.get("RootDeviceName");
    List<ImageRecord.Device> devices = devices(call);
    if (location == null && rootDevice == null) {
      throw Ec2Error.missingParameter("ImageLocation");
    }
    if (location != null && !location.endsWith(".manifest.xml")) {
      throw Ec2Error.badRequest(
          "InvalidManifest",
          "The manifest '" + location + "' is not an image manifest (bucket/path.manifest.xml).");
    }
    String architecture = call.get("Architecture") == null ? "x86_64" : call.get("Architecture");
    if (!List.of("i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac").contains(architecture)) {
      throw Ec2Error.invalidParameterValue(
          "Invalid value '" + architecture + "' for architecture.");
    }
    Instant now = call.now();
    for (ImageRecord i : state.images.values()) {
      if (name.equals(i.name)) {
        throw Ec2Error.badRequest(
            "InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI " + i.id);
      }
    }
    if (rootDevice != null) {
      ImageRecord.Device root =
          devices.stream()
              .filter(d -> d.deviceName().equals(rootDevice))
              .findFirst()
              .orElseThrow(
                  () ->
                      Ec2Error.invalidParameterValue(
                          "The root device " + rootDevice + " has no block device mapping."));
      if (root.snapshotId() == null) {
        throw Ec2Error.invalidParameterValue(
            "The root device " + rootDevice + " needs a snapshot id.");
      }
    }
    List<ImageRecord.Device> sized = new ArrayList<>();
    for (ImageRecord.Device d : devices) {
      if (d.snapshotId() != null) {
        VolumesArea.SnapshotRecord s = VolumesArea.snapshot(state, d.snapshotId());
        if (s.state(now) != ResourceState.COMPLETED) {
          throw Ec2Error.badRequest(
              "IncorrectState", "Snapshot '" + s.id + "' is not 'completed'.");
        }
        d =
            new ImageRecord.Device(
                d.deviceName(),
                null,
                d.snapshotId(),
                d.volumeSize() > 0 ? d.volumeSize() : s.volumeSize,
                d.volumeType(),
                d.deleteOnTermination(),
                d.encrypted());
      }
      sized.add(d);
    }
    devices = sized;
    String kernel = call.get("KernelId");
    String ramdisk = call.get("RamdiskId");
    if (kernel != null) {
      visible(world, state, kernel);
    }
    if (ramdisk != null) {
      visible(world, state, ramdisk);
    }
    call.checkDryRun();
    String id = ResourceIds.next("ami-");
    String virtualization =
        call.get("VirtualizationType") != null ? call.get("VirtualizationType") : "paravirtual";
    ImageRecord image =
        new ImageRecord(
            id,
            name,
            call.get("Description"),
            location != null ? location : state.accountId + "/" + name,
            state.accountId,
            null,
            false,
            architecture,
            "machine",
            kernel,
            ramdisk,
            rootDevice != null ? "ebs" : "instance-store",
            rootDevice,
            virtualization,
            "Linux/UNIX",
            devices,
            "ec2-user",
            now,
            Set.of(),
            now.plus(world.timing().transition()));
    state.images.put(id, image);
    return Xml.response(call.action(), call.requestId()).leaf("imageId", id).finish();
  }

  /**
   * CreateImage: an EBS-backed image of a running or stopped instance, with a new snapshot of each
   * of its volumes; the instance reboots first unless NoReboot, as on EC2.
   */
  private String createImage(Call call) {
    RegionState state = world.state(call);
    String instanceId = call.required("InstanceId");
    String name = call.required("Name");
    if (!name.matches("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}")) {
      throw Ec2Error.badRequest(
          "InvalidAMIName.Malformed",
          "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
    }
    if (call.names().stream().anyMatch(k -> k.startsWith("BlockDeviceMapping."))) {
      throw Ec2Error.badRequest(
          "Unsupported",
          "The parameter BlockDeviceMapping is not supported by this emulator's CreateImage.");
    }
    if (call.nonEmpty("SnapshotLocation") != null) {
      throw Ec2Error.badRequest(
          "Unsupported",
          "The parameter SnapshotLocation is not supported by this emulator (Outposts).");
    }
    boolean noReboot = call.flag("NoReboot");
    java.util.List<String> taggable = java.util.List.of("image", "snapshot");
    Map<String, String> imageTags = TagsArea.specified(call, "image", taggable);
    Map<String, String> snapshotTags = TagsArea.specified(call, "snapshot", taggable);
    InstanceRecord r = state.instances.get(instanceId);
    if (r == null) {
      throw ResourceIds.notFound(
          "InvalidInstanceID.NotFound", "instance", java.util.List.of(instanceId));
    }
    if (!"ebs".equals(r.rootDeviceType)) {
      throw Ec2Error.badRequest(
          "UnsupportedOperation",
          "The instance '"
              + instanceId
              + "' does not have an 'ebs' root device type and cannot be imaged with"
              + " CreateImage; bundle it and RegisterImage the manifest instead.");
    }
    if (r.state != dev.ec2kit.InstanceState.RUNNING
        && r.state != dev.ec2kit.InstanceState.STOPPED) {
      throw Ec2Error.badRequest(
          "IncorrectInstanceState",
          "The instance '"
              + instanceId
              + "' is not in a state from which it can be imaged ("
              + r.state.apiName()
              + ").");
    }
    for (ImageRecord i : state.images.values()) {
      if (name.equals(i.name)) {
        throw Ec2Error.badRequest(
            "InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI " + i.id);
      }
    }
    call.checkDryRun();
    Instant now = call.now();
    String id = ResourceIds.next("ami-");
    // the copy goes on after this call, the image pending until it is whole (failed if not)
    java.util.concurrent.CompletableFuture<Void> copy = r.imaged(now, world, id, noReboot);
    List<ImageRecord.Device> devices = new ArrayList<>();
    r.devices.forEach(
        (device, volumeId) -> {
          VolumeRecord v = state.volumes.get(volumeId);
          VolumesArea.SnapshotRecord snap =
              new VolumesArea.SnapshotRecord(
                  ResourceIds.next("snap-"),
                  v.id,
                  v.size(),
                  "Created by CreateImage(" + instanceId + ") for " + id,
                  state.accountId,
                  v.encrypted,
                  now,
                  now.plus(world.timing().transition()));
          snap.tags.putAll(snapshotTags);
          state.snapshots.put(snap.id, snap);
          world.blockDevices().snapshot(snap.id, v.id); // a data volume's data, where it has some
          devices.add(
              new ImageRecord.Device(
                  device, null, snap.id, v.size(), v.type(), v.deleteOnTermination(), v.encrypted));
        });
    ImageRecord source = visibleOrNull(world, state, r.imageId);
    ImageRecord image =
        new ImageRecord(
            id,
            name,
            call.get("Description"),
            state.accountId + "/" + name,
            state.accountId,
            null,
            false,
            r.architecture,
            "machine",
            r.kernelId,
            r.ramdiskId,
            "ebs",
            r.rootDeviceName,
            r.kernelId != null ? "paravirtual" : "hvm",
            "Linux/UNIX",
            devices,
            source != null ? source.loginUser : r.loginUser,
            now,
            Set.of(),
            now.plus(world.timing().transition()));
    image.tags.putAll(imageTags);
    image.copying(copy);
    state.images.put(id, image);
    return Xml.response(call.action(), call.requestId()).leaf("imageId", id).finish();
  }

  private static ImageRecord visibleOrNull(World world, RegionState state, String imageId) {
    try {
      return visible(world, state, imageId);
    } catch (Ec2Error e) {
      return null; // the source image was deregistered since
    }
  }

  private static List<ImageRecord.Device> devices(Call call) {
    Map<Integer, ImageRecord.Device> out = new LinkedHashMap<>();
    for (int n = 1; call.get("BlockDeviceMapping." + n + ".DeviceName") != null; n++) {
      String p = "BlockDeviceMapping." + n + ".";
      Integer size = call.integer(p + "Ebs.VolumeSize", 1, 65536);
      int gib = size == null ? 0 : size;
      out.put(
          n,
          new ImageRecord.Device(
              call.get(p + "DeviceName"),
              call.get(p + "VirtualName"),
              call.get(p + "Ebs.SnapshotId"),
              gib,
              call.get(p + "Ebs.VolumeType") == null && call.get(p + "VirtualName") == null
                  ? "gp2"
                  : call.get(p + "Ebs.VolumeType"),
              !Boolean.FALSE.equals(call.bool(p + "Ebs.DeleteOnTermination")),
              call.flag(p + "Ebs.Encrypted")));
    }
    return new ArrayList<>(out.values());
  }

  private String deregisterImage(Call call) {
    RegionState state = world.state(call);
    String id = call.required("ImageId");
    ImageRecord image = visible(world, state, id);
    if (!image.ownerId.equals(state.accountId)) {
      throw Ec2Error.authFailure("Not authorized for image:" + id);
    }
    call.checkDryRun();
    state.images.remove(id);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String copyImage(Call call) {
    String sourceRegion = call.required("SourceRegion");
    String sourceId = call.required("SourceImageId");
    String name = call.required("Name");
    if (!world.geography().isRegion(sourceRegion)) {
      throw Ec2Error.invalidParameterValue("Invalid source region: " + sourceRegion);
    }
    RegionState target = world.state(call);
    RegionState source = world.state(call.accountId(), sourceRegion);
    // Only the target region is locked (by the dispatcher); the source's images are read without
    // its lock, which their thread-safe map allows, so two copies in opposite directions cannot
    // deadlock.
    ImageRecord original = visible(world, source, sourceId);
    Instant now = call.now();
    String token = call.get("ClientToken");
    if (token != null && target.imageCopies.containsKey(token)) {
      String copied = target.imageCopies.get(token);
      if (!copied.startsWith(sourceRegion + "/" + sourceId + "/")) {
        throw Ec2Error.badRequest(
            "IdempotentParameterMismatch",
            "The client token '" + token + "' was already used for a different copy.");
      }
      return Xml.response(call.action(), call.requestId())
          .leaf("imageId", copied.substring(copied.lastIndexOf('/') + 1))
          .finish();
    }
    for (ImageRecord i : target.images.values()) {
      if (name.equals(i.name)) {
        throw Ec2Error.badRequest(
            "InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI " + i.id);
      }
    }
    call.checkDryRun();
    String id = ResourceIds.next("ami-");
    world.copyImage(sourceId, id); // an instance of the copy sees what one of the source sees
    target.images.put(
        id,
        original.copyFor(
            id,
            target.accountId,
            name,
            call.get("Description"),
            now,
            now.plus(world.timing().transition())));
    if (token != null) {
      target.imageCopies.put(token, sourceRegion + "/" + sourceId + "/" + id);
    }
    return Xml.response(call.action(), call.requestId()).leaf("imageId", id).finish();
  }
}
