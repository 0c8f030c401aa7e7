package dev.ec2kit.local.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EBS volume of an account in a region. Its attachment changes only through {@link #attach},
 * {@link #detach}, {@link #advance} and {@link #release}, which keep the instance's device map in
 * step, so the two cannot disagree. Its size, type, IOPS and throughput change only through a
 * modification ({@link #planModification}, {@link #startModification}) as the clock moves it on.
 */
final class VolumeRecord implements java.io.Serializable {
  /** Where a volume is in attaching to or detaching from an instance. */
  enum Attachment {
    ATTACHING,
    ATTACHED,
    DETACHING;

    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  final String id;
  final String snapshotId;
  final String zone;
  private int size;
  private String type;
  private Integer iops;
  private Integer throughput;
  private VolumeModification modification; // the latest, null when never modified
  private boolean autoEnableIO;
  final boolean encrypted;
  final Instant created;
  final Map<String, String> tags = new LinkedHashMap<>();
  final Instant availableAt;
  private InstanceRecord instance;
  private String device;
  private Attachment attachment; // null when not attached
  private Instant attachSince;
  private Instant attachTime;
  private boolean deleteOnTermination;

  VolumeRecord(
      String id,
      int size,
      String snapshotId,
      String zone,
      String type,
      Integer iops,
      boolean encrypted,
      Instant created,
      Instant availableAt) {
    this.id = id;
    this.size = size;
    this.snapshotId = snapshotId;
    this.zone = zone;
    this.type = type;
    this.iops = iops;
    this.throughput = type.equals("gp3") ? Integer.valueOf(125) : null;
    this.encrypted = encrypted;
    this.created = created;
    this.availableAt = availableAt;
  }

  int size() {
    return size;
  }

  String type() {
    return type;
  }

  Integer iops() {
    return iops;
  }

  Integer throughput() {
    return throughput;
  }

  VolumeModification modification() {
    return modification;
  }

  boolean autoEnableIO() {
    return autoEnableIO;
  }

  void autoEnableIO(boolean value) {
    this.autoEnableIO = value;
  }

  String instanceId() {
    return instance == null ? null : instance.id;
  }

  String device() {
    return device;
  }

  Attachment attachment() {
    return attachment;
  }

  Instant attachTime() {
    return attachTime;
  }

  boolean deleteOnTermination() {
    return deleteOnTermination;
  }

  /** Attaches to {@code r} at {@code device}: attaching, or attached at once for a root volume. */
  void attach(InstanceRecord r, String device, Instant now, boolean root) {
    if (attachment != null) {
      throw new IllegalStateException(id + " is already attached to " + instanceId());
    }
    this.instance = r;
    this.device = device;
    this.attachment = root ? Attachment.ATTACHED : Attachment.ATTACHING;
    this.attachSince = now;
    this.attachTime = now;
    this.deleteOnTermination = root;
    r.devices.put(device, id);
  }

  void deleteOnTermination(boolean value) {
    this.deleteOnTermination = value;
  }

  /** Starts detaching (again, it is the same). */
  void detach(Instant now) {
    if (attachment == null) {
      throw new IllegalStateException(id + " is not attached");
    }
    if (attachment != Attachment.DETACHING) {
      attachment = Attachment.DETACHING;
      attachSince = now;
    }
  }

  void advance(Instant now, Duration transition) {
    if (modification != null && modification.advance(now)) {
      VolumeModification.Settings t = modification.target;
      size = t.size();
      type = t.type();
      iops = t.iops();
      throughput = t.throughput();
    }
    if (attachment == null || now.isBefore(attachSince.plus(transition))) {
      return;
    }
    if (attachment == Attachment.ATTACHING) {
      attachment = Attachment.ATTACHED;
    } else if (attachment == Attachment.DETACHING) {
      release();
    }
  }

  /** How long after one modification started the next may start (EC2's rate limit). */
  static final Duration MODIFICATION_INTERVAL = Duration.ofHours(6);

  /**
   * The modification ModifyVolume asks for, checked as EC2 checks it (the volume's state, the one
   * in progress and the 6-hour rate, then each target against its type's bounds); absent values
   * keep the volume's own or take the new type's defaults. Nothing changes until {@link
   * #startModification}.
   */
  VolumeModification planModification(
      Integer newSize,
      String newType,
      Integer newIops,
      Integer newThroughput,
      Instant now,
      Duration phase) {
    if (now.isBefore(availableAt)) {
      throw Ec2Error.badRequest(
          "IncorrectState", "The volume '" + id + "' is not 'available' or 'in-use'.");
    }
    if (modification != null && modification.state() != VolumeModification.State.COMPLETED) {
      throw Ec2Error.badRequest(
          "IncorrectModificationState",
          "Volume "
              + id
              + " cannot be modified in modification state "
              + modification.state().name());
    }
    if (modification != null && now.isBefore(modification.started.plus(MODIFICATION_INTERVAL))) {
      throw Ec2Error.badRequest(
          "VolumeModificationRateExceeded",
          "You've reached the maximum modification rate per volume limit. Wait at least 6 hours"
              + " between modifications per EBS volume.");
    }
    String t = newType == null ? type : newType;
    int s = newSize == null ? size : newSize;
    if (s < size) {
      throw Ec2Error.invalidParameterValue("New size cannot be smaller than existing size");
    }
    checkSize(t, s);
    boolean provisioned = t.equals("gp3") || t.equals("io1") || t.equals("io2");
    if (newIops != null && !provisioned) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The parameter iops is not supported for " + t + " volumes.");
    }
    if (newThroughput != null && !t.equals("gp3")) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The parameter throughput is not supported for " + t + " volumes.");
    }
    Integer i =
        newIops != null
            ? newIops
            : !provisioned ? null : t.equals(type) ? iops : Integer.valueOf(3000);
    if (i != null) {
      int low = t.equals("gp3") ? 3000 : 100;
      int high = t.equals("gp3") ? 80_000 : t.equals("io1") ? 64_000 : 256_000;
      if (i < low || i > high) {
        throw Ec2Error.invalidParameterValue(
            "Volume iops of "
                + i
                + " is invalid for "
                + t
                + ": expect "
                + low
                + " to "
                + high
                + ".");
      }
      int perGib = t.equals("gp3") ? 500 : t.equals("io1") ? 50 : 1000;
      if (i > (long) perGib * s && !(t.equals("gp3") && i <= 3000)) { // gp3 has 3000 at any size
        throw Ec2Error.invalidParameterValue(
            String.format(
                java.util.Locale.ROOT,
                "Iops to volume size ratio of %f is too high; maximum is %f",
                (double) i / s,
                (double) perGib));
      }
    }
    Integer tp =
        newThroughput != null
            ? newThroughput
            : !t.equals("gp3") ? null : type.equals("gp3") ? throughput : Integer.valueOf(125);
    if (tp != null && tp * 4L > i) {
      throw Ec2Error.invalidParameterValue(
          String.format(
              java.util.Locale.ROOT,
              "Throughput (MiBps) to iops ratio of %f is too high; maximum is 0.250000 MiBps per"
                  + " iops.",
              (double) tp / i));
    }
    VolumeModification.Settings original =
        new VolumeModification.Settings(size, type, iops, throughput);
    VolumeModification.Settings target = new VolumeModification.Settings(s, t, i, tp);
    if (target.equals(original)) {
      throw Ec2Error.invalidParameterValue(
          "The modification request must change the volume's size, type, iops or throughput.");
    }
    return new VolumeModification(id, original, target, now, phase);
  }

  /** Starts a modification made by {@link #planModification} for this volume. */
  void startModification(VolumeModification m) {
    if (!m.volumeId.equals(id)) {
      throw new IllegalArgumentException(m.volumeId + " is not " + id);
    }
    this.modification = m;
  }

  /** No longer attached: the instance's device is free again. */
  void release() {
    if (instance != null) {
      instance.devices.remove(device, id);
    }
    attachment = null;
    instance = null;
    device = null;
  }

  dev.ec2kit.VolumeState state(Instant now) {
    if (attachment != null) {
      return dev.ec2kit.VolumeState.IN_USE;
    }
    return now.isBefore(availableAt)
        ? dev.ec2kit.VolumeState.CREATING
        : dev.ec2kit.VolumeState.AVAILABLE;
  }

  /**
   * The sizes each volume type may have, as EC2 documents them (botocore's model of CreateVolume's
   * Size): gp2, io1, st1 and sc1 to 16,384 GiB, gp3 and io2 to 65,536, standard to 1,024; st1 and
   * sc1 from 125, io1 and io2 from 4, the others from 1. CreateVolume and ModifyVolume both ask.
   */
  static void checkSize(String type, int size) {
    int min = type.equals("st1") || type.equals("sc1") ? 125 : type.startsWith("io") ? 4 : 1;
    int max =
        type.equals("standard") ? 1024 : type.equals("gp3") || type.equals("io2") ? 65536 : 16384;
    if (size < min || size > max) {
      throw Ec2Error.invalidParameterValue(
          "Volume of "
              + size
              + "GiB is invalid for "
              + type
              + ": expect "
              + min
              + " to "
              + max
              + " GiB.");
    }
  }
}
