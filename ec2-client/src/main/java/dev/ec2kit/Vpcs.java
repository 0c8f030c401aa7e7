package dev.ec2kit;

import dev.ec2kit.internal.areas.NetworkCalls;
import dev.ec2kit.internal.areas.VpcCalls;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The VPCs: CreateVpc, DeleteVpc, DescribeVpcs, Describe/ModifyVpcAttribute and
 * Associate/DisassociateVpcCidrBlock, reached with {@link Ec2#vpcs()}; their subnets are {@link
 * Ec2#subnets()}.
 *
 * <pre>{@code
 * Vpc main = ec2.vpcs().describe(Map.of("is-default", List.of("true"))).get(0);
 * Vpc mine = ec2.vpcs().create("10.0.0.0/16", Map.of("Name", "mine"));
 * ec2.vpcs().modifyAttribute(mine.vpcId(), VpcAttribute.DNS_HOSTNAMES, true);
 * VpcCidrAssociation extra = ec2.vpcs().associateCidr(mine.vpcId(), "10.1.0.0/16");
 * ec2.vpcs().delete(mine.vpcId());   // once its subnets, gateways and groups are gone
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Vpcs {
  private final Identity identity;
  private final NetworkCalls calls;
  private final VpcCalls changes;

  Vpcs(Identity identity, NetworkCalls calls, VpcCalls changes) {
    this.identity = identity;
    this.calls = calls;
    this.changes = changes;
  }

  /**
   * Makes a VPC (EC2's CreateVpc) with its main route table, default network ACL and default
   * security group.
   *
   * @param cidrBlock its IPv4 range, {@code /16} to {@code /28}, such as {@code 10.0.0.0/16}
   * @return the new VPC, pending
   * @throws IllegalArgumentException when {@code cidrBlock} is not an IPv4 CIDR block, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidVpc.Range} for a range out of
   *     {@code /16} to {@code /28}, or {@code VpcLimitExceeded})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: a VPC may
   *     have been made ({@link #describe(Map)} tells); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML
   */
  public Vpc create(String cidrBlock) {
    return create(cidrBlock, Map.of());
  }

  /**
   * Makes a tagged VPC, as {@link #create(String)}.
   *
   * @param cidrBlock its IPv4 range, such as {@code 10.0.0.0/16}
   * @param tags its tags, such as {@code Map.of("Name", "main")}
   * @return the new VPC, pending, with its tags
   * @throws IllegalArgumentException when {@code cidrBlock} is not an IPv4 CIDR block or a tag is
   *     blank or too long, before anything is sent
   * @throws NullPointerException when {@code tags} is null
   * @throws Ec2Exception when EC2 refuses it
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public Vpc create(String cidrBlock, Map<String, String> tags) {
    return changes.create(
        identity, Networking.checkCidr("cidrBlock", cidrBlock), Networking.checkTags(tags));
  }

  /**
   * Deletes a VPC (EC2's DeleteVpc), with its main route table, default network ACL and default
   * security group.
   *
   * @param vpcId the VPC's id ({@code vpc-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code DependencyViolation} while subnets, an
   *     internet gateway, other groups or tables are in it; {@code InvalidVpcID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void delete(String vpcId) {
    changes.delete(identity, Ids.check("vpcId", vpcId, "vpc-"));
  }

  /**
   * One of a VPC's settings (EC2's DescribeVpcAttribute).
   *
   * @param vpcId the VPC's id ({@code vpc-...})
   * @param attribute which setting
   * @return whether it is on
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws NullPointerException when {@code attribute} is null
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidVpcID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public boolean attribute(String vpcId, VpcAttribute attribute) {
    Ids.check("vpcId", vpcId, "vpc-");
    return changes.attribute(identity, vpcId, Objects.requireNonNull(attribute, "attribute"));
  }

  /**
   * Turns one of a VPC's settings on or off (EC2's ModifyVpcAttribute).
   *
   * @param vpcId the VPC's id ({@code vpc-...})
   * @param attribute which setting
   * @param value on or off
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws NullPointerException when {@code attribute} is null
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidVpcID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void modifyAttribute(String vpcId, VpcAttribute attribute, boolean value) {
    Ids.check("vpcId", vpcId, "vpc-");
    changes.modifyAttribute(identity, vpcId, Objects.requireNonNull(attribute, "attribute"), value);
  }

  /**
   * Adds a secondary IPv4 range to a VPC (EC2's AssociateVpcCidrBlock).
   *
   * @param vpcId the VPC's id ({@code vpc-...})
   * @param cidrBlock the range, such as {@code 10.1.0.0/16}, overlapping none of the VPC's
   * @return the association, associating
   * @throws IllegalArgumentException when the id is malformed or {@code cidrBlock} is not an IPv4
   *     CIDR block, before anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidVpc.Range} or {@code
   *     CidrConflict})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public VpcCidrAssociation associateCidr(String vpcId, String cidrBlock) {
    Ids.check("vpcId", vpcId, "vpc-");
    return changes.associateCidr(identity, vpcId, Networking.checkCidr("cidrBlock", cidrBlock));
  }

  /**
   * Removes a secondary IPv4 range from its VPC (EC2's DisassociateVpcCidrBlock); the primary one
   * stays.
   *
   * @param associationId the range's association ({@code vpc-cidr-assoc-...}), as {@link
   *     Vpc#cidrBlockAssociations()} lists it
   * @return the association, disassociating
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code
   *     InvalidVpcCidrBlockAssociationID.NotFound}, or {@code InvalidParameterValue} for the
   *     primary range or one that subnets use)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public VpcCidrAssociation disassociateCidr(String associationId) {
    return changes.disassociateCidr(
        identity, Ids.check("associationId", associationId, "vpc-cidr-assoc-"));
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
