package dev.ec2kit;

import java.util.List;
import java.util.Map;

/**
 * A virtual private cloud (EC2's Vpc), as {@link Vpcs#describe} lists it.
 *
 * <pre>{@code
 * Vpc main = ec2.vpcs().describe(Map.of("is-default", List.of("true"))).get(0);
 * System.out.println(main);   // Vpc[vpc-0123456789abcdef0 172.31.0.0/16 available default]
 * }</pre>
 *
 * @param vpcId its id ({@code vpc-...})
 * @param cidrBlock its primary IPv4 range, such as {@code 10.0.0.0/16}
 * @param cidrBlockAssociations its IPv4 ranges, the primary first, with the association ids {@link
 *     Vpcs#disassociateCidr} takes
 * @param state {@code pending} or {@code available}
 * @param isDefault whether it is the region's default VPC
 * @param dhcpOptionsId its DHCP options set ({@code dopt-...}), or {@code null}
 * @param instanceTenancy {@code default} or {@code dedicated}
 * @param ownerId the account that owns it
 * @param tags its tags
 */
public record Vpc(
    String vpcId,
    String cidrBlock,
    List<VpcCidrAssociation> cidrBlockAssociations,
    String state,
    boolean isDefault,
    String dhcpOptionsId,
    String instanceTenancy,
    String ownerId,
    Map<String, String> tags) {

  /**
   * Copies the ranges and tags.
   *
   * @param vpcId its id
   * @param cidrBlock its IPv4 range
   * @param cidrBlockAssociations its ranges
   * @param state its state
   * @param isDefault whether it is the default VPC
   * @param dhcpOptionsId its DHCP options, or null
   * @param instanceTenancy its tenancy
   * @param ownerId its owner
   * @param tags its tags
   * @throws NullPointerException when {@code cidrBlockAssociations} or {@code tags} is or holds
   *     null
   */
  public Vpc {
    cidrBlockAssociations = List.copyOf(cidrBlockAssociations);
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return "Vpc[" + vpcId + " " + cidrBlock + " " + state + (isDefault ? " default" : "") + "]";
  }
}
