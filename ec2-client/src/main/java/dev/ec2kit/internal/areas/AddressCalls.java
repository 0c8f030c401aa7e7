package dev.ec2kit.internal.areas;

import dev.ec2kit.Address;
import dev.ec2kit.Identity;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;

/** The Elastic IP calls. Addresses are named by IP or by allocation/association id. */
public final class AddressCalls {
  private final QueryClient query;

  public AddressCalls(QueryClient query) {
    this.query = query;
  }

  public Address allocate(Identity identity) {
    // Not repeated blindly: each success allocates (and bills) another address.
    XmlNode doc =
        query.call(identity, "AllocateAddress", new Params().put("Domain", "vpc"), Repeat.ONCE);
    return new Address(
        doc.required("publicIp"),
        doc.required("allocationId"),
        null,
        doc.text("domain", "vpc"),
        null,
        null,
        java.util.Map.of());
  }

  public List<Address> describe(Identity identity, List<String> ips, List<String> allocationIds) {
    XmlNode doc =
        query.call(
            identity,
            "DescribeAddresses",
            new Params().list("PublicIp", ips).list("AllocationId", allocationIds),
            Repeat.SAFE);
    List<Address> out = new ArrayList<>();
    for (XmlNode a : doc.items("addressesSet")) {
      out.add(
          new Address(
              a.text("publicIp"),
              a.text("allocationId"),
              a.text("associationId"),
              a.text("domain", "vpc"),
              blank(a.text("instanceId")),
              a.text("privateIpAddress"),
              Parse.tags(a)));
    }
    return out;
  }

  public void release(Identity identity, String ipOrAllocationId) {
    query.call(
        identity, "ReleaseAddress", byAllocation(new Params(), ipOrAllocationId), Repeat.ONCE);
  }

  public String associate(
      Identity identity, String instanceId, String ipOrAllocationId, boolean allowReassociation) {
    Params p = byAllocation(new Params().put("InstanceId", instanceId), ipOrAllocationId);
    if (allowReassociation) {
      p.put("AllowReassociation", true);
    }
    return query.call(identity, "AssociateAddress", p, Repeat.ONCE).required("associationId");
  }

  public void disassociate(Identity identity, String ipOrAssociationId) {
    Params p =
        ipOrAssociationId.startsWith("eipassoc-")
            ? new Params().put("AssociationId", ipOrAssociationId)
            : new Params().put("PublicIp", ipOrAssociationId);
    query.call(identity, "DisassociateAddress", p, Repeat.ONCE);
  }

  private static Params byAllocation(Params p, String ipOrAllocationId) {
    return ipOrAllocationId.startsWith("eipalloc-")
        ? p.put("AllocationId", ipOrAllocationId)
        : p.put("PublicIp", ipOrAllocationId);
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
