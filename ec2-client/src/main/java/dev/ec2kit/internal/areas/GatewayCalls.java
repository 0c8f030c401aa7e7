package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.InternetGateway;
import dev.ec2kit.NatGateway;
import dev.ec2kit.NatGatewayState;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The gateways' calls: internet gateways and NAT gateways. */
public final class GatewayCalls {
  private final QueryClient query;

  public GatewayCalls(QueryClient query) {
    this.query = query;
  }

  public InternetGateway createInternetGateway(Identity identity, Map<String, String> tags) {
    XmlNode doc =
        query.call(
            identity,
            "CreateInternetGateway",
            VpcCalls.tagged(new Params(), "internet-gateway", tags),
            Repeat.ONCE);
    return internetGateway(
        doc.child("internetGateway").orElseThrow(() -> doc.malformed("no internetGateway")));
  }

  /** AttachInternetGateway or DetachInternetGateway. */
  public void attachment(Identity identity, String action, String gatewayId, String vpcId) {
    // Not repeated blindly: a second attach answers Resource.AlreadyAssociated.
    query.call(
        identity,
        action,
        new Params().put("InternetGatewayId", gatewayId).put("VpcId", vpcId),
        Repeat.ONCE);
  }

  public void deleteInternetGateway(Identity identity, String gatewayId) {
    query.call(
        identity,
        "DeleteInternetGateway",
        new Params().put("InternetGatewayId", gatewayId),
        Repeat.ONCE);
  }

  public List<InternetGateway> describeInternetGateways(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query,
        identity,
        "DescribeInternetGateways",
        "InternetGatewayId",
        ids,
        filters,
        1000,
        "internetGatewaySet",
        GatewayCalls::internetGateway);
  }

  private static InternetGateway internetGateway(XmlNode n) {
    return new InternetGateway(
        n.required("internetGatewayId"),
        n.text("ownerId"),
        n.items("attachmentSet").stream()
            .map(a -> new InternetGateway.VpcAttachment(a.text("vpcId"), a.text("state")))
            .toList(),
        Parse.tags(n));
  }

  public NatGateway createNatGateway(
      Identity identity, String subnetId, String allocationId, Map<String, String> tags) {
    // One token, sent again on every retry: EC2 answers a repeat with the same gateway.
    Params p =
        VpcCalls.tagged(
            new Params()
                .put("SubnetId", subnetId)
                .put("AllocationId", allocationId)
                .put("ClientToken", UUID.randomUUID().toString()),
            "natgateway",
            tags);
    XmlNode doc = query.call(identity, "CreateNatGateway", p, Repeat.SAFE);
    return natGateway(doc.child("natGateway").orElseThrow(() -> doc.malformed("no natGateway")));
  }

  public void deleteNatGateway(Identity identity, String natGatewayId) {
    query.call(
        identity, "DeleteNatGateway", new Params().put("NatGatewayId", natGatewayId), Repeat.ONCE);
  }

  public List<NatGateway> describeNatGateways(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    // DescribeNatGateways names its filter list "Filter", as every other Describe does on the wire.
    return Pages.byIds(
        query,
        identity,
        "DescribeNatGateways",
        "NatGatewayId",
        ids,
        filters,
        1000,
        "natGatewaySet",
        GatewayCalls::natGateway);
  }

  private static NatGateway natGateway(XmlNode n) {
    return new NatGateway(
        n.required("natGatewayId"),
        n.text("subnetId"),
        n.text("vpcId"),
        n.parsed("state", NatGatewayState::fromName, NatGatewayState.PENDING),
        n.text("connectivityType", "public"),
        n.items("natGatewayAddressSet").stream()
            .map(
                a ->
                    new NatGateway.GatewayAddress(
                        a.text("allocationId"),
                        a.text("networkInterfaceId"),
                        a.text("privateIp"),
                        a.text("publicIp"),
                        a.bool("isPrimary"),
                        a.text("status")))
            .toList(),
        Parse.emptyToNull(n.text("failureCode")),
        Parse.emptyToNull(n.text("failureMessage")),
        n.instant("createTime"),
        n.instant("deleteTime"),
        Parse.tags(n));
  }
}
