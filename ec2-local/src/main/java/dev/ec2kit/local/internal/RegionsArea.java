package dev.ec2kit.local.internal;

import dev.ec2kit.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DescribeRegions and DescribeAvailabilityZones. */
public final class RegionsArea {
  private record RegionRow(String name, String endpoint, String optInStatus) {}

  private static final Filters<RegionRow> REGION_FILTERS =
      new Filters<>(
          Map.of(
              "region-name", r -> List.of(r.name()),
              "endpoint", r -> List.of(r.endpoint()),
              "opt-in-status", r -> List.of(r.optInStatus())));

  private static final Filters<Geography.Zone> ZONE_FILTERS =
      new Filters<>(
          Map.ofEntries(
              Map.entry("zone-name", z -> List.of(z.name())),
              Map.entry("zone-id", z -> List.of(z.id())),
              Map.entry("region-name", z -> List.of(z.region())),
              Map.entry("state", z -> List.of("available")),
              Map.entry("zone-type", z -> List.of("availability-zone")),
              Map.entry("opt-in-status", z -> List.of("opt-in-not-required")),
              Map.entry("group-name", z -> List.of(z.region())),
              Map.entry("message", z -> List.of()),
              // the answer shows no long group name, and its zones have no parent zone
              Map.entry("group-long-name", z -> List.of()),
              Map.entry("parent-zone-id", z -> List.of()),
              Map.entry("parent-zone-name", z -> List.of())));

  private final Geography geography;

  public RegionsArea(Geography geography) {
    this.geography = geography;
  }

  public void register(ActionTable table) {
    table.read("DescribeRegions", this::describeRegions);
    table.read("DescribeAvailabilityZones", this::describeAvailabilityZones);
  }

  private String describeRegions(Call call) {
    List<RegionRow> rows = new ArrayList<>();
    for (String name : geography.regionNames()) {
      String optIn = Region.of(name).isOptIn() ? "opted-in" : "opt-in-not-required";
      rows.add(new RegionRow(name, "ec2." + name + ".amazonaws.com", optIn));
    }
    List<String> wanted = call.list("RegionName");
    for (String w : wanted) {
      if (!geography.isRegion(w)) {
        throw Ec2Error.invalidParameterValue("Invalid region names: " + w);
      }
    }
    if (!wanted.isEmpty()) {
      rows.removeIf(r -> !wanted.contains(r.name()));
    }
    rows = REGION_FILTERS.apply(call.filters(), rows);
    Xml x = Xml.response(call.action(), call.requestId()).start("regionInfo");
    for (RegionRow r : rows) {
      x.start("item")
          .leaf("regionName", r.name())
          .leaf("regionEndpoint", r.endpoint())
          .leaf("optInStatus", r.optInStatus())
          .end();
    }
    return x.finish();
  }

  private String describeAvailabilityZones(Call call) {
    List<Geography.Zone> zones = new ArrayList<>(geography.zones(call.region()));
    List<String> names = call.list("ZoneName");
    List<String> ids = call.list("ZoneId");
    for (String n : names) {
      if (zones.stream().noneMatch(z -> z.name().equals(n))) {
        throw Ec2Error.invalidParameterValue("The zone '" + n + "' does not exist.");
      }
    }
    for (String id : ids) {
      if (zones.stream().noneMatch(z -> z.id().equals(id))) {
        throw Ec2Error.invalidParameterValue("The zone ID '" + id + "' does not exist.");
      }
    }
    if (!names.isEmpty() || !ids.isEmpty()) {
      zones.removeIf(z -> !names.contains(z.name()) && !ids.contains(z.id()));
    }
    zones = ZONE_FILTERS.apply(call.filters(), zones);
    Xml x = Xml.response(call.action(), call.requestId()).start("availabilityZoneInfo");
    for (Geography.Zone z : zones) {
      x.start("item")
          .leaf("zoneName", z.name())
          .leaf("zoneState", "available")
          .leaf("regionName", z.region())
          .leaf("zoneId", z.id())
          .leaf("zoneType", "availability-zone")
          .leaf("optInStatus", "opt-in-not-required")
          .leaf("groupName", z.region())
          .leaf("networkBorderGroup", z.region())
          .empty("messageSet")
          .end();
    }
    return x.finish();
  }
}
