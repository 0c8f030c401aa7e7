package dev.ec2kit;

import java.util.List;

/**
 * A network interface an instance launches with ({@link RunOptions.Builder#networkInterface}): a
 * new one at a device index, in a subnet, with security groups and a public address; or an existing
 * interface ({@code eni-...}) attached as it is.
 *
 * <pre>{@code
 * NetworkInterfaceSpec.device(0).subnet("subnet-0123456789abcdef0")
 *     .groups("sg-0123456789abcdef0").associatePublicIp(true)
 * NetworkInterfaceSpec.device(1).existing("eni-0123456789abcdef0")
 * }</pre>
 *
 * @param deviceIndex its place on the instance: 0 for the primary interface
 * @param networkInterfaceId an existing interface to attach ({@code eni-...}), or {@code null} to
 *     make a new one
 * @param subnetId the subnet a new interface is made in ({@code subnet-...}), or {@code null} for
 *     the default subnet of the zone
 * @param securityGroupIds a new interface's security groups by id; empty for the VPC's default
 * @param associatePublicIp whether a new primary interface gets a public IPv4 address, or {@code
 *     null} for the subnet's setting
 * @param privateIpAddress a new interface's private IPv4 address, or {@code null} for one the
 *     subnet picks
 * @param deleteOnTermination whether the interface goes with the instance, or {@code null} for
 *     EC2's default (true for a new one)
 * @param description a new interface's description, or {@code null}
 */
public record NetworkInterfaceSpec(
    int deviceIndex,
    String networkInterfaceId,
    String subnetId,
    List<String> securityGroupIds,
    Boolean associatePublicIp,
    String privateIpAddress,
    Boolean deleteOnTermination,
    String description) {

  /**
   * Checks the interface as EC2 does, before anything is sent.
   *
   * @param deviceIndex the device index
   * @param networkInterfaceId an existing interface, or {@code null}
   * @param subnetId the subnet, or {@code null}
   * @param securityGroupIds the groups
   * @param associatePublicIp whether to associate a public address, or {@code null}
   * @param privateIpAddress the private address, or {@code null}
   * @param deleteOnTermination whether it goes with the instance, or {@code null}
   * @param description the description, or {@code null}
   * @throws IllegalArgumentException when the device index is negative, an id or the address is
   *     malformed, an existing interface is given a subnet, groups or addresses (it has its own),
   *     or a public address is asked for on an interface other than the primary one
   * @throws NullPointerException when {@code securityGroupIds} is or holds null
   */
  public NetworkInterfaceSpec {
    if (deviceIndex < 0) {
      throw new IllegalArgumentException(
          "deviceIndex must be 0 (the primary interface) or more, got " + deviceIndex);
    }
    securityGroupIds = List.copyOf(securityGroupIds);
    securityGroupIds.forEach(g -> Ids.check("securityGroupIds", g, "sg-"));
    if (networkInterfaceId != null) {
      Ids.check("networkInterfaceId", networkInterfaceId, "eni-");
      if (subnetId != null
          || !securityGroupIds.isEmpty()
          || associatePublicIp != null
          || privateIpAddress != null) {
        throw new IllegalArgumentException(
            "an existing interface ("
                + networkInterfaceId
                + ") brings its own subnet, groups and addresses: set them on the interface, not"
                + " here");
      }
    }
    if (subnetId != null) {
      Ids.check("subnetId", subnetId, "subnet-");
    }
    if (privateIpAddress != null
        && !privateIpAddress.matches(
            "(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
      throw new IllegalArgumentException(
          "privateIpAddress '" + privateIpAddress + "' is not an IPv4 address such as 10.0.1.25");
    }
    if (Boolean.TRUE.equals(associatePublicIp) && deviceIndex != 0) {
      throw new IllegalArgumentException(
          "associatePublicIp applies to the primary interface (device index 0) only, not to device "
              + deviceIndex);
    }
  }

  /**
   * A new interface at this device index, in the zone's default subnet until {@link #subnet} says
   * otherwise.
   *
   * @param deviceIndex 0 for the primary interface, 1 and up for more
   * @return the spec
   * @throws IllegalArgumentException when the index is negative
   */
  public static NetworkInterfaceSpec device(int deviceIndex) {
    return new NetworkInterfaceSpec(deviceIndex, null, null, List.of(), null, null, null, null);
  }

  /**
   * This device index, for an existing interface instead of a new one.
   *
   * @param networkInterfaceId the interface ({@code eni-...}), unattached, in the instance's zone
   * @return a new spec
   * @throws IllegalArgumentException when the id is malformed or a subnet, groups or addresses are
   *     set
   */
  public NetworkInterfaceSpec existing(String networkInterfaceId) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        subnetId,
        securityGroupIds,
        associatePublicIp,
        privateIpAddress,
        deleteOnTermination,
        description);
  }

  /**
   * This interface, made in that subnet.
   *
   * @param value the subnet ({@code subnet-...})
   * @return a new spec
   * @throws IllegalArgumentException when the id is malformed, or the interface is an existing one
   */
  public NetworkInterfaceSpec subnet(String value) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        value,
        securityGroupIds,
        associatePublicIp,
        privateIpAddress,
        deleteOnTermination,
        description);
  }

  /**
   * This interface, with these security groups.
   *
   * @param ids the groups ({@code sg-...})
   * @return a new spec
   * @throws IllegalArgumentException when an id is malformed, or the interface is an existing one
   */
  public NetworkInterfaceSpec groups(String... ids) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        subnetId,
        List.of(ids),
        associatePublicIp,
        privateIpAddress,
        deleteOnTermination,
        description);
  }

  /**
   * This primary interface, with or without a public IPv4 address whatever the subnet says.
   *
   * @param value whether to associate one
   * @return a new spec
   * @throws IllegalArgumentException when asked on an interface other than device 0, or an existing
   *     one
   */
  public NetworkInterfaceSpec associatePublicIp(boolean value) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        subnetId,
        securityGroupIds,
        value,
        privateIpAddress,
        deleteOnTermination,
        description);
  }

  /**
   * This interface, with that private IPv4 address from its subnet.
   *
   * @param value such as {@code 10.0.1.25}
   * @return a new spec
   * @throws IllegalArgumentException when it is not an IPv4 address, or the interface is an
   *     existing one
   */
  public NetworkInterfaceSpec privateIp(String value) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        subnetId,
        securityGroupIds,
        associatePublicIp,
        value,
        deleteOnTermination,
        description);
  }

  /**
   * This interface, deleted with the instance or kept.
   *
   * @param value whether it goes when the instance terminates
   * @return a new spec
   */
  public NetworkInterfaceSpec deleteOnTermination(boolean value) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        subnetId,
        securityGroupIds,
        associatePublicIp,
        privateIpAddress,
        value,
        description);
  }

  /**
   * This new interface, with a description.
   *
   * @param value the description
   * @return a new spec
   */
  public NetworkInterfaceSpec description(String value) {
    return new NetworkInterfaceSpec(
        deviceIndex,
        networkInterfaceId,
        subnetId,
        securityGroupIds,
        associatePublicIp,
        privateIpAddress,
        deleteOnTermination,
        value);
  }
}
