package dev.ec2kit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a launch template's version holds for the instances launched from it (EC2's
 * LaunchTemplateData): the image, instance type, key pair, security groups, user data, the tags
 * given at launch and the instance metadata options. Unset parts are {@code null} or empty; {@link
 * RunOptions} given at launch win over them.
 *
 * <pre>{@code
 * LaunchTemplateData web = LaunchTemplateData.builder()
 *     .imageId("ami-0123456789abcdef0").instanceType("t3.small").keyName("deploy")
 *     .securityGroupId("sg-0123456789abcdef0")
 *     .userData("#!/bin/sh\necho hi > /tmp/hi\n")
 *     .tags("instance", Map.of("Role", "web"))
 *     .metadataOptions(MetadataOptions.tokensRequired())
 *     .build();
 * }</pre>
 *
 * @param imageId the image ({@code ami-...}), or {@code null}
 * @param instanceType the instance type, such as {@code t3.small}, or {@code null}
 * @param keyName the key pair's name, or {@code null}
 * @param securityGroupIds security groups by id ({@code sg-...})
 * @param securityGroups security groups by name (the default VPC's)
 * @param userData the user data as text (base64 on the wire), or {@code null}
 * @param tagSpecifications the tags put on what a launch makes, by resource type
 * @param metadataOptions how the instances' metadata service answers, or {@code null}
 */
public record LaunchTemplateData(
    String imageId,
    String instanceType,
    String keyName,
    List<String> securityGroupIds,
    List<String> securityGroups,
    String userData,
    List<TagSpecification> tagSpecifications,
    MetadataOptions metadataOptions) {

  /**
   * Copies the lists.
   *
   * @param imageId the image, or {@code null}
   * @param instanceType the instance type, or {@code null}
   * @param keyName the key pair's name, or {@code null}
   * @param securityGroupIds security groups by id
   * @param securityGroups security groups by name
   * @param userData the user data, or {@code null}
   * @param tagSpecifications the tags by resource type
   * @param metadataOptions the metadata options, or {@code null}
   * @throws NullPointerException when a list is or holds null
   */
  public LaunchTemplateData {
    securityGroupIds = List.copyOf(securityGroupIds);
    securityGroups = List.copyOf(securityGroups);
    tagSpecifications = List.copyOf(tagSpecifications);
  }

  /**
   * Starts empty data.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether nothing is set: a template needs at least one setting.
   *
   * @return true when every part is unset
   */
  public boolean isEmpty() {
    return imageId == null
        && instanceType == null
        && keyName == null
        && securityGroupIds.isEmpty()
        && securityGroups.isEmpty()
        && userData == null
        && tagSpecifications.isEmpty()
        && metadataOptions == null;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("LaunchTemplateData[");
    b.append(imageId == null ? "" : imageId + " ");
    b.append(instanceType == null ? "" : instanceType + " ");
    b.append(keyName == null ? "" : "key " + keyName + " ");
    List<String> groups = new ArrayList<>(securityGroupIds);
    groups.addAll(securityGroups);
    b.append(groups.isEmpty() ? "" : "groups " + groups + " ");
    b.append(userData == null ? "" : "user data " + userData.length() + " chars ");
    for (TagSpecification t : tagSpecifications) {
      b.append(t.resourceType()).append(" tags ").append(t.tags()).append(' ');
    }
    b.append(metadataOptions == null ? "" : metadataOptions + " ");
    return b.toString().strip() + "]";
  }

  /**
   * The tags a launch puts on one kind of resource it makes.
   *
   * @param resourceType what the tags go on: {@code instance}, {@code volume}, {@code
   *     network-interface} or {@code spot-instances-request}
   * @param tags key to value; at least one
   */
  public record TagSpecification(String resourceType, Map<String, String> tags) {
    private static final Set<String> TYPES =
        Set.of("instance", "volume", "network-interface", "spot-instances-request");

    /**
     * Checks the type and the tags as EC2 does.
     *
     * @param resourceType the resource type
     * @param tags the tags
     * @throws IllegalArgumentException when the type is blank, there is no tag, or a key is not 1
     *     to 128 characters, starts with {@code aws:}, or a value is over 256 characters
     * @throws NullPointerException when {@code tags} is or holds null
     */
    public TagSpecification {
      if (resourceType == null || resourceType.isBlank()) {
        throw new IllegalArgumentException(
            "resourceType is required: one of " + new java.util.TreeSet<>(TYPES));
      }
      tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
      if (tags.isEmpty()) {
        throw new IllegalArgumentException("tags for " + resourceType + ": give at least one");
      }
      for (Map.Entry<String, String> t : tags.entrySet()) {
        String key = java.util.Objects.requireNonNull(t.getKey(), "tag key");
        if (key.isEmpty() || key.length() > 128 || t.getValue().length() > 256) {
          throw new IllegalArgumentException(
              "tag '" + key + "': keys take 1 to 128 characters, values up to 256");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
          throw new IllegalArgumentException(
              "tag key '" + key + "': keys starting with aws: are reserved by AWS");
        }
      }
    }
  }

  /**
   * How the instance metadata service answers (IMDS): whether it needs session tokens (IMDSv2),
   * whether it answers at all, how many network hops a token's answer travels, whether it shows the
   * instance's tags. Unset parts are {@code null}: EC2's default.
   *
   * @param httpTokens {@code optional} or {@code required} (IMDSv2 only), or {@code null}
   * @param httpEndpoint {@code enabled} or {@code disabled}, or {@code null}
   * @param httpPutResponseHopLimit 1 to 64, or {@code null}
   * @param instanceMetadataTags {@code enabled} or {@code disabled}, or {@code null}
   */
  public record MetadataOptions(
      String httpTokens,
      String httpEndpoint,
      Integer httpPutResponseHopLimit,
      String instanceMetadataTags) {
    /**
     * Checks each part against EC2's values.
     *
     * @param httpTokens optional or required, or null
     * @param httpEndpoint enabled or disabled, or null
     * @param httpPutResponseHopLimit 1 to 64, or null
     * @param instanceMetadataTags enabled or disabled, or null
     * @throws IllegalArgumentException when a part has another value
     */
    public MetadataOptions {
      oneOf("httpTokens", httpTokens, "optional", "required");
      oneOf("httpEndpoint", httpEndpoint, "enabled", "disabled");
      oneOf("instanceMetadataTags", instanceMetadataTags, "enabled", "disabled");
      if (httpPutResponseHopLimit != null
          && (httpPutResponseHopLimit < 1 || httpPutResponseHopLimit > 64)) {
        throw new IllegalArgumentException(
            "httpPutResponseHopLimit must be 1 to 64, got " + httpPutResponseHopLimit);
      }
    }

    /**
     * IMDSv2 only: the metadata service answers only with a session token, as EC2 advises.
     *
     * @return the options
     */
    public static MetadataOptions tokensRequired() {
      return new MetadataOptions("required", null, null, null);
    }

    private static void oneOf(String name, String value, String a, String b) {
      if (value != null && !value.equals(a) && !value.equals(b)) {
        throw new IllegalArgumentException(
            name + " must be " + a + " or " + b + ", got '" + value + "'");
      }
    }
  }

  /** Builds {@link LaunchTemplateData}, checking each part as it is set. */
  public static final class Builder {
    private String imageId;
    private String instanceType;
    private String keyName;
    private final List<String> securityGroupIds = new ArrayList<>();
    private final List<String> securityGroups = new ArrayList<>();
    private String userData;
    private final List<TagSpecification> tagSpecifications = new ArrayList<>();
    private MetadataOptions metadataOptions;

    private Builder() {}

    /**
     * The image to launch.
     *
     * @param value an image id ({@code ami-...})
     * @return this builder
     * @throws IllegalArgumentException when it is not {@code ami-} and 8 or 17 hex digits
     */
    public Builder imageId(String value) {
      this.imageId = Ids.check("imageId", value, "ami-");
      return this;
    }

    /**
     * The instance type; not checked against EC2's list.
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
     * The key pair to launch with.
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
     * Adds a security group by id.
     *
     * @param id such as {@code sg-0123456789abcdef0}
     * @return this builder
     * @throws IllegalArgumentException when it is not {@code sg-} and 8 or 17 hex digits
     */
    public Builder securityGroupId(String id) {
      securityGroupIds.add(Ids.check("securityGroupId", id, "sg-"));
      return this;
    }

    /**
     * Adds a security group by name (the default VPC's).
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
     * The user data as text; it is base64-encoded on the wire.
     *
     * @param value at most 16 KB in UTF-8
     * @return this builder
     * @throws IllegalArgumentException when it is null or longer
     */
    public Builder userData(String value) {
      if (value == null || value.getBytes(StandardCharsets.UTF_8).length > 16 * 1024) {
        throw new IllegalArgumentException(
            "userData must be given and at most EC2's 16 KB: pass a script that fetches the rest");
      }
      this.userData = value;
      return this;
    }

    /**
     * Adds tags that a launch puts on one kind of resource it makes.
     *
     * @param resourceType {@code instance}, {@code volume}, {@code network-interface} or {@code
     *     spot-instances-request}
     * @param tags key to value; at least one
     * @return this builder
     * @throws IllegalArgumentException when the type is unknown or a tag is malformed
     */
    public Builder tags(String resourceType, Map<String, String> tags) {
      if (!TagSpecification.TYPES.contains(resourceType)) {
        throw new IllegalArgumentException(
            "resourceType '"
                + resourceType
                + "' is not one a launch template tags: "
                + new java.util.TreeSet<>(TagSpecification.TYPES));
      }
      tagSpecifications.add(new TagSpecification(resourceType, tags));
      return this;
    }

    /**
     * How the instances' metadata service answers.
     *
     * @param value the options, such as {@link MetadataOptions#tokensRequired()}
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder metadataOptions(MetadataOptions value) {
      this.metadataOptions = java.util.Objects.requireNonNull(value, "metadataOptions");
      return this;
    }

    /**
     * Builds the data; every part was checked when set.
     *
     * @return the data
     */
    public LaunchTemplateData build() {
      return new LaunchTemplateData(
          imageId,
          instanceType,
          keyName,
          securityGroupIds,
          securityGroups,
          userData,
          tagSpecifications,
          metadataOptions);
    }

    private static String nonBlank(String name, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }
  }
}
