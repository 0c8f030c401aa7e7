package dev.ec2kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which images {@link Images#describe(ImageQuery)} returns: the manual's {@code image-id}, {@code
 * owner} and {@code executable-by}, and EC2 filters. Nothing given: every image the account may
 * launch.
 *
 * <pre>{@code
 * ImageQuery.builder().owners("amazon").filter("architecture", "arm64").build()
 * ImageQuery.builder().owners("self").build()
 * }</pre>
 */
public final class ImageQuery {
  private final List<String> imageIds;
  private final List<String> owners;
  private final List<String> executableBy;
  private final Map<String, List<String>> filters;

  private ImageQuery(Builder b) {
    imageIds = List.copyOf(b.imageIds);
    owners = List.copyOf(b.owners);
    executableBy = List.copyOf(b.executableBy);
    filters = Map.copyOf(b.filters);
  }

  /**
   * Starts a query that selects everything until narrowed.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The query with nothing given: every image the account may launch (thousands on EC2).
   *
   * @return the query
   */
  public static ImageQuery all() {
    return builder().build();
  }

  /**
   * The images asked for by id (the manual's {@code image-id}).
   *
   * @return the ids, unmodifiable; empty for any image
   */
  public List<String> imageIds() {
    return imageIds;
  }

  /**
   * The owners asked for (the manual's {@code owner}).
   *
   * @return {@code self}, {@code amazon}, {@code aws-marketplace} or account ids, unmodifiable;
   *     empty for any owner
   */
  public List<String> owners() {
    return owners;
  }

  /**
   * Whose launch permissions are asked for (the manual's {@code executable-by}).
   *
   * @return {@code self}, {@code all} or account ids, unmodifiable; empty for no such condition
   */
  public List<String> executableBy() {
    return executableBy;
  }

  /**
   * The EC2 filters, such as {@code architecture} to {@code [arm64]}.
   *
   * @return filter name to its values, unmodifiable
   */
  public Map<String, List<String>> filters() {
    return filters;
  }

  /** Builds an {@link ImageQuery}. */
  public static final class Builder {
    private final List<String> imageIds = new ArrayList<>();
    private final List<String> owners = new ArrayList<>();
    private final List<String> executableBy = new ArrayList<>();
    private final Map<String, List<String>> filters = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds images by id.
     *
     * @param ids image ids: {@code ami-}, {@code aki-} or {@code ari-} and 8 or 17 hex digits
     * @return this builder
     * @throws IllegalArgumentException when an id is not of that form
     * @throws NullPointerException when {@code ids} is or holds null
     */
    public Builder imageIds(String... ids) {
      return imageIds(List.of(ids));
    }

    /**
     * Adds images by id.
     *
     * @param ids image ids: {@code ami-}, {@code aki-} or {@code ari-} and 8 or 17 hex digits
     * @return this builder
     * @throws IllegalArgumentException when an id is not of that form
     */
    public Builder imageIds(Collection<String> ids) {
      for (String id : ids) {
        imageIds.add(Ids.checkImage("imageId", id));
      }
      return this;
    }

    /**
     * Adds owners: images owned by any of them.
     *
     * @param values {@code self}, {@code amazon}, {@code aws-marketplace} or account ids
     * @return this builder
     * @throws IllegalArgumentException when a value is blank
     * @throws NullPointerException when {@code values} is or holds null
     */
    public Builder owners(String... values) {
      return owners(List.of(values));
    }

    /**
     * Adds owners: images owned by any of them.
     *
     * @param values {@code self}, {@code amazon}, {@code aws-marketplace} or account ids
     * @return this builder
     * @throws IllegalArgumentException when a value is null or blank
     */
    public Builder owners(Collection<String> values) {
      for (String o : values) {
        if (o == null || o.isBlank()) {
          throw new IllegalArgumentException(
              "owner must not be empty: use self, amazon, aws-marketplace or an account id");
        }
        owners.add(o);
      }
      return this;
    }

    /**
     * Adds launch permissions: images these may launch.
     *
     * @param values {@code self}, {@code all} or account ids
     * @return this builder
     * @throws IllegalArgumentException when a value is blank
     * @throws NullPointerException when {@code values} is or holds null
     */
    public Builder executableBy(String... values) {
      return executableBy(List.of(values));
    }

    /**
     * Adds launch permissions: images these may launch.
     *
     * @param values {@code self}, {@code all} or account ids
     * @return this builder
     * @throws IllegalArgumentException when a value is null or blank
     */
    public Builder executableBy(Collection<String> values) {
      for (String e : values) {
        if (e == null || e.isBlank()) {
          throw new IllegalArgumentException(
              "executableBy must not be empty: use self, all or an account id");
        }
        executableBy.add(e);
      }
      return this;
    }

    /**
     * Adds an EC2 filter, such as {@code filter("architecture", "arm64")}; values given for the
     * same name again are added to it.
     *
     * @param name the filter's name, such as {@code architecture}, {@code name} or {@code tag:Team}
     * @param values the values, any of which matches ({@code *} and {@code ?} are wildcards on EC2)
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or no value is given
     */
    public Builder filter(String name, String... values) {
      if (name == null || name.isBlank() || values.length == 0) {
        throw new IllegalArgumentException(
            "a filter needs a name and at least one value, such as filter(\"architecture\", \"arm64\")");
      }
      filters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public ImageQuery build() {
      return new ImageQuery(this);
    }
  }
}
