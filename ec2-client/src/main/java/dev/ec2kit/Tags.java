package dev.ec2kit;

import dev.ec2kit.internal.areas.TagCalls;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The tags of any resource (EC2's CreateTags, DeleteTags, DescribeTags), reached with {@link
 * Ec2#tags()}.
 *
 * <pre>{@code
 * ec2.tags().create(List.of("i-0123456789abcdef0", "vol-0123456789abcdef0"), Map.of("Team", "blue"));
 * List<Tag> blue = ec2.tags().describe(Map.of("key", List.of("Team")));
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Tags {
  private final Identity identity;
  private final TagCalls calls;

  Tags(Identity identity, TagCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * Tags resources (instances, volumes, snapshots, security groups, images, Elastic IPs...) with
   * {@code tags}, replacing values of keys they already have.
   *
   * <pre>{@code
   * ec2.tags().create(List.of("i-0123456789abcdef0", "vol-0123456789abcdef0"), Map.of("Team", "blue"));
   * }</pre>
   *
   * @param resourceIds the resources' ids; at least one
   * @param tags key to value; at least one
   * @throws IllegalArgumentException when there is no resource or no tag, or a key is not 1 to 128
   *     characters or starts with {@code aws:}, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code InvalidID}
   *     or {@code TagLimitExceeded})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void create(Collection<String> resourceIds, Map<String, String> tags) {
    if (resourceIds.isEmpty() || tags.isEmpty()) {
      throw new IllegalArgumentException(
          "tags().create needs at least one resource id and one tag");
    }
    for (String key : tags.keySet()) {
      if (key == null || key.isEmpty() || key.length() > 128) {
        throw new IllegalArgumentException("tag key '" + key + "' must be 1 to 128 characters");
      }
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw new IllegalArgumentException(
            "tag key '" + key + "': keys starting with aws: are reserved by AWS");
      }
    }
    calls.create(identity, resourceIds, tags);
  }

  /**
   * Removes the tags with these keys (whatever their values) from the resources (EC2's DeleteTags).
   *
   * @param resourceIds the resources' ids; at least one
   * @param keys the tag keys; at least one
   * @throws IllegalArgumentException when there is no resource or no key, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code InvalidID})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void delete(Collection<String> resourceIds, Collection<String> keys) {
    if (resourceIds.isEmpty() || keys.isEmpty()) {
      throw new IllegalArgumentException(
          "tags().delete needs at least one resource id and one key");
    }
    calls.delete(identity, resourceIds, keys);
  }

  /**
   * The tags of the account's resources in this region, narrowed by EC2's filters ({@code
   * resource-id}, {@code resource-type}, {@code key}, {@code value}), across every page.
   *
   * @param filters filter name to values; empty for every tag
   * @return the tags, one per resource and key
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Tag> describe(Map<String, List<String>> filters) {
    return calls.describe(identity, filters);
  }

  @Override
  public String toString() {
    return "Tags[" + identity + "]";
  }
}
