package dev.ec2kit.local.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EBS volume of an account in a region. Its attachment changes only through {@link #attach},
 * {@link #detach}, {@link #advance} and {@link #release}, which keep the instance's device map in
 * step, so the two cannot disagree.
 */
final class VolumeRecord {
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
  final int size;
  final String snapshotId;
  final String zone;
  final String type;
  final Integer iops;
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
    this.encrypted = encrypted;
    this.created = created;
    this.availableAt = availableAt;
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
    if (attachment == null || now.isBefore(attachSince.plus(transition))) {
      return;
    }
    if (attachment == Attachment.ATTACHING) {
      attachment = Attachment.ATTACHED;
    } else if (attachment == Attachment.DETACHING) {
      release();
    }
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
}
