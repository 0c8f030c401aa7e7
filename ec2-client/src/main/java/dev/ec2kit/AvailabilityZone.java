package dev.ec2kit;

import java.util.List;
import java.util.Objects;

/**
 * An availability zone as DescribeAvailabilityZones answers, like the manual's pair of name and
 * state ({@code ("us-east-1a" . "available")}).
 *
 * <pre>{@code
 * for (AvailabilityZone z : ec2.regions().describeZones()) {
 *   System.out.println(z);   // us-east-1a (available)
 * }
 * }</pre>
 *
 * @param zoneName the zone's name, such as {@code us-east-1a}
 * @param state its state as EC2 names it ({@code available}, {@code information}, {@code impaired},
 *     {@code unavailable}), or an empty string when EC2 gave none
 * @param regionName the region it belongs to
 * @param zoneId the account-independent zone id, such as {@code use1-az1}; empty when not given
 * @param zoneType {@code availability-zone}, {@code local-zone} or {@code wavelength-zone}; empty
 *     when not given
 * @param optInStatus {@code opt-in-not-required}, {@code opted-in} or {@code not-opted-in}; empty
 *     when not given
 * @param messages EC2's messages about the zone, if any
 */
public record AvailabilityZone(
    String zoneName,
    String state,
    String regionName,
    String zoneId,
    String zoneType,
    String optInStatus,
    List<String> messages) {
  /**
   * Checks the required parts, turns absent optional ones into empty strings, and copies the
   * messages.
   *
   * @param zoneName the zone's name; required
   * @param state its state; required
   * @param regionName its region; required
   * @param zoneId its zone id, or {@code null}
   * @param zoneType its type, or {@code null}
   * @param optInStatus its opt-in status, or {@code null}
   * @param messages EC2's messages; copied
   * @throws NullPointerException when a required part or {@code messages} is null
   */
  public AvailabilityZone {
    Objects.requireNonNull(zoneName, "zoneName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(regionName, "regionName");
    zoneId = zoneId == null ? "" : zoneId;
    zoneType = zoneType == null ? "" : zoneType;
    optInStatus = optInStatus == null ? "" : optInStatus;
    messages = List.copyOf(messages);
  }

  @Override
  public String toString() {
    return zoneName + " (" + state + ")";
  }
}
