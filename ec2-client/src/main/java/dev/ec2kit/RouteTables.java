package dev.ec2kit;

import dev.ec2kit.internal.areas.RouteTableCalls;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The route tables of the VPCs: Create/Delete/DescribeRouteTables, Create/Replace/DeleteRoute and
 * Associate/Disassociate/ReplaceRouteTableAssociation, reached with {@link Ec2#routeTables()}.
 *
 * <pre>{@code
 * RouteTable pub = ec2.routeTables().create(vpcId, Map.of("Name", "public"));
 * ec2.routeTables().createRoute(pub.routeTableId(), "0.0.0.0/0", RouteTarget.gateway(igwId));
 * String association = ec2.routeTables().associate(pub.routeTableId(), publicSubnetId);
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class RouteTables {
  private final Identity identity;
  private final RouteTableCalls calls;

  RouteTables(Identity identity, RouteTableCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * Makes a route table in a VPC, with the VPC's local routes (EC2's CreateRouteTable).
   *
   * @param vpcId the VPC ({@code vpc-...})
   * @return the new table
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidVpcID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: a table may
   *     have been made ({@link #describe(Map)} tells); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public RouteTable create(String vpcId) {
    return create(vpcId, Map.of());
  }

  /**
   * Makes a tagged route table, as {@link #create(String)}.
   *
   * @param vpcId the VPC ({@code vpc-...})
   * @param tags its tags, such as {@code Map.of("Name", "public")}
   * @return the new table, with its tags
   * @throws IllegalArgumentException when the id is malformed or a tag is blank or too long, before
   *     anything is sent
   * @throws NullPointerException when {@code tags} is null
   * @throws Ec2Exception when EC2 refuses it
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public RouteTable create(String vpcId, Map<String, String> tags) {
    return calls.create(identity, Ids.check("vpcId", vpcId, "vpc-"), Networking.checkTags(tags));
  }

  /**
   * Deletes a route table associated with no subnet (EC2's DeleteRouteTable).
   *
   * @param routeTableId the table ({@code rtb-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code DependencyViolation} while associated or main,
   *     {@code InvalidRouteTableID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void delete(String routeTableId) {
    calls.delete(identity, Ids.check("routeTableId", routeTableId, "rtb-"));
  }

  /**
   * The tables named, or all, across every page.
   *
   * @param routeTableIds the tables' ids ({@code rtb-...}); none for all
   * @return the tables, with their routes and associations
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (such as {@code InvalidRouteTableID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<RouteTable> describe(String... routeTableIds) {
    for (String id : routeTableIds) {
      Ids.check("routeTableIds", id, "rtb-");
    }
    return calls.describe(identity, List.of(routeTableIds), Map.of());
  }

  /**
   * Tables by EC2 filter, such as {@code Map.of("vpc-id", List.of(vpcId), "association.main",
   * List.of("true"))}, across every page.
   *
   * @param filters filter name to values; empty for all
   * @return the tables
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call ({@code InvalidParameterValue} for an unknown
   *     filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<RouteTable> describe(Map<String, List<String>> filters) {
    return calls.describe(identity, List.of(), Map.copyOf(filters));
  }

  /**
   * Adds a route (EC2's CreateRoute).
   *
   * @param routeTableId the table ({@code rtb-...})
   * @param destinationCidrBlock the IPv4 destination, such as {@code 0.0.0.0/0}
   * @param target where it goes
   * @throws IllegalArgumentException when the id or the destination is malformed, before anything
   *     is sent
   * @throws NullPointerException when {@code target} is null
   * @throws Ec2Exception when EC2 refuses it ({@code RouteAlreadyExists}, {@code
   *     InvalidGatewayID.NotFound}, {@code InvalidParameterValue} for a target in another VPC)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void createRoute(String routeTableId, String destinationCidrBlock, RouteTarget target) {
    route(
        "CreateRoute",
        routeTableId,
        destinationCidrBlock,
        Objects.requireNonNull(target, "target"));
  }

  /**
   * Points an existing route elsewhere (EC2's ReplaceRoute).
   *
   * @param routeTableId the table ({@code rtb-...})
   * @param destinationCidrBlock the route's destination, such as {@code 0.0.0.0/0}
   * @param target where it goes now
   * @throws IllegalArgumentException when the id or the destination is malformed, before anything
   *     is sent
   * @throws NullPointerException when {@code target} is null
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidRoute.NotFound} when there is no such
   *     route)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void replaceRoute(String routeTableId, String destinationCidrBlock, RouteTarget target) {
    route(
        "ReplaceRoute",
        routeTableId,
        destinationCidrBlock,
        Objects.requireNonNull(target, "target"));
  }

  /**
   * Removes a route (EC2's DeleteRoute); the local routes stay.
   *
   * @param routeTableId the table ({@code rtb-...})
   * @param destinationCidrBlock the route's destination, such as {@code 0.0.0.0/0}
   * @throws IllegalArgumentException when the id or the destination is malformed, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidRoute.NotFound}, or {@code
   *     InvalidParameterValue} for a local route)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void deleteRoute(String routeTableId, String destinationCidrBlock) {
    route("DeleteRoute", routeTableId, destinationCidrBlock, null);
  }

  private void route(String action, String table, String destination, RouteTarget target) {
    calls.route(
        identity,
        action,
        Ids.check("routeTableId", table, "rtb-"),
        Networking.checkCidr("destinationCidrBlock", destination),
        target);
  }

  /**
   * Makes a table serve a subnet (EC2's AssociateRouteTable).
   *
   * @param routeTableId the table ({@code rtb-...})
   * @param subnetId a subnet of the table's VPC ({@code subnet-...}) with no table of its own
   * @return the association's id ({@code rtbassoc-...})
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code Resource.AlreadyAssociated}, or {@code
   *     InvalidParameterValue} for a subnet of another VPC)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public String associate(String routeTableId, String subnetId) {
    return calls.associate(
        identity,
        Ids.check("routeTableId", routeTableId, "rtb-"),
        Ids.check("subnetId", subnetId, "subnet-"));
  }

  /**
   * Ends a subnet's association; the subnet goes back to the main table (EC2's
   * DisassociateRouteTable).
   *
   * @param associationId the association ({@code rtbassoc-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidAssociationID.NotFound}, or {@code
   *     InvalidParameterValue} for the main association)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void disassociate(String associationId) {
    calls.disassociate(identity, Ids.check("associationId", associationId, "rtbassoc-"));
  }

  /**
   * Moves an association, a subnet's or the VPC's main one, to another table of the same VPC (EC2's
   * ReplaceRouteTableAssociation).
   *
   * @param associationId the association ({@code rtbassoc-...})
   * @param routeTableId the table that takes it ({@code rtb-...})
   * @return the new association's id ({@code rtbassoc-...})
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidAssociationID.NotFound}, {@code
   *     InvalidRouteTableID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public String replaceAssociation(String associationId, String routeTableId) {
    return calls.replaceAssociation(
        identity,
        Ids.check("associationId", associationId, "rtbassoc-"),
        Ids.check("routeTableId", routeTableId, "rtb-"));
  }

  @Override
  public String toString() {
    return "RouteTables[" + identity + "]";
  }
}
