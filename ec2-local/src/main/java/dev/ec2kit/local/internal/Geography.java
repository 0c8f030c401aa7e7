package dev.ec2kit.local.internal;

import dev.ec2kit.Region;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The regions the emulator serves and the zones of each, with EC2's zone ids. */
public final class Geography {
  /** A zone: name (us-east-1a), id (use1-az1), region. */
  public record Zone(String name, String id, String region) {}

  private static final Map<String, String> ZONE_LETTERS =
      Map.of(
          "us-east-1", "abcdef", "us-west-2", "abcd", "us-west-1", "ac", "ap-northeast-1", "acd");

  private final Map<String, List<Zone>> zones = new LinkedHashMap<>();

  public Geography() {
    for (Region r : Region.all()) {
      String letters = ZONE_LETTERS.getOrDefault(r.name(), "abc");
      List<Zone> list = new ArrayList<>();
      for (int i = 0; i < letters.length(); i++) {
        list.add(
            new Zone(
                r.name() + letters.charAt(i), zoneIdPrefix(r.name()) + "-az" + (i + 1), r.name()));
      }
      zones.put(r.name(), List.copyOf(list));
    }
  }

  public boolean isRegion(String name) {
    return zones.containsKey(name);
  }

  public List<String> regionNames() {
    return List.copyOf(zones.keySet());
  }

  public List<Zone> zones(String region) {
    return zones.getOrDefault(region, List.of());
  }

  /** EC2's zone-id prefix: us-east-1 gives use1, ap-southeast-2 gives apse2. */
  static String zoneIdPrefix(String region) {
    String[] parts = region.split("-");
    String direction =
        switch (parts[1]) {
          case "east" -> "e";
          case "west" -> "w";
          case "south" -> "s";
          case "north" -> "n";
          case "central" -> "c";
          case "southeast" -> "se";
          case "northeast" -> "ne";
          case "northwest" -> "nw";
          case "southwest" -> "sw";
          default -> parts[1].substring(0, 1);
        };
    return parts[0] + direction + parts[2];
  }
}
