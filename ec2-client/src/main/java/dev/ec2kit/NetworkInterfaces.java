package dev.ec2kit;

import dev.ec2kit.internal.areas.InterfaceCalls;
import dev.ec2kit.internal.areas.NetworkCalls;
import dev.ec2kit.internal.query.Params;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The network interfaces: Create/Delete/Describe, Attach/Detach, Assign/UnassignPrivateIpAddresses
 * and ModifyNetworkInterfaceAttribute, reached with {@link Ec2#networkInterfaces()}; an instance
 * launches with new or existing ones through {@link RunOptions.Builder#networkInterface}.
 *
 * <pre>{@code
 * List<NetworkInterface> web = ec2.networkInterfaces()
 *     .describe(Map.of("attachment.instance-id", List.of(instanceId)));
 * NetworkInterface eni = ec2.networkInterfaces()
 *     .create(NetworkInterfaceCreation.in(subnetId).groups(group).privateIp("10.0.1.10"));
 * String attachment = ec2.networkInterfaces().attach(eni.networkInterfaceId(), instanceId, 1);
 * ec2.networkInterfaces().detach(attachment, false);
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class NetworkInterfaces {
  private final Identity identity;
  private final NetworkCalls calls;
  private final InterfaceCalls changes;

  NetworkInterfaces(Identity identity, NetworkCalls calls, InterfaceCalls changes) {
    this.identity = identity;
    this.calls = calls;
    this.changes = changes;
  }

  /**
   * Makes a network interface in a subnet (EC2's CreateNetworkInterface).
   *
   * @param creation its subnet, groups, addresses, description and tags, checked when it was made
   * @return the new interface, available
   * @throws NullPointerException when {@code creation} is null
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidSubnetID.NotFound}, {@code
   *     InvalidIPAddress.InUse}, {@code InvalidParameterValue} for an address outside the subnet,
   *     {@code InsufficientFreeAddressesInSubnet})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: an interface
   *     may have been made ({@link #describe(Map)} tells); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public NetworkInterface create(NetworkInterfaceCreation creation) {
    return changes.create(identity, Objects.requireNonNull(creation, "creation"));
  }

  /**
   * Deletes a detached interface (EC2's DeleteNetworkInterface).
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidNetworkInterface.InUse} while attached,
   *     {@code InvalidNetworkInterfaceID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void delete(String networkInterfaceId) {
    changes.delete(identity, eni(networkInterfaceId));
  }

  /**
   * Attaches an interface to an instance in its zone at a device index (EC2's
   * AttachNetworkInterface).
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param instanceId the instance ({@code i-...})
   * @param deviceIndex its place on the instance, 1 or more (0 is the primary interface)
   * @return the attachment's id ({@code eni-attach-...}), which {@link #detach} takes
   * @throws IllegalArgumentException when an id is malformed or the index is below 1, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidNetworkInterface.InUse}, {@code
   *     InvalidParameterValue} for a taken index, {@code IncorrectState})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public String attach(String networkInterfaceId, String instanceId, int deviceIndex) {
    if (deviceIndex < 1) {
      throw new IllegalArgumentException(
          "deviceIndex must be 1 or more (0 is the primary interface, made with the instance), got "
              + deviceIndex);
    }
    return changes.attach(
        identity, eni(networkInterfaceId), Ids.check("instanceId", instanceId, "i-"), deviceIndex);
  }

  /**
   * Detaches an interface from its instance (EC2's DetachNetworkInterface); an instance's primary
   * interface cannot be.
   *
   * @param attachmentId the attachment ({@code eni-attach-...}), as {@link #attach} returned it or
   *     {@link NetworkInterface#attachment()} shows it
   * @param force whether to detach even if the instance does not let go
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidAttachmentID.NotFound}, {@code
   *     OperationNotPermitted} for a primary interface)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void detach(String attachmentId, boolean force) {
    changes.detach(identity, Ids.check("attachmentId", attachmentId, "eni-attach-"), force);
  }

  /**
   * Adds secondary private addresses, by name (EC2's AssignPrivateIpAddresses).
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param privateIpAddresses free addresses of its subnet, at least one
   * @return the addresses added
   * @throws IllegalArgumentException when the id or an address is malformed, or none is given,
   *     before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidIPAddress.InUse}, {@code
   *     InvalidParameterValue} for an address outside the subnet, {@code
   *     PrivateIpAddressLimitExceeded})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<String> assignPrivateIps(String networkInterfaceId, String... privateIpAddresses) {
    return changes.assign(identity, eni(networkInterfaceId), ips(privateIpAddresses), null);
  }

  /**
   * Adds this many secondary private addresses, picked by the subnet (EC2's
   * AssignPrivateIpAddresses with SecondaryPrivateIpAddressCount).
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param count 1 to 49
   * @return the addresses added
   * @throws IllegalArgumentException when the id is malformed or the count out of range, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code PrivateIpAddressLimitExceeded})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<String> assignPrivateIps(String networkInterfaceId, int count) {
    if (count < 1 || count > 49) {
      throw new IllegalArgumentException("count must be 1 to 49, got " + count);
    }
    return changes.assign(identity, eni(networkInterfaceId), List.of(), count);
  }

  /**
   * Removes secondary private addresses (EC2's UnassignPrivateIpAddresses); the primary stays.
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param privateIpAddresses its secondary addresses, at least one
   * @throws IllegalArgumentException when the id or an address is malformed, or none is given,
   *     before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidParameterValue} for the primary address
   *     or one the interface does not have)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void unassignPrivateIps(String networkInterfaceId, String... privateIpAddresses) {
    changes.unassign(identity, eni(networkInterfaceId), ips(privateIpAddresses));
  }

  /**
   * Replaces an interface's security groups (EC2's ModifyNetworkInterfaceAttribute with Groups).
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param groupIds its groups from now on, at least one, of its VPC ({@code sg-...})
   * @throws IllegalArgumentException when an id is malformed or none is given, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses it ({@code InvalidGroup.NotFound}, or {@code
   *     InvalidParameterValue} for a group of another VPC)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void modifyGroups(String networkInterfaceId, String... groupIds) {
    if (groupIds.length == 0) {
      throw new IllegalArgumentException("groupIds must name at least one group (sg-...)");
    }
    for (String g : groupIds) {
      Ids.check("groupIds", g, "sg-");
    }
    changes.modify(
        identity, eni(networkInterfaceId), new Params().list("SecurityGroupId", List.of(groupIds)));
  }

  /**
   * Turns the source/destination check on or off (EC2's ModifyNetworkInterfaceAttribute with
   * SourceDestCheck): off for an interface that routes others' traffic, such as a NAT instance.
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param check whether traffic not to or from its own addresses is dropped
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidNetworkInterfaceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void modifySourceDestCheck(String networkInterfaceId, boolean check) {
    changes.modify(
        identity, eni(networkInterfaceId), new Params().put("SourceDestCheck.Value", check));
  }

  /**
   * Sets an interface's description (EC2's ModifyNetworkInterfaceAttribute with Description).
   *
   * @param networkInterfaceId the interface ({@code eni-...})
   * @param description at most 255 characters; empty to clear it
   * @throws IllegalArgumentException when the id is malformed or the text too long, before anything
   *     is sent
   * @throws NullPointerException when {@code description} is null
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidNetworkInterfaceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void modifyDescription(String networkInterfaceId, String description) {
    if (Objects.requireNonNull(description, "description").length() > 255) {
      throw new IllegalArgumentException(
          "description is " + description.length() + " characters: at most 255");
    }
    changes.modify(
        identity, eni(networkInterfaceId), new Params().put("Description.Value", description));
  }

  private static String eni(String id) {
    return Ids.check("networkInterfaceId", id, "eni-");
  }

  private static List<String> ips(String... ips) {
    if (ips.length == 0) {
      throw new IllegalArgumentException(
          "privateIpAddresses must name at least one address, such as 10.0.1.11");
    }
    for (String ip : ips) {
      Networking.checkIp("privateIpAddresses", ip);
    }
    return List.of(ips);
  }

  /**
   * The interfaces named, or all, across every page.
   *
   * @param networkInterfaceIds the interfaces' ids ({@code eni-...}); none for all
   * @return the interfaces, with their attachments
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidNetworkInterfaceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<NetworkInterface> describe(String... networkInterfaceIds) {
    for (String id : networkInterfaceIds) {
      Ids.check("networkInterfaceIds", id, "eni-");
    }
    return calls.describeInterfaces(identity, List.of(networkInterfaceIds), Map.of());
  }

  /**
   * Interfaces by EC2 filter, such as {@code Map.of("attachment.instance-id", List.of(id))} or
   * {@code Map.of("subnet-id", List.of(subnetId))}, across every page.
   *
   * @param filters filter name to values; empty for all
   * @return the interfaces, with their attachments
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<NetworkInterface> describe(Map<String, List<String>> filters) {
    return calls.describeInterfaces(identity, List.of(), Map.copyOf(filters));
  }

  @Override
  public String toString() {
    return "NetworkInterfaces[" + identity + "]";
  }
}
