package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A public NAT gateway in a subnet, with its Elastic IP and its own network interface. It moves
 * pending to available, and deleting to deleted, when the region's transition time has passed (as
 * instances do); the Elastic IP is associated while it lives. A deleted one stays visible for the
 * time terminated instances do.
 */
final class NatGatewayRecord implements java.io.Serializable {
  enum State {
    PENDING,
    AVAILABLE,
    DELETING,
    DELETED,
    FAILED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final String id;
  final String subnetId;
  final String vpcId;
  final String allocationId;
  final String publicIp;
  final String networkInterfaceId;
  final String privateIp;
  final Instant createTime;
  final Map<String, String> tags = new LinkedHashMap<>();

  /** Why it failed (EC2's code and message, as DescribeNatGateways shows them), or null. */
  final String failureCode;

  final String failureMessage;
  private State state = State.PENDING;
  private Instant since;
  private Instant deleteTime;

  /**
   * One that EC2 accepts and then fails, as it does when the VPC has no internet gateway or the
   * Elastic IP is associated elsewhere: pending, then failed, holding nothing.
   */
  NatGatewayRecord(
      String id,
      SubnetRecord subnet,
      String allocationId,
      String failureCode,
      String failureMessage,
      Instant now) {
    this.id = id;
    this.subnetId = subnet.id;
    this.vpcId = subnet.vpcId;
    this.allocationId = allocationId;
    this.publicIp = null;
    this.networkInterfaceId = null;
    this.privateIp = null;
    this.createTime = now;
    this.since = now;
    this.failureCode = failureCode;
    this.failureMessage = failureMessage;
  }

  NatGatewayRecord(
      String id,
      SubnetRecord subnet,
      AddressesArea.AddressRecord address,
      NetworkInterfaceRecord eni,
      Instant now) {
    this.id = id;
    this.subnetId = subnet.id;
    this.vpcId = subnet.vpcId;
    this.allocationId = address.allocationId;
    this.publicIp = address.publicIp;
    this.networkInterfaceId = eni.id;
    this.privateIp = eni.privateIps.get(0);
    this.createTime = now;
    this.since = now;
    this.failureCode = null;
    this.failureMessage = null;
    address.associateInterface(eni.id, privateIp);
  }

  State state() {
    return state;
  }

  Instant deleteTime() {
    return deleteTime;
  }

  /** Whether it still holds its subnet, address and interface: not deleting or deleted. */
  boolean live() {
    return (state == State.PENDING || state == State.AVAILABLE) && failureCode == null;
  }

  /** Begins deleting (a failed one too): refused once deleting or deleted. */
  void delete(Instant now) {
    if (state == State.DELETING || state == State.DELETED) {
      throw Ec2Error.badRequest("NatGatewayNotFound", "NAT gateway " + id + " was not found");
    }
    state = State.DELETING;
    since = now;
    deleteTime = now;
  }

  /**
   * Moves through the transitions due by {@code now}; when deleted, gives back its address and
   * interface. Returns false when it has been deleted long enough to be forgotten.
   */
  boolean advance(Instant now, Timing timing, RegionState region) {
    Instant due = since.plus(timing.transition());
    if (state == State.PENDING && !now.isBefore(due)) {
      state = failureCode == null ? State.AVAILABLE : State.FAILED;
      since = due;
    } else if (state == State.DELETING && !now.isBefore(due)) {
      state = State.DELETED;
      since = due;
      if (networkInterfaceId == null) {
        return true; // a failed one held nothing
      }
      AddressesArea.AddressRecord a = region.addresses.get(allocationId);
      if (a != null) {
        a.detachInterface(networkInterfaceId);
      }
      NetworkInterfaceRecord eni = region.networkInterfaces.get(networkInterfaceId);
      if (eni != null) {
        eni.delete(region);
      }
    }
    return (state != State.DELETED && state != State.FAILED)
        || now.isBefore(since.plus(timing.terminatedRetention()));
  }
}
