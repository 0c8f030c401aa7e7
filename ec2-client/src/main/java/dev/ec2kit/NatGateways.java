package dev.ec2kit;

import dev.ec2kit.internal.areas.GatewayCalls;
import dev.ec2kit.internal.areas.Waiter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The NAT gateways: Create/Delete/DescribeNatGateways, and a waiter for {@code available} or {@code
 * deleted}, reached with {@link Ec2#natGateways()}.
 *
 * <pre>{@code
 * Address ip = ec2.addresses().allocate();
 * NatGateway nat = ec2.natGateways().create(publicSubnetId, ip.allocationId());
 * ec2.natGateways().waitFor(List.of(nat.natGatewayId()), NatGatewayState.AVAILABLE,
 *     WaitOptions.defaults().timeout(Duration.ofMinutes(10)));
 * ec2.routeTables().createRoute(privateTable, "0.0.0.0/0", RouteTarget.natGateway(nat.natGatewayId()));
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class NatGateways {
  private final Identity identity;
  private final GatewayCalls calls;
  private final Waiter waiter;

  NatGateways(Identity identity, GatewayCalls calls, Waiter waiter) {
    this.identity = identity;
    this.calls = calls;
    this.waiter = waiter;
  }

  /**
   * Makes a public NAT gateway in a subnet with an Elastic IP (EC2's CreateNatGateway); it is
   * pending, then available, or failed (its failure code says why, such as {@code
   * Gateway.NotAttached} when the VPC has no internet gateway). One client token goes with every
   * retry, so a retried call makes one gateway.
   *
   * @param subnetId a public subnet ({@code subnet-...})
   * @param allocationId an Elastic IP associated with nothing ({@code eipalloc-...})
   * @return the new gateway, pending
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it (such as {@code InvalidSubnetID.NotFound} or {@code
   *     InvalidAllocationID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public NatGateway create(String subnetId, String allocationId) {
    return create(subnetId, allocationId, Map.of());
  }

  /**
   * Makes a tagged NAT gateway, as {@link #create(String, String)}.
   *
   * @param subnetId a public subnet ({@code subnet-...})
   * @param allocationId an Elastic IP ({@code eipalloc-...})
   * @param tags its tags, such as {@code Map.of("Name", "nat-a")}
   * @return the new gateway, pending, with its tags
   * @throws IllegalArgumentException when an id is malformed or a tag is blank or too long, before
   *     anything is sent
   * @throws NullPointerException when {@code tags} is null
   * @throws Ec2Exception when EC2 refuses it
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public NatGateway create(String subnetId, String allocationId, Map<String, String> tags) {
    return calls.createNatGateway(
        identity,
        Ids.check("subnetId", subnetId, "subnet-"),
        Ids.check("allocationId", allocationId, "eipalloc-"),
        Networking.checkTags(tags));
  }

  /**
   * Begins deleting a NAT gateway (EC2's DeleteNatGateway): deleting, then deleted, when its
   * Elastic IP and interface are given back.
   *
   * @param natGatewayId the gateway ({@code nat-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses it ({@code NatGatewayNotFound}, also once it is deleting
   *     or deleted)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public void delete(String natGatewayId) {
    calls.deleteNatGateway(identity, Ids.check("natGatewayId", natGatewayId, "nat-"));
  }

  /**
   * The gateways named, or all (deleted ones for a while too), across every page.
   *
   * @param natGatewayIds the gateways' ids ({@code nat-...}); none for all
   * @return the gateways
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (such as {@code NatGatewayNotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<NatGateway> describe(String... natGatewayIds) {
    for (String id : natGatewayIds) {
      Ids.check("natGatewayIds", id, "nat-");
    }
    return calls.describeNatGateways(identity, List.of(natGatewayIds), Map.of());
  }

  /**
   * Gateways by EC2 filter, such as {@code Map.of("vpc-id", List.of(vpcId), "state",
   * List.of("available"))}, across every page.
   *
   * @param filters filter name to values; empty for all
   * @return the gateways
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call ({@code InvalidParameterValue} for an unknown
   *     filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached
   */
  public List<NatGateway> describe(Map<String, List<String>> filters) {
    return calls.describeNatGateways(identity, List.of(), Map.copyOf(filters));
  }

  /**
   * Waits until the gateways are {@code available} or {@code deleted}, as botocore's {@code
   * nat_gateway_available} and {@code nat_gateway_deleted} waiters do: one DescribeNatGateways per
   * poll (by the {@code nat-gateway-id} filter). For {@code available}, one EC2 does not list yet
   * counts as not there yet, and the wait fails at once when one is failed, deleting or deleted;
   * for {@code deleted}, one EC2 no longer lists is deleted, and its copy holds only its id.
   *
   * @param natGatewayIds the gateways' ids ({@code nat-...}), in this client's region
   * @param target {@link NatGatewayState#AVAILABLE} or {@link NatGatewayState#DELETED}
   * @param options how often to poll, and for how long
   * @return fresh copies of the gateways, in the order given
   * @throws IllegalArgumentException when an id is malformed or the target is another state, before
   *     anything is sent
   * @throws NullPointerException when {@code target} or {@code options} is null
   * @throws WaitException when the timeout passes, or a gateway can no longer reach the target
   * @throws Ec2Exception when EC2 refuses a poll
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<NatGateway> waitFor(
      Collection<String> natGatewayIds, NatGatewayState target, WaitOptions options) {
    List<String> ids = List.copyOf(natGatewayIds);
    ids.forEach(id -> Ids.check("natGatewayIds", id, "nat-"));
    Objects.requireNonNull(options, "options");
    if (Objects.requireNonNull(target, "target") != NatGatewayState.AVAILABLE
        && target != NatGatewayState.DELETED) {
      throw new IllegalArgumentException(
          "target " + target + " is not one to wait for: give AVAILABLE or DELETED");
    }
    Set<NatGatewayState> noLonger =
        target == NatGatewayState.AVAILABLE
            ? EnumSet.of(NatGatewayState.FAILED, NatGatewayState.DELETING, NatGatewayState.DELETED)
            : EnumSet.noneOf(NatGatewayState.class);
    Map<String, NatGateway> latest =
        waiter.waitFor(
            ids,
            batch -> poll(batch, target),
            n -> n.state().apiName(),
            List.of(
                Waiter.Acceptor.success(n -> n.state() == target),
                Waiter.Acceptor.failure(n -> noLonger.contains(n.state()))),
            target.apiName(),
            options,
            "NAT gateway");
    return ids.stream().map(latest::get).toList();
  }

  /**
   * The gateways EC2 lists now; for a wait for deleted, one it no longer lists is deleted (as
   * botocore's waiter takes {@code NatGatewayNotFound}) and stands in with its id only.
   */
  private Map<String, NatGateway> poll(List<String> batch, NatGatewayState target) {
    Map<String, NatGateway> seen =
        Waiter.byId(
                (List<String> ids) ->
                    calls.describeNatGateways(identity, List.of(), Map.of("nat-gateway-id", ids)),
                NatGateway::natGatewayId)
            .apply(batch);
    if (target == NatGatewayState.DELETED) {
      for (String id : batch) {
        seen.putIfAbsent(
            id,
            new NatGateway(
                id, null, null, target, null, List.of(), null, null, null, null, Map.of()));
      }
    }
    return seen;
  }

  @Override
  public String toString() {
    return "NatGateways[" + identity + "]";
  }
}
