package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EC2's filter semantics for one resource type: every named filter must match (AND), any of its
 * values may match (OR), and values may use {@code *} and {@code ?} wildcards.
 */
public final class Filters<T> {
  private final Map<String, Function<T, List<String>>> fields;

  public Filters(Map<String, Function<T, List<String>>> fields) {
    this.fields = fields;
  }

  /** The resources that pass every filter; an unknown filter name is EC2's InvalidParameterValue. */
  public List<T> apply(Map<String, List<String>> filters, List<T> resources) {
    for (String name : filters.keySet()) {
      if (!fields.containsKey(name)) {
        throw Ec2Error.invalidParameterValue("The filter '" + name + "' is invalid");
      }
    }
    List<T> out = new ArrayList<>();
    for (T r : resources) {
      if (matches(filters, r)) {
        out.add(r);
      }
    }
    return out;
  }

  private boolean matches(Map<String, List<String>> filters, T resource) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      List<String> actual = fields.get(f.getKey()).apply(resource);
      boolean any = false;
      for (String wanted : f.getValue()) {
        Pattern p = wildcard(wanted);
        for (String a : actual) {
          if (a != null && p.matcher(a).matches()) {
            any = true;
            break;
          }
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
