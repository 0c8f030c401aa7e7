package dev.ec2kit;

import java.util.Objects;

/**
 * A tag of a resource as DescribeTags lists it: the resource's id and type ({@code instance},
 * {@code volume}, {@code security-group}...), the key and the value.
 */
public record Tag(String resourceId, String resourceType, String key, String value) {
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
