package dev.ec2kit;

import java.util.List;
import java.util.Objects;

/**
 * An availability zone as DescribeAvailabilityZones answers, like the manual's pair of name and
 * state ({@code ("us-east-1a" . "available")}).
 */
public record AvailabilityZone(
    String zoneName,
    String state,
    String regionName,
    String zoneId,
    String zoneType,
    String optInStatus,
    List<String> messages) {
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
