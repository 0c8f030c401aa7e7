package dev.ec2kit;

import java.util.List;
import java.util.Map;

/**
 * A network interface to make with {@link NetworkInterfaces#create}: its subnet, security groups,
 * private addresses, description and tags. Made with {@link #in(String)} and changed with the
 * methods that return a copy; each copy is checked as EC2 would, naming the bad field.
 *
 * <pre>{@code
 * NetworkInterface eni = ec2.networkInterfaces().create(
 *     NetworkInterfaceCreation.in(subnetId).groups(webGroup)
 *         .privateIp("10.0.1.10").secondaryPrivateIps("10.0.1.11")
 *         .description("web, second interface").tags(Map.of("Name", "web-2")));
 * }</pre>
 *
 * @param subnetId the subnet it is made in ({@code subnet-...})
 * @param securityGroupIds its security groups by id; empty for the VPC's default group
 * @param privateIpAddress its primary private IPv4 address, or {@code null} for one the subnet
 *     picks
 * @param secondaryPrivateIpAddresses secondary private addresses by name
 * @param secondaryPrivateIpAddressCount how many secondary addresses the subnet picks, or {@code
 *     null}
 * @param description its description, or {@code null}
 * @param tags its tags
 */
public record NetworkInterfaceCreation(
    String subnetId,
    List<String> securityGroupIds,
    String privateIpAddress,
    List<String> secondaryPrivateIpAddresses,
    Integer secondaryPrivateIpAddressCount,
    String description,
    Map<String, String> tags) {

  /**
   * Checks the interface as EC2 does, before anything is sent.
   *
   * @param subnetId the subnet
   * @param securityGroupIds the groups
   * @param privateIpAddress the primary address, or null
   * @param secondaryPrivateIpAddresses the secondary addresses
   * @param secondaryPrivateIpAddressCount how many secondary addresses to pick, or null
   * @param description the description, or null
   * @param tags the tags
   * @throws IllegalArgumentException when an id or address is malformed, both secondary addresses
   *     and a count are given, the count is not 1 to 49, the description is over 255 characters or
   *     a tag is blank or too long
   * @throws NullPointerException when a list or the tags is or holds null
   */
  public NetworkInterfaceCreation {
    Ids.check("subnetId", subnetId, "subnet-");
    securityGroupIds = List.copyOf(securityGroupIds);
    securityGroupIds.forEach(g -> Ids.check("securityGroupIds", g, "sg-"));
    if (privateIpAddress != null) {
      Networking.checkIp("privateIpAddress", privateIpAddress);
    }
    secondaryPrivateIpAddresses = List.copyOf(secondaryPrivateIpAddresses);
    secondaryPrivateIpAddresses.forEach(
        ip -> Networking.checkIp("secondaryPrivateIpAddresses", ip));
    if (secondaryPrivateIpAddressCount != null) {
      if (!secondaryPrivateIpAddresses.isEmpty()) {
        throw new IllegalArgumentException(
            "give secondaryPrivateIpAddresses or secondaryPrivateIpAddressCount, not both");
      }
      if (secondaryPrivateIpAddressCount < 1 || secondaryPrivateIpAddressCount > 49) {
        throw new IllegalArgumentException(
            "secondaryPrivateIpAddressCount must be 1 to 49, got "
                + secondaryPrivateIpAddressCount);
      }
    }
    if (description != null && description.length() > 255) {
      throw new IllegalArgumentException(
          "description is " + description.length() + " characters: at most 255");
    }
    tags = Networking.checkTags(tags);
  }

  /**
   * An interface in a subnet, with the VPC's default group and an address the subnet picks.
   *
   * @param subnetId the subnet ({@code subnet-...})
   * @return the interface to make
   * @throws IllegalArgumentException when the id is malformed
   */
  public static NetworkInterfaceCreation in(String subnetId) {
    return new NetworkInterfaceCreation(subnetId, List.of(), null, List.of(), null, null, Map.of());
  }

  /**
   * A copy with these security groups.
   *
   * @param groupIds the groups' ids ({@code sg-...})
   * @return the copy
   * @throws IllegalArgumentException when an id is malformed
   */
  public NetworkInterfaceCreation groups(String... groupIds) {
    return new NetworkInterfaceCreation(
        subnetId,
        List.of(groupIds),
        privateIpAddress,
        secondaryPrivateIpAddresses,
        secondaryPrivateIpAddressCount,
        description,
        tags);
  }

  /**
   * A copy with this primary private address.
   *
   * @param ip an address of the subnet, such as {@code 10.0.1.10}
   * @return the copy
   * @throws IllegalArgumentException when the address is malformed
   */
  public NetworkInterfaceCreation privateIp(String ip) {
    return new NetworkInterfaceCreation(
        subnetId,
        securityGroupIds,
        Networking.checkIp("privateIpAddress", ip),
        secondaryPrivateIpAddresses,
        secondaryPrivateIpAddressCount,
        description,
        tags);
  }

  /**
   * A copy with these secondary private addresses.
   *
   * @param ips addresses of the subnet
   * @return the copy
   * @throws IllegalArgumentException when an address is malformed, or a count was given
   */
  public NetworkInterfaceCreation secondaryPrivateIps(String... ips) {
    return new NetworkInterfaceCreation(
        subnetId,
        securityGroupIds,
        privateIpAddress,
        List.of(ips),
        secondaryPrivateIpAddressCount,
        description,
        tags);
  }

  /**
   * A copy with this many secondary private addresses, picked by the subnet.
   *
   * @param count 1 to 49
   * @return the copy
   * @throws IllegalArgumentException when the count is out of range, or addresses were named
   */
  public NetworkInterfaceCreation secondaryPrivateIpCount(int count) {
    return new NetworkInterfaceCreation(
        subnetId,
        securityGroupIds,
        privateIpAddress,
        secondaryPrivateIpAddresses,
        count,
        description,
        tags);
  }

  /**
   * A copy with this description.
   *
   * @param text at most 255 characters
   * @return the copy
   * @throws IllegalArgumentException when the text is too long
   */
  public NetworkInterfaceCreation description(String text) {
    return new NetworkInterfaceCreation(
        subnetId,
        securityGroupIds,
        privateIpAddress,
        secondaryPrivateIpAddresses,
        secondaryPrivateIpAddressCount,
        text,
        tags);
  }

  /**
   * A copy with these tags.
   *
   * @param newTags the tags, such as {@code Map.of("Name", "web-2")}
   * @return the copy
   * @throws IllegalArgumentException when a tag is blank or too long
   * @throws NullPointerException when {@code newTags} is null
   */
  public NetworkInterfaceCreation tags(Map<String, String> newTags) {
    return new NetworkInterfaceCreation(
        subnetId,
        securityGroupIds,
        privateIpAddress,
        secondaryPrivateIpAddresses,
        secondaryPrivateIpAddressCount,
        description,
        newTags);
  }
}
