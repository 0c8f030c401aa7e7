package dev.ec2kit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route table of a VPC (EC2's RouteTable), as {@link RouteTables} lists it: its routes and the
 * subnets it serves (or the VPC, when it is the main one).
 *
 * <pre>{@code
 * RouteTable t = ec2.routeTables().describe(tableId).get(0);
 * System.out.println(t);
 * // RouteTable[rtb-0123456789abcdef0 vpc-... 10.0.0.0/16=>local 0.0.0.0/0=>igw-..., 1 subnet]
 * }</pre>
 *
 * @param routeTableId its id ({@code rtb-...})
 * @param vpcId its VPC ({@code vpc-...})
 * @param ownerId the account that owns it
 * @param routes its routes, the VPC's local ones first
 * @param associations its associations: with subnets, and the VPC's main one
 * @param tags its tags
 */
public record RouteTable(
    String routeTableId,
    String vpcId,
    String ownerId,
    List<Route> routes,
    List<Association> associations,
    Map<String, String> tags) {

  /**
   * One route: a destination and its one target.
   *
   * @param destinationCidrBlock the IPv4 destination, such as {@code 0.0.0.0/0}
   * @param gatewayId an internet gateway ({@code igw-...}), or {@code local} for the VPC's own
   *     range, or {@code null}
   * @param natGatewayId a NAT gateway ({@code nat-...}), or {@code null}
   * @param networkInterfaceId a network interface ({@code eni-...}), or {@code null}
   * @param instanceId an instance ({@code i-...}), or {@code null}
   * @param state {@code active}, or {@code blackhole} when its target is gone
   * @param origin {@code CreateRouteTable} (the local route) or {@code CreateRoute}
   */
  public record Route(
      String destinationCidrBlock,
      String gatewayId,
      String natGatewayId,
      String networkInterfaceId,
      String instanceId,
      String state,
      String origin) {

    /**
     * Where it goes.
     *
     * @return the gateway, NAT gateway, instance or interface it names, in that order of choice
     */
    public String target() {
      return gatewayId != null
          ? gatewayId
          : natGatewayId != null
              ? natGatewayId
              : instanceId != null ? instanceId : networkInterfaceId;
    }

    @Override
    public String toString() {
      return destinationCidrBlock + "=>" + target() + ("active".equals(state) ? "" : " " + state);
    }
  }

  /**
   * One association of a table.
   *
   * @param associationId its id ({@code rtbassoc-...}), which {@link RouteTables#disassociate} and
   *     {@link RouteTables#replaceAssociation} take
   * @param subnetId the subnet ({@code subnet-...}), or {@code null} for the main association
   * @param main whether it makes the table its VPC's main one
   * @param state {@code associated} ({@code associating}, {@code disassociating} on the way)
   */
  public record Association(String associationId, String subnetId, boolean main, String state) {}

  /**
   * Copies the routes, associations and tags.
   *
   * @param routeTableId its id
   * @param vpcId its VPC
   * @param ownerId its owner
   * @param routes its routes
   * @param associations its associations
   * @param tags its tags
   * @throws NullPointerException when a list or the tags is or holds null
   */
  public RouteTable {
    routes = List.copyOf(routes);
    associations = List.copyOf(associations);
    tags = Map.copyOf(tags);
  }

  /**
   * Whether it is its VPC's main table, which serves every subnet associated with none.
   *
   * @return whether it has the main association
   */
  public boolean isMain() {
    return associations.stream().anyMatch(Association::main);
  }

  /**
   * Its route to a destination.
   *
   * @param destinationCidrBlock such as {@code 0.0.0.0/0}
   * @return the route, or empty when it has none to there
   */
  public Optional<Route> route(String destinationCidrBlock) {
    return routes.stream()
        .filter(r -> r.destinationCidrBlock().equals(destinationCidrBlock))
        .findFirst();
  }

  @Override
  public String toString() {
    long subnets = associations.stream().filter(a -> a.subnetId() != null).count();
    return "RouteTable["
        + routeTableId
        + " "
        + vpcId
        + (isMain() ? " main" : "")
        + routes.stream().map(r -> " " + r).reduce("", String::concat)
        + ", "
        + subnets
        + (subnets == 1 ? " subnet]" : " subnets]");
  }
}
