package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A launch template of an account in a region: its numbered versions, each with the launch data as
 * given on the wire ({@code LaunchTemplateData.} stripped: {@code ImageId}, {@code
 * BlockDeviceMapping.1.Ebs.VolumeSize}, ...), and which version is the default. It keeps EC2's
 * rules: numbers grow from 1 and are never reused, the default version cannot be deleted.
 */
final class LaunchTemplateRecord implements java.io.Serializable {
  /** One version of the template. */
  record Version(
      long number, String description, Map<String, String> data, Instant created, String createdBy)
      implements java.io.Serializable {}

  /** What deleting one version came to: deleted, or EC2's error code and message for it. */
  record Deletion(String version, Long number, String code, String message)
      implements java.io.Serializable {
    boolean deleted() {
      return code == null;
    }
  }

  /** EC2's limit of versions per launch template. */
  static final int MAX_VERSIONS = 10_000;

  final String id;
  final String name;
  final Instant created;
  final String createdBy;
  final Map<String, String> tags;

  /** CreateLaunchTemplate's client token and the call's other parameters, for idempotency. */
  String clientToken;

  Map<String, String> clientParams = Map.of();

  /** CreateLaunchTemplateVersion's client tokens and the version each made. */
  final Map<String, Long> versionTokens = new LinkedHashMap<>();

  private final TreeMap<Long, Version> versions = new TreeMap<>();
  private long defaultVersion = 1;
  private long lastNumber = 0;

  LaunchTemplateRecord(
      String id, String name, Instant created, String createdBy, Map<String, String> tags) {
    this.id = id;
    this.name = name;
    this.created = created;
    this.createdBy = createdBy;
    this.tags = tags;
  }

  long defaultVersion() {
    return defaultVersion;
  }

  /** The highest version number kept (numbers of deleted versions are not given again). */
  long latestVersion() {
    return versions.lastKey();
  }

  List<Version> versions() {
    return new ArrayList<>(versions.values());
  }

  boolean isDefault(Version v) {
    return v.number() == defaultVersion;
  }

  /**
   * Adds the next version: {@code data} alone, or over {@code source}'s data, where a top-level
   * setting given (an image, the whole block device mapping list) replaces the source's, as EC2
   * does.
   */
  Version addVersion(
      String description, Version source, Map<String, String> data, Instant now, String createdBy) {
    if (versions.size() >= MAX_VERSIONS) {
      throw Ec2Error.badRequest(
          "VersionLimitExceeded",
          "Launch template " + id + " has reached its limit of " + MAX_VERSIONS + " versions.");
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (source != null) {
      java.util.Set<String> given = new java.util.HashSet<>();
      data.keySet().forEach(k -> given.add(top(k)));
      source
          .data()
          .forEach(
              (k, v) -> {
                if (!given.contains(top(k))) {
                  merged.put(k, v);
                }
              });
    }
    merged.putAll(data);
    Version v = new Version(++lastNumber, description, Map.copyOf(merged), now, createdBy);
    versions.put(v.number(), v);
    return v;
  }

  /** The top-level setting a data key belongs to: {@code BlockDeviceMapping} of its entries. */
  static String top(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }

  /** RunInstances' names of the data's settings where the two differ. */
  private static final Map<String, String> RUN_NAMES = Map.of("RamDiskId", "RamdiskId");

  /** The resource types a template's TagSpecifications tag at RunInstances. */
  private static final java.util.Set<String> LAUNCH_TAGGED =
      java.util.Set.of("instance", "volume", "network-interface");

  /**
   * RunInstances' {@code params} over {@code v}'s data as defaults, as EC2 merges them: a top-level
   * setting the call gives replaces the data's whole setting (all of its block device mappings, all
   * of its security groups), and the data's TagSpecifications for the launched resources come
   * before the call's, so that the call's value of a key wins.
   */
  static Map<String, String> launchParams(Version v, Map<String, String> params) {
    java.util.Set<String> given = new java.util.HashSet<>();
    params.keySet().forEach(k -> given.add(top(k)));
    Map<String, String> out = new LinkedHashMap<>();
    java.util.Set<String> taggedSpecs = new java.util.HashSet<>();
    int lastSpec = 0;
    for (Map.Entry<String, String> e : v.data().entrySet()) {
      String key = e.getKey();
      if (key.matches("TagSpecification\\.[0-9]+\\.ResourceType")
          && LAUNCH_TAGGED.contains(e.getValue())) {
        String index = key.split("\\.")[1];
        taggedSpecs.add(index);
        lastSpec = Math.max(lastSpec, Integer.parseInt(index));
      }
    }
    for (Map.Entry<String, String> e : v.data().entrySet()) {
      String key = e.getKey();
      String top = top(key);
      if (top.equals("TagSpecification")) {
        if (taggedSpecs.contains(key.split("\\.")[1])) {
          out.put(key, e.getValue());
        }
      } else if (top.equals("InstanceRequirements")) {
        throw Ec2Error.badRequest(
            "Unsupported",
            "The launch template's InstanceRequirements are not supported by this emulator"
                + " (attribute-based instance type selection).");
      } else {
        String run = RUN_NAMES.getOrDefault(top, top) + key.substring(top.length());
        if (!given.contains(top(run))) {
          out.put(run, e.getValue());
        }
      }
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey();
      if (top(key).equals("TagSpecification") && lastSpec > 0) {
        String[] parts = key.split("\\.", 3);
        String rest = parts.length > 2 ? "." + parts[2] : "";
        Long n = number(parts.length > 1 ? parts[1] : "");
        out.put(n == null ? key : "TagSpecification." + (n + lastSpec) + rest, e.getValue());
      } else {
        out.put(key, e.getValue());
      }
    }
    return out;
  }

  /** The version {@code spec} names: a number, {@code $Latest} or {@code $Default}. */
  Version resolve(String spec) {
    if (spec == null || spec.equals("$Default")) {
      return versions.get(defaultVersion);
    }
    if (spec.equals("$Latest")) {
      return versions.lastEntry().getValue();
    }
    Long n = number(spec);
    Version v = n == null ? null : versions.get(n);
    if (v == null) {
      throw versionNotFound(spec);
    }
    return v;
  }

  Ec2Error versionNotFound(String spec) {
    return Ec2Error.badRequest(
        "InvalidLaunchTemplateId.VersionNotFound",
        "Could not find launch template version " + spec + " for launch template " + id + ".");
  }

  /** A version number as the wire gives it, or null when it is not one. */
  static Long number(String spec) {
    if (spec == null || !spec.matches("[0-9]{1,18}")) {
      return null;
    }
    return Long.parseLong(spec);
  }

  /** Makes the version {@code spec} names the default. */
  void setDefault(String spec) {
    defaultVersion = resolve(spec).number();
  }

  /**
   * Deletes each named version it can, as EC2 does: one that does not exist or is the default is
   * refused alone, the others go.
   */
  List<Deletion> deleteVersions(List<String> specs) {
    List<Deletion> out = new ArrayList<>();
    for (String spec : specs) {
      Long n = number(spec);
      if (n == null || !versions.containsKey(n)) {
        out.add(
            new Deletion(
                spec,
                n,
                "launchTemplateVersionDoesNotExist",
                "Could not find launch template version " + spec + "."));
      } else if (n == defaultVersion) {
        out.add(
            new Deletion(
                spec,
                n,
                "unexpectedError",
                "Cannot delete the default version of a launch template. To delete this version,"
                    + " first change the default version or delete the launch template."));
      } else {
        versions.remove(n);
        out.add(new Deletion(spec, n, null, null));
      }
    }
    return out;
  }
}
