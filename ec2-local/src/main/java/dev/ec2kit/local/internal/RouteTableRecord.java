package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route table of a VPC: its routes by destination (a local route for each of the VPC's blocks,
 * which cannot be removed) and its associations with subnets; the VPC's main table carries the main
 * association, which subnets without one of their own follow.
 */
final class RouteTableRecord implements java.io.Serializable {
  /** Where a route sends its traffic: one target, as CreateRoute names it. */
  record Route(String destination, String targetKind, String targetId, String origin)
      implements java.io.Serializable {
    boolean local() {
      return targetKind.equals("GatewayId") && targetId.equals("local");
    }
  }

  /** An association: with a subnet, or the main one (subnet null). */
  record Association(String id, String subnetId, boolean main) implements java.io.Serializable {}

  final String id;
  final String vpcId;
  final String ownerId;
  final Map<String, String> tags = new LinkedHashMap<>();
  final Map<String, Route> routes = new LinkedHashMap<>();
  final List<Association> associations = new ArrayList<>(1);

  RouteTableRecord(String id, String vpcId, String ownerId) {
    this.id = id;
    this.vpcId = vpcId;
    this.ownerId = ownerId;
  }

  boolean isMain() {
    return associations.stream().anyMatch(Association::main);
  }

  void addLocal(Cidr block) {
    routes.put(
        block.toString(), new Route(block.toString(), "GatewayId", "local", "CreateRouteTable"));
  }

  void removeLocal(Cidr block) {
    routes.remove(block.toString());
  }

  void associateMain(String associationId) {
    associations.add(new Association(associationId, null, true));
  }

  /** A new route; RouteAlreadyExists when the destination has one. */
  void add(Route route) {
    if (routes.containsKey(route.destination())) {
      throw Ec2Error.badRequest(
          "RouteAlreadyExists",
          "The route identified by " + route.destination() + " already exists.");
    }
    routes.put(route.destination(), route);
  }

  /** Replaces the route of a destination, which must exist and not be local. */
  void replace(Route route) {
    Route old = routes.get(route.destination());
    if (old == null) {
      throw Ec2Error.invalidParameterValue(
          "There is no route defined for '"
              + route.destination()
              + "' in the route table. Please use AddRoute instead.");
    }
    refuseLocal(old);
    routes.put(route.destination(), route);
  }

  void delete(String destination) {
    Route old = routes.get(destination);
    if (old == null) {
      throw Ec2Error.badRequest(
          "InvalidRoute.NotFound",
          "no route with destination-cidr-block " + destination + " in route table " + id);
    }
    refuseLocal(old);
    routes.remove(destination);
  }

  private void refuseLocal(Route r) {
    if (r.local()) {
      throw Ec2Error.invalidParameterValue(
          "cannot remove local route " + r.destination() + " in route table " + id);
    }
  }

  /** Associates a subnet, which must have no table of its own yet (Resource.AlreadyAssociated). */
  Association associate(String subnetId, String associationId, RegionState state) {
    checkAssociate(subnetId, state);
    Association a = new Association(associationId, subnetId, false);
    associations.add(a);
    return a;
  }

  void checkAssociate(String subnetId, RegionState state) {
    for (RouteTableRecord t : state.routeTables.values()) {
      for (Association a : t.associations) {
        if (subnetId.equals(a.subnetId())) {
          throw Ec2Error.badRequest(
              "Resource.AlreadyAssociated",
              "the specified association for route table "
                  + t.id
                  + " conflicts with an existing association");
        }
      }
    }
  }

  void disassociateSubnet(String subnetId) {
    associations.removeIf(a -> subnetId.equals(a.subnetId()));
  }

  /** Ends a subnet's association (DisassociateRouteTable); the main one stays. */
  void disassociate(Association a) {
    if (a.main()) {
      throw Ec2Error.invalidParameterValue(
          "cannot disassociate the main route table association " + a.id());
    }
    associations.remove(a);
  }

  /** Takes an association from another table (ReplaceRouteTableAssociation), under a new id. */
  Association takeOver(RouteTableRecord from, Association old, String associationId) {
    from.associations.remove(old);
    Association a = new Association(associationId, old.subnetId(), old.main());
    associations.add(a);
    return a;
  }
}
