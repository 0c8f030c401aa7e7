package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One emulated instance. Its state is kept with the time it entered it; {@link #advance} moves it
 * along (pending to running, stopping to stopped, shutting-down to terminated) when the transition
 * time has passed, so nothing runs in the background and a test clock controls all.
 */
final class InstanceRecord implements java.io.Serializable {
  /** A security group as an instance refers to it. */
  record GroupRef(String id, String name) implements java.io.Serializable {}

  final String id;
  final String imageId;
  String instanceType; // changed only while stopped, by ModifyInstanceAttribute
  final String zone;
  final String keyName;
  final int launchIndex;
  final String reservationId;
  final String ownerId;
  final String kernelId;
  final String ramdiskId;
  final String architecture;
  final String rootDeviceType;
  final String rootDeviceName;
  final String rootVolumeId;
  final String vpcId;
  final String subnetId;
  final String privateIp;
  final String privateDns;
  List<GroupRef> groups; // replaced whole by ModifyInstanceAttribute GroupId
  final Map<String, String> tags;
  String userData; // changed only while stopped, by ModifyInstanceAttribute
  final String clientToken;
  final String loginUser;
  final Instant launchTime;

  /** Its primary network interface (eni-...), a record of the region's. */
  String networkInterfaceId;

  /**
   * Whether it takes a public address of Amazon's at launch and each start: its subnet maps them,
   * or its launch asked for one.
   */
  boolean autoPublicIp = true;

  /** Launch settings it keeps and shows, several of them changeable by ModifyInstanceAttribute. */
  boolean disableApiTermination;

  boolean disableApiStop;
  boolean ebsOptimized;
  boolean sourceDestCheck = true;
  boolean monitoring;
  boolean hibernation;
  String shutdownBehavior = "stop";

  /** {@code standard} or {@code unlimited} for burstable types; null otherwise. */
  String cpuCredits;

  /** The instance profile given at launch ({@code arn:aws:iam::...} or a name), or null. */
  String iamInstanceProfile;

  /** MetadataOptions: HttpTokens, HttpEndpoint, HttpPutResponseHopLimit, InstanceMetadataTags... */
  final Map<String, String> metadataOptions = new LinkedHashMap<>();

  /** Device name to volume id, root included, for the instance's block device mapping. */
  final Map<String, String> devices = new LinkedHashMap<>(2);

  // Changed only through this record's own methods (stop, terminate, start, reboot, takeAddress,
  // loseAddress, advance), which keep the SSH listener and the address pool in step.
  InstanceState state = InstanceState.PENDING;
  Instant since;

  /** When the current boot began: launch, start or reboot. The console log grows from here. */
  Instant bootedAt;

  String publicIp;

  /** The OpenSSH public key of the key pair the instance was launched with, or null. */
  String authorizedKey;

  private java.security.KeyPair hostKey;

  /** The Elastic IP associated with the instance, whose address is {@link #publicIp}. */
  String elasticAllocationId;

  String stateTransitionReason = "";
  String stateReasonCode;
  String stateReasonMessage;

  InstanceRecord(
      String id,
      String imageId,
      String instanceType,
      String zone,
      String keyName,
      int launchIndex,
      String reservationId,
      String ownerId,
      String kernelId,
      String ramdiskId,
      String architecture,
      String rootDeviceType,
      String rootDeviceName,
      String rootVolumeId,
      String vpcId,
      String subnetId,
      String privateIp,
      String privateDns,
      List<GroupRef> groups,
      Map<String, String> tags,
      String userData,
      String clientToken,
      String loginUser,
      Instant launchTime) {
    this.id = id;
    this.imageId = imageId;
    this.instanceType = instanceType;
    this.zone = zone;
    this.keyName = keyName;
    this.launchIndex = launchIndex;
    this.reservationId = reservationId;
    this.ownerId = ownerId;
    this.kernelId = kernelId;
    this.ramdiskId = ramdiskId;
    this.architecture = architecture;
    this.rootDeviceType = rootDeviceType;
    this.rootDeviceName = rootDeviceName;
    this.rootVolumeId = rootVolumeId;
    this.vpcId = vpcId;
    this.subnetId = subnetId;
    this.privateIp = privateIp;
    this.privateDns = privateDns;
    this.groups = List.copyOf(groups);
    this.tags = new LinkedHashMap<>(tags);
    this.userData = userData;
    this.clientToken = clientToken;
    this.loginUser = loginUser;
    this.launchTime = launchTime;
    this.since = launchTime;
    this.bootedAt = launchTime;
  }

  /** The instance's own SSH host key (ECDSA P-256), made when first needed. */
  synchronized java.security.KeyPair hostKey() {
    if (hostKey == null) {
      try {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        hostKey = g.generateKeyPair();
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("this JDK cannot make EC keys", e);
      }
    }
    return hostKey;
  }

  /** Its host key is made before it is kept (--state), so SSH clients know it after a restart. */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    hostKey();
    out.defaultWriteObject();
  }

  /**
   * Moves through every transition whose time has come by {@code now}, never waiting: pending
   * becomes running once its sandbox has reported up (a boot that fails ends the instance as EC2
   * ends one that cannot start: Server.InternalError), stopping and shutting-down end once its
   * sandbox is gone (and, terminated, its disk).
   */
  void advance(Instant now, World world) {
    Timing timing = world.timing();
    IpPool ips = world.ips();
    while (true) {
      Instant due = since.plus(timing.transition());
      if (now.isBefore(due)) {
        return;
      }
      switch (state) {
        case PENDING -> {
          switch (world.bootPhase(id)) {
            case BOOTING -> {
              return; // the region's next advance looks again
            }
            case FAILED -> bootFailed(due, world, world.bootFailure(id));
            case UP -> enter(InstanceState.RUNNING, due);
          }
        }
        case STOPPING -> {
          if (!world.sandboxSettled(id)) {
            return;
          }
          enter(InstanceState.STOPPED, due);
          if (elasticAllocationId == null) { // an Elastic IP stays with a stopped instance
            ips.release(publicIp);
            publicIp = null;
          }
        }
        case SHUTTING_DOWN -> {
          if (!world.sandboxSettled(id)) {
            return;
          }
          enter(InstanceState.TERMINATED, due);
          if (elasticAllocationId == null) {
            ips.release(publicIp);
          }
          publicIp = null; // an Elastic IP is disassociated by the region's advance
        }
        default -> {
          return;
        }
      }
    }
  }

  /** Its first boot: launched, its sandbox (where instances are sandboxes) boots now. */
  void launched(World world) {
    world.boot(this);
  }

  private void enter(InstanceState next, Instant at) {
    state = next;
    since = at;
  }

  /** Whether SSH listens at its address: from launch (or start) until it stops or terminates. */
  boolean online() {
    return state == InstanceState.PENDING || state == InstanceState.RUNNING;
  }

  /** Stop: stopping now, SSH closed at once; the address goes when it has stopped. */
  void stop(Instant now, World world) {
    if (state != InstanceState.RUNNING) {
      throw new IllegalStateException(id + " cannot stop from " + state);
    }
    stopping(now, world);
    userInitiated(now);
  }

  /** Terminate: shutting down now, SSH closed at once, no longer counted against the limits. */
  void terminate(Instant now, World world) {
    if (state == InstanceState.SHUTTING_DOWN || state == InstanceState.TERMINATED) {
      return;
    }
    shuttingDown(now, world);
    userInitiated(now);
  }

  /**
   * The system inside powered off ({@code poweroff}, {@code shutdown -h now}): stopping, or
   * shutting down where its InstanceInitiatedShutdownBehavior is terminate; or it rebooted. Nothing
   * when it is no longer up.
   */
  void endedInside(Instant now, World world, boolean reboot) {
    if (state != InstanceState.RUNNING && state != InstanceState.PENDING) {
      return;
    }
    if (reboot) {
      reboot(now, world);
      return;
    }
    if ("terminate".equals(shutdownBehavior) || !"ebs".equals(rootDeviceType)) {
      shuttingDown(now, world);
    } else {
      stopping(now, world);
    }
    stateTransitionReason = "User initiated (" + REASON_TIME.format(now) + ")";
    stateReasonCode = "Client.InstanceInitiatedShutdown";
    stateReasonMessage = "Client.InstanceInitiatedShutdown: Instance initiated shutdown";
  }

  /** Its sandbox did not boot: a launch ends, a start stops again, as EC2's internal errors do. */
  private void bootFailed(Instant at, World world, String why) {
    if (launchTime.equals(bootedAt) || !"ebs".equals(rootDeviceType)) {
      shuttingDown(at, world);
    } else {
      stopping(at, world);
    }
    stateTransitionReason = "Server.InternalError: " + why;
    stateReasonCode = "Server.InternalError";
    stateReasonMessage = "Server.InternalError: Internal error on launch";
  }

  private void stopping(Instant now, World world) {
    world.halt(id, false); // first: refused, nothing has changed
    world.offline(publicIp);
    enter(InstanceState.STOPPING, now);
  }

  private void shuttingDown(Instant now, World world) {
    world.halt(id, true); // first: refused, nothing has changed
    if (online()) {
      world.offline(publicIp);
    }
    enter(InstanceState.SHUTTING_DOWN, now);
    world.instanceEnded();
  }

  /**
   * Start a stopped instance: a public address (its Elastic IP, or a new one) and SSH listening
   * first, so a start that cannot listen changes nothing and says so.
   */
  void start(Instant now, World world) {
    if (state != InstanceState.STOPPED) {
      throw new IllegalStateException(id + " cannot start from " + state);
    }
    String ip =
        elasticAllocationId != null ? publicIp : autoPublicIp ? world.ips().allocate() : null;
    try {
      world.online(ip);
    } catch (RuntimeException e) {
      if (elasticAllocationId == null) {
        world.ips().release(ip);
      }
      throw e;
    }
    publicIp = ip;
    enter(InstanceState.PENDING, now);
    bootedAt = now;
    world.boot(this);
    stateTransitionReason = "";
    stateReasonCode = null;
    stateReasonMessage = null;
  }

  /** Its security groups, all replaced at once (ModifyInstanceAttribute GroupId.N). */
  void replaceGroups(List<GroupRef> newGroups) {
    if (newGroups.isEmpty()) {
      throw new IllegalArgumentException("an instance keeps at least one group");
    }
    groups = List.copyOf(newGroups);
  }

  /** Reboot: the console starts again, open SSH sessions end, its sandbox boots again. */
  void reboot(Instant now, World world) {
    world.halt(id, false);
    bootedAt = now;
    world.dropSessions(publicIp);
    world.boot(this);
  }

  /**
   * CreateImage of it: its disk captured as the image's, which the returned future says the end of;
   * a running instance reboots for it first unless {@code noReboot}, as on EC2, so the copy is of a
   * disk at rest (with NoReboot, its processes are frozen while it is copied). Its sandbox boots
   * again after the copy whether the copy succeeded or not.
   */
  java.util.concurrent.CompletableFuture<Void> imaged(
      Instant now, World world, String imageId, boolean noReboot) {
    if (!noReboot && state == InstanceState.RUNNING) {
      world.halt(id, false);
      bootedAt = now;
      world.dropSessions(publicIp);
      java.util.concurrent.CompletableFuture<Void> copied = world.capture(this, imageId);
      world.boot(this);
      return copied;
    }
    return world.capture(this, imageId);
  }

  /**
   * Takes an Elastic IP as its public address; its own address goes back to the pool. {@code
   * handedOver}: the address comes straight from another online instance, so it is already listened
   * at, and stays so (see {@link World#moved}).
   */
  void takeAddress(String allocationId, String ip, World world, boolean handedOver) {
    if (online()) {
      if (handedOver) {
        world.moved(ip);
      } else {
        world.online(ip);
      }
      world.offline(publicIp);
    }
    if (elasticAllocationId == null) {
      world.ips().release(publicIp);
    }
    elasticAllocationId = allocationId;
    publicIp = ip;
  }

  /**
   * Loses its Elastic IP: left without a public address, as the manual notes. {@code handedOver}:
   * the address goes straight to another online instance, which keeps it listened at.
   */
  void loseAddress(String allocationId, World world, boolean handedOver) {
    if (!allocationId.equals(elasticAllocationId)) {
      return;
    }
    if (online() && !handedOver) {
      world.offline(publicIp);
    }
    elasticAllocationId = null;
    publicIp = null;
  }

  private void userInitiated(Instant now) {
    stateTransitionReason = "User initiated (" + REASON_TIME.format(now) + ")";
    stateReasonCode = "Client.UserInitiatedShutdown";
    stateReasonMessage = "Client.UserInitiatedShutdown: User initiated shutdown";
  }

  private static final java.time.format.DateTimeFormatter REASON_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'")
          .withZone(java.time.ZoneOffset.UTC);

  boolean expired(Instant now, Timing timing) {
    return state == InstanceState.TERMINATED
        && !now.isBefore(since.plus(timing.terminatedRetention()));
  }

  String publicDns(String region) {
    if (publicIp == null) {
      return "";
    }
    String dashed = publicIp.replace('.', '-');
    return region.equals("us-east-1")
        ? "ec2-" + dashed + ".compute-1.amazonaws.com"
        : "ec2-" + dashed + "." + region + ".compute.amazonaws.com";
  }
}
