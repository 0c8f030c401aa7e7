package dev.ec2kit.internal.areas;

import dev.ec2kit.GroupIdentifier;
import dev.ec2kit.Identity;
import dev.ec2kit.NetworkInterface;
import dev.ec2kit.Subnet;
import dev.ec2kit.Vpc;
import dev.ec2kit.VpcCidrAssociation;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.List;
import java.util.Map;

/** The network's calls: DescribeVpcs, DescribeSubnets, DescribeNetworkInterfaces. */
public final class NetworkCalls {
  private final QueryClient query;

  public NetworkCalls(QueryClient query) {
    this.query = query;
  }

  public List<Vpc> describeVpcs(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query, identity, "DescribeVpcs", "VpcId", ids, filters, 0, "vpcSet", NetworkCalls::vpc);
  }

  public List<Subnet> describeSubnets(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query,
        identity,
        "DescribeSubnets",
        "SubnetId",
        ids,
        filters,
        1000,
        "subnetSet",
        NetworkCalls::subnet);
  }

  public List<NetworkInterface> describeInterfaces(
      Identity identity, List<String> ids, Map<String, List<String>> filters) {
    return Pages.byIds(
        query,
        identity,
        "DescribeNetworkInterfaces",
        "NetworkInterfaceId",
        ids,
        filters,
        1000,
        "networkInterfaceSet",
        NetworkCalls::networkInterface);
  }

  static NetworkInterface networkInterface(XmlNode n) {
    List<String> addresses =
        n.items("privateIpAddressesSet").stream().map(a -> a.text("privateIpAddress")).toList();
    return new NetworkInterface(
        n.required("networkInterfaceId"),
        n.text("subnetId"),
        n.text("vpcId"),
        n.text("availabilityZone"),
        n.text("description", ""),
        n.text("status"),
        n.text("macAddress"),
        n.text("privateIpAddress"),
        addresses,
        Parse.emptyToNull(n.text("privateDnsName")),
        n.path("association", "publicIp").map(XmlNode::text).orElse(null),
        n.bool("sourceDestCheck"),
        n.items("groupSet").stream()
            .map(g -> new GroupIdentifier(g.text("groupId"), g.text("groupName")))
            .toList(),
        n.child("attachment")
            .map(
                a ->
                    new NetworkInterface.InterfaceAttachment(
                        a.text("attachmentId"),
                        a.text("instanceId"),
                        a.integer("deviceIndex", 0),
                        a.text("status"),
                        a.instant("attachTime"),
                        a.bool("deleteOnTermination")))
            .orElse(null),
        n.text("interfaceType", "interface"),
        n.text("ownerId"),
        Parse.tags(n));
  }

  static Vpc vpc(XmlNode n) {
    return new Vpc(
        n.required("vpcId"),
        n.text("cidrBlock"),
        n.items("cidrBlockAssociationSet").stream().map(NetworkCalls::cidrAssociation).toList(),
        n.text("state"),
        n.bool("isDefault"),
        Parse.emptyToNull(n.text("dhcpOptionsId")),
        n.text("instanceTenancy"),
        n.text("ownerId"),
        Parse.tags(n));
  }

  static Subnet subnet(XmlNode n) {
    return new Subnet(
        n.required("subnetId"),
        n.text("vpcId"),
        n.text("cidrBlock"),
        n.text("availabilityZone"),
        n.integer("availableIpAddressCount", 0),
        n.bool("defaultForAz"),
        n.bool("mapPublicIpOnLaunch"),
        n.text("state"),
        n.text("ownerId"),
        Parse.tags(n));
  }

  static VpcCidrAssociation cidrAssociation(XmlNode n) {
    return new VpcCidrAssociation(
        n.text("associationId"),
        n.text("cidrBlock"),
        n.path("cidrBlockState", "state").map(XmlNode::text).orElse(null));
  }
}
