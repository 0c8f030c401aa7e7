package dev.ec2kit;

import java.util.Objects;

/**
 * A region as DescribeRegions answers: its name, the host name of its endpoint and whether the
 * account had to opt in to it ({@code opt-in-not-required}, {@code opted-in}, {@code
 * not-opted-in}).
 */
public record RegionInfo(String regionName, String endpoint, String optInStatus, Region region) {
  public RegionInfo {
    Objects.requireNonNull(regionName, "regionName");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(optInStatus, "optInStatus");
    Objects.requireNonNull(region, "region");
  }

  @Override
  public String toString() {
    return regionName + " " + endpoint + " (" + optInStatus + ")";
  }
}
