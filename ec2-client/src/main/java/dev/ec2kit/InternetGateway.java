package dev.ec2kit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An internet gateway (EC2's InternetGateway), as {@link InternetGateways} lists it: a VPC's way to
 * the internet once attached to it and named by a route.
 *
 * <pre>{@code
 * InternetGateway igw = ec2.internetGateways().create();
 * ec2.internetGateways().attach(igw.internetGatewayId(), vpcId);
 * System.out.println(ec2.internetGateways().describe(igw.internetGatewayId()).get(0));
 * // InternetGateway[igw-0123456789abcdef0 attached to vpc-0123456789abcdef0]
 * }</pre>
 *
 * @param internetGatewayId its id ({@code igw-...})
 * @param ownerId the account that owns it
 * @param attachments the VPC it is attached to, if any (EC2 lists at most one)
 * @param tags its tags
 */
public record InternetGateway(
    String internetGatewayId,
    String ownerId,
    List<VpcAttachment> attachments,
    Map<String, String> tags) {

  /**
   * A gateway's attachment to a VPC.
   *
   * @param vpcId the VPC ({@code vpc-...})
   * @param state {@code available} once attached ({@code attaching}, {@code detaching}, {@code
   *     detached} on the way)
   */
  public record VpcAttachment(String vpcId, String state) {}

  /**
   * Copies the attachments and tags.
   *
   * @param internetGatewayId its id
   * @param ownerId its owner
   * @param attachments its attachments
   * @param tags its tags
   * @throws NullPointerException when {@code attachments} or {@code tags} is or holds null
   */
  public InternetGateway {
    attachments = List.copyOf(attachments);
    tags = Map.copyOf(tags);
  }

  /**
   * The VPC it is attached to.
   *
   * @return the VPC's id, or empty when it is attached to none
   */
  public Optional<String> vpcId() {
    return attachments.stream().map(VpcAttachment::vpcId).findFirst();
  }

  @Override
  public String toString() {
    return "InternetGateway["
        + internetGatewayId
        + vpcId().map(v -> " attached to " + v).orElse(" detached")
        + "]";
  }
}
