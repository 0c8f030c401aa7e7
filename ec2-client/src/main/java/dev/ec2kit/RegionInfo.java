package dev.ec2kit;

import java.util.Objects;

/**
 * A region as DescribeRegions answers: its name, the host name of its endpoint and whether the
 * account had to opt in to it ({@code opt-in-not-required}, {@code opted-in}, {@code
 * not-opted-in}).
 *
 * <pre>{@code
 * for (RegionInfo r : ec2.regions().describe()) {
 *   Ec2 there = ec2.withRegion(r.region());
 * }
 * }</pre>
 *
 * @param regionName the region's name, such as {@code eu-west-1}
 * @param endpoint the host name of its endpoint, such as {@code ec2.eu-west-1.amazonaws.com}
 * @param optInStatus {@code opt-in-not-required}, {@code opted-in} or {@code not-opted-in}
 * @param region the region to call it with: at its own endpoint when the client uses public
 *     endpoints, else at the client's configured endpoint
 */
public record RegionInfo(String regionName, String endpoint, String optInStatus, Region region) {
  /**
   * Checks that every part is given.
   *
   * @param regionName the region's name
   * @param endpoint the endpoint's host name
   * @param optInStatus the opt-in status
   * @param region the region to call it with
   * @throws NullPointerException when a part is null
   */
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
