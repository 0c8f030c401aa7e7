package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * RunInstances, DescribeInstances, TerminateInstances, StopInstances, StartInstances,
 * RebootInstances, GetConsoleOutput.
 */
public final class InstancesArea {
  static final String DEFAULT_INSTANCE_TYPE = "m1.small"; // EC2's own default when none is given

  private final World world;
  private final int instanceLimit;

  private final Filters<InstanceRecord> filters;

  public InstancesArea(World world, int instanceLimit) {
    this.world = world;
    this.instanceLimit = instanceLimit;
    this.filters =
        new Filters<InstanceRecord>(
                Map.ofEntries(
                    Map.entry("instance-state-name", r -> List.of(r.state.apiName())),
                    Map.entry(
                        "instance-state-code", r -> List.of(Integer.toString(r.state.code()))),
                    Map.entry("instance-id", r -> List.of(r.id)),
                    Map.entry("image-id", r -> List.of(r.imageId)),
                    Map.entry("instance-type", r -> List.of(r.instanceType)),
                    Map.entry("availability-zone", r -> List.of(r.zone)),
                    Map.entry("key-name", r -> r.keyName == null ? List.of() : List.of(r.keyName)),
                    Map.entry("reservation-id", r -> List.of(r.reservationId)),
                    Map.entry("owner-id", r -> List.of(r.ownerId)),
                    Map.entry("private-ip-address", r -> List.of(r.privateIp)),
                    Map.entry(
                        "ip-address", r -> r.publicIp == null ? List.of() : List.of(r.publicIp)),
                    Map.entry("private-dns-name", r -> List.of(r.privateDns)),
                    Map.entry(
                        "dns-name",
                        r -> r.publicIp == null ? List.of() : List.of(r.publicDns(regionOf(r)))),
                    Map.entry("vpc-id", r -> List.of(r.vpcId)),
                    Map.entry("subnet-id", r -> List.of(r.subnetId)),
                    Map.entry("architecture", r -> List.of(r.architecture)),
                    Map.entry("root-device-type", r -> List.of(r.rootDeviceType)),
                    Map.entry(
                        "client-token",
                        r -> r.clientToken == null ? List.of() : List.of(r.clientToken)),
                    Map.entry("launch-index", r -> List.of(Integer.toString(r.launchIndex))),
                    Map.entry(
                        "instance.group-id",
                        r -> r.groups.stream().map(InstanceRecord.GroupRef::id).toList()),
                    Map.entry(
                        "instance.group-name",
                        r -> r.groups.stream().map(InstanceRecord.GroupRef::name).toList())))
            .withTags(r -> r.tags);
  }

  private static String regionOf(InstanceRecord r) {
    return r.zone.substring(0, r.zone.length() - 1);
  }

  public void register(ActionTable table) {
    table.write(
        "RunInstances", c -> runInstances(LaunchTemplatesArea.forLaunch(c, world.state(c))));
    table.read("DescribeInstances", this::describeInstances);
    table.write("TerminateInstances", this::terminateInstances);
    table.write("StopInstances", this::stopInstances);
    table.write("StartInstances", this::startInstances);
    table.write("RebootInstances", this::rebootInstances);
    table.read("GetConsoleOutput", this::getConsoleOutput);
  }

  // ---- RunInstances ----

  private String runInstances(Call call) {
    RegionState state = world.state(call);
    String imageId = call.required("ImageId");
    int min = call.requiredInteger("MinCount", 1, Integer.MAX_VALUE);
    int max = call.requiredInteger("MaxCount", 1, Integer.MAX_VALUE);
    if (max < min) {
      throw Ec2Error.invalidParameterValue(
          "Value ("
              + max
              + ") for parameter maxCount is invalid. Expecting a value greater than or equal to minCount ("
              + min
              + ").");
    }
    String type =
        call.nonEmpty("InstanceType") != null ? call.get("InstanceType") : DEFAULT_INSTANCE_TYPE;
    InstanceTypes.Type typeInfo = InstanceTypes.get(type);
    if (typeInfo == null) {
      throw Ec2Error.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
    }
    LaunchSettings settings = LaunchSettings.read(call, typeInfo);
    String userData = call.get("UserData");
    byte[] decoded = call.base64("UserData");
    if (decoded != null && decoded.length > 16 * 1024) {
      throw Ec2Error.invalidParameterValue("User data is limited to 16384 bytes");
    }
    Map<String, String> tags = settings.instanceTags;
    String token = call.nonEmpty("ClientToken");
    Map<String, String> fingerprint = new TreeMap<>(call.params());
    fingerprint
        .keySet()
        .removeIf(
            k ->
                k.equals("ClientToken")
                    || k.equals("DryRun")
                    || k.equals("Action")
                    || k.equals("Version"));
    Instant now = call.now();
    if (token != null && state.launches.containsKey(token)) {
      RegionState.Launch earlier = state.launches.get(token);
      if (!earlier.params().equals(fingerprint)) {
        throw Ec2Error.badRequest(
            "IdempotentParameterMismatch",
            "Client token '"
                + token
                + "' was already used for a RunInstances request with different parameters.");
      }
      List<InstanceRecord> same = new ArrayList<>();
      for (String id : earlier.instanceIds()) {
        InstanceRecord r = state.instances.get(id);
        if (r != null) {
          same.add(r);
        }
      }
      return reservationResponse(call, state, earlier.reservationId(), same);
    }
    ImageRecord image = ImagesArea.visible(world, state, imageId);
    if (!image.type.equals("machine")) {
      throw Ec2Error.invalidParameterValue(
          "The image " + imageId + " is a " + image.type + " image, not a machine image.");
    }
    if (image.state(now) != ResourceState.AVAILABLE) {
      throw Ec2Error.badRequest(
          "InvalidAMIID.Unavailable",
          "The image '" + imageId + "' is not available yet (" + image.state(now) + ").");
    }
    if (!InstanceTypes.runs(type, image.architecture)) {
      throw Ec2Error.invalidParameterValue(
          "The architecture '"
              + InstanceTypes.architecture(type)
              + "' of the specified instance type does not match the architecture '"
              + image.architecture
              + "' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.");
    }
    String kernel = call.get("KernelId") != null ? call.get("KernelId") : image.kernelId;
    String ramdisk = call.get("RamdiskId") != null ? call.get("RamdiskId") : image.ramdiskId;
    if (call.get("KernelId") != null) {
      ImagesArea.visible(world, state, kernel);
    }
    if (call.get("RamdiskId") != null) {
      ImagesArea.visible(world, state, ramdisk);
    }
    String keyName = call.nonEmpty("KeyName");
    if (keyName != null && !state.keyPairs.containsKey(keyName)) {
      throw Ec2Error.badRequest(
          "InvalidKeyPair.NotFound", "The key pair '" + keyName + "' does not exist");
    }
    RegionState.Subnet subnet = subnet(call, state, settings.subnetId);
    List<InstanceRecord.GroupRef> groups = groups(call, state, settings.interfaceGroupIds);
    List<ImageRecord.Device> devices = devices(state, image, settings, call.now());
    if (settings.privateIpAddress != null) {
      checkPrivateIp(state, subnet, settings.privateIpAddress, max);
    }
    int running =
        (int)
            state.instances.values().stream()
                .filter(
                    r ->
                        r.state != InstanceState.TERMINATED
                            && r.state != InstanceState.SHUTTING_DOWN)
                .count();
    int n = Math.min(max, instanceLimit - running);
    if (n < min) {
      throw Ec2Error.badRequest(
          "InstanceLimitExceeded",
          "You have requested more instances ("
              + min
              + ") than your current instance limit of "
              + instanceLimit
              + " allows for the specified instance type.");
    }
    call.checkDryRun();
    int[] granted = new int[1];
    world.reserveInstances(min, n, g -> granted[0] = g);
    n = granted[0];
    List<String> ips = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        ips.add(world.ips().allocate());
        world.online(ips.get(i));
      }
    } catch (RuntimeException e) {
      ips.forEach(
          ip -> {
            world.offline(ip);
            world.ips().release(ip);
          });
      world.unreserveInstances(n);
      throw e;
    }
    String reservationId = ResourceIds.next("r-");
    List<InstanceRecord> launched = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = ResourceIds.next("i-");
      String privateIp =
          settings.privateIpAddress != null
              ? settings.privateIpAddress.toString()
              : state.privateIp(subnet);
      String privateDns =
          "ip-"
              + privateIp.replace('.', '-')
              + (state.region.equals("us-east-1")
                  ? ".ec2.internal"
                  : "." + state.region + ".compute.internal");
      InstanceRecord r =
          new InstanceRecord(
              id,
              image.id,
              type,
              subnet.zone(),
              keyName,
              i,
              reservationId,
              state.accountId,
              kernel,
              ramdisk,
              image.architecture,
              image.rootDeviceType,
              image.rootDeviceName,
              image.rootDeviceType.equals("ebs") ? ResourceIds.next("vol-") : null,
              state.defaultVpcId,
              subnet.id(),
              privateIp,
              privateDns,
              groups,
              tags,
              userData,
              token,
              image.loginUser,
              now);
      r.publicIp = ips.get(i);
      if (keyName != null) {
        r.authorizedKey = state.keyPairs.get(keyName).publicKey();
      }
      settings.applyTo(r);
      r.networkInterfaceId = ResourceIds.next("eni-");
      state.instances.put(id, r);
      for (ImageRecord.Device d : devices) {
        boolean root = d.deviceName().equals(image.rootDeviceName);
        if (root && r.rootVolumeId == null) {
          continue; // an instance-store root has no volume
        }
        String volumeId = root ? r.rootVolumeId : ResourceIds.next("vol-");
        VolumesArea.launchVolume(state, r, volumeId, d, settings.iops(d.deviceName()), now)
            .tags
            .putAll(settings.volumeTags);
      }
      launched.add(r);
    }
    if (token != null) {
      state.launches.put(
          token,
          new RegionState.Launch(
              fingerprint, reservationId, launched.stream().map(r -> r.id).toList()));
    }
    return reservationResponse(call, state, reservationId, launched);
  }

  private RegionState.Subnet subnet(Call call, RegionState state, String interfaceSubnet) {
    String subnetId = interfaceSubnet != null ? interfaceSubnet : call.nonEmpty("SubnetId");
    String zone =
        call.nonEmpty("Placement.AvailabilityZone"); // Terraform sends it empty: not given
    if (zone != null
        && world.geography().zones(state.region).stream().noneMatch(z -> z.name().equals(zone))) {
      throw Ec2Error.invalidParameterValue("Invalid availability zone: [" + zone + "]");
    }
    if (subnetId != null) {
      RegionState.Subnet s = state.subnets.get(subnetId);
      if (s == null) {
        throw ResourceIds.notFound("InvalidSubnetID.NotFound", "subnet", List.of(subnetId));
      }
      if (zone != null && !zone.equals(s.zone())) {
        throw Ec2Error.invalidParameterValue(
            "The subnet " + subnetId + " is in " + s.zone() + ", not in " + zone + ".");
      }
      return s;
    }
    if (zone != null) {
      return state.subnetInZone(zone);
    }
    // EC2 spreads launches over the zones; the emulator takes the region's first, as a default
    // subnet would.
    return state.subnets.values().iterator().next();
  }

  private static List<InstanceRecord.GroupRef> groups(
      Call call, RegionState state, List<String> interfaceGroupIds) {
    List<InstanceRecord.GroupRef> out = new ArrayList<>();
    for (String id : interfaceGroupIds) {
      SecurityGroupsArea.SecurityGroupRecord g = SecurityGroupsArea.find(state, id, null);
      out.add(new InstanceRecord.GroupRef(g.id, g.name));
    }
    for (String name : call.list("SecurityGroup")) {
      SecurityGroupsArea.SecurityGroupRecord g = SecurityGroupsArea.find(state, null, name);
      out.add(new InstanceRecord.GroupRef(g.id, g.name));
    }
    for (String id : call.list("SecurityGroupId")) {
      SecurityGroupsArea.SecurityGroupRecord g = SecurityGroupsArea.find(state, id, null);
      out.add(new InstanceRecord.GroupRef(g.id, g.name));
    }
    if (out.isEmpty()) {
      SecurityGroupsArea.SecurityGroupRecord d = SecurityGroupsArea.find(state, null, "default");
      out.add(new InstanceRecord.GroupRef(d.id, d.name));
    }
    return out;
  }

  /**
   * The EBS devices an instance launches with: the image's mappings, changed by the call's block
   * device mappings (a bigger or other kind of root volume, extra volumes, NoDevice), checked as
   * EC2 checks them.
   */
  private static List<ImageRecord.Device> devices(
      RegionState state, ImageRecord image, LaunchSettings settings, Instant now) {
    Map<String, ImageRecord.Device> out = new LinkedHashMap<>();
    if (image.rootDeviceType.equals("ebs")) {
      out.put(
          image.rootDeviceName,
          image.devices.stream()
              .filter(d -> d.deviceName().equals(image.rootDeviceName))
              .findFirst()
              .orElse(
                  new ImageRecord.Device(image.rootDeviceName, null, null, 8, "gp2", true, false)));
    }
    for (ImageRecord.Device d : image.devices) {
      if (d.virtualName() == null && d.volumeSize() > 0) {
        out.putIfAbsent(d.deviceName(), d);
      }
    }
    for (LaunchSettings.Device want : settings.devices) {
      String name = want.deviceName();
      if (!name.matches("/dev/(sd[a-z][1-9]?|xvd[a-z]{1,2}|sd[a-z]{2}|nvme\\d+n1)")) {
        throw Ec2Error.badRequest(
            "InvalidBlockDeviceMapping", "Invalid device name " + name + " in BlockDeviceMapping.");
      }
      ImageRecord.Device base = out.get(name);
      if (want.noDevice()) {
        if (name.equals(image.rootDeviceName)) {
          throw Ec2Error.badRequest(
              "InvalidBlockDeviceMapping",
              "The root device " + name + " cannot be suppressed (NoDevice).");
        }
        out.remove(name);
        continue;
      }
      int minimum = base == null ? 1 : Math.max(1, base.volumeSize());
      String snapshot =
          want.snapshotId() != null ? want.snapshotId() : base == null ? null : base.snapshotId();
      if (want.snapshotId() != null) {
        minimum = VolumesArea.snapshot(state, want.snapshotId()).volumeSize;
      }
      Integer size = want.size() != null ? want.size() : base == null ? null : base.volumeSize();
      if (size == null && snapshot == null) {
        throw Ec2Error.missingParameter(
            "BlockDeviceMapping Ebs.VolumeSize (or Ebs.SnapshotId) for " + name);
      }
      int gib = size == null ? minimum : size;
      if (gib < minimum) {
        throw Ec2Error.badRequest(
            "InvalidBlockDeviceMapping",
            "Volume of size "
                + gib
                + "GB is smaller than snapshot '"
                + snapshot
                + "', expect size >= "
                + minimum
                + "GB");
      }
      String type = want.type() != null ? want.type() : base == null ? "gp2" : base.volumeType();
      boolean deleteOnTermination =
          want.deleteOnTermination() != null
              ? want.deleteOnTermination()
              : base != null && base.deleteOnTermination();
      out.put(
          name,
          new ImageRecord.Device(
              name,
              null,
              snapshot,
              gib,
              type,
              deleteOnTermination,
              want.encrypted() || (base != null && base.encrypted())));
    }
    return new ArrayList<>(out.values());
  }

  private static void checkPrivateIp(
      RegionState state, RegionState.Subnet subnet, Ipv4 ip, int max) {
    if (max > 1) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "PrivateIpAddress can be given only when launching one instance, not " + max + ".");
    }
    boolean inSubnet =
        ip.a() == 172
            && ip.b() == 31
            && ip.c() >= subnet.thirdOctet()
            && ip.c() < subnet.thirdOctet() + 16
            && ip.d() >= 4
            && ip.d() < 255;
    if (!inSubnet) {
      throw Ec2Error.invalidParameterValue(
          "Address "
              + ip
              + " does not fall within the subnet's address range "
              + subnet.cidr()
              + ".");
    }
    for (InstanceRecord r : state.instances.values()) {
      if (ip.toString().equals(r.privateIp) && r.state != InstanceState.TERMINATED) {
        throw Ec2Error.badRequest("InvalidIPAddress.InUse", "Address " + ip + " is in use.");
      }
    }
  }

  /** The tags of the call's TagSpecifications, which may only be for {@code resourceType}. */
  static Map<String, String> tags(Call call, String resourceType) {
    return TagsArea.specified(call, resourceType, List.of(resourceType));
  }

  private String reservationResponse(
      Call call, RegionState state, String reservationId, List<InstanceRecord> instances) {
    Xml x =
        Xml.response(call.action(), call.requestId())
            .leaf("reservationId", reservationId)
            .leaf("ownerId", state.accountId)
            .empty("groupSet")
            .start("instancesSet");
    for (InstanceRecord r : instances) {
      writeInstance(x, r, state);
    }
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
    x.start("groupSet");
    for (InstanceRecord.GroupRef g : r.groups) {
      x.start("item").leaf("groupId", g.id()).leaf("groupName", g.name()).end();
    }
    x.end();
    if (r.stateReasonCode != null) {
      x.start("stateReason")
          .leaf("code", r.stateReasonCode)
          .leaf("message", r.stateReasonMessage)
          .end();
    }
    x.leaf("architecture", r.architecture)
        .leaf("rootDeviceType", r.rootDeviceType)
        .leaf("rootDeviceName", r.rootDeviceName);
    x.start("blockDeviceMapping");
    r.devices.forEach(
        (device, volumeId) -> {
          VolumeRecord v = state.volumes.get(volumeId);
          if (r.state
              != InstanceState.TERMINATED) { // the volume keeps this map in step with itself
            x.start("item")
                .leaf("deviceName", device)
                .start("ebs")
                .leaf("volumeId", volumeId)
                .leaf("status", v.attachment().apiName())
                .leaf("attachTime", Xml.time(v.attachTime()))
                .leaf("deleteOnTermination", v.deleteOnTermination())
                .end()
                .end();
          }
        });
    x.end();
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
    writeInterfaces(x, r, state);
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

  /** The primary network interface, as DescribeInstances nests it. */
  private static void writeInterfaces(Xml x, InstanceRecord r, RegionState state) {
    x.start("networkInterfaceSet");
    if (r.networkInterfaceId != null && r.state != InstanceState.TERMINATED) {
      x.start("item")
          .leaf("networkInterfaceId", r.networkInterfaceId)
          .leaf("subnetId", r.subnetId)
          .leaf("vpcId", r.vpcId)
          .leaf("description", "")
          .leaf("ownerId", r.ownerId)
          .leaf("status", "in-use")
          .leaf("macAddress", VpcsArea.mac(r.networkInterfaceId))
          .leaf("privateIpAddress", r.privateIp)
          .leaf("privateDnsName", r.privateDns)
          .leaf("sourceDestCheck", r.sourceDestCheck);
      x.start("groupSet");
      for (InstanceRecord.GroupRef g : r.groups) {
        x.start("item").leaf("groupId", g.id()).leaf("groupName", g.name()).end();
      }
      x.end();
      x.start("attachment")
          .leaf("attachmentId", "eni-attach-" + r.networkInterfaceId.substring(4))
          .leaf("deviceIndex", 0)
          .leaf("status", "attached")
          .leaf("attachTime", Xml.time(r.launchTime))
          .leaf("deleteOnTermination", true)
          .leaf("networkCardIndex", 0)
          .end();
      if (r.publicIp != null) {
        x.start("association")
            .leaf("publicIp", r.publicIp)
            .leaf("publicDnsName", r.publicDns(state.region))
            .leaf("ipOwnerId", r.elasticAllocationId != null ? r.ownerId : "amazon")
            .end();
      }
      x.start("privateIpAddressesSet")
          .start("item")
          .leaf("privateIpAddress", r.privateIp)
          .leaf("privateDnsName", r.privateDns)
          .leaf("primary", true);
      if (r.publicIp != null) {
        x.start("association")
            .leaf("publicIp", r.publicIp)
            .leaf("publicDnsName", r.publicDns(state.region))
            .leaf("ipOwnerId", r.elasticAllocationId != null ? r.ownerId : "amazon")
            .end();
      }
      x.end().end();
      x.empty("ipv6AddressesSet").leaf("interfaceType", "interface");
      x.end();
    }
    x.end();
  }

  // ---- DescribeInstances ----

  private String describeInstances(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("InstanceId");
    Paging paging = Paging.of(call, !ids.isEmpty(), "instancesSet");
    Instant now = call.now();
    List<InstanceRecord> result =
        ids.isEmpty() ? new ArrayList<>(state.instances.values()) : find(state, ids);
    result = filters.apply(call.filters(), result);
    Paging.Page<InstanceRecord> page = paging.page(result);
    Map<String, List<InstanceRecord>> byReservation = new LinkedHashMap<>();
    for (InstanceRecord r : page.items()) {
      byReservation.computeIfAbsent(r.reservationId, k -> new ArrayList<>()).add(r);
    }
    Xml x = Xml.response(call.action(), call.requestId()).start("reservationSet");
    for (Map.Entry<String, List<InstanceRecord>> e : byReservation.entrySet()) {
      x.start("item")
          .leaf("reservationId", e.getKey())
          .leaf("ownerId", state.accountId)
          .empty("groupSet")
          .start("instancesSet");
      for (InstanceRecord r : e.getValue()) {
        writeInstance(x, r, state);
      }
      x.end().end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  /** The instances named, in order; malformed or unknown ids are EC2's errors. */
  private static List<InstanceRecord> find(RegionState state, List<String> ids) {
    List<InstanceRecord> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (!ResourceIds.wellFormed(id, "i-")) {
        throw Ec2Error.badRequest("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
      }
      InstanceRecord r = state.instances.get(id);
      if (r == null) {
        missing.add(id);
      } else if (!out.contains(r)) {
        out.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw ResourceIds.notFound("InvalidInstanceID.NotFound", "instance", missing);
    }
    return out;
  }

  private static List<String> requiredIds(Call call) {
    List<String> ids = call.list("InstanceId");
    if (ids.isEmpty()) {
      throw Ec2Error.missingParameter("InstanceId");
    }
    return ids;
  }

  // ---- state changes ----

  private interface Change {
    /** The next state, or {@code null} to refuse with IncorrectInstanceState. */
    InstanceState next(InstanceRecord r);
  }

  private String changeState(
      Call call,
      String verb,
      Change change,
      java.util.function.BiConsumer<InstanceRecord, Instant> apply) {
    RegionState state = world.state(call);
    List<String> ids = requiredIds(call);
    Instant now = call.now();
    List<InstanceRecord> targets = find(state, ids);
    for (InstanceRecord r : targets) {
      if (change.next(r) == null) {
        throw Ec2Error.badRequest(
            "IncorrectInstanceState",
            "The instance '" + r.id + "' is not in a state from which it can be " + verb + ".");
      }
    }
    call.checkDryRun();
    Xml x = Xml.response(call.action(), call.requestId()).start("instancesSet");
    for (InstanceRecord r : targets) {
      InstanceState previous = r.state;
      InstanceState next = change.next(r);
      if (next != previous) {
        apply.accept(r, now);
      }
      x.start("item")
          .leaf("instanceId", r.id)
          .start("currentState")
          .leaf("code", next.code())
          .leaf("name", next.apiName())
          .end()
          .start("previousState")
          .leaf("code", previous.code())
          .leaf("name", previous.apiName())
          .end()
          .end();
    }
    return x.finish();
  }

  private String terminateInstances(Call call) {
    RegionState state = world.state(call);
    for (String id : requiredIds(call)) {
      InstanceRecord r = state.instances.get(id);
      if (r != null && r.disableApiTermination && r.state != InstanceState.TERMINATED) {
        throw Ec2Error.badRequest(
            "OperationNotPermitted",
            "The instance '"
                + id
                + "' may not be terminated. Modify its 'disableApiTermination'"
                + " instance attribute and try again.");
      }
    }
    return changeState(
        call,
        "terminated",
        r ->
            switch (r.state) {
              case TERMINATED -> InstanceState.TERMINATED;
              default -> InstanceState.SHUTTING_DOWN;
            },
        (r, now) -> r.terminate(now, world));
  }

  private String stopInstances(Call call) {
    RegionState state = world.state(call);
    for (String id : requiredIds(call)) {
      InstanceRecord r = state.instances.get(id);
      if (r != null && r.disableApiStop && r.state == InstanceState.RUNNING) {
        throw Ec2Error.badRequest(
            "OperationNotPermitted",
            "The instance '"
                + id
                + "' may not be stopped. Modify its 'disableApiStop' instance"
                + " attribute and try again.");
      }
      if (r != null && !"ebs".equals(r.rootDeviceType)) {
        throw Ec2Error.badRequest(
            "UnsupportedOperation",
            "The instance '"
                + id
                + "' does not have an 'ebs' root device type and cannot be stopped.");
      }
    }
    return changeState(
        call,
        "stopped",
        r ->
            switch (r.state) {
              case RUNNING -> InstanceState.STOPPING;
              case STOPPING, STOPPED -> r.state;
              default -> null;
            },
        (r, now) -> r.stop(now, world));
  }

  private String startInstances(Call call) {
    return changeState(
        call,
        "started",
        r ->
            switch (r.state) {
              case STOPPED -> InstanceState.PENDING;
              case PENDING, RUNNING -> r.state;
              default -> null;
            },
        (r, now) -> r.start(now, world));
  }

  private String rebootInstances(Call call) {
    RegionState state = world.state(call);
    List<String> ids = requiredIds(call);
    Instant now = call.now();
    List<InstanceRecord> targets = find(state, ids);
    for (InstanceRecord r : targets) {
      if (r.state != InstanceState.RUNNING && r.state != InstanceState.PENDING) {
        throw Ec2Error.badRequest(
            "IncorrectInstanceState",
            "The instance '" + r.id + "' is not in a state from which it can be rebooted.");
      }
    }
    call.checkDryRun();
    for (InstanceRecord r : targets) {
      r.reboot(now, world);
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  private String getConsoleOutput(Call call) {
    RegionState state = world.state(call);
    String id = call.required("InstanceId");
    Instant now = call.now();
    InstanceRecord r = find(state, List.of(id)).get(0);
    ConsoleLog.Output out =
        ConsoleLog.of(r, r.loginUser, now, world.timing().transition(), world.consoleNote());
    Xml x =
        Xml.response(call.action(), call.requestId())
            .leaf("instanceId", id)
            .leaf("timestamp", Xml.time(out.timestamp() == null ? now : out.timestamp()));
    if (!out.text().isEmpty()) {
      x.leaf(
          "output",
          Base64.getEncoder().encodeToString(out.text().getBytes(StandardCharsets.UTF_8)));
    }
    return x.finish();
  }
}
