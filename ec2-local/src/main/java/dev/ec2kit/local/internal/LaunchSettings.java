package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RunInstances' optional settings, each either honoured (kept on the instance and shown by
 * DescribeInstances and DescribeInstanceAttribute) or refused with EC2's code and a message naming
 * it; none is silently dropped. Read and checked before anything is made.
 */
final class LaunchSettings {
  /**
   * A network interface asked for at launch ({@code NetworkInterface.N}): a new one, or one made
   * before.
   */
  record Interface(
      int deviceIndex,
      String networkInterfaceId,
      String subnetId,
      List<String> groupIds,
      Ipv4 privateIp,
      Integer secondaryCount,
      Boolean associatePublicIp,
      Boolean deleteOnTermination,
      String description) {}

  /** An EBS device asked for at launch: the root's overrides, or an extra volume. */
  record Device(
      String deviceName,
      Integer size,
      String type,
      Integer iops,
      Boolean deleteOnTermination,
      boolean encrypted,
      String snapshotId,
      boolean noDevice) {}

  boolean monitoring;
  boolean disableApiTermination;
  boolean disableApiStop;
  boolean ebsOptimized;
  boolean hibernation;
  String shutdownBehavior = "stop";
  String cpuCredits;
  String iamInstanceProfile;
  Ipv4 privateIpAddress;
  String tenancy = "default";
  final List<Interface> interfaces = new ArrayList<>();
  final Map<String, String> metadataOptions = new LinkedHashMap<>();
  final Map<String, String> instanceTags;
  final Map<String, String> volumeTags;
  final Map<String, String> interfaceTags;
  final List<Device> devices = new ArrayList<>();

  private LaunchSettings(Call call) {
    List<String> taggable = List.of("instance", "volume", "network-interface");
    instanceTags = TagsArea.specified(call, "instance", taggable);
    volumeTags = TagsArea.specified(call, "volume", taggable);
    interfaceTags = TagsArea.specified(call, "network-interface", taggable);
  }

  /** Gives a new instance the settings it keeps. */
  void applyTo(InstanceRecord r) {
    r.monitoring = monitoring;
    r.disableApiTermination = disableApiTermination;
    r.disableApiStop = disableApiStop;
    r.ebsOptimized = ebsOptimized;
    r.hibernation = hibernation;
    r.shutdownBehavior = shutdownBehavior;
    r.cpuCredits = cpuCredits;
    r.iamInstanceProfile = iamInstanceProfile;
    r.metadataOptions.putAll(metadataOptions);
  }

  /** The IOPS asked for a device, or null. */
  Integer iops(String deviceName) {
    for (Device d : devices) {
      if (d.deviceName().equals(deviceName)) {
        return d.iops();
      }
    }
    return null;
  }

  /** Reads and checks every optional RunInstances setting of the call. */
  static LaunchSettings read(Call call, InstanceTypes.Type type) {
    LaunchSettings s = new LaunchSettings(call);
    unsupported(
        call, "Ipv6AddressCount", "IPv6 addresses: the emulated default VPC has no IPv6 CIDR");
    unsupported(call, "Ipv6Address", "IPv6 addresses: the emulated default VPC has no IPv6 CIDR");
    unsupported(call, "ElasticGpuSpecification", "Elastic Graphics (retired by AWS)");
    unsupported(call, "ElasticInferenceAccelerator", "Elastic Inference (retired by AWS)");
    unsupported(call, "LicenseSpecification", "license configurations");
    unsupported(call, "Operator", "instances managed by another service");
    unsupported(call, "SecondaryInterface", "secondary interfaces");
    if (call.flag("EnablePrimaryIpv6")) {
      throw unsupported("EnablePrimaryIpv6", "IPv6: the emulated default VPC has no IPv6 CIDR");
    }
    only(call, "NetworkPerformanceOptions", Set.of("BandwidthWeighting"));
    String weighting = call.nonEmpty("NetworkPerformanceOptions.BandwidthWeighting");
    if (weighting != null && !weighting.equals("default")) {
      throw unsupported("NetworkPerformanceOptions", "bandwidth weightings other than default");
    }
    launchTemplate(call, s);
    if (has(call, "InstanceMarketOptions")) {
      String market = call.get("InstanceMarketOptions.MarketType");
      if (market != null && !market.isEmpty()) {
        throw unsupported(
            "InstanceMarketOptions", "Spot (and capacity-block) markets are not emulated");
      }
    }
    s.monitoring = call.flag("Monitoring.Enabled");
    s.disableApiTermination = call.flag("DisableApiTermination");
    s.disableApiStop = call.flag("DisableApiStop");
    s.ebsOptimized = call.flag("EbsOptimized");
    s.hibernation = call.flag("HibernationOptions.Configured");
    s.shutdownBehavior =
        call.oneOf("InstanceInitiatedShutdownBehavior", "stop", Set.of("stop", "terminate"));
    placement(call, s);
    credits(call, s, type);
    cpuOptions(call, type);
    capacity(call);
    enclave(call);
    metadata(call, s);
    dnsAndMaintenance(call);
    iamProfile(call, s);
    s.privateIpAddress = call.ipv4("PrivateIpAddress");
    networkInterfaces(call, s);
    blockDevices(call, s);
    return s;
  }

  private static boolean has(Call call, String prefix) {
    String p = prefix + ".";
    for (String k : call.names()) {
      if (k.equals(prefix) || k.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses any sub-parameter of {@code prefix} not in {@code known} (whole, or by its first part
   * for lists such as {@code SecurityGroupId.1}), as UnknownParameter.
   */
  private static void only(Call call, String prefix, Set<String> known) {
    String p = prefix + ".";
    for (String k : call.names()) {
      if (!k.startsWith(p)) {
        continue;
      }
      String rest = k.substring(p.length());
      int dot = rest.indexOf('.');
      if (!known.contains(rest) && !(dot > 0 && known.contains(rest.substring(0, dot)))) {
        throw Ec2Error.badRequest("UnknownParameter", "The parameter " + k + " is not recognized");
      }
    }
  }

  private static Ec2Error unsupported(String parameter, String what) {
    return Ec2Error.badRequest(
        "Unsupported",
        "The parameter " + parameter + " is not supported by this emulator (" + what + ").");
  }

  private static void unsupported(Call call, String parameter, String what) {
    if (has(call, parameter)) {
      throw unsupported(parameter, what);
    }
  }

  /** Tags the instances with the template {@link LaunchTemplatesArea#forLaunch} resolved. */
  private static void launchTemplate(Call call, LaunchSettings s) {
    String id = call.nonEmpty("LaunchTemplate.LaunchTemplateId");
    if (id != null) {
      s.instanceTags.put("aws:ec2launchtemplate:id", id);
      s.instanceTags.put("aws:ec2launchtemplate:version", call.get("LaunchTemplate.Version"));
    }
  }

  private static void placement(Call call, LaunchSettings s) {
    only(
        call,
        "Placement",
        Set.of(
            "AvailabilityZone",
            "AvailabilityZoneId",
            "Tenancy",
            "GroupName",
            "GroupId",
            "Affinity",
            "HostId",
            "PartitionNumber",
            "SpreadDomain",
            "HostResourceGroupArn"));
    s.tenancy = call.oneOf("Placement.Tenancy", "default", Set.of("default", "dedicated", "host"));
    if (!s.tenancy.equals("default")) {
      throw unsupported("Placement.Tenancy", "dedicated instances and hosts");
    }
    String group = call.nonEmpty("Placement.GroupName");
    if (group == null) {
      group = call.nonEmpty("Placement.GroupId");
    }
    if (group != null) {
      throw Ec2Error.badRequest(
          "InvalidPlacementGroup.Unknown", "The Placement Group '" + group + "' is unknown.");
    }
    for (String p :
        List.of(
            "Affinity",
            "HostId",
            "PartitionNumber",
            "SpreadDomain",
            "HostResourceGroupArn",
            "AvailabilityZoneId")) {
      if (call.nonEmpty("Placement." + p) != null) {
        throw unsupported("Placement." + p, "dedicated hosts and placement groups");
      }
    }
  }

  private static void credits(Call call, LaunchSettings s, InstanceTypes.Type type) {
    only(call, "CreditSpecification", Set.of("CpuCredits"));
    String credits = call.nonEmpty("CreditSpecification.CpuCredits");
    if (credits != null) {
      if (!credits.equals("standard") && !credits.equals("unlimited")) {
        throw Ec2Error.invalidParameterValue(
            "Value ("
                + credits
                + ") for parameter CreditSpecification.CpuCredits is invalid."
                + " Expecting standard or unlimited.");
      }
      if (!type.burstable()) {
        throw Ec2Error.badRequest(
            "InvalidParameterCombination",
            "The parameter CreditSpecification.CpuCredits is valid only for burstable performance"
                + " (T) instance types, not "
                + type.name()
                + ".");
      }
      s.cpuCredits = credits;
    } else {
      s.cpuCredits = type.defaultCredits();
    }
  }

  private static void cpuOptions(Call call, InstanceTypes.Type type) {
    only(call, "CpuOptions", Set.of("CoreCount", "ThreadsPerCore", "AmdSevSnp"));
    Integer cores = call.integer("CpuOptions.CoreCount", 1, 256);
    Integer threads = call.integer("CpuOptions.ThreadsPerCore", 1, 2);
    int defaultThreads = type.threadsPerCore();
    int defaultCores = Math.max(1, type.vcpus() / defaultThreads);
    if ((cores != null && cores != defaultCores)
        || (threads != null && threads != defaultThreads)) {
      throw unsupported(
          "CpuOptions",
          "only the type's defaults, "
              + defaultCores
              + " cores of "
              + defaultThreads
              + " threads, are emulated");
    }
    String sev = call.nonEmpty("CpuOptions.AmdSevSnp");
    if (sev != null && !sev.equals("disabled")) {
      throw unsupported("CpuOptions.AmdSevSnp", "AMD SEV-SNP");
    }
  }

  private static void capacity(Call call) {
    only(
        call,
        "CapacityReservationSpecification",
        Set.of(
            "CapacityReservationPreference",
            "CapacityReservationTarget.CapacityReservationId",
            "CapacityReservationTarget.CapacityReservationResourceGroupArn"));
    call.oneOf(
        "CapacityReservationSpecification.CapacityReservationPreference",
        "open",
        Set.of("open", "none", "capacity-reservations-only"));
    if (has(call, "CapacityReservationSpecification.CapacityReservationTarget")) {
      throw unsupported(
          "CapacityReservationSpecification.CapacityReservationTarget", "capacity reservations");
    }
  }

  private static void enclave(Call call) {
    only(call, "EnclaveOptions", Set.of("Enabled"));
    if (call.flag("EnclaveOptions.Enabled")) {
      throw unsupported("EnclaveOptions", "Nitro Enclaves");
    }
  }

  private static void metadata(Call call, LaunchSettings s) {
    only(
        call,
        "MetadataOptions",
        Set.of(
            "HttpTokens",
            "HttpPutResponseHopLimit",
            "HttpEndpoint",
            "HttpProtocolIpv6",
            "InstanceMetadataTags"));
    s.metadataOptions.put(
        "HttpTokens",
        call.oneOf("MetadataOptions.HttpTokens", "required", Set.of("optional", "required")));
    Integer hops = call.integer("MetadataOptions.HttpPutResponseHopLimit", 1, 64);
    s.metadataOptions.put("HttpPutResponseHopLimit", Integer.toString(hops == null ? 2 : hops));
    s.metadataOptions.put(
        "HttpEndpoint",
        call.oneOf("MetadataOptions.HttpEndpoint", "enabled", Set.of("enabled", "disabled")));
    s.metadataOptions.put(
        "HttpProtocolIpv6",
        call.oneOf("MetadataOptions.HttpProtocolIpv6", "disabled", Set.of("enabled", "disabled")));
    s.metadataOptions.put(
        "InstanceMetadataTags",
        call.oneOf(
            "MetadataOptions.InstanceMetadataTags", "disabled", Set.of("enabled", "disabled")));
  }

  private static void dnsAndMaintenance(Call call) {
    only(
        call,
        "PrivateDnsNameOptions",
        Set.of("HostnameType", "EnableResourceNameDnsARecord", "EnableResourceNameDnsAAAARecord"));
    call.oneOf("PrivateDnsNameOptions.HostnameType", "ip-name", Set.of("ip-name", "resource-name"));
    if ("resource-name".equals(call.get("PrivateDnsNameOptions.HostnameType"))
        || call.flag("PrivateDnsNameOptions.EnableResourceNameDnsARecord")
        || call.flag("PrivateDnsNameOptions.EnableResourceNameDnsAAAARecord")) {
      throw unsupported(
          "PrivateDnsNameOptions", "resource-name hostnames; instances are named ip-A-B-C-D");
    }
    only(call, "MaintenanceOptions", Set.of("AutoRecovery"));
    call.oneOf("MaintenanceOptions.AutoRecovery", "default", Set.of("default", "disabled"));
  }

  private static void iamProfile(Call call, LaunchSettings s) {
    only(call, "IamInstanceProfile", Set.of("Arn", "Name"));
    String arn = call.nonEmpty("IamInstanceProfile.Arn");
    String name = call.nonEmpty("IamInstanceProfile.Name");
    if (arn != null && name != null) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The parameter IamInstanceProfile.Arn cannot be used with IamInstanceProfile.Name.");
    }
    if (arn != null && !arn.matches("arn:aws[a-z-]*:iam::\\d{12}:instance-profile/.+")) {
      throw Ec2Error.invalidParameterValue(
          "Value ("
              + arn
              + ") for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN");
    }
    s.iamInstanceProfile = arn != null ? arn : name;
  }

  /**
   * The interfaces of {@code NetworkInterface.N}, each with a device index (one of them 0, the
   * primary); they exclude the instance-level subnet and groups, as on EC2.
   */
  private static void networkInterfaces(Call call, LaunchSettings s) {
    java.util.TreeSet<String> indexes =
        new java.util.TreeSet<>(
            java.util.Comparator.comparingInt(String::length).thenComparing(x -> x));
    for (String k : call.names()) {
      if (k.startsWith("NetworkInterface.")) {
        String rest = k.substring("NetworkInterface.".length());
        int dot = rest.indexOf('.');
        String index = dot < 0 ? rest : rest.substring(0, dot);
        if (!index.matches("[1-9][0-9]{0,4}") || dot < 0) {
          throw Ec2Error.badRequest(
              "UnknownParameter", "The parameter " + k + " is not recognized");
        }
        indexes.add(index); // written plainly, so ordered by length then text
      }
    }
    if (indexes.isEmpty()) {
      return;
    }
    if (has(call, "SubnetId") || has(call, "SecurityGroupId") || has(call, "SecurityGroup")) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "Network interfaces and an instance-level security groups or subnet may not be specified on"
              + " the same request");
    }
    for (String i : indexes) {
      String p = "NetworkInterface." + i;
      call.integer(p + ".NetworkCardIndex", 0, 0);
      only(
          call,
          p,
          Set.of(
              "DeviceIndex",
              "SubnetId",
              "NetworkInterfaceId",
              "AssociatePublicIpAddress",
              "DeleteOnTermination",
              "Description",
              "PrivateIpAddress",
              "SecondaryPrivateIpAddressCount",
              "SecurityGroupId",
              "NetworkCardIndex"));
      Integer device = call.integer(p + ".DeviceIndex", 0, 31);
      if (device == null) {
        throw Ec2Error.missingParameter(p + ".DeviceIndex");
      }
      for (Interface other : s.interfaces) {
        if (other.deviceIndex() == device) {
          throw Ec2Error.invalidParameterValue(
              "Each network interface requires a unique device index.");
        }
      }
      s.interfaces.add(
          new Interface(
              device,
              call.nonEmpty(p + ".NetworkInterfaceId"),
              call.nonEmpty(p + ".SubnetId"),
              call.list(p + ".SecurityGroupId"),
              call.ipv4(p + ".PrivateIpAddress"),
              call.integer(p + ".SecondaryPrivateIpAddressCount", 1, 49),
              call.bool(p + ".AssociatePublicIpAddress"),
              call.bool(p + ".DeleteOnTermination"),
              call.get(p + ".Description")));
    }
    if (s.interfaces.stream().noneMatch(n -> n.deviceIndex() == 0)) {
      throw Ec2Error.invalidParameterValue(
          "When specifying network interfaces, one must have device index 0 (the primary).");
    }
  }

  private static void blockDevices(Call call, LaunchSettings s) {
    for (int n : call.indexes("BlockDeviceMapping", "DeviceName")) {
      String p = "BlockDeviceMapping." + n + ".";
      String name = call.required(p + "DeviceName");
      if (call.nonEmpty(p + "Ebs.KmsKeyId") != null) {
        throw unsupported(p + "Ebs.KmsKeyId", "customer-managed KMS keys");
      }
      if (call.nonEmpty(p + "Ebs.Throughput") != null) {
        throw unsupported(p + "Ebs.Throughput", "gp3 throughput other than the default");
      }
      if (call.nonEmpty(p + "Ebs.OutpostArn") != null) {
        throw unsupported(p + "Ebs.OutpostArn", "Outposts");
      }
      boolean noDevice = call.get(p + "NoDevice") != null;
      String virtual = call.nonEmpty(p + "VirtualName");
      if (virtual != null && !noDevice) {
        continue; // instance store: EC2 ignores it on types without any, as every emulated type is
      }
      s.devices.add(
          new Device(
              name,
              call.integer(p + "Ebs.VolumeSize", 1, 65536),
              call.oneOf(
                  p + "Ebs.VolumeType",
                  null,
                  Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1")),
              call.integer(p + "Ebs.Iops", 100, 256_000),
              call.bool(p + "Ebs.DeleteOnTermination"),
              call.flag(p + "Ebs.Encrypted"),
              call.nonEmpty(p + "Ebs.SnapshotId"),
              noDevice));
    }
  }
}
