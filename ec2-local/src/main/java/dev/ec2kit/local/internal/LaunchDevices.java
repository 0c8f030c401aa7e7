package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The EBS volumes a launch makes: its image's block device mappings with the call's changes. */
final class LaunchDevices {
  private LaunchDevices() {}

  /**
   * The EBS devices an instance launches with: the image's mappings, changed by the call's block
   * device mappings (a bigger or other kind of root volume, extra volumes, NoDevice), checked as
   * EC2 checks them.
   */
  static List<ImageRecord.Device> devices(
      RegionState state, ImageRecord image, LaunchSettings settings, Instant now) {
    Map<String, ImageRecord.Device> out = new LinkedHashMap<>();
    if (image.rootDeviceType.equals("ebs")) {
      out.put(
          image.rootDeviceName,
          image.devices.stream()
              .filter(d -> d.deviceName().equals(image.rootDeviceName))
              .findFirst()
              .orElse(
                  new ImageRecord.Device(image.rootDeviceName, null, null, 8, "gp2", true, false)));
    }
    for (ImageRecord.Device d : image.devices) {
      if (d.virtualName() == null && d.volumeSize() > 0) {
        out.putIfAbsent(d.deviceName(), d);
      }
    }
    for (LaunchSettings.Device want : settings.devices) {
      String name = want.deviceName();
      if (!name.matches("/dev/(sd[a-z][1-9]?|xvd[a-z]{1,2}|sd[a-z]{2}|nvme\\d+n1)")) {
        throw Ec2Error.badRequest(
            "InvalidBlockDeviceMapping", "Invalid device name " + name + " in BlockDeviceMapping.");
      }
      ImageRecord.Device base = out.get(name);
      if (want.noDevice()) {
        if (name.equals(image.rootDeviceName)) {
          throw Ec2Error.badRequest(
              "InvalidBlockDeviceMapping",
              "The root device " + name + " cannot be suppressed (NoDevice).");
        }
        out.remove(name);
        continue;
      }
      int minimum = base == null ? 1 : Math.max(1, base.volumeSize());
      String snapshot =
          want.snapshotId() != null ? want.snapshotId() : base == null ? null : base.snapshotId();
      if (want.snapshotId() != null) {
        minimum = VolumesArea.snapshot(state, want.snapshotId()).volumeSize;
      }
      Integer size = want.size() != null ? want.size() : base == null ? null : base.volumeSize();
      if (size == null && snapshot == null) {
        throw Ec2Error.missingParameter(
            "BlockDeviceMapping Ebs.VolumeSize (or Ebs.SnapshotId) for " + name);
      }
      int gib = size == null ? minimum : size;
      if (gib < minimum) {
        throw Ec2Error.badRequest(
            "InvalidBlockDeviceMapping",
            "Volume of size "
                + gib
                + "GB is smaller than snapshot '"
                + snapshot
                + "', expect size >= "
                + minimum
                + "GB");
      }
      String type = want.type() != null ? want.type() : base == null ? "gp2" : base.volumeType();
      boolean deleteOnTermination =
          want.deleteOnTermination() != null
              ? want.deleteOnTermination()
              : base != null && base.deleteOnTermination();
      out.put(
          name,
          new ImageRecord.Device(
              name,
              null,
              snapshot,
              gib,
              type,
              deleteOnTermination,
              want.encrypted() || (base != null && base.encrypted())));
    }
    return new ArrayList<>(out.values());
  }
}
