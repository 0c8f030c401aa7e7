package dev.ec2kit.local.internal;

import dev.ec2kit.local.internal.VolumesArea.SnapshotRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** DescribeVolumes' and DescribeSnapshots' filters, each seeing what the answer shows. */
final class VolumeFilters {
  private VolumeFilters() {}

  static Filters<VolumeRecord> volumes(World world) {
    Map<String, Function<VolumeRecord, List<String>>> fields =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("volume-id", v -> List.of(v.id)),
                Map.entry("status", v -> List.of(v.state(world.now()).apiName())),
                Map.entry("availability-zone", v -> List.of(v.zone)),
                Map.entry("availability-zone-id", v -> Filters.one(zoneId(world, v.zone))),
                Map.entry("size", v -> List.of(Integer.toString(v.size()))),
                Map.entry("snapshot-id", v -> List.of(v.snapshotId == null ? "" : v.snapshotId)),
                Map.entry("volume-type", v -> List.of(v.type())),
                Map.entry("encrypted", v -> List.of(Boolean.toString(v.encrypted))),
                Map.entry("create-time", v -> List.of(Xml.time(v.created))),
                Map.entry("multi-attach-enabled", v -> List.of("false")),
                Map.entry("attachment.instance-id", v -> Filters.one(v.instanceId())),
                Map.entry("attachment.device", v -> Filters.one(v.device())),
                Map.entry(
                    "attachment.status",
                    v -> v.attachment() == null ? List.of() : List.of(v.attachment().apiName())),
                Map.entry(
                    "attachment.attach-time",
                    v -> v.attachment() == null ? List.of() : List.of(Xml.time(v.attachTime()))),
                Map.entry(
                    "attachment.delete-on-termination",
                    v ->
                        v.attachment() == null
                            ? List.of()
                            : List.of(Boolean.toString(v.deleteOnTermination())))));
    // what DescribeVolumes never shows (the emulator has no such thing): they match no volume
    for (String none : List.of("fast-restored", "operator.managed", "operator.principal")) {
      fields.put(none, v -> List.of());
    }
    return new Filters<>(fields).withTags(v -> v.tags);
  }

  /** EC2's id of a zone ({@code use1-az1} for us-east-1a), or null for a zone it does not know. */
  static String zoneId(World world, String zone) {
    for (Geography.Zone z : world.geography().zones(zone.substring(0, zone.length() - 1))) {
      if (z.name().equals(zone)) {
        return z.id();
      }
    }
    return null;
  }

  static Filters<SnapshotRecord> snapshots(World world) {
    Map<String, Function<SnapshotRecord, List<String>>> fields =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("snapshot-id", s -> List.of(s.id)),
                Map.entry("volume-id", s -> List.of(s.volumeId)),
                Map.entry("status", s -> List.of(s.state(world.now()).apiName())),
                Map.entry("owner-id", s -> List.of(s.ownerId)),
                Map.entry("description", s -> Filters.one(s.description)),
                Map.entry("progress", s -> List.of(s.progress(world.now()))),
                Map.entry("volume-size", s -> List.of(Integer.toString(s.volumeSize))),
                Map.entry("encrypted", s -> List.of(Boolean.toString(s.encrypted))),
                Map.entry("start-time", s -> List.of(Xml.time(s.started))),
                Map.entry("storage-tier", s -> List.of("standard"))));
    // snapshots the emulator makes are its users' own (no alias) and never transferred
    for (String none : List.of("owner-alias", "transfer-type")) {
      fields.put(none, s -> List.of());
    }
    return new Filters<>(fields).withTags(s -> s.tags);
  }
}
