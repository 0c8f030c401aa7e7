package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.RouteTable;
import dev.ec2kit.RouteTarget;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.List;
import java.util.Map;

/** The route tables' calls: tables, their routes and their associations. */
public final class RouteTableCalls {
  private final QueryClient query;

  public RouteTableCalls(QueryClient query) {
    this.query = query;
  }

  public RouteTable create(Identity identity, String vpcId, Map<String, String> tags) {
    XmlNode doc =
        query.call(
            identity,
            "CreateRouteTable",
            VpcCalls.tagged(new Params().put("VpcId", vpcId), "route-table", tags),
            Repeat.ONCE);
    return table(doc.child("routeTable").orElseThrow(() -> doc.malformed("no routeTable")));
  }

  public void delete(Identity identity, String routeTableId) {
    query.call(
        identity, "DeleteRouteTable", new Params().put("RouteTableId", routeTableId), Repeat.ONCE);
  }

  public List<RouteTable> describe(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query,
        identity,
        "DescribeRouteTables",
        "RouteTableId",
        ids,
        filters,
        100,
        "routeTableSet",
        RouteTableCalls::table);
  }

  /** CreateRoute, ReplaceRoute (with a target) or DeleteRoute (target null). */
  public void route(
      Identity identity, String action, String routeTableId, String destination, RouteTarget to) {
    Params p =
        new Params().put("RouteTableId", routeTableId).put("DestinationCidrBlock", destination);
    if (to != null) {
      p.put(to.parameter(), to.id());
    }
    // Replacing a route with the same target answers the same: safe; create and delete are not.
    query.call(identity, action, p, action.equals("ReplaceRoute") ? Repeat.SAFE : Repeat.ONCE);
  }

  public String associate(Identity identity, String routeTableId, String subnetId) {
    XmlNode doc =
        query.call(
            identity,
            "AssociateRouteTable",
            new Params().put("RouteTableId", routeTableId).put("SubnetId", subnetId),
            Repeat.ONCE);
    return doc.required("associationId");
  }

  public void disassociate(Identity identity, String associationId) {
    query.call(
        identity,
        "DisassociateRouteTable",
        new Params().put("AssociationId", associationId),
        Repeat.ONCE);
  }

  public String replaceAssociation(Identity identity, String associationId, String routeTableId) {
    XmlNode doc =
        query.call(
            identity,
            "ReplaceRouteTableAssociation",
            new Params().put("AssociationId", associationId).put("RouteTableId", routeTableId),
            Repeat.ONCE);
    return doc.required("newAssociationId");
  }

  private static RouteTable table(XmlNode n) {
    return new RouteTable(
        n.required("routeTableId"),
        n.text("vpcId"),
        n.text("ownerId"),
        n.items("routeSet").stream()
            .map(
                r ->
                    new RouteTable.Route(
                        r.text("destinationCidrBlock"),
                        r.text("gatewayId"),
                        r.text("natGatewayId"),
                        r.text("networkInterfaceId"),
                        r.text("instanceId"),
                        r.text("state"),
                        r.text("origin")))
            .toList(),
        n.items("associationSet").stream()
            .map(
                a ->
                    new RouteTable.Association(
                        a.text("routeTableAssociationId"),
                        a.text("subnetId"),
                        a.bool("main"),
                        a.path("associationState", "state").map(XmlNode::text).orElse(null)))
            .toList(),
        Parse.tags(n));
  }
}
