package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.util.Locale;

/** An instance as RunInstances and DescribeInstances write it, its interfaces included. */
final class InstanceXml {
  private InstanceXml() {}

  /** The instance's {@code item} as {@link #writeInstance} writes it, to be written later. */
  static String item(InstanceRecord r, RegionState state) {
    Xml x = Xml.fragment();
    writeInstance(x, r, state);
    return x.finish();
  }

  static void writeInstance(Xml x, InstanceRecord r, RegionState state) {
    String region = state.region;
    x.start("item")
        .leaf("instanceId", r.id)
        .leaf("imageId", r.imageId)
        .start("instanceState")
        .leaf("code", r.state.code())
        .leaf("name", r.state.apiName())
        .end()
        .leaf("privateDnsName", r.privateDns)
        .leaf("dnsName", r.publicDns(region))
        .leaf("reason", r.stateTransitionReason)
        .leaf("keyName", r.keyName)
        .leaf("amiLaunchIndex", r.launchIndex)
        .empty("productCodes")
        .leaf("instanceType", r.instanceType)
        .leaf("launchTime", Xml.time(r.launchTime))
        .start("placement")
        .leaf("availabilityZone", r.zone)
        .leaf("availabilityZoneId", InstanceFilters.zoneId(state, r))
        .leaf("groupName", "")
        .leaf("tenancy", "default")
        .end()
        .leaf("kernelId", r.kernelId)
        .leaf("ramdiskId", r.ramdiskId)
        .start("monitoring")
        .leaf("state", r.monitoring ? "enabled" : "disabled")
        .end()
        .leaf("subnetId", r.subnetId)
        .leaf("vpcId", r.vpcId)
        .leaf("privateIpAddress", r.privateIp)
        .leaf("ipAddress", r.publicIp)
        .leaf("sourceDestCheck", r.sourceDestCheck);
    groupSet(x, r);
    if (r.stateReasonCode != null) {
      x.start("stateReason")
          .leaf("code", r.stateReasonCode)
          .leaf("message", r.stateReasonMessage)
          .end();
    }
    x.leaf("architecture", r.architecture)
        .leaf("rootDeviceType", r.rootDeviceType)
        .leaf("rootDeviceName", r.rootDeviceName);
    blockDeviceMapping(x, r, state);
    x.leaf("virtualizationType", r.kernelId != null ? "paravirtual" : "hvm")
        .leaf("clientToken", r.clientToken == null ? "" : r.clientToken);
    ImagesArea.writeTags(x, r.tags);
    InstanceTypes.Type type = InstanceTypes.get(r.instanceType);
    x.leaf("hypervisor", type == null ? "xen" : type.hypervisor())
        .leaf("ebsOptimized", r.ebsOptimized);
    if (r.iamInstanceProfile != null) {
      x.start("iamInstanceProfile")
          .leaf("arn", profileArn(r))
          .leaf(
              "id",
              ResourceIds.stable("AIPA", r.ownerId, r.iamInstanceProfile).toUpperCase(Locale.ROOT))
          .end();
    }
    x.start("networkInterfaceSet");
    if (r.state != InstanceState.TERMINATED) {
      for (NetworkInterfaceRecord n : state.interfacesOf(r.id)) {
        NetworkInterfacesArea.write(x, n, state, false);
      }
    }
    x.end();
    if (type != null) {
      int threads = type.threadsPerCore();
      x.start("cpuOptions")
          .leaf("coreCount", Math.max(1, type.vcpus() / threads))
          .leaf("threadsPerCore", threads)
          .end();
    }
    x.start("capacityReservationSpecification").leaf("capacityReservationPreference", "open").end();
    x.start("hibernationOptions").leaf("configured", r.hibernation).end();
    x.start("metadataOptions").leaf("state", "applied");
    r.metadataOptions.forEach(
        (k, v) -> x.leaf(Character.toLowerCase(k.charAt(0)) + k.substring(1), v));
    x.end();
    x.start("enclaveOptions").leaf("enabled", false).end();
    x.leaf(
            "bootMode",
            type != null && type.architectures().contains("arm64") ? "uefi" : "legacy-bios")
        .leaf("platformDetails", "Linux/UNIX")
        .leaf("usageOperation", "RunInstances")
        .leaf("usageOperationUpdateTime", Xml.time(r.launchTime))
        .start("privateDnsNameOptions")
        .leaf("hostnameType", "ip-name")
        .leaf("enableResourceNameDnsARecord", false)
        .leaf("enableResourceNameDnsAAAARecord", false)
        .end()
        .start("maintenanceOptions")
        .leaf("autoRecovery", "default")
        .end()
        .leaf(
            "currentInstanceBootMode",
            type != null && type.architectures().contains("arm64") ? "uefi" : "legacy-bios");
    x.end();
  }

  /** The instance profile's ARN, made from a name as EC2 shows it. */
  static String profileArn(InstanceRecord r) {
    return r.iamInstanceProfile.startsWith("arn:")
        ? r.iamInstanceProfile
        : "arn:aws:iam::" + r.ownerId + ":instance-profile/" + r.iamInstanceProfile;
  }

  /**
   * The instance's security groups, as DescribeInstances and DescribeInstanceAttribute write them.
   */
  static void groupSet(Xml x, InstanceRecord r) {
    x.start("groupSet");
    for (InstanceRecord.GroupRef g : r.groups) {
      x.start("item").leaf("groupId", g.id()).leaf("groupName", g.name()).end();
    }
    x.end();
  }

  /**
   * The instance's attached volumes by device name; none once it is terminated (its volumes are
   * detached or deleted by then, and the volume keeps this map in step with itself).
   */
  static void blockDeviceMapping(Xml x, InstanceRecord r, RegionState state) {
    x.start("blockDeviceMapping");
    if (r.state != InstanceState.TERMINATED) {
      r.devices.forEach(
          (device, volumeId) -> {
            VolumeRecord v = state.volumes.get(volumeId);
            x.start("item")
                .leaf("deviceName", device)
                .start("ebs")
                .leaf("volumeId", volumeId)
                .leaf("status", v.attachment().apiName())
                .leaf("attachTime", Xml.time(v.attachTime()))
                .leaf("deleteOnTermination", v.deleteOnTermination())
                .end()
                .end();
          });
    }
    x.end();
  }
}
