package dev.ec2kit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The manual's keywords of {@code run-instances}, and today's additions. Everything is optional;
 * {@link #defaults()} runs {@value #DEFAULT_INSTANCE_TYPE} instances with the identity's key pair.
 * With a launch template, what the template holds is the default instead, and what is set here wins
 * over it.
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
  private final String launchTemplate;
  private final String launchTemplateVersion;
  private final List<NetworkInterfaceSpec> networkInterfaces;

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
    launchTemplate = b.launchTemplate;
    launchTemplateVersion = b.launchTemplateVersion;
    networkInterfaces = List.copyOf(b.networkInterfaces);
  }

  /**
   * The defaults: {@value #DEFAULT_INSTANCE_TYPE}, the identity's key pair, EC2's defaults for the
   * rest, no waiting.
   *
   * @return the options
   */
  public static RunOptions defaults() {
    return builder().build();
  }

  /**
   * Starts options from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The instance type to launch.
   *
   * @return such as {@code t3.micro}: {@value #DEFAULT_INSTANCE_TYPE} unless set; {@code null} when
   *     unset with a launch template, whose type then counts
   */
  public String instanceType() {
    return instanceType != null || launchTemplate != null ? instanceType : DEFAULT_INSTANCE_TYPE;
  }

  /**
   * The launch template to launch from, by id ({@code lt-...}) or name.
   *
   * @return the template, or {@code null} for none
   */
  public String launchTemplate() {
    return launchTemplate;
  }

  /**
   * The launch template's version to launch from.
   *
   * @return a number, {@code $Latest} or {@code $Default}; or {@code null} for the template's
   *     default (or no template)
   */
  public String launchTemplateVersion() {
    return launchTemplateVersion;
  }

  /**
   * The network interfaces to launch with, by device index.
   *
   * @return the interfaces; empty for EC2's one primary interface in the subnet
   */
  public List<NetworkInterfaceSpec> networkInterfaces() {
    return networkInterfaces;
  }

  /**
   * The kernel image to launch with.
   *
   * @return its id ({@code aki-...}), or {@code null} for the image's own
   */
  public String kernelId() {
    return kernelId;
  }

  /**
   * The ramdisk image to launch with.
   *
   * @return its id ({@code ari-...}), or {@code null} for the image's own
   */
  public String ramdiskId() {
    return ramdiskId;
  }

  /**
   * The zone to launch in.
   *
   * @return such as {@code us-east-1c}, or {@code null} to let EC2 choose
   */
  public String availabilityZone() {
    return availabilityZone;
  }

  /**
   * The key pair to launch with.
   *
   * @return its name, or {@code null} for the identity's key pair name, if any
   */
  public String keyName() {
    return keyName;
  }

  /**
   * The security groups to launch in, by name.
   *
   * @return the names, unmodifiable; empty for the default group (unless ids are given)
   */
  public List<String> securityGroups() {
    return securityGroups;
  }

  /**
   * The security groups to launch in, by id.
   *
   * @return the ids ({@code sg-...}), unmodifiable
   */
  public List<String> securityGroupIds() {
    return securityGroupIds;
  }

  /**
   * The subnet to launch in.
   *
   * @return its id ({@code subnet-...}), or {@code null} for the default VPC's
   */
  public String subnetId() {
    return subnetId;
  }

  /**
   * The user data, as text.
   *
   * @return the text (base64-encoded on the wire), or {@code null} for none
   */
  public String userData() {
    return userData;
  }

  /**
   * The tags each launched instance gets.
   *
   * @return key to value, unmodifiable
   */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * The launch's idempotency token.
   *
   * @return the token given, or {@code null}: one is then made for this launch
   */
  public String clientToken() {
    return clientToken;
  }

  /**
   * Whether {@link Instances#run(String, int, int, RunOptions)} returns only once every launched
   * instance is running.
   *
   * @return {@code true} to wait
   */
  public boolean waitUntilRunning() {
    return waitUntilRunning;
  }

  /**
   * How to wait when {@link #waitUntilRunning()}.
   *
   * @return the options, {@link WaitOptions#defaults()} unless set
   */
  public WaitOptions waitOptions() {
    return waitOptions;
  }

  /**
   * Where progress goes (the manual's {@code :verbose t}): a line per launched instance, and the
   * wait's lines unless {@link #waitOptions()} has its own.
   *
   * @return the consumer, or {@code null} for silence
   */
  public Consumer<String> verbose() {
    return verbose;
  }

  /** Builds {@link RunOptions}; each setter checks its value. */
  public static final class Builder {
    private String instanceType;
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
    private String launchTemplate;
    private String launchTemplateVersion;
    private final List<NetworkInterfaceSpec> networkInterfaces = new ArrayList<>();

    private Builder() {}

    /**
     * The instance type ({@value #DEFAULT_INSTANCE_TYPE} unless set, or the launch template's); not
     * checked against EC2's list.
     *
     * @param value such as {@code t3.small}
     * @return this builder
     * @throws IllegalArgumentException when it is null or blank
     */
    public Builder instanceType(String value) {
      this.instanceType = nonBlank("instanceType", value);
      return this;
    }

    /**
     * The kernel image to launch with.
     *
     * @param value an id starting with {@code aki-}
     * @return this builder
     * @throws IllegalArgumentException when it is blank or does not start with {@code aki-}
     */
    public Builder kernelId(String value) {
      this.kernelId = prefixed("kernelId", value, "aki-");
      return this;
    }

    /**
     * The ramdisk image to launch with.
     *
     * @param value an id starting with {@code ari-}
     * @return this builder
     * @throws IllegalArgumentException when it is blank or does not start with {@code ari-}
     */
    public Builder ramdiskId(String value) {
      this.ramdiskId = prefixed("ramdiskId", value, "ari-");
      return this;
    }

    /**
     * The zone to launch in.
     *
     * @param value such as {@code us-east-1c}
     * @return this builder
     * @throws IllegalArgumentException when it is null or blank
     */
    public Builder availabilityZone(String value) {
      this.availabilityZone = nonBlank("availabilityZone", value);
      return this;
    }

    /**
     * The key pair to launch with, instead of the identity's.
     *
     * @param value the key pair's name
     * @return this builder
     * @throws IllegalArgumentException when it is null or blank
     */
    public Builder keyName(String value) {
      this.keyName = nonBlank("keyName", value);
      return this;
    }

    /**
     * Adds a security group by name (the default VPC's or EC2-Classic's).
     *
     * @param name the group's name
     * @return this builder
     * @throws IllegalArgumentException when it is null or blank
     */
    public Builder securityGroup(String name) {
      securityGroups.add(nonBlank("securityGroup", name));
      return this;
    }

    /**
     * Adds a security group by id.
     *
     * @param id an id starting with {@code sg-}
     * @return this builder
     * @throws IllegalArgumentException when it is blank or does not start with {@code sg-}
     */
    public Builder securityGroupId(String id) {
      securityGroupIds.add(prefixed("securityGroupId", id, "sg-"));
      return this;
    }

    /**
     * The subnet to launch in.
     *
     * @param value an id starting with {@code subnet-}
     * @return this builder
     * @throws IllegalArgumentException when it is blank or does not start with {@code subnet-}
     */
    public Builder subnetId(String value) {
      this.subnetId = prefixed("subnetId", value, "subnet-");
      return this;
    }

    /**
     * The user data as text; it is base64-encoded on the wire.
     *
     * @param value at most 16 KB in UTF-8, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException when it is longer
     */
    public Builder userData(String value) {
      if (value != null
          && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 16 * 1024) {
        throw new IllegalArgumentException(
            "userData is over EC2's 16 KB limit: pass a script that fetches the rest");
      }
      this.userData = value;
      return this;
    }

    /**
     * Adds a tag on each launched instance, set at launch; a key given again takes the new value.
     *
     * @param key the key, 1 to 128 characters
     * @param value the value, at most 256 characters; {@code null} is an empty value
     * @return this builder
     * @throws IllegalArgumentException when the key is blank or either is too long
     */
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
     * A token of your own for this launch; reuse it to retry safely, since EC2 answers a launch
     * with a token it has seen with that launch's instances.
     *
     * @param value 1 to 64 printable ASCII characters, no spaces
     * @return this builder
     * @throws IllegalArgumentException when it is not
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

    /**
     * Return only when every launched instance is running (the manual's {@code :wait t}).
     *
     * @return this builder
     */
    public Builder waitUntilRunning() {
      this.waitUntilRunning = true;
      return this;
    }

    /**
     * How to wait when {@link #waitUntilRunning()}.
     *
     * @param value the options ({@link WaitOptions#defaults()} unless set)
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder waitOptions(WaitOptions value) {
      this.waitOptions = java.util.Objects.requireNonNull(value, "waitOptions");
      return this;
    }

    /**
     * Report progress to this consumer (the manual's {@code :verbose t}).
     *
     * @param value where the lines go, such as {@code System.out::println}, or {@code null}
     * @return this builder
     */
    public Builder verbose(Consumer<String> value) {
      this.verbose = value;
      return this;
    }

    /**
     * Launches from a launch template's version: its settings are the defaults, those set here win
     * (EC2's LaunchTemplate). The image may then come from the template ({@link Instances#run(int,
     * int, RunOptions)}).
     *
     * @param template the template's id ({@code lt-...}) or name
     * @param version a number, {@code $Latest} or {@code $Default}; or {@code null} for the
     *     template's default
     * @return this builder
     * @throws IllegalArgumentException when the template or the version is malformed
     */
    public Builder launchTemplate(String template, String version) {
      this.launchTemplate = LaunchTemplates.checkTemplate("launchTemplate", template);
      this.launchTemplateVersion =
          version == null ? null : LaunchTemplates.checkVersion("launchTemplate version", version);
      return this;
    }

    /**
     * Adds a network interface; with any, the subnet and groups are the interfaces' own, not {@link
     * #subnetId} and {@link #securityGroupId}.
     *
     * @param value the interface, such as {@code NetworkInterfaceSpec.device(0).subnet(id)}
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder networkInterface(NetworkInterfaceSpec value) {
      networkInterfaces.add(java.util.Objects.requireNonNull(value, "networkInterface"));
      return this;
    }

    /**
     * Builds the options, checking what EC2 refuses in combination.
     *
     * @return the options
     * @throws IllegalArgumentException when network interfaces are given with a subnet or security
     *     groups of the instance's own, two interfaces share a device index, or a public address is
     *     asked for with more than one interface
     */
    public RunOptions build() {
      if (!networkInterfaces.isEmpty()) {
        if (subnetId != null || !securityGroups.isEmpty() || !securityGroupIds.isEmpty()) {
          throw new IllegalArgumentException(
              "networkInterface: with network interfaces, give the subnet and security groups on"
                  + " the interfaces (NetworkInterfaceSpec.subnet, .groups), not on the instance");
        }
        java.util.Set<Integer> indexes = new java.util.HashSet<>();
        for (NetworkInterfaceSpec n : networkInterfaces) {
          if (!indexes.add(n.deviceIndex())) {
            throw new IllegalArgumentException(
                "networkInterface: two interfaces at device index " + n.deviceIndex());
          }
        }
        if (networkInterfaces.size() > 1
            && networkInterfaces.stream().anyMatch(n -> n.associatePublicIp() != null)) {
          throw new IllegalArgumentException(
              "networkInterface: EC2 associates a public address only when launching with one"
                  + " interface; associate an Elastic IP after the launch instead");
        }
      }
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
