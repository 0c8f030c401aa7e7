package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An image the emulator knows: a catalogue image or one an account registered or copied. */
public final class ImageRecord implements java.io.Serializable {
  /** One block device of an image. */
  public record Device(
      String deviceName,
      String virtualName,
      String snapshotId,
      int volumeSize,
      String volumeType,
      boolean deleteOnTermination,
      boolean encrypted)
      implements java.io.Serializable {}

  final String id;
  final String name;
  final String description;
  final String location;
  final String ownerId;
  final String ownerAlias;
  final boolean isPublic;
  final String architecture;
  final String type;
  final String kernelId;
  final String ramdiskId;
  final String rootDeviceType;
  final String rootDeviceName;
  final String virtualizationType;
  final String platformDetails;
  final List<Device> devices;

  /** The user an SSH login takes on instances of this image (ec2-user, ubuntu, admin, root). */
  final String loginUser;

  final Instant created;
  final Map<String, String> tags = new LinkedHashMap<>();
  final Set<String> launchPermissions;

  /** When a pending image becomes available; {@code null} when it already is. */
  Instant availableAt;

  /**
   * The copy of its disk (CreateImage, or the source's for a CopyImage of one), which it is pending
   * until and failed if it fails; null when there is nothing to copy.
   */
  private java.util.concurrent.CompletableFuture<Void> disk;

  ImageRecord(
      String id,
      String name,
      String description,
      String location,
      String ownerId,
      String ownerAlias,
      boolean isPublic,
      String architecture,
      String type,
      String kernelId,
      String ramdiskId,
      String rootDeviceType,
      String rootDeviceName,
      String virtualizationType,
      String platformDetails,
      List<Device> devices,
      String loginUser,
      Instant created,
      Set<String> launchPermissions,
      Instant availableAt) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.location = location;
    this.ownerId = ownerId;
    this.ownerAlias = ownerAlias;
    this.isPublic = isPublic;
    this.architecture = architecture;
    this.type = type;
    this.kernelId = kernelId;
    this.ramdiskId = ramdiskId;
    this.rootDeviceType = rootDeviceType;
    this.rootDeviceName = rootDeviceName;
    this.virtualizationType = virtualizationType;
    this.platformDetails = platformDetails;
    this.devices = List.copyOf(devices);
    this.loginUser = loginUser;
    this.created = created;
    this.launchPermissions = Set.copyOf(launchPermissions);
    this.availableAt = availableAt;
  }

  ResourceState state(Instant now) {
    if (disk != null && !disk.isDone()) {
      return ResourceState.PENDING;
    }
    if (disk != null && disk.isCompletedExceptionally()) {
      return ResourceState.FAILED;
    }
    return availableAt != null && now.isBefore(availableAt)
        ? ResourceState.PENDING
        : ResourceState.AVAILABLE;
  }

  /** It is pending until {@code copy} (of its disk's layer) ends, and failed if that fails. */
  void copying(java.util.concurrent.CompletableFuture<Void> copy) {
    this.disk = copy;
  }

  /** Why it failed (EC2's StateReason message), or null. */
  String failure() {
    if (disk == null || !disk.isCompletedExceptionally()) {
      return null;
    }
    try {
      disk.join();
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return "Server.InternalError: the disk was not copied ("
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
          + ")";
    }
  }

  /** A copy of this image owned by {@code owner}, pending until {@code availableAt}. */
  ImageRecord copyFor(
      String newId,
      String owner,
      String newName,
      String newDescription,
      Instant now,
      Instant availableAt) {
    ImageRecord copy =
        new ImageRecord(
            newId,
            newName,
            newDescription != null ? newDescription : description,
            owner + "/" + newName,
            owner,
            null,
            false,
            architecture,
            type,
            kernelId,
            ramdiskId,
            rootDeviceType,
            rootDeviceName,
            virtualizationType,
            platformDetails,
            devices,
            loginUser,
            now,
            Set.of(),
            availableAt);
    copy.disk = disk; // a copy of a capture under way is pending as long as it is
    return copy;
  }
}
