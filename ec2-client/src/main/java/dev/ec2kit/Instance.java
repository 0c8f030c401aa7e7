package dev.ec2kit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance as EC2 last described it, with every slot of the manual's {@code ec2-instance} and
 * what today's EC2 returns. It remembers the {@link #identity()} (and so the region) it came from,
 * so later calls on it need no region. Absent text parts are {@code null}; it is a snapshot, so ask
 * {@link Ec2#queryStatus} for a fresh one.
 *
 * <pre>{@code
 * Instance i = ec2.runInstances("ami-0abc...", 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
 * i.state();             // running
 * i.state().code();      // 16
 * i.publicDnsName();     // ec2-54-...compute-1.amazonaws.com
 * }</pre>
 */
public record Instance(
    String instanceId,
    String imageId,
    InstanceState state,
    InstanceState previousState,
    String stateReason,
    String privateDnsName,
    String publicDnsName,
    String privateIpAddress,
    String publicIpAddress,
    String keyName,
    int amiLaunchIndex,
    String instanceType,
    Instant launchTime,
    String availabilityZone,
    String kernelId,
    String ramdiskId,
    String reservationId,
    String ownerId,
    String architecture,
    String platform,
    String rootDeviceType,
    String rootDeviceName,
    List<InstanceBlockDevice> blockDeviceMappings,
    String vpcId,
    String subnetId,
    List<GroupIdentifier> securityGroups,
    Map<String, String> tags,
    String clientToken,
    Identity identity) {

  public Instance {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(identity, "identity");
    blockDeviceMappings = List.copyOf(blockDeviceMappings);
    securityGroups = List.copyOf(securityGroups);
    tags = Map.copyOf(tags);
  }

  /** The region the instance runs in (its identity's). */
  public Region region() {
    return identity.region();
  }

  /** The manual's {@code dns-name}: the public DNS name, if it has one. */
  public Optional<String> dnsName() {
    return Optional.ofNullable(publicDnsName).filter(s -> !s.isEmpty());
  }

  /** The state the instance was in before the last change, where EC2 reported it. */
  public Optional<InstanceState> previous() {
    return Optional.ofNullable(previousState);
  }

  /** The same instance seen in another state (as a state change reports it). */
  public Instance withState(InstanceState current, InstanceState previous) {
    return new Instance(
        instanceId,
        imageId,
        current,
        previous,
        stateReason,
        privateDnsName,
        publicDnsName,
        privateIpAddress,
        publicIpAddress,
        keyName,
        amiLaunchIndex,
        instanceType,
        launchTime,
        availabilityZone,
        kernelId,
        ramdiskId,
        reservationId,
        ownerId,
        architecture,
        platform,
        rootDeviceType,
        rootDeviceName,
        blockDeviceMappings,
        vpcId,
        subnetId,
        securityGroups,
        tags,
        clientToken,
        identity);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Instance[").append(instanceId).append(' ').append(state);
    sb.append(' ')
        .append(imageId)
        .append(' ')
        .append(instanceType)
        .append(' ')
        .append(availabilityZone);
    if (publicIpAddress != null) {
      sb.append(' ').append(publicIpAddress);
    }
    if (tags.containsKey("Name")) {
      sb.append(" \"").append(tags.get("Name")).append('"');
    }
    return sb.append(']').toString();
  }
}
