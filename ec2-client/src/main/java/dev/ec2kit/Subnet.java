package dev.ec2kit;

import java.util.Map;

/**
 * A subnet: a range of a VPC's addresses in one availability zone (EC2's Subnet), as {@link
 * Subnets#describe} lists it; {@link RunOptions.Builder#subnetId} launches into one.
 *
 * <pre>{@code
 * Subnet s = ec2.subnets().describe(Map.of("availability-zone", List.of("us-east-1b"),
 *     "default-for-az", List.of("true"))).get(0);
 * System.out.println(s);   // Subnet[subnet-0123456789abcdef0 172.31.16.0/20 us-east-1b, 4091 free]
 * }</pre>
 *
 * @param subnetId its id ({@code subnet-...})
 * @param vpcId its VPC ({@code vpc-...})
 * @param cidrBlock its IPv4 range, such as {@code 10.0.1.0/24}
 * @param availabilityZone its zone, such as {@code us-east-1b}
 * @param availableIpAddressCount how many of its IPv4 addresses are free
 * @param defaultForAz whether it is its zone's default subnet
 * @param mapPublicIpOnLaunch whether instances launched in it get a public IPv4 address
 * @param state {@code pending} or {@code available}
 * @param ownerId the account that owns it
 * @param tags its tags
 */
public record Subnet(
    String subnetId,
    String vpcId,
    String cidrBlock,
    String availabilityZone,
    int availableIpAddressCount,
    boolean defaultForAz,
    boolean mapPublicIpOnLaunch,
    String state,
    String ownerId,
    Map<String, String> tags) {

  /**
   * Copies the tags.
   *
   * @param subnetId its id
   * @param vpcId its VPC
   * @param cidrBlock its IPv4 range
   * @param availabilityZone its zone
   * @param availableIpAddressCount its free addresses
   * @param defaultForAz whether it is the zone's default
   * @param mapPublicIpOnLaunch whether launches get public addresses
   * @param state its state
   * @param ownerId its owner
   * @param tags its tags
   * @throws NullPointerException when {@code tags} is or holds null
   */
  public Subnet {
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return "Subnet["
        + subnetId
        + " "
        + cidrBlock
        + " "
        + availabilityZone
        + ", "
        + availableIpAddressCount
        + " free]";
  }
}
