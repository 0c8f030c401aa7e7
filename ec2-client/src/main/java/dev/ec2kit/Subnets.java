package dev.ec2kit;

import dev.ec2kit.internal.areas.NetworkCalls;
import dev.ec2kit.internal.areas.VpcCalls;
import java.util.List;
import java.util.Map;

/**
 * The subnets of the VPCs: CreateSubnet, DeleteSubnet, DescribeSubnets and ModifySubnetAttribute,
 * reached with {@link Ec2#subnets()}.
 *
 * <pre>{@code
 * Subnet b = ec2.subnets().describe(Map.of("availability-zone", List.of("us-east-1b"),
 *     "default-for-az", List.of("true"))).get(0);
 * ec2.instances().run(ami, 1, 1, RunOptions.builder().subnetId(b.subnetId()).build());
 *
 * Subnet pub = ec2.subnets().create(vpcId, "10.0.1.0/24", "us-east-1a", Map.of("Name", "public"));
 * ec2.subnets().mapPublicIpOnLaunch(pub.subnetId(), true);
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Subnets {
  private final Identity identity;
  private final NetworkCalls calls;
  private final VpcCalls changes;

  Subnets(Identity identity, NetworkCalls calls, VpcCalls changes) {
    this.identity = identity;
    this.calls = calls;
    this.changes = changes;
  }

  /**
   * Makes a subnet of a VPC in a zone (EC2's CreateSubnet), associated with the VPC's main route
   * table and default network ACL.
   *
   * @param vpcId the VPC's id ({@code vpc-...})
   * @param cidrBlock its IPv4 range, {@code /16} to {@code /28}, inside one of the VPC's and
   *     overlapping none of its subnets, such as {@code 10.0.1.0/24}
   * @param availabilityZone its zone, such as {@code us-east-1a}
   * @return the new subnet
   * @throws IllegalArgumentException when the id is malformed, {@code cidrBlock} is not an IPv4
   *     CIDR block or the zone is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidSubnet.Range} outside the VPC, {@code
   *     InvalidSubnet.Conflict} over another subnet, {@code InvalidVpcID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: a subnet may
   *     have been made ({@link #describe(Map)} tells); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public Subnet create(String vpcId, String cidrBlock, String availabilityZone) {
    return create(vpcId, cidrBlock, availabilityZone, Map.of());
  }

  /**
   * Makes a tagged subnet, as {@link #create(String, String, String)}.
   *
   * @param vpcId the VPC's id ({@code vpc-...})
   * @param cidrBlock its IPv4 range, such as {@code 10.0.1.0/24}
   * @param availabilityZone its zone, such as {@code us-east-1a}
   * @param tags its tags, such as {@code Map.of("Name", "public-a")}
   * @return the new subnet, with its tags
   * @throws IllegalArgumentException when an argument is malformed, before anything is sent
   * @throws NullPointerException when {@code tags} is null
   * @throws Ec2Exception when EC2 refuses it
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public Subnet create(
      String vpcId, String cidrBlock, String availabilityZone, Map<String, String> tags) {
    return changes.createSubnet(
        identity,
        Ids.check("vpcId", vpcId, "vpc-"),
        Networking.checkCidr("cidrBlock", cidrBlock),
        Networking.checkName("availabilityZone", availabilityZone, "us-east-1a"),
        Networking.checkTags(tags));
  }

  /**
   * Deletes a subnet (EC2's DeleteSubnet).
   *
   * @param subnetId the subnet's id ({@code subnet-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code DependencyViolation} while instances,
   *     interfaces or NAT gateways use it; {@code InvalidSubnetID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void delete(String subnetId) {
    changes.deleteSubnet(identity, Ids.check("subnetId", subnetId, "subnet-"));
  }

  /**
   * Sets whether instances launched in a subnet get a public IPv4 address (EC2's
   * ModifySubnetAttribute with MapPublicIpOnLaunch): the public subnets of a VPC.
   *
   * @param subnetId the subnet's id ({@code subnet-...})
   * @param value whether launches get a public address
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidSubnetID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void mapPublicIpOnLaunch(String subnetId, boolean value) {
    changes.mapPublicIpOnLaunch(identity, Ids.check("subnetId", subnetId, "subnet-"), value);
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
