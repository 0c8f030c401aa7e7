package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.NetworkInterface;
import dev.ec2kit.NetworkInterfaceCreation;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.List;

/**
 * The network interfaces' changes: Create/Delete, Attach/Detach, Assign/UnassignPrivateIpAddresses
 * and ModifyNetworkInterfaceAttribute.
 */
public final class InterfaceCalls {
  private final QueryClient query;

  public InterfaceCalls(QueryClient query) {
    this.query = query;
  }

  public NetworkInterface create(Identity identity, NetworkInterfaceCreation c) {
    Params p =
        new Params()
            .put("SubnetId", c.subnetId())
            .list("SecurityGroupId", c.securityGroupIds())
            .put("PrivateIpAddress", c.privateIpAddress())
            .put("Description", c.description());
    int i = 1;
    for (String ip : c.secondaryPrivateIpAddresses()) {
      p.put("PrivateIpAddresses." + i + ".PrivateIpAddress", ip);
      p.put("PrivateIpAddresses." + i++ + ".Primary", false);
    }
    if (c.secondaryPrivateIpAddressCount() != null) {
      p.put("SecondaryPrivateIpAddressCount", c.secondaryPrivateIpAddressCount());
    }
    VpcCalls.tagged(p, "network-interface", c.tags());
    XmlNode doc = query.call(identity, "CreateNetworkInterface", p, Repeat.ONCE);
    return NetworkCalls.networkInterface(
        doc.child("networkInterface").orElseThrow(() -> doc.malformed("no networkInterface")));
  }

  public void delete(Identity identity, String id) {
    query.call(
        identity,
        "DeleteNetworkInterface",
        new Params().put("NetworkInterfaceId", id),
        Repeat.ONCE);
  }

  public String attach(Identity identity, String id, String instanceId, int deviceIndex) {
    XmlNode doc =
        query.call(
            identity,
            "AttachNetworkInterface",
            new Params()
                .put("NetworkInterfaceId", id)
                .put("InstanceId", instanceId)
                .put("DeviceIndex", deviceIndex),
            Repeat.ONCE);
    return doc.required("attachmentId");
  }

  public void detach(Identity identity, String attachmentId, boolean force) {
    Params p = new Params().put("AttachmentId", attachmentId);
    if (force) {
      p.put("Force", true);
    }
    query.call(identity, "DetachNetworkInterface", p, Repeat.ONCE);
  }

  /** AssignPrivateIpAddresses by name or by count; the addresses EC2 added. */
  public List<String> assign(Identity identity, String id, List<String> ips, Integer count) {
    Params p = new Params().put("NetworkInterfaceId", id).list("PrivateIpAddress", ips);
    if (count != null) {
      p.put("SecondaryPrivateIpAddressCount", count);
    }
    XmlNode doc = query.call(identity, "AssignPrivateIpAddresses", p, Repeat.ONCE);
    return doc.items("assignedPrivateIpAddressesSet").stream()
        .map(a -> a.text("privateIpAddress"))
        .toList();
  }

  public void unassign(Identity identity, String id, List<String> ips) {
    query.call(
        identity,
        "UnassignPrivateIpAddresses",
        new Params().put("NetworkInterfaceId", id).list("PrivateIpAddress", ips),
        Repeat.ONCE);
  }

  /** ModifyNetworkInterfaceAttribute with one attribute's parameters; setting again is the same. */
  public void modify(Identity identity, String id, Params attribute) {
    Params p = new Params().put("NetworkInterfaceId", id);
    p.asMap().putAll(attribute.asMap());
    query.call(identity, "ModifyNetworkInterfaceAttribute", p, Repeat.SAFE);
  }
}
