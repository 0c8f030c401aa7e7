package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** DescribeImages' filters, each seeing what DescribeImages shows of an image. */
final class ImageFilters {
  private ImageFilters() {}

  /** The filters; an image's state is as of {@code now}. */
  static Filters<ImageRecord> of(Instant now) {
    Map<String, Function<ImageRecord, List<String>>> fields =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("image-id", i -> List.of(i.id)),
                Map.entry("state", i -> List.of(i.state(now).apiName())),
                Map.entry("name", i -> Filters.one(i.name)),
                Map.entry("description", i -> Filters.one(i.description)),
                Map.entry("architecture", i -> List.of(i.architecture)),
                Map.entry("owner-id", i -> List.of(i.ownerId)),
                Map.entry("owner-alias", i -> Filters.one(i.ownerAlias)),
                Map.entry("is-public", i -> List.of(Boolean.toString(i.isPublic))),
                Map.entry("image-type", i -> List.of(i.type)),
                Map.entry("kernel-id", i -> Filters.one(i.kernelId)),
                Map.entry("ramdisk-id", i -> Filters.one(i.ramdiskId)),
                Map.entry("manifest-location", i -> Filters.one(i.location)),
                Map.entry("root-device-type", i -> List.of(i.rootDeviceType)),
                Map.entry("root-device-name", i -> Filters.one(i.rootDeviceName)),
                Map.entry("virtualization-type", i -> List.of(i.virtualizationType)),
                Map.entry("creation-date", i -> List.of(Xml.time(i.created))),
                Map.entry("hypervisor", i -> List.of("xen")),
                Map.entry(
                    "block-device-mapping.device-name",
                    i -> i.devices.stream().map(ImageRecord.Device::deviceName).toList()),
                Map.entry(
                    "block-device-mapping.snapshot-id",
                    i -> ebs(i, d -> Filters.one(d.snapshotId()))),
                Map.entry(
                    "block-device-mapping.volume-size",
                    i -> ebs(i, d -> d.volumeSize() > 0 ? Filters.one(d.volumeSize()) : List.of())),
                Map.entry(
                    "block-device-mapping.volume-type",
                    i -> ebs(i, d -> Filters.one(d.volumeType()))),
                Map.entry(
                    "block-device-mapping.encrypted", i -> ebs(i, d -> Filters.one(d.encrypted()))),
                Map.entry(
                    "block-device-mapping.delete-on-termination",
                    i -> ebs(i, d -> Filters.one(d.deleteOnTermination())))));
    // what DescribeImages never shows (the emulator has no such thing): they match no image
    for (String none :
        List.of(
            "ena-support",
            "free-tier-eligible",
            "image-allowed",
            "platform",
            "product-code",
            "product-code.type",
            "source-image-id",
            "source-image-region",
            "source-instance-id",
            "sriov-net-support",
            "state-reason-code",
            "state-reason-message")) {
      fields.put(none, i -> List.of());
    }
    return new Filters<>(fields).withTags(i -> i.tags);
  }

  /** A field of the image's EBS devices (not its instance-store ones). */
  private static List<String> ebs(ImageRecord i, Function<ImageRecord.Device, List<String>> field) {
    return i.devices.stream()
        .filter(d -> d.virtualName() == null)
        .flatMap(d -> field.apply(d).stream())
        .toList();
  }
}
