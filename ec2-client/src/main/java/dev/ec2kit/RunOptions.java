package dev.ec2kit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The manual's keywords of {@code run-instances}, and today's additions. Everything is optional;
 * {@link #defaults()} runs {@value #DEFAULT_INSTANCE_TYPE} instances with the identity's key pair.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.builder()
 *     .instanceType("t3.small").availabilityZone("us-east-1c")
 *     .tag("Name", "web").userData("#!/bin/sh\necho hi\n")
 *     .waitUntilRunning().verbose(System.out::println)
 *     .build();
 * }</pre>
 */
public final class RunOptions {
  /**
   * The instance type when none is given: a small current-generation type available in every region
   * (the manual's m1.large no longer exists).
   */
  public static final String DEFAULT_INSTANCE_TYPE = "t3.micro";

  private final String instanceType;
  private final String kernelId;
  private final String ramdiskId;
  private final String availabilityZone;
  private final String keyName;
  private final List<String> securityGroups;
  private final List<String> securityGroupIds;
  private final String subnetId;
  private final String userData;
  private final Map<String, String> tags;
  private final String clientToken;
  private final boolean waitUntilRunning;
  private final WaitOptions waitOptions;
  private final Consumer<String> verbose;

  private RunOptions(Builder b) {
    instanceType = b.instanceType;
    kernelId = b.kernelId;
    ramdiskId = b.ramdiskId;
    availabilityZone = b.availabilityZone;
    keyName = b.keyName;
    securityGroups = List.copyOf(b.securityGroups);
    securityGroupIds = List.copyOf(b.securityGroupIds);
    subnetId = b.subnetId;
    userData = b.userData;
    tags = Map.copyOf(b.tags);
    clientToken = b.clientToken;
    waitUntilRunning = b.waitUntilRunning;
    waitOptions = b.waitOptions;
    verbose = b.verbose;
  }

  public static RunOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String instanceType() {
    return instanceType;
  }

  public String kernelId() {
    return kernelId;
  }

  public String ramdiskId() {
    return ramdiskId;
  }

  public String availabilityZone() {
    return availabilityZone;
  }

  /** The key pair to launch with; {@code null} means the identity's key pair name, if any. */
  public String keyName() {
    return keyName;
  }

  public List<String> securityGroups() {
    return securityGroups;
  }

  public List<String> securityGroupIds() {
    return securityGroupIds;
  }

  public String subnetId() {
    return subnetId;
  }

  public String userData() {
    return userData;
  }

  public Map<String, String> tags() {
    return tags;
  }

  /** The launch's idempotency token; {@code null} means one is made for this launch. */
  public String clientToken() {
    return clientToken;
  }

  public boolean waitUntilRunning() {
    return waitUntilRunning;
  }

  public WaitOptions waitOptions() {
    return waitOptions;
  }

  /** Where progress goes (the manual's {@code :verbose t}), or {@code null}. */
  public Consumer<String> verbose() {
    return verbose;
  }

  /** Builds {@link RunOptions}; each setter checks its value. */
  public static final class Builder {
    private String instanceType = DEFAULT_INSTANCE_TYPE;
    private String kernelId;
    private String ramdiskId;
    private String availabilityZone;
    private String keyName;
    private final List<String> securityGroups = new ArrayList<>();
    private final List<String> securityGroupIds = new ArrayList<>();
    private String subnetId;
    private String userData;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String clientToken;
    private boolean waitUntilRunning;
    private WaitOptions waitOptions = WaitOptions.defaults();
    private Consumer<String> verbose;

    private Builder() {}

    public Builder instanceType(String value) {
      this.instanceType = nonBlank("instanceType", value);
      return this;
    }

    public Builder kernelId(String value) {
      this.kernelId = prefixed("kernelId", value, "aki-");
      return this;
    }

    public Builder ramdiskId(String value) {
      this.ramdiskId = prefixed("ramdiskId", value, "ari-");
      return this;
    }

    public Builder availabilityZone(String value) {
      this.availabilityZone = nonBlank("availabilityZone", value);
      return this;
    }

    public Builder keyName(String value) {
      this.keyName = nonBlank("keyName", value);
      return this;
    }

    /** Security groups by name (the default VPC's or EC2-Classic's). */
    public Builder securityGroup(String name) {
      securityGroups.add(nonBlank("securityGroup", name));
      return this;
    }

    public Builder securityGroupId(String id) {
      securityGroupIds.add(prefixed("securityGroupId", id, "sg-"));
      return this;
    }

    public Builder subnetId(String value) {
      this.subnetId = prefixed("subnetId", value, "subnet-");
      return this;
    }

    /** The user data as text; it is base64-encoded on the wire. At most 16 KB. */
    public Builder userData(String value) {
      if (value != null
          && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 16 * 1024) {
        throw new IllegalArgumentException(
            "userData is over EC2's 16 KB limit: pass a script that fetches the rest");
      }
      this.userData = value;
      return this;
    }

    /** A tag on each launched instance. */
    public Builder tag(String key, String value) {
      nonBlank("tag key", key);
      if (key.length() > 128 || (value != null && value.length() > 256)) {
        throw new IllegalArgumentException(
            "tag '" + key + "' is too long: keys take 128 characters, values 256");
      }
      tags.put(key, value == null ? "" : value);
      return this;
    }

    /**
     * A token of your own for this launch (at most 64 ASCII characters); reuse it to retry safely.
     */
    public Builder clientToken(String value) {
      if (value == null
          || value.isEmpty()
          || value.length() > 64
          || !value.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new IllegalArgumentException(
            "clientToken must be 1 to 64 printable ASCII characters");
      }
      this.clientToken = value;
      return this;
    }

    /** Return only when every launched instance is running (the manual's {@code :wait t}). */
    public Builder waitUntilRunning() {
      this.waitUntilRunning = true;
      return this;
    }

    /** How to wait when {@link #waitUntilRunning()}. */
    public Builder waitOptions(WaitOptions value) {
      this.waitOptions = java.util.Objects.requireNonNull(value, "waitOptions");
      return this;
    }

    /** Report progress to this consumer (the manual's {@code :verbose t}). */
    public Builder verbose(Consumer<String> value) {
      this.verbose = value;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(this);
    }

    private static String nonBlank(String name, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }

    private static String prefixed(String name, String value, String prefix) {
      nonBlank(name, value);
      if (!value.startsWith(prefix)) {
        throw new IllegalArgumentException(name + " '" + value + "' must start with " + prefix);
      }
      return value;
    }
  }
}
