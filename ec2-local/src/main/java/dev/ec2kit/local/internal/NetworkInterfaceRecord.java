package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network interface in a subnet: its private addresses (the first is its primary), its security
 * groups, and its attachment to an instance at a device index. An instance's primary interface is
 * one of these, made at launch and attached at index 0; while so attached, its groups and its
 * source/destination check are the instance's.
 */
final class NetworkInterfaceRecord implements java.io.Serializable {
  // the value computed for the class before it was given one (main at 3466260), so state
  // directories that version wrote stay readable: a change of methods alone must not refuse them
  private static final long serialVersionUID = 4359437074292764528L;

  /** Its attachment to an instance. */
  record Attachment(
      String id,
      String instanceId,
      int deviceIndex,
      Instant attachTime,
      boolean deleteOnTermination)
      implements java.io.Serializable {}

  final String id;
  final String subnetId;
  final String vpcId;
  final String zone;
  final String ownerId;
  final String interfaceType;
  final boolean requesterManaged;
  final List<String> privateIps = new ArrayList<>(1);
  final Map<String, String> tags = new LinkedHashMap<>();
  private String description;
  private List<InstanceRecord.GroupRef> groups;
  private boolean sourceDestCheck = true;
  private Attachment attachment;

  /**
   * Its last attachment once detached: EC2 still shows it, with status {@code detached}, until the
   * interface is attached again (Terraform waits for that status after a detach).
   */
  private Attachment detached;

  private NetworkInterfaceRecord(
      String id,
      SubnetRecord subnet,
      String ownerId,
      String interfaceType,
      String description,
      List<InstanceRecord.GroupRef> groups) {
    this.id = id;
    this.subnetId = subnet.id;
    this.vpcId = subnet.vpcId;
    this.zone = subnet.zone;
    this.ownerId = ownerId;
    this.interfaceType = interfaceType;
    this.requesterManaged = !interfaceType.equals("interface");
    this.description = description;
    this.groups = List.copyOf(groups);
  }

  /**
   * Makes an interface in {@code subnet} with {@code primary} as its address (checked and taken),
   * or the subnet's next free one, and registers it.
   */
  static NetworkInterfaceRecord create(
      RegionState state,
      SubnetRecord subnet,
      Ipv4 primary,
      List<InstanceRecord.GroupRef> groups,
      String description,
      String interfaceType) {
    NetworkInterfaceRecord n =
        new NetworkInterfaceRecord(
            ResourceIds.next("eni-"), subnet, state.accountId, interfaceType, description, groups);
    if (primary != null) {
      subnet.take(primary);
      n.privateIps.add(primary.toString());
    } else {
      n.privateIps.add(subnet.allocate().toString());
    }
    state.networkInterfaces.put(n.id, n);
    return n;
  }

  /** Refuses a user's change to an interface a service manages (a NAT gateway's, say). */
  void checkUserManaged() {
    if (requesterManaged) {
      throw Ec2Error.badRequest(
          "OperationNotPermitted",
          "You are not allowed to manage '" + interfaceType + "' attachments.");
    }
  }

  String description() {
    return description;
  }

  void describe(String text) {
    description = text;
  }

  Attachment attachment() {
    return attachment;
  }

  /** Its last attachment, now detached; null while attached or never attached. */
  Attachment detached() {
    return attachment == null ? detached : null;
  }

  String primaryIp() {
    return privateIps.get(0);
  }

  /** The instance it is the primary interface of, or null. */
  InstanceRecord primaryOf(RegionState state) {
    return attachment != null && attachment.deviceIndex() == 0
        ? state.instances.get(attachment.instanceId())
        : null;
  }

  List<InstanceRecord.GroupRef> groups(RegionState state) {
    InstanceRecord r = primaryOf(state);
    return r != null ? r.groups : groups;
  }

  void replaceGroups(List<InstanceRecord.GroupRef> newGroups, RegionState state) {
    InstanceRecord r = primaryOf(state);
    if (r != null) {
      r.replaceGroups(newGroups);
    }
    groups = List.copyOf(newGroups);
  }

  boolean sourceDestCheck(RegionState state) {
    InstanceRecord r = primaryOf(state);
    return r != null ? r.sourceDestCheck : sourceDestCheck;
  }

  void sourceDestCheck(boolean check, RegionState state) {
    InstanceRecord r = primaryOf(state);
    if (r != null) {
      r.sourceDestCheck = check;
    }
    sourceDestCheck = check;
  }

  /**
   * Attaches it to {@code r} at {@code deviceIndex}: it must be free, in the instance's zone, and
   * the index unused on the instance.
   */
  Attachment attach(
      InstanceRecord r,
      int deviceIndex,
      boolean deleteOnTermination,
      Instant now,
      RegionState state) {
    checkAttach(r, deviceIndex, state);
    detached = null;
    attachment =
        new Attachment(
            ResourceIds.next("eni-attach-"), r.id, deviceIndex, now, deleteOnTermination);
    state.attachment(this, r.id, true);
    return attachment;
  }

  void checkAttach(InstanceRecord r, int deviceIndex, RegionState state) {
    if (attachment != null) {
      throw Ec2Error.badRequest("InvalidNetworkInterface.InUse", "Interface: [" + id + "] in use.");
    }
    if (!zone.equals(r.zone)) {
      throw Ec2Error.invalidParameterValue(
          "The network interface "
              + id
              + " is in "
              + zone
              + " and the instance "
              + r.id
              + " in "
              + r.zone
              + ": they must be in the same availability zone.");
    }
    for (NetworkInterfaceRecord n : state.interfacesOf(r.id)) {
      if (n.attachment.deviceIndex() == deviceIndex) {
        throw Ec2Error.invalidParameterValue(
            "Instance '"
                + r.id
                + "' already has an interface attached at device index '"
                + deviceIndex
                + "'.");
      }
    }
  }

  /** Detaches it; the primary interface (index 0) stays with its instance. */
  void detach(RegionState state) {
    if (attachment.deviceIndex() == 0) {
      throw Ec2Error.badRequest(
          "OperationNotPermitted", "The network interface at device index 0 cannot be detached.");
    }
    letGo(state);
  }

  /** Detaches it from a terminated instance, or deletes it when it was to go with it. */
  void instanceTerminated(RegionState state) {
    if (attachment.deleteOnTermination()) {
      delete(state);
    } else {
      letGo(state);
    }
  }

  private void letGo(RegionState state) {
    state.attachment(this, attachment.instanceId(), false);
    detached = attachment;
    attachment = null;
  }

  void deleteOnTermination(boolean delete) {
    attachment =
        new Attachment(
            attachment.id(),
            attachment.instanceId(),
            attachment.deviceIndex(),
            attachment.attachTime(),
            delete);
  }

  /** Takes more private addresses: those named, or {@code count} of the subnet's next. */
  List<String> assign(List<Ipv4> ips, int count, RegionState state) {
    SubnetRecord s = state.subnets.get(subnetId);
    List<String> added = new ArrayList<>();
    for (Ipv4 ip : ips) {
      s.take(ip);
      added.add(ip.toString());
    }
    for (int i = 0; i < count; i++) {
      added.add(s.allocate().toString());
    }
    privateIps.addAll(added);
    return added;
  }

  /** Gives back secondary addresses; each must be one of its own, not the primary. */
  void unassign(List<String> ips, RegionState state) {
    checkUnassign(ips);
    SubnetRecord s = state.subnets.get(subnetId);
    for (String ip : ips) {
      privateIps.remove(ip);
      s.release(ip);
    }
    // An Elastic IP on a given-back address is disassociated, as on EC2.
    state.addresses.values().stream()
        .filter(a -> ips.contains(a.privateIp()))
        .forEach(a -> a.detachInterface(id));
  }

  void checkUnassign(List<String> ips) {
    for (String ip : ips) {
      if (!privateIps.contains(ip) || ip.equals(primaryIp())) {
        throw Ec2Error.invalidParameterValue(
            "Some of the specified addresses are not assigned to interface " + id);
      }
    }
  }

  /** Deletes it and gives its addresses back to the subnet, ending its Elastic IPs' association. */
  void delete(RegionState state) {
    SubnetRecord s = state.subnets.get(subnetId);
    if (s != null) {
      privateIps.forEach(s::release);
    }
    state.addresses.values().forEach(a -> a.detachInterface(id));
    if (attachment != null) {
      state.attachment(this, attachment.instanceId(), false);
    }
    state.networkInterfaces.remove(id);
  }

  /** EC2's private DNS name of an address in a region. */
  static String privateDns(String ip, String region) {
    return "ip-"
        + ip.replace('.', '-')
        + (region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal");
  }

  /** A stable, locally administered MAC address. */
  String mac() {
    int h = id.hashCode();
    return String.format(
        "0e:%02x:%02x:%02x:%02x:%02x",
        (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff, id.length() & 0xff);
  }
}
