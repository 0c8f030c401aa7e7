package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2's filter semantics for one resource type: every named filter must match (AND), any of its
 * values may match (OR), and values may use {@code *} and {@code ?} wildcards.
 */
public final class Filters<T> {
  private final Map<String, Function<T, List<String>>> fields;
  private final Function<T, Map<String, String>> tags;
  private final boolean keysAndValues;

  public Filters(Map<String, Function<T, List<String>>> fields) {
    this(fields, null, false);
  }

  private Filters(
      Map<String, Function<T, List<String>>> fields,
      Function<T, Map<String, String>> tags,
      boolean keysAndValues) {
    this.fields = fields;
    this.tags = tags;
    this.keysAndValues = keysAndValues;
  }

  /** Adds EC2's tag filters: {@code tag:KEY}, {@code tag-key} and {@code tag-value}. */
  public Filters<T> withTags(Function<T, Map<String, String>> tagsOf) {
    return new Filters<>(fields, tagsOf, true);
  }

  /** Adds EC2's {@code tag:KEY} filter only (DescribeTags has its own key and value filters). */
  public Filters<T> withTagKeyFilter(Function<T, Map<String, String>> tagsOf) {
    return new Filters<>(fields, tagsOf, false);
  }

  /** A field's one value as the answer shows it, or none when the answer leaves it out. */
  static List<String> one(Object value) {
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  /** The names of the fields it filters by, tags aside. */
  java.util.Set<String> names() {
    return fields.keySet();
  }

  /** The values a named filter sees on a resource, or null when it is not one of these. */
  Function<T, List<String>> getter(String name) {
    return field(name);
  }

  private Function<T, List<String>> field(String name) {
    Function<T, List<String>> f = fields.get(name);
    if (f != null || tags == null) {
      return f;
    }
    if (name.startsWith("tag:") && name.length() > 4) {
      String key = name.substring(4);
      return r -> tags.apply(r).containsKey(key) ? List.of(tags.apply(r).get(key)) : List.of();
    }
    if (!keysAndValues) {
      return null;
    }
    return switch (name) {
      case "tag-key" -> r -> List.copyOf(tags.apply(r).keySet());
      case "tag-value" -> r -> List.copyOf(tags.apply(r).values());
      default -> null;
    };
  }

  /**
   * The resources that pass every filter; an unknown filter name is EC2's InvalidParameterValue.
   */
  public List<T> apply(Map<String, List<String>> filters, List<T> resources) {
    if (filters.isEmpty()) {
      return resources;
    }
    // Resolve each filter and compile its values once, not once per resource.
    List<Function<T, List<String>>> getters = new ArrayList<>();
    List<List<Predicate<String>>> wanted = new ArrayList<>();
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      Function<T, List<String>> getter = field(f.getKey());
      if (getter == null) {
        throw Ec2Error.invalidParameterValue("The filter '" + f.getKey() + "' is invalid");
      }
      getters.add(getter);
      List<Predicate<String>> values = new ArrayList<>();
      for (String v : f.getValue()) {
        values.add(
            v.indexOf('*') < 0 && v.indexOf('?') < 0 ? v::equals : wildcard(v).asMatchPredicate());
      }
      wanted.add(values);
    }
    List<T> out = new ArrayList<>();
    for (T r : resources) {
      if (matches(getters, wanted, r)) {
        out.add(r);
      }
    }
    return out;
  }

  private boolean matches(
      List<Function<T, List<String>>> getters, List<List<Predicate<String>>> wanted, T resource) {
    for (int i = 0; i < getters.size(); i++) {
      boolean any = false;
      for (String actual : getters.get(i).apply(resource)) {
        for (Predicate<String> p : wanted.get(i)) {
          if (actual != null && p.test(actual)) {
            any = true;
            break;
          }
        }
        if (any) {
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  static Pattern wildcard(String value) {
    StringBuilder re = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
