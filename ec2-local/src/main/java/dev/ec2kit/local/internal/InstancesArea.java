package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    this.filters = InstanceFilters.of(world);
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
    call.get("AdditionalInfo"); // "Reserved" in EC2's reference: taken, and changes nothing
    String token = call.nonEmpty("ClientToken");
    Instant now = call.now();
    String earlier = state.madeBefore(call);
    if (earlier != null) {
      return reservationResponse(call, state, earlier, state.launchedBefore(call, earlier));
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
    LaunchNetwork network = LaunchNetwork.plan(call, state, world, settings, max);
    List<ImageRecord.Device> devices = LaunchDevices.devices(state, image, settings, call.now());
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
      for (int i = 0; network.publicIp && i < n; i++) {
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
      NetworkInterfaceRecord primary = network.primary(state);
      String privateIp = primary.primaryIp();
      InstanceRecord r =
          new InstanceRecord(
              id,
              image.id,
              type,
              network.subnet.zone,
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
              network.subnet.vpcId,
              network.subnet.id,
              privateIp,
              NetworkInterfaceRecord.privateDns(privateIp, state.region),
              primary.groups(state),
              tags,
              userData,
              token,
              image.loginUser,
              now);
      r.publicIp = network.publicIp ? ips.get(i) : null;
      r.autoPublicIp = network.publicIp;
      if (keyName != null) {
        r.authorizedKey = state.keyPairs.get(keyName).publicKey();
      }
      settings.applyTo(r);
      state.instances.put(id, r);
      r.launched(world);
      network.attach(r, primary, state, now);
      for (ImageRecord.Device d : devices) {
        boolean root = d.deviceName().equals(image.rootDeviceName);
        if (root && r.rootVolumeId == null) {
          continue; // an instance-store root has no volume
        }
        String volumeId = root ? r.rootVolumeId : ResourceIds.next("vol-");
        VolumeRecord v =
            VolumesArea.launchVolume(state, r, volumeId, d, settings.iops(d.deviceName()), now);
        v.tags.putAll(settings.volumeTags);
        if (!root) {
          world.blockDevices().created(v.id, v.size(), d.snapshotId());
          world.blockDevices().attach(r.id, v.id, d.deviceName(), v.size());
        }
      }
      launched.add(r);
    }
    state.made(call, reservationId);
    List<String> items = new ArrayList<>(launched.size());
    launched.forEach(r -> items.add(InstanceXml.item(r, state)));
    return reservationResponse(call, state, reservationId, items);
  }

  /** The tags of the call's TagSpecifications, which may only be for {@code resourceType}. */
  static Map<String, String> tags(Call call, String resourceType) {
    return TagsArea.specified(call, resourceType, List.of(resourceType));
  }

  private String reservationResponse(
      Call call, RegionState state, String reservationId, List<String> items) {
    Xml x =
        Xml.response(call.action(), call.requestId())
            .leaf("reservationId", reservationId)
            .leaf("ownerId", state.accountId)
            .empty("groupSet")
            .start("instancesSet");
    items.forEach(x::written);
    return x.finish();
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
        InstanceXml.writeInstance(x, r, state);
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
    // a stop here never waits on the system inside (its sandbox is killed at once): Force changes
    // nothing; hibernation and skipping the OS shutdown are not emulated
    call.bool("Force");
    Networks.unsupported(
        call, "hibernation and skipping the OS shutdown", "Hibernate", "SkipOsShutdown");
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
        ConsoleLog.of(
            r,
            r.loginUser,
            now,
            world.timing().transition(),
            world.consoleNote(),
            world.guestConsole(r.id));
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
