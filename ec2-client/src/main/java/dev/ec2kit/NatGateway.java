package dev.ec2kit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A public NAT gateway (EC2's NatGateway), as {@link NatGateways} lists it: the way out of a
 * private subnet, in a public subnet with an Elastic IP.
 *
 * <pre>{@code
 * NatGateway nat = ec2.natGateways().create(publicSubnetId, ip.allocationId());
 * nat = ec2.natGateways().waitFor(List.of(nat.natGatewayId()), NatGatewayState.AVAILABLE,
 *     WaitOptions.defaults()).get(0);
 * System.out.println(nat);   // NatGateway[nat-0123456789abcdef0 available subnet-... 203.0.113.7]
 * }</pre>
 *
 * @param natGatewayId its id ({@code nat-...})
 * @param subnetId its subnet ({@code subnet-...})
 * @param vpcId its VPC ({@code vpc-...})
 * @param state its state
 * @param connectivityType {@code public} or {@code private}
 * @param addresses its addresses: the Elastic IP, its interface and private address
 * @param failureCode why it failed (such as {@code Gateway.NotAttached}), or {@code null}
 * @param failureMessage the failure's message, or {@code null}
 * @param createTime when it was made
 * @param deleteTime when its deletion began, or {@code null}
 * @param tags its tags
 */
public record NatGateway(
    String natGatewayId,
    String subnetId,
    String vpcId,
    NatGatewayState state,
    String connectivityType,
    List<GatewayAddress> addresses,
    String failureCode,
    String failureMessage,
    Instant createTime,
    Instant deleteTime,
    Map<String, String> tags) {

  /**
   * One of a NAT gateway's addresses.
   *
   * @param allocationId the Elastic IP's allocation ({@code eipalloc-...})
   * @param networkInterfaceId the gateway's interface ({@code eni-...}), or {@code null}
   * @param privateIp its private address, or {@code null}
   * @param publicIp the Elastic IP, or {@code null}
   * @param primary whether it is the primary address
   * @param status {@code succeeded}, {@code failed}, {@code associating}, {@code disassociating}
   */
  public record GatewayAddress(
      String allocationId,
      String networkInterfaceId,
      String privateIp,
      String publicIp,
      boolean primary,
      String status) {}

  /**
   * Copies the addresses and tags.
   *
   * @param natGatewayId its id
   * @param subnetId its subnet
   * @param vpcId its VPC
   * @param state its state
   * @param connectivityType public or private
   * @param addresses its addresses
   * @param failureCode its failure code, or null
   * @param failureMessage its failure message, or null
   * @param createTime when it was made
   * @param deleteTime when its deletion began, or null
   * @param tags its tags
   * @throws NullPointerException when {@code state}, {@code addresses} or {@code tags} is or holds
   *     null
   */
  public NatGateway {
    java.util.Objects.requireNonNull(state, "state");
    addresses = List.copyOf(addresses);
    tags = Map.copyOf(tags);
  }

  /**
   * The Elastic IP of its primary address.
   *
   * @return the public address, or {@code null} when it has none (failed, deleted)
   */
  public String publicIp() {
    return addresses.stream()
        .filter(GatewayAddress::primary)
        .map(GatewayAddress::publicIp)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    String ip = publicIp();
    return "NatGateway["
        + natGatewayId
        + " "
        + state
        + " "
        + subnetId
        + (ip == null ? "" : " " + ip)
        + (failureCode == null ? "" : " " + failureCode)
        + "]";
  }
}
