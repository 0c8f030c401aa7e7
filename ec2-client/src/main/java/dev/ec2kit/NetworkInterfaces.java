package dev.ec2kit;

import dev.ec2kit.internal.areas.NetworkCalls;
import java.util.List;
import java.util.Map;

/**
 * The network interfaces (EC2's DescribeNetworkInterfaces), reached with {@link
 * Ec2#networkInterfaces()}; an instance launches with new or existing ones through {@link
 * RunOptions.Builder#networkInterface}.
 *
 * <pre>{@code
 * List<NetworkInterface> web = ec2.networkInterfaces()
 *     .describe(Map.of("attachment.instance-id", List.of(instanceId)));
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class NetworkInterfaces {
  private final Identity identity;
  private final NetworkCalls calls;

  NetworkInterfaces(Identity identity, NetworkCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The interfaces named, or all, across every page.
   *
   * @param networkInterfaceIds the interfaces' ids ({@code eni-...}); none for all
   * @return the interfaces, with their attachments
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidNetworkInterfaceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<NetworkInterface> describe(String... networkInterfaceIds) {
    for (String id : networkInterfaceIds) {
      Ids.check("networkInterfaceIds", id, "eni-");
    }
    return calls.describeInterfaces(identity, List.of(networkInterfaceIds), Map.of());
  }

  /**
   * Interfaces by EC2 filter, such as {@code Map.of("attachment.instance-id", List.of(id))} or
   * {@code Map.of("subnet-id", List.of(subnetId))}, across every page.
   *
   * @param filters filter name to values; empty for all
   * @return the interfaces, with their attachments
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<NetworkInterface> describe(Map<String, List<String>> filters) {
    return calls.describeInterfaces(identity, List.of(), Map.copyOf(filters));
  }

  @Override
  public String toString() {
    return "NetworkInterfaces[" + identity + "]";
  }
}
