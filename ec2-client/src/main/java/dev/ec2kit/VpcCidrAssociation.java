package dev.ec2kit;

/**
 * One IPv4 range of a VPC and its association (EC2's VpcCidrBlockAssociation): the primary one, or
 * a secondary one that {@link Vpcs#associateCidr} added.
 *
 * <pre>{@code
 * VpcCidrAssociation extra = ec2.vpcs().associateCidr(vpcId, "10.1.0.0/16");
 * System.out.println(extra);   // VpcCidrAssociation[vpc-cidr-assoc-0123456789abcdef0 10.1.0.0/16 associating]
 * ec2.vpcs().disassociateCidr(extra.associationId());
 * }</pre>
 *
 * @param associationId its id ({@code vpc-cidr-assoc-...}), which {@link Vpcs#disassociateCidr}
 *     takes
 * @param cidrBlock the range, such as {@code 10.1.0.0/16}
 * @param state {@code associating}, {@code associated}, {@code disassociating}, {@code
 *     disassociated} or {@code failed}
 */
public record VpcCidrAssociation(String associationId, String cidrBlock, String state) {
  @Override
  public String toString() {
    return "VpcCidrAssociation[" + associationId + " " + cidrBlock + " " + state + "]";
  }
}
