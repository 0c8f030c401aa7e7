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
 * {@link Instances#status} for a fresh one.
 *
 * <pre>{@code
 * Instance i = ec2.instances().run("ami-0abc...", 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
 * i.state();             // running
 * i.state().code();      // 16
 * i.publicDnsName();     // ec2-54-...compute-1.amazonaws.com
 * }</pre>
 *
 * @param instanceId the instance's id, such as {@code i-0123456789abcdef0}
 * @param imageId the image it was launched from
 * @param state its state
 * @param previousState the state before the last change, when a state change reported it, else
 *     {@code null}
 * @param stateReason EC2's message on why the state last changed, or {@code null}
 * @param privateDnsName its private DNS name, or {@code null}
 * @param publicDnsName its public DNS name, or {@code null} while it has none
 * @param privateIpAddress its private IPv4 address, or {@code null}
 * @param publicIpAddress its public IPv4 address, or {@code null} while it has none
 * @param keyName the key pair it was launched with, or {@code null}
 * @param amiLaunchIndex its index in its launch, from 0
 * @param instanceType its type, such as {@code t3.micro}
 * @param launchTime when it was launched
 * @param availabilityZone its zone, such as {@code us-east-1c}
 * @param kernelId its kernel image, or {@code null}
 * @param ramdiskId its ramdisk image, or {@code null}
 * @param reservationId the reservation (launch) it belongs to
 * @param ownerId the owner's account id
 * @param architecture {@code x86_64}, {@code arm64}...
 * @param platform {@code windows} for Windows instances, else {@code null}
 * @param rootDeviceType {@code ebs} or {@code instance-store}
 * @param rootDeviceName the root device's name, such as {@code /dev/xvda}
 * @param blockDeviceMappings the volumes attached to it
 * @param vpcId its VPC, or {@code null}
 * @param subnetId its subnet, or {@code null}
 * @param securityGroups its security groups
 * @param tags its tags, key to value
 * @param clientToken the launch's idempotency token, or {@code null}
 * @param identity the identity (and so the region) it was described with
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

  /**
   * Checks the required parts and copies the lists.
   *
   * @param instanceId the id; required
   * @param imageId the image
   * @param state the state; required
   * @param previousState the previous state, or {@code null}
   * @param stateReason why the state last changed
   * @param privateDnsName the private DNS name
   * @param publicDnsName the public DNS name
   * @param privateIpAddress the private address
   * @param publicIpAddress the public address
   * @param keyName the key pair
   * @param amiLaunchIndex the launch index
   * @param instanceType the type
   * @param launchTime the launch time
   * @param availabilityZone the zone
   * @param kernelId the kernel image
   * @param ramdiskId the ramdisk image
   * @param reservationId the reservation
   * @param ownerId the owner
   * @param architecture the architecture
   * @param platform the platform
   * @param rootDeviceType the root device type
   * @param rootDeviceName the root device
   * @param blockDeviceMappings the attached volumes; copied
   * @param vpcId the VPC
   * @param subnetId the subnet
   * @param securityGroups the security groups; copied
   * @param tags the tags; copied
   * @param clientToken the launch's token
   * @param identity the identity it was described with; required
   * @throws NullPointerException when a required part, a list or the tags is null
   */
  public Instance {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(identity, "identity");
    blockDeviceMappings = List.copyOf(blockDeviceMappings);
    securityGroups = List.copyOf(securityGroups);
    tags = Map.copyOf(tags);
  }

  /**
   * The region the instance runs in.
   *
   * @return its identity's region
   */
  public Region region() {
    return identity.region();
  }

  /**
   * The manual's {@code dns-name}: the public DNS name, if it has one.
   *
   * @return the public DNS name, or empty while it has none
   */
  public Optional<String> dnsName() {
    return Optional.ofNullable(publicDnsName).filter(s -> !s.isEmpty());
  }

  /**
   * The state the instance was in before the last change, where EC2 reported it.
   *
   * @return the previous state, or empty when this copy does not know it
   */
  public Optional<InstanceState> previous() {
    return Optional.ofNullable(previousState);
  }

  /**
   * The same instance seen in another state (as a state change reports it); nothing is sent.
   *
   * @param current the state it is in now
   * @param previous the state it was in before, or {@code null}
   * @return a copy with these states
   * @throws NullPointerException when {@code current} is null
   */
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
