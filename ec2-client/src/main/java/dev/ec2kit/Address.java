package dev.ec2kit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Elastic IP address, as the manual's {@code describe-addresses} pairs it: the address and the
 * instance it is associated with, if any; with today's allocation and association ids.
 *
 * <pre>{@code
 * Address eip = ec2.addresses().allocate();
 * ec2.addresses().associate(instance, eip.allocationId());
 * }</pre>
 *
 * @param publicIp the public IPv4 address
 * @param allocationId its allocation id ({@code eipalloc-...}), or {@code null} when EC2 gave none
 * @param associationId the id of its association with an instance ({@code eipassoc-...}), or {@code
 *     null} when it is not associated
 * @param domain {@code vpc} (or {@code standard} for an EC2-Classic address)
 * @param instanceId the instance it is associated with, or {@code null}
 * @param privateIpAddress the private address it maps to while associated, or {@code null}
 * @param tags the address's tags, key to value
 */
public record Address(
    String publicIp,
    String allocationId,
    String associationId,
    String domain,
    String instanceId,
    String privateIpAddress,
    Map<String, String> tags) {
  /**
   * Checks that the address is given and copies the tags.
   *
   * @param publicIp the public IPv4 address; required
   * @param allocationId the allocation id, or {@code null}
   * @param associationId the association id, or {@code null}
   * @param domain {@code vpc} or {@code standard}
   * @param instanceId the associated instance, or {@code null}
   * @param privateIpAddress the private address it maps to, or {@code null}
   * @param tags the tags; copied
   * @throws NullPointerException when {@code publicIp} or {@code tags} is null
   */
  public Address {
    Objects.requireNonNull(publicIp, "publicIp");
    tags = Map.copyOf(tags);
  }

  /**
   * The instance the address is associated with.
   *
   * @return its instance id, or empty when the address is not associated
   */
  public Optional<String> instance() {
    return Optional.ofNullable(instanceId);
  }

  /**
   * As the manual prints it: {@code ("174.129.252.59" . "i-c71aa5ae")}, here {@code 174.129.252.59
   * -> i-c71aa5ae}.
   *
   * @return the address, and {@code -> } the instance id when it is associated
   */
  @Override
  public String toString() {
    return publicIp + (instanceId == null ? "" : " -> " + instanceId);
  }
}
