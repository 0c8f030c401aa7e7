package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.Subnet;
import dev.ec2kit.Vpc;
import dev.ec2kit.VpcAttribute;
import dev.ec2kit.VpcCidrAssociation;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.Map;

/**
 * The VPCs' and subnets' changes: Create/DeleteVpc, Describe/ModifyVpcAttribute,
 * Associate/DisassociateVpcCidrBlock, Create/DeleteSubnet, ModifySubnetAttribute. None is repeated
 * blindly: a second create is a second resource, a second delete answers NotFound.
 */
public final class VpcCalls {
  private final QueryClient query;

  public VpcCalls(QueryClient query) {
    this.query = query;
  }

  public Vpc create(Identity identity, String cidr, Map<String, String> tags) {
    Params p = tagged(new Params().put("CidrBlock", cidr), "vpc", tags);
    XmlNode doc = query.call(identity, "CreateVpc", p, Repeat.ONCE);
    return NetworkCalls.vpc(doc.child("vpc").orElseThrow(() -> doc.malformed("no vpc")));
  }

  public void delete(Identity identity, String vpcId) {
    query.call(identity, "DeleteVpc", new Params().put("VpcId", vpcId), Repeat.ONCE);
  }

  public boolean attribute(Identity identity, String vpcId, VpcAttribute attribute) {
    XmlNode doc =
        query.call(
            identity,
            "DescribeVpcAttribute",
            new Params().put("VpcId", vpcId).put("Attribute", attribute.apiName()),
            Repeat.SAFE);
    return doc.path(attribute.apiName(), "value")
        .map(v -> Boolean.parseBoolean(v.text()))
        .orElseThrow(() -> doc.malformed("no " + attribute.apiName() + " value"));
  }

  public void modifyAttribute(
      Identity identity, String vpcId, VpcAttribute attribute, boolean value) {
    // Setting a value again answers the same: safe to repeat.
    query.call(
        identity,
        "ModifyVpcAttribute",
        new Params().put("VpcId", vpcId).put(attribute.parameter() + ".Value", value),
        Repeat.SAFE);
  }

  public VpcCidrAssociation associateCidr(Identity identity, String vpcId, String cidr) {
    XmlNode doc =
        query.call(
            identity,
            "AssociateVpcCidrBlock",
            new Params().put("VpcId", vpcId).put("CidrBlock", cidr),
            Repeat.ONCE);
    return cidrAssociation(doc);
  }

  public VpcCidrAssociation disassociateCidr(Identity identity, String associationId) {
    XmlNode doc =
        query.call(
            identity,
            "DisassociateVpcCidrBlock",
            new Params().put("AssociationId", associationId),
            Repeat.ONCE);
    return cidrAssociation(doc);
  }

  private static VpcCidrAssociation cidrAssociation(XmlNode doc) {
    return NetworkCalls.cidrAssociation(
        doc.child("cidrBlockAssociation")
            .orElseThrow(() -> doc.malformed("no cidrBlockAssociation")));
  }

  public Subnet createSubnet(
      Identity identity, String vpcId, String cidr, String zone, Map<String, String> tags) {
    Params p =
        tagged(
            new Params().put("VpcId", vpcId).put("CidrBlock", cidr).put("AvailabilityZone", zone),
            "subnet",
            tags);
    XmlNode doc = query.call(identity, "CreateSubnet", p, Repeat.ONCE);
    return NetworkCalls.subnet(doc.child("subnet").orElseThrow(() -> doc.malformed("no subnet")));
  }

  public void deleteSubnet(Identity identity, String subnetId) {
    query.call(identity, "DeleteSubnet", new Params().put("SubnetId", subnetId), Repeat.ONCE);
  }

  public void mapPublicIpOnLaunch(Identity identity, String subnetId, boolean value) {
    query.call(
        identity,
        "ModifySubnetAttribute",
        new Params().put("SubnetId", subnetId).put("MapPublicIpOnLaunch.Value", value),
        Repeat.SAFE);
  }

  /** {@code p} with one tag specification for {@code resourceType} when there are tags. */
  static Params tagged(Params p, String resourceType, Map<String, String> tags) {
    return tags.isEmpty() ? p : p.tagSpecification("TagSpecification.1", resourceType, tags);
  }
}
