package dev.ec2kit.local.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** An internet gateway, attached to at most one VPC, as a VPC has at most one. */
final class InternetGatewayRecord implements java.io.Serializable {
  final String id;
  final String ownerId;
  final Map<String, String> tags = new LinkedHashMap<>();
  private String vpcId;

  InternetGatewayRecord(String id, String ownerId) {
    this.id = id;
    this.ownerId = ownerId;
  }

  /** The VPC it is attached to, or null. */
  String vpcId() {
    return vpcId;
  }

  /** Attaches it to {@code vpc}: neither may have an attachment already. */
  void attach(VpcRecord vpc, RegionState state) {
    checkAttach(vpc, state);
    vpcId = vpc.id;
  }

  void checkAttach(VpcRecord vpc, RegionState state) {
    if (vpcId != null) {
      throw Ec2Error.badRequest(
          "Resource.AlreadyAssociated",
          "resource " + id + " is already attached to network " + vpcId);
    }
    for (InternetGatewayRecord g : state.internetGateways.values()) {
      if (vpc.id.equals(g.vpcId)) {
        throw Ec2Error.badRequest(
            "Resource.AlreadyAssociated",
            "resource " + vpc.id + " is already attached to internet gateway " + g.id);
      }
    }
  }

  /**
   * Detaches it from {@code vpc}; Gateway.NotAttached when it is not attached there, and
   * DependencyViolation while a public address is mapped in the VPC (an instance's or a NAT
   * gateway's), as EC2 does.
   */
  void detach(String vpc, RegionState state) {
    checkDetach(vpc, state);
    vpcId = null;
  }

  void checkDetach(String vpc, RegionState state) {
    if (!vpc.equals(vpcId)) {
      throw Ec2Error.badRequest(
          "Gateway.NotAttached", "resource " + id + " is not attached to network " + vpc);
    }
    for (InstanceRecord r : state.instances.values()) {
      if (r.publicIp != null && vpc.equals(r.vpcId)) {
        throw mapped();
      }
    }
    for (NatGatewayRecord n : state.natGateways.values()) {
      if (n.live() && vpc.equals(n.vpcId)) {
        throw mapped();
      }
    }
  }

  private Ec2Error mapped() {
    return Ec2Error.badRequest(
        "DependencyViolation",
        "Network "
            + vpcId
            + " has some mapped public address(es). Please unmap those public"
            + " address(es) before detaching the gateway.");
  }
}
