package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EBS Elastic Volumes: ModifyVolume, DescribeVolumesModifications, DescribeVolumeAttribute and
 * ModifyVolumeAttribute. A modification goes modifying → optimizing → completed on the emulator's
 * clock, kept with its volume ({@link VolumeRecord#planModification}).
 */
public final class VolumeModificationsArea {
  private static final Set<String> TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  private final World world;
  private final Filters<VolumeModification> filters;

  public VolumeModificationsArea(World world) {
    this.world = world;
    this.filters =
        new Filters<VolumeModification>(
            Map.ofEntries(
                Map.entry("volume-id", m -> List.of(m.volumeId)),
                Map.entry("modification-state", m -> List.of(m.state().apiName())),
                Map.entry("start-time", m -> List.of(Xml.time(m.started))),
                Map.entry("original-size", m -> List.of(Integer.toString(m.original.size()))),
                Map.entry("original-volume-type", m -> List.of(m.original.type())),
                Map.entry("original-iops", m -> text(m.original.iops())),
                Map.entry("originalMultiAttachEnabled", m -> List.of("false")),
                Map.entry("target-size", m -> List.of(Integer.toString(m.target.size()))),
                Map.entry("target-volume-type", m -> List.of(m.target.type())),
                Map.entry("target-iops", m -> text(m.target.iops())),
                Map.entry("targetMultiAttachEnabled", m -> List.of("false"))));
  }

  private static List<String> text(Integer value) {
    return value == null ? List.of() : List.of(value.toString());
  }

  public void register(ActionTable table) {
    table.write("ModifyVolume", this::modifyVolume);
    table.read("DescribeVolumesModifications", this::describeVolumesModifications);
    table.read("DescribeVolumeAttribute", this::describeVolumeAttribute);
    table.write("ModifyVolumeAttribute", this::modifyVolumeAttribute);
  }

  private String modifyVolume(Call call) {
    RegionState state = world.state(call);
    VolumeRecord v = VolumesArea.volume(state, call.required("VolumeId"));
    Integer size = call.integer("Size", 1, 65536);
    String type = call.oneOf("VolumeType", null, TYPES);
    Integer iops = call.integer("Iops", 100, 256_000);
    Integer throughput = call.integer("Throughput", 125, 2000);
    if (Boolean.TRUE.equals(call.bool("MultiAttachEnabled"))) {
      String t = type == null ? v.type() : type;
      if (!t.equals("io1") && !t.equals("io2")) {
        throw Ec2Error.badRequest(
            "InvalidParameterCombination",
            "Multi-Attach is supported only for io1 and io2 volumes.");
      }
      throw Ec2Error.badRequest(
          "UnsupportedOperation", "Multi-Attach is not supported by this emulator.");
    }
    Instant now = call.now();
    VolumeModification m =
        v.planModification(size, type, iops, throughput, now, world.timing().transition());
    call.checkDryRun();
    v.startModification(m);
    Xml x = Xml.response(call.action(), call.requestId()).start("volumeModification");
    writeModification(x, m, now);
    return x.end().finish();
  }

  private static void writeModification(Xml x, VolumeModification m, Instant now) {
    x.leaf("volumeId", m.volumeId)
        .leaf("modificationState", m.state().apiName())
        .leaf("targetSize", m.target.size())
        .leaf("targetIops", m.target.iops())
        .leaf("targetVolumeType", m.target.type())
        .leaf("targetThroughput", m.target.throughput())
        .leaf("targetMultiAttachEnabled", false)
        .leaf("originalSize", m.original.size())
        .leaf("originalIops", m.original.iops())
        .leaf("originalVolumeType", m.original.type())
        .leaf("originalThroughput", m.original.throughput())
        .leaf("originalMultiAttachEnabled", false)
        .leaf("progress", m.progress(now))
        .leaf("startTime", Xml.time(m.started));
    if (m.endTime() != null) {
      x.leaf("endTime", Xml.time(m.endTime()));
    }
  }

  private String describeVolumesModifications(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("VolumeId");
    Paging paging = Paging.of(call, false, "volumeIdSet");
    List<VolumeModification> result = new ArrayList<>();
    if (ids.isEmpty()) {
      for (VolumeRecord v : state.volumes.values()) {
        if (v.modification() != null) {
          result.add(v.modification());
        }
      }
    }
    for (String id : ids) {
      VolumeRecord v = VolumesArea.volume(state, id);
      if (v.modification() == null) {
        throw Ec2Error.badRequest(
            "InvalidVolumeModification.NotFound",
            "Modification for volume '" + id + "' does not exist.");
      }
      result.add(v.modification());
    }
    Paging.Page<VolumeModification> page = paging.page(filters.apply(call.filters(), result));
    Instant now = call.now();
    Xml x = Xml.response(call.action(), call.requestId()).start("volumeModificationSet");
    for (VolumeModification m : page.items()) {
      x.start("item");
      writeModification(x, m, now);
      x.end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private String describeVolumeAttribute(Call call) {
    RegionState state = world.state(call);
    String attribute = call.oneOf("Attribute", null, List.of("autoEnableIO", "productCodes"));
    if (attribute == null) {
      throw Ec2Error.missingParameter("Attribute");
    }
    VolumeRecord v = VolumesArea.volume(state, call.required("VolumeId"));
    call.checkDryRun();
    Xml x = Xml.response(call.action(), call.requestId()).leaf("volumeId", v.id);
    if (attribute.equals("autoEnableIO")) {
      x.start("autoEnableIO").leaf("value", v.autoEnableIO()).end();
    } else {
      x.empty("productCodes");
    }
    return x.finish();
  }

  private String modifyVolumeAttribute(Call call) {
    RegionState state = world.state(call);
    VolumeRecord v = VolumesArea.volume(state, call.required("VolumeId"));
    Boolean value = call.bool("AutoEnableIO.Value");
    if (value == null) {
      throw Ec2Error.missingParameter("AutoEnableIO");
    }
    call.checkDryRun();
    v.autoEnableIO(value);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }
}
