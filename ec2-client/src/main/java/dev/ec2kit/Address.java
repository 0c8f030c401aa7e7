package dev.ec2kit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Elastic IP address, as the manual's {@code describe-addresses} pairs it: the address and the
 * instance it is associated with, if any; with today's allocation and association ids.
 */
public record Address(
    String publicIp,
    String allocationId,
    String associationId,
    String domain,
    String instanceId,
    String privateIpAddress,
    Map<String, String> tags) {
  public Address {
    Objects.requireNonNull(publicIp, "publicIp");
    tags = Map.copyOf(tags);
  }

  public Optional<String> instance() {
    return Optional.ofNullable(instanceId);
  }

  /**
   * As the manual prints it: {@code ("174.129.252.59" . "i-c71aa5ae")}, here {@code 174.129.252.59
   * -> i-c71aa5ae}.
   */
  @Override
  public String toString() {
    return publicIp + (instanceId == null ? "" : " -> " + instanceId);
  }
}
