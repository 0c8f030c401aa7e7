package dev.ec2kit;

import java.util.Objects;

/**
 * A tag of a resource as DescribeTags lists it: the resource's id and type ({@code instance},
 * {@code volume}, {@code security-group}...), the key and the value.
 *
 * <pre>{@code
 * ec2.tags().describe(Map.of("key", List.of("Team")))   // [Tag[i-0123456789abcdef0 Team=blue], ...]
 * }</pre>
 *
 * @param resourceId the tagged resource's id
 * @param resourceType its type, or {@code null} when EC2 did not say
 * @param key the tag's key
 * @param value the tag's value; empty when it has none
 */
public record Tag(String resourceId, String resourceType, String key, String value) {
  /**
   * Checks the resource id and key; a null value becomes an empty one.
   *
   * @param resourceId the resource's id; required
   * @param resourceType its type, or {@code null}
   * @param key the key; required
   * @param value the value, or {@code null}
   * @throws NullPointerException when {@code resourceId} or {@code key} is null
   */
  public Tag {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
  }

  @Override
  public String toString() {
    return "Tag[" + resourceId + " " + key + "=" + value + "]";
  }
}
