package dev.ec2kit;

/**
 * Where a route sends its traffic, for {@link RouteTables#createRoute} and {@link
 * RouteTables#replaceRoute}: an internet gateway, a NAT gateway, a network interface or an instance
 * of the table's VPC.
 *
 * <pre>{@code
 * ec2.routeTables().createRoute(publicTable, "0.0.0.0/0", RouteTarget.gateway(igwId));
 * ec2.routeTables().createRoute(privateTable, "0.0.0.0/0", RouteTarget.natGateway(natId));
 * }</pre>
 *
 * @param parameter EC2's parameter for the kind of target, such as {@code GatewayId}
 * @param id the target's id
 */
public record RouteTarget(String parameter, String id) {
  /**
   * Checks the kind and the id.
   *
   * @param parameter {@code GatewayId}, {@code NatGatewayId}, {@code NetworkInterfaceId} or {@code
   *     InstanceId}
   * @param id the target's id, of the kind's form
   * @throws IllegalArgumentException when the kind is none of those or the id is malformed
   */
  public RouteTarget {
    switch (parameter == null ? "" : parameter) {
      case "GatewayId" -> Ids.check("gatewayId", id, "igw-");
      case "NatGatewayId" -> Ids.check("natGatewayId", id, "nat-");
      case "NetworkInterfaceId" -> Ids.check("networkInterfaceId", id, "eni-");
      case "InstanceId" -> Ids.check("instanceId", id, "i-");
      default ->
          throw new IllegalArgumentException(
              "parameter '"
                  + parameter
                  + "' is not a route target: give GatewayId, NatGatewayId, NetworkInterfaceId or"
                  + " InstanceId");
    }
  }

  /**
   * An internet gateway attached to the table's VPC.
   *
   * @param internetGatewayId its id ({@code igw-...})
   * @return the target
   * @throws IllegalArgumentException when the id is malformed
   */
  public static RouteTarget gateway(String internetGatewayId) {
    return new RouteTarget("GatewayId", internetGatewayId);
  }

  /**
   * A NAT gateway of the table's VPC.
   *
   * @param natGatewayId its id ({@code nat-...})
   * @return the target
   * @throws IllegalArgumentException when the id is malformed
   */
  public static RouteTarget natGateway(String natGatewayId) {
    return new RouteTarget("NatGatewayId", natGatewayId);
  }

  /**
   * A network interface of the table's VPC.
   *
   * @param networkInterfaceId its id ({@code eni-...})
   * @return the target
   * @throws IllegalArgumentException when the id is malformed
   */
  public static RouteTarget networkInterface(String networkInterfaceId) {
    return new RouteTarget("NetworkInterfaceId", networkInterfaceId);
  }

  /**
   * An instance of the table's VPC with one network interface.
   *
   * @param instanceId its id ({@code i-...})
   * @return the target
   * @throws IllegalArgumentException when the id is malformed
   */
  public static RouteTarget instance(String instanceId) {
    return new RouteTarget("InstanceId", instanceId);
  }

  @Override
  public String toString() {
    return id;
  }
}
