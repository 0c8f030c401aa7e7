package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AllocateAddress, DescribeAddresses, ReleaseAddress, AssociateAddress (with an instance or a
 * network interface), DisassociateAddress. Elastic addresses are loopback addresses too, so an
 * instance answers at its Elastic IP.
 */
public final class AddressesArea {
  /** An Elastic IP address of an account in a region. */
  static final class AddressRecord implements java.io.Serializable {
    final String publicIp;
    final String allocationId;
    final Map<String, String> tags = new LinkedHashMap<>();
    private String associationId;
    private String instanceId;
    private String privateIp;
    private String networkInterfaceId;

    AddressRecord(String publicIp, String allocationId) {
      this.publicIp = publicIp;
      this.allocationId = allocationId;
    }

    String associationId() {
      return associationId;
    }

    String instanceId() {
      return instanceId;
    }

    String privateIp() {
      return privateIp;
    }

    String networkInterfaceId() {
      return networkInterfaceId;
    }

    /** Becomes the public address of a NAT gateway's interface while the gateway lives. */
    void associateInterface(String interfaceId, String ip) {
      associationId = ResourceIds.next("eipassoc-");
      networkInterfaceId = interfaceId;
      privateIp = ip;
    }

    /** Ends an association with an interface (its NAT gateway was deleted). */
    void detachInterface(String interfaceId) {
      if (interfaceId.equals(networkInterfaceId) && instanceId == null) {
        associationId = null;
        networkInterfaceId = null;
        privateIp = null;
      }
    }

    /**
     * Becomes {@code r}'s public address, taken from where it was before and replacing any Elastic
     * IP {@code r} had; SSH moves with it.
     */
    void associate(RegionState state, InstanceRecord r, World world) {
      InstanceRecord from =
          instanceId == null || instanceId.equals(r.id) ? null : state.instances.get(instanceId);
      boolean handOver = from != null && from.online() && r.online();
      if (instanceId != null && !instanceId.equals(r.id)) {
        disassociate(state, world, handOver);
      }
      if (r.elasticAllocationId != null && !r.elasticAllocationId.equals(allocationId)) {
        state.addresses.get(r.elasticAllocationId).disassociate(state, world);
      }
      if (!allocationId.equals(r.elasticAllocationId)) {
        r.takeAddress(allocationId, publicIp, world, handOver);
      }
      associationId = ResourceIds.next("eipassoc-");
      instanceId = r.id;
      privateIp = r.privateIp;
      networkInterfaceId = r.networkInterfaceId;
    }

    /** Ends its association: the instance is left without a public address, as the manual notes. */
    void disassociate(RegionState state, World world) {
      disassociate(state, world, false);
    }

    private void disassociate(RegionState state, World world, boolean handOver) {
      InstanceRecord r = instanceId == null ? null : state.instances.get(instanceId);
      if (r != null) {
        r.loseAddress(allocationId, world, handOver);
      }
      associationId = null;
      instanceId = null;
      privateIp = null;
      networkInterfaceId = null;
    }
  }

  /** DescribeAddresses' filters (the owner and border group are the region state's). */
  private static Filters<AddressRecord> filters(RegionState state) {
    return new Filters<AddressRecord>(
            Map.of(
                "public-ip", a -> List.of(a.publicIp),
                "allocation-id", a -> List.of(a.allocationId),
                "association-id", a -> Filters.one(a.associationId()),
                "instance-id", a -> Filters.one(instanceOf(a, state)),
                "private-ip-address", a -> Filters.one(a.privateIp()),
                "domain", a -> List.of("vpc"),
                "network-interface-id", a -> Filters.one(a.networkInterfaceId()),
                "network-interface-owner-id",
                    a -> a.networkInterfaceId() == null ? List.of() : List.of(state.accountId),
                "network-border-group", a -> List.of(state.region)))
        .withTags(a -> a.tags);
  }

  private final World world;
  private final InstancesArea instances;

  public AddressesArea(World world, InstancesArea instances) {
    this.world = world;
    this.instances = instances;
  }

  public void register(ActionTable table) {
    table.write("AllocateAddress", this::allocate);
    table.read("DescribeAddresses", this::describe);
    table.write("ReleaseAddress", this::release);
    table.write("AssociateAddress", this::associate);
    table.write("DisassociateAddress", this::disassociate);
    table.read("DescribeAddressesAttribute", this::describeAttribute);
  }

  private String allocate(Call call) {
    String domain = call.get("Domain") == null ? "vpc" : call.get("Domain");
    if (!domain.equals("vpc") && !domain.equals("standard")) {
      throw Ec2Error.invalidParameterValue("Invalid value '" + domain + "' for domain.");
    }
    RegionState state = world.state(call);
    Map<String, String> tags = InstancesArea.tags(call, "elastic-ip");
    call.checkDryRun();
    AddressRecord a = new AddressRecord(world.ips().allocate(), ResourceIds.next("eipalloc-"));
    a.tags.putAll(tags);
    state.addresses.put(a.allocationId, a);
    return Xml.response(call.action(), call.requestId())
        .leaf("publicIp", a.publicIp)
        .leaf("domain", "vpc")
        .leaf("allocationId", a.allocationId)
        .leaf("publicIpv4Pool", "amazon")
        .leaf("networkBorderGroup", state.region)
        .finish();
  }

  /** The address named by PublicIp or AllocationId; EC2's NotFound otherwise. */
  private static AddressRecord find(RegionState state, String publicIp, String allocationId) {
    if (allocationId != null) {
      AddressRecord a = state.addresses.get(allocationId);
      if (a == null) {
        throw ResourceIds.notFound(
            "InvalidAllocationID.NotFound", "allocation", List.of(allocationId));
      }
      return a;
    }
    if (publicIp == null) {
      throw Ec2Error.missingParameter("AllocationId");
    }
    for (AddressRecord a : state.addresses.values()) {
      if (a.publicIp.equals(publicIp)) {
        return a;
      }
    }
    throw Ec2Error.badRequest("InvalidAddress.NotFound", "Address '" + publicIp + "' not found.");
  }

  /** The reverse DNS (PTR) records of addresses: none are set in the emulator. */
  private String describeAttribute(Call call) {
    RegionState state = world.state(call);
    call.oneOf("Attribute", "domain-name", java.util.Set.of("domain-name"));
    List<AddressRecord> result = new ArrayList<>();
    List<String> ids = call.list("AllocationId");
    if (ids.isEmpty()) {
      result.addAll(state.addresses.values());
    }
    ids.forEach(id -> result.add(find(state, null, id)));
    Xml x = Xml.response(call.action(), call.requestId()).start("addressSet");
    for (AddressRecord a : result) {
      x.start("item").leaf("publicIp", a.publicIp).leaf("allocationId", a.allocationId).end();
    }
    return x.end().finish();
  }

  private String describe(Call call) {
    RegionState state = world.state(call);
    List<AddressRecord> result = new ArrayList<>();
    List<String> ips = call.list("PublicIp");
    List<String> allocations = call.list("AllocationId");
    if (ips.isEmpty() && allocations.isEmpty()) {
      result.addAll(state.addresses.values());
    }
    ips.forEach(ip -> result.add(find(state, ip, null)));
    allocations.forEach(id -> result.add(find(state, null, id)));
    Xml x = Xml.response(call.action(), call.requestId()).start("addressesSet");
    for (AddressRecord a : filters(state).apply(call.filters(), result)) {
      x.start("item")
          .leaf("publicIp", a.publicIp)
          .leaf("allocationId", a.allocationId)
          .leaf("domain", "vpc")
          .leaf("instanceId", instanceOf(a, state))
          .leaf("associationId", a.associationId())
          .leaf("networkInterfaceId", a.networkInterfaceId())
          .leaf("networkInterfaceOwnerId", a.networkInterfaceId() == null ? null : state.accountId)
          .leaf("privateIpAddress", a.privateIp())
          .leaf("publicIpv4Pool", "amazon")
          .leaf("networkBorderGroup", state.region);
      ImagesArea.writeTags(x, a.tags);
      x.end();
    }
    return x.finish();
  }

  private String release(Call call) {
    RegionState state = world.state(call);
    AddressRecord a = find(state, call.get("PublicIp"), call.get("AllocationId"));
    String borderGroup = call.nonEmpty("NetworkBorderGroup");
    if (borderGroup != null && !borderGroup.equals(state.region)) {
      // EC2: "If you provide an incorrect network border group, you receive an
      // InvalidAddress.NotFound error"; an address here is in its region's one group
      throw Ec2Error.badRequest(
          "InvalidAddress.NotFound",
          "The address '" + a.publicIp + "' is not in network border group '" + borderGroup + "'.");
    }
    if (a.associationId() != null) {
      throw Ec2Error.badRequest("InvalidIPAddress.InUse", "Address " + a.publicIp + " is in use.");
    }
    call.checkDryRun();
    state.addresses.remove(a.allocationId);
    world.ips().release(a.publicIp);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /**
   * Associates an address with an instance (its one interface) or with a network interface, at its
   * primary private address or the one PrivateIpAddress names. As on EC2: when both are named, the
   * interface if attached to that instance, else the instance; the VPC must have an internet
   * gateway; an address associated elsewhere moves only with AllowReassociation, and never from a
   * NAT gateway; an address already on the target is replaced.
   */
  private String associate(Call call) {
    RegionState state = world.state(call);
    String instanceId = call.nonEmpty("InstanceId");
    String interfaceId = call.nonEmpty("NetworkInterfaceId");
    // Both given: the interface where it is attached to that instance, else the instance (EC2 takes
    // both: Terraform's aws_eip sends both after it replaced the instance, the new instance and the
    // interface of the one it terminated).
    if (instanceId == null && interfaceId == null) {
      throw Ec2Error.badRequest(
          "MissingParameter", "Either an instance ID or a network interface ID must be specified.");
    }
    AddressRecord a = find(state, call.get("PublicIp"), call.get("AllocationId"));
    NetworkInterfaceRecord named =
        interfaceId == null
                || instanceId != null && !state.networkInterfaces.containsKey(interfaceId)
            ? null
            : Networks.networkInterface(state, interfaceId);
    NetworkInterfaceRecord n =
        instanceId == null
                || named != null
                    && named.attachment() != null
                    && instanceId.equals(named.attachment().instanceId())
            ? named
            : primaryInterface(state, instanceId);
    Ipv4 asked = call.ipv4("PrivateIpAddress");
    String ip = asked == null ? n.primaryIp() : asked.toString();
    if (!n.privateIps.contains(ip)) {
      throw Ec2Error.invalidParameterValue(
          "The private IP address " + ip + " is not assigned to network interface " + n.id + ".");
    }
    if (state.internetGateways.values().stream().noneMatch(g -> n.vpcId.equals(g.vpcId()))) {
      throw Ec2Error.badRequest(
          "Gateway.NotAttached", "Network " + n.vpcId + " is not attached to any internet gateway");
    }
    n.checkUserManaged();
    InstanceRecord owner = n.primaryOf(state);
    boolean here =
        owner != null
            ? owner.id.equals(a.instanceId())
            : n.id.equals(a.networkInterfaceId()) && ip.equals(a.privateIp());
    NetworkInterfaceRecord holder =
        a.networkInterfaceId() == null ? null : state.networkInterfaces.get(a.networkInterfaceId());
    boolean natGateway = a.instanceId() == null && holder != null && holder.requesterManaged;
    boolean reassociation = call.flag("AllowReassociation"); // read whether it matters or not
    if (natGateway || (a.associationId() != null && !here && !reassociation)) {
      throw Ec2Error.badRequest(
          "Resource.AlreadyAssociated",
          "resource "
              + a.allocationId
              + " is already associated with associate-id "
              + a.associationId());
    }
    if (owner != null && !ip.equals(n.primaryIp())) {
      throw Ec2Error.badRequest(
          "Unsupported",
          "The parameter PrivateIpAddress is not supported by this emulator for a secondary"
              + " address of an instance's primary interface; give its primary address.");
    }
    call.checkDryRun();
    if (owner != null) {
      a.associate(state, owner, world);
    } else {
      for (AddressRecord other : List.copyOf(state.addresses.values())) {
        if (other != a && n.id.equals(other.networkInterfaceId()) && ip.equals(other.privateIp())) {
          other.disassociate(state, world); // one Elastic IP per private address: replaced
        }
      }
      a.disassociate(state, world);
      a.associateInterface(n.id, ip);
    }
    return Xml.response(call.action(), call.requestId())
        .leaf("return", true)
        .leaf("associationId", a.associationId())
        .finish();
  }

  /**
   * The interface of a live instance, which must have only one (EC2 asks for the interface
   * otherwise).
   */
  private static NetworkInterfaceRecord primaryInterface(RegionState state, String instanceId) {
    InstanceRecord r = state.instances.get(instanceId);
    if (r == null) {
      throw ResourceIds.notFound("InvalidInstanceID.NotFound", "instance", List.of(instanceId));
    }
    if (r.state == InstanceState.TERMINATED || r.state == InstanceState.SHUTTING_DOWN) {
      throw Ec2Error.badRequest(
          "IncorrectInstanceState",
          "The instance '" + instanceId + "' is not in a valid state for this operation.");
    }
    if (state.interfacesOf(instanceId).size() > 1) {
      throw Ec2Error.badRequest(
          "InvalidInstanceID",
          "There are multiple interfaces attached to instance '"
              + instanceId
              + "'. Please specify an interface ID for the operation instead.");
    }
    return Networks.networkInterface(state, r.networkInterfaceId);
  }

  /** The instance an address is on: its own, or the one its interface is attached to. */
  private static String instanceOf(AddressRecord a, RegionState state) {
    if (a.instanceId() != null || a.networkInterfaceId() == null) {
      return a.instanceId();
    }
    NetworkInterfaceRecord n = state.networkInterfaces.get(a.networkInterfaceId());
    return n == null || n.attachment() == null ? null : n.attachment().instanceId();
  }

  private String disassociate(Call call) {
    RegionState state = world.state(call);
    String associationId = call.get("AssociationId");
    AddressRecord a;
    if (associationId != null) {
      a =
          state.addresses.values().stream()
              .filter(x -> associationId.equals(x.associationId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      ResourceIds.notFound(
                          "InvalidAssociationID.NotFound", "association", List.of(associationId)));
    } else {
      a = find(state, call.required("PublicIp"), null);
      if (a.associationId() == null) {
        throw Ec2Error.badRequest(
            "InvalidAssociationID.NotFound", "The address " + a.publicIp + " is not associated.");
      }
    }
    call.checkDryRun();
    a.disassociate(state, world);
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }
}
