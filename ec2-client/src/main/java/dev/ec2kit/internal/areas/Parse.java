package dev.ec2kit.internal.areas;

import dev.ec2kit.BlockDeviceMapping;
import dev.ec2kit.GroupIdentifier;
import dev.ec2kit.Identity;
import dev.ec2kit.Image;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceBlockDevice;
import dev.ec2kit.InstanceState;
import dev.ec2kit.StateChange;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EC2 response shapes shared by several calls, read into records. */
final class Parse {
  private Parse() {}

  static Instance instance(XmlNode item, String reservationId, String ownerId, Identity identity) {
    List<InstanceBlockDevice> devices = new ArrayList<>();
    for (XmlNode d : item.items("blockDeviceMapping")) {
      XmlNode ebs = d.child("ebs").orElse(d);
      devices.add(
          new InstanceBlockDevice(
              d.text("deviceName"),
              ebs.text("volumeId"),
              ebs.text("status"),
              ebs.instant("attachTime"),
              ebs.bool("deleteOnTermination")));
    }
    List<GroupIdentifier> groups = new ArrayList<>();
    for (XmlNode g : item.items("groupSet")) {
      groups.add(new GroupIdentifier(g.text("groupId"), g.text("groupName")));
    }
    XmlNode placement = item.child("placement").orElse(item);
    String reason =
        item.path("stateReason", "message")
            .map(XmlNode::text)
            .orElse(emptyToNull(item.text("reason")));
    return new Instance(
        item.text("instanceId"),
        item.text("imageId"),
        state(item.child("instanceState").orElseThrow()),
        null,
        reason,
        emptyToNull(item.text("privateDnsName")),
        emptyToNull(item.text("dnsName")),
        item.text("privateIpAddress"),
        item.text("ipAddress"),
        item.text("keyName"),
        item.integer("amiLaunchIndex", 0),
        item.text("instanceType"),
        item.instant("launchTime"),
        placement.text("availabilityZone"),
        item.text("kernelId"),
        item.text("ramdiskId"),
        reservationId,
        ownerId,
        item.text("architecture"),
        item.text("platform"),
        item.text("rootDeviceType"),
        item.text("rootDeviceName"),
        devices,
        item.text("vpcId"),
        item.text("subnetId"),
        groups,
        tags(item),
        item.text("clientToken"),
        identity);
  }

  /** Every instance of every reservation in a DescribeInstances or RunInstances answer. */
  static List<Instance> reservations(List<XmlNode> reservations, Identity identity) {
    List<Instance> out = new ArrayList<>();
    for (XmlNode r : reservations) {
      out.addAll(reservation(r, identity));
    }
    return out;
  }

  static List<Instance> reservation(XmlNode r, Identity identity) {
    List<Instance> out = new ArrayList<>();
    for (XmlNode item : r.items("instancesSet")) {
      out.add(instance(item, r.text("reservationId"), r.text("ownerId"), identity));
    }
    return out;
  }

  static InstanceState state(XmlNode node) {
    String name = node.text("name");
    return name != null
        ? node.parsed("name", InstanceState::fromName, null)
        : node.parsed(
            "code", c -> InstanceState.fromCode(Integer.parseInt(c)), InstanceState.PENDING);
  }

  static List<StateChange> stateChanges(XmlNode doc) {
    List<StateChange> out = new ArrayList<>();
    for (XmlNode item : doc.items("instancesSet")) {
      out.add(
          new StateChange(
              item.text("instanceId"),
              state(item.child("currentState").orElseThrow()),
              state(item.child("previousState").orElseThrow())));
    }
    return out;
  }

  static Image image(XmlNode item) {
    List<BlockDeviceMapping> mappings = new ArrayList<>();
    for (XmlNode d : item.items("blockDeviceMapping")) {
      XmlNode ebs = d.child("ebs").orElse(null);
      if (ebs == null) {
        mappings.add(BlockDeviceMapping.ephemeral(d.text("deviceName"), d.text("virtualName")));
      } else {
        mappings.add(
            new BlockDeviceMapping(
                d.text("deviceName"),
                null,
                ebs.text("snapshotId"),
                ebs.integer("volumeSize", 0),
                ebs.text("volumeType"),
                ebs.bool("deleteOnTermination"),
                ebs.bool("encrypted")));
      }
    }
    return new Image(
        item.text("imageId"),
        item.text("name"),
        item.text("description"),
        item.text("imageLocation"),
        item.parsed("imageState", Image.State::fromName, Image.State.AVAILABLE),
        item.text("imageOwnerId"),
        item.text("imageOwnerAlias"),
        item.bool("isPublic"),
        item.text("architecture"),
        item.text("imageType"),
        item.text("platform"),
        item.text("kernelId"),
        item.text("ramdiskId"),
        item.text("rootDeviceType"),
        item.text("rootDeviceName"),
        item.text("virtualizationType"),
        item.instant("creationDate"),
        mappings,
        tags(item));
  }

  static Map<String, String> tags(XmlNode item) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (XmlNode t : item.items("tagSet")) {
      tags.put(t.text("key"), t.text("value", ""));
    }
    return tags;
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
