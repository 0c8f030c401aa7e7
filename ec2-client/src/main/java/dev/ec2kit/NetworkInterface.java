package dev.ec2kit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A network interface (EC2's NetworkInterface): an address in a subnet with security groups,
 * attached to an instance at a device index or free, as {@link NetworkInterfaces#describe} lists
 * it.
 *
 * <pre>{@code
 * NetworkInterface primary = ec2.networkInterfaces()
 *     .describe(Map.of("attachment.instance-id", List.of(instanceId))).get(0);
 * System.out.println(primary);  // NetworkInterface[eni-0123456789abcdef0 172.31.16.5 in-use i-0123456789abcdef0#0]
 * }</pre>
 *
 * @param networkInterfaceId its id ({@code eni-...})
 * @param subnetId its subnet
 * @param vpcId its VPC
 * @param availabilityZone its zone
 * @param description its description, or {@code ""}
 * @param status {@code available}, {@code attaching}, {@code in-use} or {@code detaching}
 * @param macAddress its MAC address
 * @param privateIpAddress its primary private IPv4 address
 * @param privateIpAddresses every private IPv4 address it has, the primary first
 * @param privateDnsName its private DNS name, or {@code null}
 * @param publicIp the public IPv4 address associated with it, or {@code null}
 * @param sourceDestCheck whether EC2 drops traffic not addressed to it (off for NAT instances)
 * @param groups its security groups
 * @param attachment where it is attached, or {@code null} when it is free
 * @param interfaceType {@code interface}, or another kind EC2 manages
 * @param ownerId the account that owns it
 * @param tags its tags
 */
public record NetworkInterface(
    String networkInterfaceId,
    String subnetId,
    String vpcId,
    String availabilityZone,
    String description,
    String status,
    String macAddress,
    String privateIpAddress,
    List<String> privateIpAddresses,
    String privateDnsName,
    String publicIp,
    boolean sourceDestCheck,
    List<GroupIdentifier> groups,
    InterfaceAttachment attachment,
    String interfaceType,
    String ownerId,
    Map<String, String> tags) {

  /**
   * Copies the lists and tags.
   *
   * @param networkInterfaceId its id
   * @param subnetId its subnet
   * @param vpcId its VPC
   * @param availabilityZone its zone
   * @param description its description
   * @param status its status
   * @param macAddress its MAC address
   * @param privateIpAddress its primary private address
   * @param privateIpAddresses its private addresses
   * @param privateDnsName its private DNS name
   * @param publicIp its public address
   * @param sourceDestCheck whether source/destination checking is on
   * @param groups its security groups
   * @param attachment its attachment
   * @param interfaceType its type
   * @param ownerId its owner
   * @param tags its tags
   * @throws NullPointerException when a list or the tags are or hold null
   */
  public NetworkInterface {
    privateIpAddresses = List.copyOf(privateIpAddresses);
    groups = List.copyOf(groups);
    tags = Map.copyOf(tags);
  }

  /**
   * Where an interface is attached (EC2's NetworkInterfaceAttachment).
   *
   * @param attachmentId the attachment's id ({@code eni-attach-...})
   * @param instanceId the instance
   * @param deviceIndex its place on the instance: 0 for the primary interface
   * @param status {@code attaching}, {@code attached}, {@code detaching} or {@code detached}
   * @param attachTime when it was attached
   * @param deleteOnTermination whether the interface goes with the instance
   */
  public record InterfaceAttachment(
      String attachmentId,
      String instanceId,
      int deviceIndex,
      String status,
      Instant attachTime,
      boolean deleteOnTermination) {}

  @Override
  public String toString() {
    return "NetworkInterface["
        + networkInterfaceId
        + " "
        + privateIpAddress
        + (publicIp == null ? "" : " " + publicIp)
        + " "
        + status
        + (attachment == null ? "" : " " + attachment.instanceId() + "#" + attachment.deviceIndex())
        + "]";
  }
}
