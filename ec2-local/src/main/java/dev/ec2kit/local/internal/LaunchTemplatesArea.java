package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CreateLaunchTemplate, CreateLaunchTemplateVersion, DescribeLaunchTemplates,
 * DescribeLaunchTemplateVersions, ModifyLaunchTemplate, DeleteLaunchTemplate,
 * DeleteLaunchTemplateVersions. A version's data is kept as given on the wire and written back
 * under the answer's element names ({@code BlockDeviceMapping.1.Ebs.VolumeSize} as {@code
 * blockDeviceMappingSet/item/ebs/volumeSize}).
 */
public final class LaunchTemplatesArea {
  private static final String DATA = "LaunchTemplateData.";

  /** The settings a launch template's data takes (botocore's RequestLaunchTemplateData). */
  private static final Set<String> SETTINGS =
      Set.of(
          "KernelId",
          "EbsOptimized",
          "IamInstanceProfile",
          "BlockDeviceMapping",
          "NetworkInterface",
          "ImageId",
          "InstanceType",
          "KeyName",
          "Monitoring",
          "Placement",
          "RamDiskId",
          "DisableApiTermination",
          "InstanceInitiatedShutdownBehavior",
          "UserData",
          "TagSpecification",
          "ElasticGpuSpecification",
          "ElasticInferenceAccelerator",
          "SecurityGroupId",
          "SecurityGroup",
          "InstanceMarketOptions",
          "CreditSpecification",
          "CpuOptions",
          "CapacityReservationSpecification",
          "LicenseSpecification",
          "HibernationOptions",
          "MetadataOptions",
          "EnclaveOptions",
          "InstanceRequirements",
          "PrivateDnsNameOptions",
          "MaintenanceOptions",
          "DisableApiStop",
          "Operator",
          "NetworkPerformanceOptions",
          "SecondaryInterface");

  /**
   * The answer's list elements (and their item elements) whose names are not the wire name's with
   * {@code Set} appended and {@code item} inside.
   */
  private static final Map<String, List<String>> LISTS =
      Map.of(
          "NetworkInterface/SecurityGroupId", List.of("groupSet", "groupId"),
          "LicenseSpecification", List.of("licenseSet", "item"),
          "SecondaryInterface/PrivateIpAddress", List.of("privateIpAddressesSet", "item"));

  /** A version with its template, as DescribeLaunchTemplateVersions filters and lists them. */
  private record Listed(LaunchTemplateRecord template, LaunchTemplateRecord.Version version) {
    String data(String key) {
      return version.data().get(key);
    }
  }

  private static final Filters<LaunchTemplateRecord> TEMPLATE_FILTERS =
      new Filters<LaunchTemplateRecord>(
              Map.of(
                  "launch-template-name", t -> List.of(t.name),
                  "create-time", t -> List.of(Xml.time(t.created))))
          .withTags(t -> t.tags);

  private static final Filters<Listed> VERSION_FILTERS =
      new Filters<Listed>(
          Map.ofEntries(
              Map.entry("create-time", l -> List.of(Xml.time(l.version().created()))),
              Map.entry("ebs-optimized", data("EbsOptimized")),
              Map.entry("http-endpoint", data("MetadataOptions.HttpEndpoint")),
              Map.entry("http-protocol-ipv4", data("MetadataOptions.HttpProtocolIpv4")),
              Map.entry("host-resource-group-arn", data("Placement.HostResourceGroupArn")),
              Map.entry("http-tokens", data("MetadataOptions.HttpTokens")),
              Map.entry("iam-instance-profile", data("IamInstanceProfile.Arn")),
              Map.entry("image-id", data("ImageId")),
              Map.entry("instance-type", data("InstanceType")),
              Map.entry(
                  "is-default-version",
                  l -> List.of(Boolean.toString(l.template().isDefault(l.version())))),
              Map.entry("kernel-id", data("KernelId")),
              Map.entry(
                  "license-configuration-arn",
                  data("LicenseSpecification.1.LicenseConfigurationArn")),
              Map.entry("network-card-index", data("NetworkInterface.1.NetworkCardIndex")),
              Map.entry("ram-disk-id", data("RamDiskId"))));

  private static Function<Listed, List<String>> data(String key) {
    return l -> l.data(key) == null ? List.of() : List.of(l.data(key));
  }

  private final World world;

  public LaunchTemplatesArea(World world) {
    this.world = world;
  }

  public void register(ActionTable table) {
    table.write("CreateLaunchTemplate", this::createLaunchTemplate);
    table.write("CreateLaunchTemplateVersion", this::createLaunchTemplateVersion);
    table.read("DescribeLaunchTemplates", this::describeLaunchTemplates);
    table.read("DescribeLaunchTemplateVersions", this::describeLaunchTemplateVersions);
    table.write("ModifyLaunchTemplate", this::modifyLaunchTemplate);
    table.write("DeleteLaunchTemplate", this::deleteLaunchTemplate);
    table.write("DeleteLaunchTemplateVersions", this::deleteLaunchTemplateVersions);
  }

  // ---- reading the call ----

  private static String checkName(String name) {
    if (!name.matches("[A-Za-z0-9().\\-/_]{3,128}")) {
      throw Ec2Error.badRequest(
          "InvalidLaunchTemplateName.MalformedException",
          "A launch template name must be between 3 and 128 characters, and may contain letters,"
              + " numbers, and the following characters: - ( ) . / _.'");
    }
    return name;
  }

  /** The call's launch template data, as on the wire without its prefix. */
  static Map<String, String> data(Call call) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : call.withPrefix(DATA).entrySet()) {
      if (e.getKey().startsWith(DATA)) {
        String key = e.getKey().substring(DATA.length());
        if (!SETTINGS.contains(LaunchTemplateRecord.top(key))) {
          throw Ec2Error.badRequest(
              "UnknownParameter", "The parameter " + e.getKey() + " is not recognized");
        }
        out.put(key, e.getValue());
      }
    }
    return out;
  }

  private static String createdBy(Call call) {
    return "arn:aws:iam::" + call.accountId() + ":root";
  }

  /** The template the call names by LaunchTemplateId or LaunchTemplateName, as EC2 finds it. */
  static LaunchTemplateRecord find(RegionState state, String id, String name) {
    if (id != null && name != null) {
      throw Ec2Error.badRequest(
          "InvalidParameterCombination",
          "The parameters LaunchTemplateId and LaunchTemplateName cannot be used together.");
    }
    if (id != null) {
      if (!ResourceIds.wellFormed(id, "lt-")) {
        throw Ec2Error.badRequest(
            "InvalidLaunchTemplateId.Malformed",
            "The specified ID for the launch template (" + id + ") is malformed.");
      }
      LaunchTemplateRecord t = state.launchTemplates.get(id);
      if (t == null) {
        throw Ec2Error.badRequest(
            "InvalidLaunchTemplateId.NotFound",
            "The specified launch template, with template ID " + id + ", does not exist.");
      }
      return t;
    }
    if (name != null) {
      LaunchTemplateRecord t = byName(state, name);
      if (t == null) {
        throw Ec2Error.badRequest(
            "InvalidLaunchTemplateName.NotFoundException",
            "The specified launch template, with template name " + name + ", does not exist.");
      }
      return t;
    }
    throw Ec2Error.missingParameter("LaunchTemplateId or LaunchTemplateName");
  }

  /**
   * RunInstances' call over its LaunchTemplate's version (see {@link
   * LaunchTemplateRecord#launchParams}), naming the template by its id and the version by its
   * number, with which {@link LaunchSettings} tags the instances; the call itself when it names no
   * template.
   */
  static Call forLaunch(Call call, RegionState state) {
    String p = "LaunchTemplate.";
    boolean named = false;
    for (String k : call.names()) {
      if (k.startsWith(p)) {
        named = true;
        if (!Set.of("LaunchTemplateId", "LaunchTemplateName", "Version")
            .contains(k.substring(p.length()))) {
          throw Ec2Error.badRequest(
              "UnknownParameter", "The parameter " + k + " is not recognized");
        }
      }
    }
    if (!named) {
      return call;
    }
    String id = call.nonEmpty(p + "LaunchTemplateId");
    String name = call.nonEmpty(p + "LaunchTemplateName");
    if (id == null && name == null) {
      throw Ec2Error.missingParameter(p + "LaunchTemplateId or " + p + "LaunchTemplateName");
    }
    LaunchTemplateRecord t = find(state, id, name);
    LaunchTemplateRecord.Version v = t.resolve(call.nonEmpty(p + "Version"));
    Map<String, String> params = LaunchTemplateRecord.launchParams(v, call.params());
    params.keySet().removeIf(k -> k.startsWith(p));
    params.put(p + "LaunchTemplateId", t.id);
    params.put(p + "Version", Long.toString(v.number()));
    Parameters.check(call.action(), params);
    return call.withParams(params);
  }

  private static LaunchTemplateRecord find(Call call, RegionState state) {
    return find(state, call.nonEmpty("LaunchTemplateId"), call.nonEmpty("LaunchTemplateName"));
  }

  private static LaunchTemplateRecord byName(RegionState state, String name) {
    for (LaunchTemplateRecord t : state.launchTemplates.values()) {
      if (t.name.equals(name)) {
        return t;
      }
    }
    return null;
  }

  // ---- handlers ----

  private String createLaunchTemplate(Call call) {
    RegionState state = world.state(call);
    String name = checkName(call.required("LaunchTemplateName"));
    Map<String, String> data = data(call);
    if (data.isEmpty()) {
      throw Ec2Error.missingParameter("LaunchTemplateData");
    }
    Map<String, String> tags =
        TagsArea.specified(call, "launch-template", List.of("launch-template"));
    String token = call.nonEmpty("ClientToken");
    if (token != null) {
      for (LaunchTemplateRecord t : state.launchTemplates.values()) {
        if (token.equals(t.clientToken)) {
          if (!call.repeats(t.clientParams)) {
            throw Ec2Error.badRequest(
                "IdempotentParameterMismatch",
                "Client token " + token + " was used before with other parameters.");
          }
          return templateAnswer(call, t);
        }
      }
    }
    if (byName(state, name) != null) {
      throw Ec2Error.badRequest(
          "InvalidLaunchTemplateName.AlreadyExistsException",
          "Launch template name already in use.");
    }
    call.checkDryRun();
    LaunchTemplateRecord t =
        new LaunchTemplateRecord(ResourceIds.next("lt-"), name, call.now(), createdBy(call), tags);
    t.clientToken = token;
    t.clientParams = call.fingerprint();
    t.addVersion(call.get("VersionDescription"), null, data, call.now(), createdBy(call));
    state.launchTemplates.put(t.id, t);
    return templateAnswer(call, t);
  }

  private String createLaunchTemplateVersion(Call call) {
    RegionState state = world.state(call);
    LaunchTemplateRecord t = find(call, state);
    String token = call.nonEmpty("ClientToken");
    if (token != null && t.versionTokens.containsKey(token)) {
      for (LaunchTemplateRecord.Version v : t.versions()) {
        if (v.number() == t.versionTokens.get(token)) {
          return versionAnswer(call, t, v);
        }
      }
    }
    String source = call.nonEmpty("SourceVersion");
    LaunchTemplateRecord.Version from = source == null ? null : t.resolve(source);
    Map<String, String> data = data(call);
    if (data.isEmpty() && from == null) {
      throw Ec2Error.missingParameter("LaunchTemplateData");
    }
    call.checkDryRun();
    LaunchTemplateRecord.Version v =
        t.addVersion(call.get("VersionDescription"), from, data, call.now(), createdBy(call));
    if (token != null) {
      t.versionTokens.put(token, v.number());
    }
    return versionAnswer(call, t, v);
  }

  private String describeLaunchTemplates(Call call) {
    RegionState state = world.state(call);
    List<String> ids = call.list("LaunchTemplateId");
    List<String> names = call.list("LaunchTemplateName");
    List<LaunchTemplateRecord> result = new ArrayList<>();
    if (ids.isEmpty() && names.isEmpty()) {
      result.addAll(state.launchTemplates.values());
    }
    for (String id : ids) {
      result.add(find(state, id, null));
    }
    for (String name : names) {
      result.add(find(state, null, name));
    }
    Paging paging = Paging.of(call, false, "launchTemplateIds", 1, 200);
    Paging.Page<LaunchTemplateRecord> page =
        paging.page(TEMPLATE_FILTERS.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("launchTemplates");
    for (LaunchTemplateRecord t : page.items()) {
      writeTemplate(x.start("item"), t);
      x.end();
    }
    x.end().leaf("nextToken", page.nextToken());
    return x.finish();
  }

  private String describeLaunchTemplateVersions(Call call) {
    RegionState state = world.state(call);
    List<String> versions = call.list("LaunchTemplateVersion");
    String id = call.nonEmpty("LaunchTemplateId");
    String name = call.nonEmpty("LaunchTemplateName");
    List<Listed> result = new ArrayList<>();
    if (id == null && name == null) {
      if (versions.isEmpty()
          || !versions.stream().allMatch(v -> v.equals("$Latest") || v.equals("$Default"))) {
        throw Ec2Error.missingParameter("LaunchTemplateId or LaunchTemplateName");
      }
      for (LaunchTemplateRecord t : state.launchTemplates.values()) {
        for (String v : new java.util.LinkedHashSet<>(versions)) {
          result.add(new Listed(t, t.resolve(v)));
        }
      }
    } else {
      LaunchTemplateRecord t = find(state, id, name);
      Long min = bound(call, "MinVersion");
      Long max = bound(call, "MaxVersion");
      java.util.Set<Long> seen = new java.util.HashSet<>();
      if (versions.isEmpty()) {
        for (LaunchTemplateRecord.Version v : t.versions()) {
          if ((min == null || v.number() >= min) && (max == null || v.number() <= max)) {
            seen.add(v.number());
            result.add(new Listed(t, v));
          }
        }
      } else {
        for (String spec : versions) {
          LaunchTemplateRecord.Version v = t.resolve(spec);
          if (seen.add(v.number())) {
            result.add(new Listed(t, v));
          }
        }
      }
      result.sort(Comparator.comparingLong((Listed l) -> l.version().number()).reversed());
    }
    Paging paging = Paging.of(call, false, "launchTemplateVersions", 1, 200);
    Paging.Page<Listed> page = paging.page(VERSION_FILTERS.apply(call.filters(), result));
    Xml x = Xml.response(call.action(), call.requestId()).start("launchTemplateVersionSet");
    for (Listed l : page.items()) {
      writeVersion(x.start("item"), l.template(), l.version());
      x.end();
    }
    x.end().leaf("nextToken", page.nextToken());
    return x.finish();
  }

  private static Long bound(Call call, String name) {
    String v = call.nonEmpty(name);
    if (v == null) {
      return null;
    }
    Long n = LaunchTemplateRecord.number(v);
    if (n == null) {
      throw Ec2Error.invalidParameterValue(
          "Invalid value '" + v + "' for " + name + ". Expecting a version number.");
    }
    return n;
  }

  private String modifyLaunchTemplate(Call call) {
    RegionState state = world.state(call);
    LaunchTemplateRecord t = find(call, state);
    // a repeat sets the same default version again: the same answer, so the token needs no memory
    call.nonEmpty("ClientToken");
    String version = call.nonEmpty("SetDefaultVersion");
    if (version != null) {
      t.resolve(version);
    }
    call.checkDryRun();
    if (version != null) {
      t.setDefault(version);
    }
    return templateAnswer(call, t);
  }

  private String deleteLaunchTemplate(Call call) {
    RegionState state = world.state(call);
    LaunchTemplateRecord t = find(call, state);
    call.checkDryRun();
    state.launchTemplates.remove(t.id);
    return templateAnswer(call, t);
  }

  private String deleteLaunchTemplateVersions(Call call) {
    RegionState state = world.state(call);
    List<String> versions = call.list("LaunchTemplateVersion");
    if (versions.isEmpty()) {
      throw Ec2Error.missingParameter("LaunchTemplateVersion");
    }
    if (versions.size() > 200) {
      throw Ec2Error.invalidParameterValue(
          "You can delete up to 200 launch template versions in a single request.");
    }
    LaunchTemplateRecord t = find(call, state);
    call.checkDryRun();
    List<LaunchTemplateRecord.Deletion> done = t.deleteVersions(versions);
    Xml x =
        Xml.response(call.action(), call.requestId())
            .start("successfullyDeletedLaunchTemplateVersionSet");
    for (LaunchTemplateRecord.Deletion d : done) {
      if (d.deleted()) {
        x.start("item")
            .leaf("launchTemplateId", t.id)
            .leaf("launchTemplateName", t.name)
            .leaf("versionNumber", d.number())
            .end();
      }
    }
    x.end().start("unsuccessfullyDeletedLaunchTemplateVersionSet");
    for (LaunchTemplateRecord.Deletion d : done) {
      if (!d.deleted()) {
        x.start("item")
            .leaf("launchTemplateId", t.id)
            .leaf("launchTemplateName", t.name)
            .leaf("versionNumber", d.number())
            .start("responseError")
            .leaf("code", d.code())
            .leaf("message", d.message())
            .end()
            .end();
      }
    }
    return x.finish();
  }

  // ---- answers ----

  private static String templateAnswer(Call call, LaunchTemplateRecord t) {
    Xml x = Xml.response(call.action(), call.requestId()).start("launchTemplate");
    writeTemplate(x, t);
    return x.finish();
  }

  private static String versionAnswer(
      Call call, LaunchTemplateRecord t, LaunchTemplateRecord.Version v) {
    Xml x = Xml.response(call.action(), call.requestId()).start("launchTemplateVersion");
    writeVersion(x, t, v);
    return x.finish();
  }

  private static void writeTemplate(Xml x, LaunchTemplateRecord t) {
    x.leaf("launchTemplateId", t.id)
        .leaf("launchTemplateName", t.name)
        .leaf("createTime", Xml.time(t.created))
        .leaf("createdBy", t.createdBy)
        .leaf("defaultVersionNumber", t.defaultVersion())
        .leaf("latestVersionNumber", t.latestVersion());
    ImagesArea.writeTags(x, t.tags);
  }

  private static void writeVersion(Xml x, LaunchTemplateRecord t, LaunchTemplateRecord.Version v) {
    x.leaf("launchTemplateId", t.id)
        .leaf("launchTemplateName", t.name)
        .leaf("versionNumber", v.number())
        .leaf("versionDescription", v.description())
        .leaf("createTime", Xml.time(v.created()))
        .leaf("createdBy", v.createdBy())
        .leaf("defaultVersion", t.isDefault(v))
        .start("launchTemplateData");
    writeNode(x, "", tree(v.data()));
    x.end();
  }

  /** The flat data as a tree, list entries in index order. */
  private static Map<String, Object> tree(Map<String, String> data) {
    Map<String, Object> root = newNode();
    for (Map.Entry<String, String> e : data.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      Map<String, Object> node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        Object next = node.computeIfAbsent(parts[i], k -> newNode());
        if (!(next instanceof Map)) {
          throw Ec2Error.invalidParameterValue("Invalid value for " + DATA + e.getKey() + ".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) next;
        node = child;
      }
      if (node.putIfAbsent(parts[parts.length - 1], e.getValue()) != null) {
        throw Ec2Error.invalidParameterValue("Invalid value for " + DATA + e.getKey() + ".");
      }
    }
    return root;
  }

  private static Map<String, Object> newNode() {
    return new TreeMap<>(
        (a, b) -> {
          boolean na = isIndex(a);
          boolean nb = isIndex(b);
          if (na && nb) { // indexes are written plainly (the dispatcher refuses 01): by length
            return a.length() != b.length()
                ? Integer.compare(a.length(), b.length())
                : a.compareTo(b);
          }
          return na != nb ? (na ? -1 : 1) : a.compareTo(b);
        });
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String element(String wire) {
    return Character.toLowerCase(wire.charAt(0)) + wire.substring(1);
  }

  @SuppressWarnings("unchecked")
  private static void writeNode(Xml x, String path, Map<String, Object> node) {
    for (Map.Entry<String, Object> e : node.entrySet()) {
      String wire = e.getKey();
      String at = path.isEmpty() ? wire : path + "/" + wire;
      Object value = e.getValue();
      if (value instanceof Map<?, ?> m
          && !m.isEmpty()
          && m.keySet().stream().allMatch(k -> isIndex((String) k))) {
        List<String> names = LISTS.getOrDefault(at, List.of(element(wire) + "Set", "item"));
        x.start(names.get(0));
        for (Object item : m.values()) {
          if (item instanceof Map<?, ?> sub) {
            writeNode(x.start(names.get(1)), at, (Map<String, Object>) sub);
            x.end();
          } else {
            x.leaf(names.get(1), item);
          }
        }
        x.end();
      } else if (value instanceof Map<?, ?> m) {
        writeNode(x.start(element(wire)), at, (Map<String, Object>) m);
        x.end();
      } else {
        x.leaf(element(wire), value);
      }
    }
  }
}
