package dev.ec2kit;

import dev.ec2kit.internal.areas.RegionCalls;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The regions and availability zones (the manual's {@code describe-regions}; EC2's
 * DescribeAvailabilityZones), reached with {@link Ec2#regions()}.
 *
 * <pre>{@code
 * for (RegionInfo r : ec2.regions().describe()) {
 *   System.out.println(r);     // eu-west-1 ec2.eu-west-1.amazonaws.com (opt-in-not-required)
 * }
 * List<AvailabilityZone> zones = ec2.regions().describeZones();
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity.
 */
public final class Regions {
  private final Identity identity;
  private final RegionCalls calls;

  Regions(Identity identity, RegionCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The regions enabled for the account, or only those named (the manual's {@code
   * describe-regions}).
   *
   * @param regionNames the regions wanted, such as {@code eu-west-1}; none for all
   * @return the regions, each with the {@link Region} to call it with
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown name)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<RegionInfo> describe(String... regionNames) {
    return describe(Arrays.asList(regionNames), false);
  }

  /**
   * As {@link #describe(String...)}; {@code all} includes regions not opted in to.
   *
   * @param regionNames the regions wanted; empty for all
   * @param all whether to include the regions the account has not opted in to
   * @return the regions, each with the {@link Region} to call it with
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<RegionInfo> describe(Collection<String> regionNames, boolean all) {
    return calls.describeRegions(identity, Ids.checkNames("regionNames", regionNames), all);
  }

  /**
   * The zones of this client's region and their state, or only those named (the manual's {@code
   * describe-availability-zones}).
   *
   * @param zoneNames the zones wanted, such as {@code us-east-1a}; none for all
   * @return the zones
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<AvailabilityZone> describeZones(String... zoneNames) {
    return describeZones(Arrays.asList(zoneNames), false);
  }

  /**
   * As {@link #describeZones(String...)}; {@code all} includes zones not opted in to.
   *
   * @param zoneNames the zones wanted; empty for all
   * @param all whether to include zones (Local Zones, Wavelength Zones) not opted in to
   * @return the zones
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<AvailabilityZone> describeZones(Collection<String> zoneNames, boolean all) {
    return calls.describeAvailabilityZones(identity, Ids.checkNames("zoneNames", zoneNames), all);
  }

  @Override
  public String toString() {
    return "Regions[" + identity + "]";
  }
}
