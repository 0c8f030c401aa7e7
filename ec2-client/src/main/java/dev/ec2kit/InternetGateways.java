package dev.ec2kit;

import dev.ec2kit.internal.areas.GatewayCalls;
import java.util.List;
import java.util.Map;

/**
 * The internet gateways: Create/Attach/Detach/Delete/DescribeInternetGateways, reached with {@link
 * Ec2#internetGateways()}. A VPC has at most one; a route names it ({@link RouteTarget#gateway}).
 *
 * <pre>{@code
 * InternetGateway igw = ec2.internetGateways().create(Map.of("Name", "main"));
 * ec2.internetGateways().attach(igw.internetGatewayId(), vpcId);
 * ec2.routeTables().createRoute(tableId, "0.0.0.0/0", RouteTarget.gateway(igw.internetGatewayId()));
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class InternetGateways {
  private final Identity identity;
  private final GatewayCalls calls;

  InternetGateways(Identity identity, GatewayCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * Makes an internet gateway, attached to no VPC (EC2's CreateInternetGateway).
   *
   * @return the new gateway
   * @throws Ec2Exception when EC2 refuses it (such as {@code InternetGatewayLimitExceeded})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: a gateway may
   *     have been made ({@link #describe(Map)} tells); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public InternetGateway create() {
    return create(Map.of());
  }

  /**
   * Makes a tagged internet gateway, as {@link #create()}.
   *
   * @param tags its tags, such as {@code Map.of("Name", "main")}
   * @return the new gateway, with its tags
   * @throws IllegalArgumentException when a tag is blank or too long, before anything is sent
   * @throws NullPointerException when {@code tags} is null
   * @throws Ec2Exception when EC2 refuses it
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public InternetGateway create(Map<String, String> tags) {
    return calls.createInternetGateway(identity, Networking.checkTags(tags));
  }

  /**
   * Attaches a gateway to a VPC (EC2's AttachInternetGateway).
   *
   * @param internetGatewayId the gateway ({@code igw-...})
   * @param vpcId the VPC ({@code vpc-...})
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code Resource.AlreadyAssociated} when either
   *     already has one, {@code InvalidInternetGatewayID.NotFound}, {@code InvalidVpcID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void attach(String internetGatewayId, String vpcId) {
    calls.attachment(
        identity,
        "AttachInternetGateway",
        Ids.check("internetGatewayId", internetGatewayId, "igw-"),
        Ids.check("vpcId", vpcId, "vpc-"));
  }

  /**
   * Detaches a gateway from its VPC (EC2's DetachInternetGateway).
   *
   * @param internetGatewayId the gateway ({@code igw-...})
   * @param vpcId the VPC it is attached to ({@code vpc-...})
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code Gateway.NotAttached}, or {@code
   *     DependencyViolation} while public addresses in the VPC are mapped)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void detach(String internetGatewayId, String vpcId) {
    calls.attachment(
        identity,
        "DetachInternetGateway",
        Ids.check("internetGatewayId", internetGatewayId, "igw-"),
        Ids.check("vpcId", vpcId, "vpc-"));
  }

  /**
   * Deletes a detached gateway (EC2's DeleteInternetGateway).
   *
   * @param internetGatewayId the gateway ({@code igw-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code DependencyViolation} while attached, {@code
   *     InvalidInternetGatewayID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void delete(String internetGatewayId) {
    calls.deleteInternetGateway(
        identity, Ids.check("internetGatewayId", internetGatewayId, "igw-"));
  }

  /**
   * The gateways named, or all, across every page.
   *
   * @param internetGatewayIds the gateways' ids ({@code igw-...}); none for all
   * @return the gateways
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (such as {@code
   *     InvalidInternetGatewayID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<InternetGateway> describe(String... internetGatewayIds) {
    for (String id : internetGatewayIds) {
      Ids.check("internetGatewayIds", id, "igw-");
    }
    return calls.describeInternetGateways(identity, List.of(internetGatewayIds), Map.of());
  }

  /**
   * Gateways by EC2 filter, such as {@code Map.of("attachment.vpc-id", List.of(vpcId))}, across
   * every page.
   *
   * @param filters filter name to values; empty for all
   * @return the gateways
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call ({@code InvalidParameterValue} for an unknown
   *     filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<InternetGateway> describe(Map<String, List<String>> filters) {
    return calls.describeInternetGateways(identity, List.of(), Map.copyOf(filters));
  }

  @Override
  public String toString() {
    return "InternetGateways[" + identity + "]";
  }
}
