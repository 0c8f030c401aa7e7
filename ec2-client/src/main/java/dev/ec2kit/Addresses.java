package dev.ec2kit;

import dev.ec2kit.internal.areas.AddressCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * The Elastic IP addresses (the manual's section 8.0: {@code allocate-address}, {@code
 * describe-addresses}, {@code release-address}, {@code associate-address}, {@code
 * disassociate-address}), reached with {@link Ec2#addresses()}. Addresses are named by their IP or
 * by their allocation or association id.
 *
 * <pre>{@code
 * Address a = ec2.addresses().allocate();
 * ec2.addresses().associate(instance, a.allocationId());
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region (or the instance's).
 */
public final class Addresses {
  private final Identity identity;
  private final AddressCalls calls;

  Addresses(Identity identity, AddressCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The manual's {@code allocate-address}: a new Elastic IP (VPC), with its allocation id.
   *
   * @return the address, not associated
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     AddressLimitExceeded})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have allocated one (check with {@link #describe}); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Address allocate() {
    return calls.allocate(identity);
  }

  /**
   * The manual's {@code describe-addresses}: all, or those named by IP or allocation id.
   *
   * @param ipsOrAllocationIds public IPv4 addresses or allocation ids ({@code eipalloc-...}); none
   *     for all
   * @return the addresses, with the instances they are associated with
   * @throws IllegalArgumentException when one is neither an IPv4 address nor an {@code eipalloc-}
   *     or {@code eipassoc-} id, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAllocationID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Address> describe(String... ipsOrAllocationIds) {
    List<String> ips = new ArrayList<>();
    List<String> allocations = new ArrayList<>();
    for (String a : ipsOrAllocationIds) {
      (checkAddress(a).startsWith("eipalloc-") ? allocations : ips).add(a);
    }
    return calls.describe(identity, ips, allocations);
  }

  /**
   * The manual's {@code release-address}, by IP or allocation id; it must not be associated.
   *
   * @param ipOrAllocationId the public IPv4 address or the allocation id ({@code eipalloc-...})
   * @throws IllegalArgumentException when it is neither an IPv4 address nor an {@code eipalloc-} or
   *     {@code eipassoc-} id, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidIPAddress.InUse})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have released it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void release(String ipOrAllocationId) {
    calls.release(identity, checkAddress(ipOrAllocationId));
  }

  /**
   * The manual's {@code associate-address}: the address (IP or allocation id) becomes the
   * instance's public address. The region is the instance's. An address associated elsewhere is not
   * moved.
   *
   * @param instance the instance
   * @param ipOrAllocationId the public IPv4 address or the allocation id ({@code eipalloc-...})
   * @return the association id ({@code eipassoc-...})
   * @throws IllegalArgumentException when the address is neither an IPv4 address nor an {@code
   *     eipalloc-} or {@code eipassoc-} id, before anything is sent
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     Resource.AlreadyAssociated})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have associated it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String associate(Instance instance, String ipOrAllocationId) {
    return calls.associate(
        instance.identity(), instance.instanceId(), checkAddress(ipOrAllocationId), false);
  }

  /**
   * As {@link #associate(Instance, String)}, by instance id; {@code allowReassociation} moves it
   * from another.
   *
   * @param instanceId the instance's id ({@code i-...}), in this client's region
   * @param ipOrAllocationId the public IPv4 address or the allocation id ({@code eipalloc-...})
   * @param allowReassociation whether to move the address when it is associated elsewhere
   * @return the association id ({@code eipassoc-...})
   * @throws IllegalArgumentException when the instance id or the address is malformed, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     Resource.AlreadyAssociated})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have associated it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String associate(String instanceId, String ipOrAllocationId, boolean allowReassociation) {
    return calls.associate(
        identity,
        Ids.check("instanceId", instanceId, "i-"),
        checkAddress(ipOrAllocationId),
        allowReassociation);
  }

  /**
   * The manual's {@code disassociate-address}, by IP or association id: the instance loses its
   * public address.
   *
   * @param ipOrAssociationId the public IPv4 address or the association id ({@code eipassoc-...})
   * @throws IllegalArgumentException when it is neither an IPv4 address nor an {@code eipalloc-} or
   *     {@code eipassoc-} id, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAssociationID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have disassociated it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void disassociate(String ipOrAssociationId) {
    calls.disassociate(identity, checkAddress(ipOrAssociationId));
  }

  private static String checkAddress(String a) {
    if (a == null
        || !(a.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            || a.matches("eipalloc-[0-9a-f]{8,17}")
            || a.matches("eipassoc-[0-9a-f]{8,17}"))) {
      throw new IllegalArgumentException(
          "address '" + a + "' is not an IPv4 address, eipalloc-... or eipassoc-... id");
    }
    return a;
  }

  @Override
  public String toString() {
    return "Addresses[" + identity + "]";
  }
}
