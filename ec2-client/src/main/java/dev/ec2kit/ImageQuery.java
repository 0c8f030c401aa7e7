package dev.ec2kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which images {@link Ec2#describeImages(ImageQuery)} returns: the manual's {@code image-id},
 * {@code owner} and {@code executable-by}, and EC2 filters. Nothing given: every image the account
 * may launch.
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

  public static Builder builder() {
    return new Builder();
  }

  public static ImageQuery all() {
    return builder().build();
  }

  public List<String> imageIds() {
    return imageIds;
  }

  public List<String> owners() {
    return owners;
  }

  public List<String> executableBy() {
    return executableBy;
  }

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

    public Builder imageIds(String... ids) {
      return imageIds(List.of(ids));
    }

    public Builder imageIds(Collection<String> ids) {
      for (String id : ids) {
        imageIds.add(Ids.checkImage("imageId", id));
      }
      return this;
    }

    /** Owners: {@code self}, {@code amazon}, {@code aws-marketplace} or account ids. */
    public Builder owners(String... values) {
      return owners(List.of(values));
    }

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

    /** Who may launch them: {@code self}, {@code all} or account ids. */
    public Builder executableBy(String... values) {
      return executableBy(List.of(values));
    }

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

    public Builder filter(String name, String... values) {
      if (name == null || name.isBlank() || values.length == 0) {
        throw new IllegalArgumentException(
            "a filter needs a name and at least one value, such as filter(\"architecture\", \"arm64\")");
      }
      filters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    public ImageQuery build() {
      return new ImageQuery(this);
    }
  }
}
