package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the SDKs and Terraform read about instances beyond DescribeInstances:
 * DescribeInstanceAttribute and ModifyInstanceAttribute (instance type, user data, kernel and
 * ramdisk only while stopped, as on EC2), DescribeInstanceStatus (instance and system status go
 * initializing, then ok, on the clock), DescribeInstanceCreditSpecifications and
 * GetInstanceUefiData.
 */
public final class InstanceDetailsArea {
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "instanceType",
          "kernel",
          "ramdisk",
          "userData",
          "disableApiTermination",
          "instanceInitiatedShutdownBehavior",
          "rootDeviceName",
          "blockDeviceMapping",
          "productCodes",
          "sourceDestCheck",
          "groupSet",
          "ebsOptimized",
          "sriovNetSupport",
          "enaSupport",
          "enclaveOptions",
          "disableApiStop");

  private final World world;
  private final Filters<InstanceRecord> statusFilters;

  public InstanceDetailsArea(World world) {
    this.world = world;
    this.statusFilters =
        new Filters<>(
            Map.ofEntries(
                Map.entry("availability-zone", r -> List.of(r.zone)),
                Map.entry("instance-state-name", r -> List.of(r.state.apiName())),
                Map.entry("instance-state-code", r -> List.of(Integer.toString(r.state.code()))),
                Map.entry("instance-status.status", r -> List.of(status(r, world.now()))),
                Map.entry("system-status.status", r -> List.of(status(r, world.now()))),
                Map.entry("attached-ebs-status.status", r -> List.of(status(r, world.now()))),
                Map.entry("instance-status.reachability", r -> shownReachability(r, world.now())),
                Map.entry("system-status.reachability", r -> shownReachability(r, world.now())),
                Map.entry(
                    "availability-zone-id",
                    r ->
                        Filters.one(
                            InstanceFilters.zoneId(
                                world.state(r.ownerId, r.zone.substring(0, r.zone.length() - 1)),
                                r))),
                // the answer shows no scheduled events and no operator: none match
                Map.entry("event.code", r -> List.of()),
                Map.entry("event.description", r -> List.of()),
                Map.entry("event.instance-event-id", r -> List.of()),
                Map.entry("event.not-after", r -> List.of()),
                Map.entry("event.not-before", r -> List.of()),
                Map.entry("event.not-before-deadline", r -> List.of()),
                Map.entry("operator.managed", r -> List.of()),
                Map.entry("operator.principal", r -> List.of())));
  }

  /** The reachability the status shows: none while the status is not applicable. */
  private List<String> shownReachability(InstanceRecord r, Instant now) {
    return status(r, now).equals("not-applicable") ? List.of() : List.of(reachability(r, now));
  }

  public void register(ActionTable table) {
    table.read("DescribeInstanceAttribute", this::describeAttribute);
    table.write("ModifyInstanceAttribute", this::modifyAttribute);
    table.read("DescribeInstanceStatus", this::describeStatus);
    table.read("DescribeInstanceCreditSpecifications", this::describeCredits);
    table.read("GetInstanceUefiData", this::uefiData);
  }

  private static InstanceRecord instance(RegionState state, String id) {
    if (!ResourceIds.wellFormed(id, "i-")) {
      throw Ec2Error.badRequest("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
    }
    InstanceRecord r = state.instances.get(id);
    if (r == null) {
      throw ResourceIds.notFound("InvalidInstanceID.NotFound", "instance", List.of(id));
    }
    return r;
  }

  // ---- attributes ----

  private String describeAttribute(Call call) {
    RegionState state = world.state(call);
    InstanceRecord r = instance(state, call.required("InstanceId"));
    String attribute = call.required("Attribute");
    if (!ATTRIBUTES.contains(attribute)) {
      throw Ec2Error.invalidParameterValue(
          "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
    }
    Xml x = Xml.response(call.action(), call.requestId()).leaf("instanceId", r.id);
    switch (attribute) {
      case "instanceType" -> value(x, attribute, r.instanceType);
      case "kernel" -> value(x, attribute, r.kernelId);
      case "ramdisk" -> value(x, attribute, r.ramdiskId);
      case "userData" -> value(x, attribute, r.userData);
      case "disableApiTermination" -> value(x, attribute, r.disableApiTermination);
      case "disableApiStop" -> value(x, attribute, r.disableApiStop);
      case "instanceInitiatedShutdownBehavior" -> value(x, attribute, r.shutdownBehavior);
      case "rootDeviceName" -> value(x, attribute, r.rootDeviceName);
      case "sourceDestCheck" -> value(x, attribute, r.sourceDestCheck);
      case "ebsOptimized" -> value(x, attribute, r.ebsOptimized);
      case "sriovNetSupport" -> value(x, attribute, "simple");
      case "enaSupport" -> value(x, attribute, true);
      case "productCodes" -> x.empty("productCodes");
      case "enclaveOptions" -> x.start("enclaveOptions").leaf("enabled", false).end();
      case "groupSet" -> InstanceXml.groupSet(x, r);
      case "blockDeviceMapping" -> InstanceXml.blockDeviceMapping(x, r, state);
      default -> throw new IllegalStateException(attribute);
    }
    return x.finish();
  }

  private static void value(Xml x, String attribute, Object value) {
    if (value == null) {
      x.empty(attribute);
    } else {
      x.start(attribute).leaf("value", value).end();
    }
  }

  private String modifyAttribute(Call call) {
    RegionState state = world.state(call);
    InstanceRecord r = instance(state, call.required("InstanceId"));
    String attribute = call.get("Attribute");
    String plain = call.get("Value");
    if (attribute != null && !ATTRIBUTES.contains(attribute)) {
      throw Ec2Error.invalidParameterValue(
          "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
    }
    String type = given(call, attribute, plain, "instanceType", "InstanceType.Value");
    String kernel = given(call, attribute, plain, "kernel", "Kernel.Value");
    String ramdisk = given(call, attribute, plain, "ramdisk", "Ramdisk.Value");
    String userData = given(call, attribute, plain, "userData", "UserData.Value");
    String shutdown =
        given(
            call,
            attribute,
            plain,
            "instanceInitiatedShutdownBehavior",
            "InstanceInitiatedShutdownBehavior.Value");
    Boolean termination =
        bool(call, attribute, plain, "disableApiTermination", "DisableApiTermination.Value");
    Boolean stop = bool(call, attribute, plain, "disableApiStop", "DisableApiStop.Value");
    Boolean sourceDest = bool(call, attribute, plain, "sourceDestCheck", "SourceDestCheck.Value");
    Boolean ebsOptimized = bool(call, attribute, plain, "ebsOptimized", "EbsOptimized.Value");
    List<String> groups = call.list("GroupId");
    for (String unsupported : List.of("SriovNetSupport", "EnaSupport", "BlockDeviceMapping")) {
      if (call.names().stream().anyMatch(k -> k.startsWith(unsupported + "."))) {
        throw Ec2Error.badRequest(
            "Unsupported", "The parameter " + unsupported + " is not supported by this emulator.");
      }
    }
    boolean stoppedOnly =
        type != null
            || kernel != null
            || ramdisk != null
            || userData != null
            || ebsOptimized != null;
    if (stoppedOnly && r.state != InstanceState.STOPPED) {
      throw Ec2Error.badRequest(
          "IncorrectInstanceState", "The instance '" + r.id + "' is not in the 'stopped' state.");
    }
    InstanceTypes.Type newType = null;
    if (type != null) {
      newType = InstanceTypes.get(type);
      if (newType == null) {
        throw Ec2Error.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
      }
      if (!newType.architectures().contains(r.architecture)) {
        throw Ec2Error.invalidParameterValue(
            "The instance type "
                + type
                + " does not support the "
                + r.architecture
                + " architecture of "
                + r.id
                + ".");
      }
    }
    if (userData != null) {
      try {
        byte[] decoded = java.util.Base64.getDecoder().decode(userData.replace("\n", ""));
        if (decoded.length > 16 * 1024) {
          throw Ec2Error.invalidParameterValue("User data is limited to 16384 bytes");
        }
      } catch (IllegalArgumentException e) {
        throw Ec2Error.invalidParameterValue("Invalid BASE64 encoding of UserData.Value.");
      }
    }
    if (shutdown != null && !shutdown.equals("stop") && !shutdown.equals("terminate")) {
      throw Ec2Error.invalidParameterValue(
          "Value (" + shutdown + ") for parameter instanceInitiatedShutdownBehavior is invalid.");
    }
    List<InstanceRecord.GroupRef> newGroups = new ArrayList<>();
    for (String id : groups) {
      SecurityGroupsArea.SecurityGroupRecord g = SecurityGroupsArea.find(state, id, null);
      newGroups.add(new InstanceRecord.GroupRef(g.id, g.name));
    }
    if (type == null
        && kernel == null
        && ramdisk == null
        && userData == null
        && shutdown == null
        && termination == null
        && stop == null
        && sourceDest == null
        && ebsOptimized == null
        && groups.isEmpty()) {
      throw Ec2Error.missingParameter(
          "Attribute (or one of InstanceType, UserData, DisableApiTermination, ...)");
    }
    call.checkDryRun();
    if (newType != null) {
      r.instanceType = newType.name();
      r.cpuCredits = newType.defaultCredits();
    }
    if (userData != null) {
      r.userData = userData;
    }
    if (shutdown != null) {
      r.shutdownBehavior = shutdown;
    }
    if (termination != null) {
      r.disableApiTermination = termination;
    }
    if (stop != null) {
      r.disableApiStop = stop;
    }
    if (sourceDest != null) {
      r.sourceDestCheck = sourceDest;
    }
    if (ebsOptimized != null) {
      r.ebsOptimized = ebsOptimized;
    }
    if (!newGroups.isEmpty()) {
      r.replaceGroups(newGroups);
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }

  /** A value set either as Attribute=NAME&Value=V or as NAME.Value=V. */
  private static String given(
      Call call, String attribute, String plain, String name, String structured) {
    if (name.equals(attribute)) {
      if (plain == null) {
        throw Ec2Error.missingParameter("Value");
      }
      return plain;
    }
    return call.get(structured);
  }

  private static Boolean bool(
      Call call, String attribute, String plain, String name, String structured) {
    String v = given(call, attribute, plain, name, structured);
    if (v == null) {
      return null;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw Ec2Error.invalidParameterValue(
              "Value ("
                  + v
                  + ") for parameter "
                  + structured
                  + " is invalid. Expecting true or false.");
    };
  }

  // ---- status ----

  /** {@code initializing} for two transitions after the instance runs, then {@code ok}. */
  private String status(InstanceRecord r, Instant now) {
    if (r.state != InstanceState.RUNNING) {
      return "not-applicable";
    }
    Duration settle = world.timing().transition().multipliedBy(2);
    return now.isBefore(r.since.plus(settle)) ? "initializing" : "ok";
  }

  private String reachability(InstanceRecord r, Instant now) {
    String s = status(r, now);
    return s.equals("ok") ? "passed" : s.equals("initializing") ? "initializing" : "not-applicable";
  }

  private String describeStatus(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("InstanceId");
    boolean all = call.flag("IncludeAllInstances");
    List<InstanceRecord> result = new ArrayList<>();
    if (ids.isEmpty()) {
      result.addAll(state.instances.values());
    }
    for (String id : ids) {
      result.add(instance(state, id));
    }
    if (!all) {
      result.removeIf(r -> r.state != InstanceState.RUNNING);
    }
    Paging.Page<InstanceRecord> page =
        Paging.of(call, !ids.isEmpty(), "instanceIds")
            .page(statusFilters.apply(call.filters(), result));
    Instant now = call.now();
    Xml x = Xml.response(call.action(), call.requestId()).start("instanceStatusSet");
    for (InstanceRecord r : page.items()) {
      String status = status(r, now);
      x.start("item")
          .leaf("instanceId", r.id)
          .leaf("availabilityZone", r.zone)
          .leaf("availabilityZoneId", InstanceFilters.zoneId(state, r))
          .start("instanceState")
          .leaf("code", r.state.code())
          .leaf("name", r.state.apiName())
          .end();
      for (String kind : List.of("systemStatus", "instanceStatus")) {
        x.start(kind).leaf("status", status);
        if (!status.equals("not-applicable")) {
          x.start("details")
              .start("item")
              .leaf("name", "reachability")
              .leaf("status", reachability(r, now))
              .end()
              .end();
        }
        x.end();
      }
      x.start("attachedEbsStatus").leaf("status", status).end();
      x.end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  // ---- credits and UEFI ----

  private String describeCredits(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("InstanceId");
    List<InstanceRecord> result = new ArrayList<>();
    if (ids.isEmpty()) {
      state.instances.values().stream()
          .filter(r -> r.cpuCredits != null && r.state != InstanceState.TERMINATED)
          .forEach(result::add);
    }
    for (String id : ids) {
      InstanceRecord r = instance(state, id);
      if (r.cpuCredits == null) {
        throw Ec2Error.badRequest(
            "InvalidParameterValue",
            "The instance "
                + id
                + " is not a burstable performance (T) instance; it has no CPU credits.");
      }
      result.add(r);
    }
    Filters<InstanceRecord> filters = new Filters<>(Map.of("instance-id", r -> List.of(r.id)));
    Paging.Page<InstanceRecord> page =
        Paging.of(call, !ids.isEmpty(), "instanceIds").page(filters.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("instanceCreditSpecificationSet");
    for (InstanceRecord r : page.items()) {
      x.start("item").leaf("instanceId", r.id).leaf("cpuCredits", r.cpuCredits).end();
    }
    x.end();
    return x.leaf("nextToken", page.nextToken()).finish();
  }

  private String uefiData(Call call) {
    RegionState state = world.state(call);
    InstanceRecord r = instance(state, call.required("InstanceId"));
    // As EC2 answers for an instance that does not boot with UEFI: no data.
    return Xml.response(call.action(), call.requestId())
        .leaf("instanceId", r.id)
        .leaf("uefiData", "")
        .finish();
  }
}
