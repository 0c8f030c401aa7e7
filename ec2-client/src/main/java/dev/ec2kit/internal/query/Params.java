package dev.ec2kit.internal.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of one Query API call, with EC2's flattening of lists and filters. */
public final class Params {
  private final Map<String, String> values = new LinkedHashMap<>();

  public Params put(String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
    return this;
  }

  public Params put(String name, boolean value) {
    values.put(name, Boolean.toString(value));
    return this;
  }

  public Params put(String name, int value) {
    values.put(name, Integer.toString(value));
    return this;
  }

  /** {@code Name.1}, {@code Name.2}, ... for each value. */
  public Params list(String name, Collection<String> list) {
    int i = 1;
    for (String v : list) {
      values.put(name + "." + i++, v);
    }
    return this;
  }

  /**
   * A tag specification: {@code prefix.ResourceType} and {@code prefix.Tag.N.Key}/{@code Value}, in
   * the map's order (prefix such as {@code TagSpecification.1}).
   */
  public Params tagSpecification(String prefix, String resourceType, Map<String, String> tags) {
    values.put(prefix + ".ResourceType", resourceType);
    int i = 1;
    for (Map.Entry<String, String> t : tags.entrySet()) {
      values.put(prefix + ".Tag." + i + ".Key", t.getKey());
      values.put(prefix + ".Tag." + i++ + ".Value", t.getValue());
    }
    return this;
  }

  /** {@code Filter.N.Name} and {@code Filter.N.Value.M}, in the map's order. */
  public Params filters(Map<String, List<String>> filters) {
    int i = 1;
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      values.put("Filter." + i + ".Name", f.getKey());
      list("Filter." + i + ".Value", f.getValue());
      i++;
    }
    return this;
  }

  public Map<String, String> asMap() {
    return values;
  }
}
