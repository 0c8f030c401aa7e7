package dev.ec2kit;

import dev.ec2kit.internal.areas.NetworkCalls;
import java.util.List;
import java.util.Map;

/**
 * The subnets of the VPCs (EC2's DescribeSubnets), reached with {@link Ec2#subnets()}.
 *
 * <pre>{@code
 * Subnet b = ec2.subnets().describe(Map.of("availability-zone", List.of("us-east-1b"),
 *     "default-for-az", List.of("true"))).get(0);
 * ec2.instances().run(ami, 1, 1, RunOptions.builder().subnetId(b.subnetId()).build());
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Subnets {
  private final Identity identity;
  private final NetworkCalls calls;

  Subnets(Identity identity, NetworkCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The subnets named, or all, across every page.
   *
   * @param subnetIds the subnets' ids ({@code subnet-...}); none for all
   * @return the subnets
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSubnetID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Subnet> describe(String... subnetIds) {
    for (String id : subnetIds) {
      Ids.check("subnetIds", id, "subnet-");
    }
    return calls.describeSubnets(identity, List.of(subnetIds), Map.of());
  }

  /**
   * Subnets by EC2 filter, such as {@code Map.of("vpc-id", List.of(vpcId))} or {@code
   * Map.of("default-for-az", List.of("true"))}, across every page.
   *
   * @param filters filter name to values; empty for all
   * @return the subnets
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Subnet> describe(Map<String, List<String>> filters) {
    return calls.describeSubnets(identity, List.of(), Map.copyOf(filters));
  }

  @Override
  public String toString() {
    return "Subnets[" + identity + "]";
  }
}
