package dev.ec2kit;

import dev.ec2kit.internal.areas.NetworkCalls;
import java.util.List;
import java.util.Map;

/**
 * The VPCs (EC2's DescribeVpcs), reached with {@link Ec2#vpcs()}; their subnets are {@link
 * Ec2#subnets()}.
 *
 * <pre>{@code
 * Vpc main = ec2.vpcs().describe(Map.of("is-default", List.of("true"))).get(0);
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Vpcs {
  private final Identity identity;
  private final NetworkCalls calls;

  Vpcs(Identity identity, NetworkCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The VPCs named, or all.
   *
   * @param vpcIds the VPCs' ids ({@code vpc-...}); none for all
   * @return the VPCs
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidVpcID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Vpc> describe(String... vpcIds) {
    for (String id : vpcIds) {
      Ids.check("vpcIds", id, "vpc-");
    }
    return calls.describeVpcs(identity, List.of(vpcIds), Map.of());
  }

  /**
   * VPCs by EC2 filter, such as {@code Map.of("is-default", List.of("true"))} or {@code
   * Map.of("tag:Name", List.of("main"))}.
   *
   * @param filters filter name to values; empty for all
   * @return the VPCs
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Vpc> describe(Map<String, List<String>> filters) {
    return calls.describeVpcs(identity, List.of(), Map.copyOf(filters));
  }

  @Override
  public String toString() {
    return "Vpcs[" + identity + "]";
  }
}
