package dev.ec2kit.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One authenticated API call: who, where, which action, with which parameters. */
public record Call(
    String action, Map<String, String> params, String accountId, String region, String requestId) {

  public String get(String name) {
    return params.get(name);
  }

  public String required(String name) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      throw Ec2Error.missingParameter(name);
    }
    return v;
  }

  /** Answers DryRunOperation when the call asks for a dry run; call it before changing state. */
  public void checkDryRun() {
    if (flag("DryRun")) {
      throw new Ec2Error(
          "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }
  }

  public boolean flag(String name) {
    return "true".equalsIgnoreCase(params.get(name));
  }

  /** The values of a flattened list: {@code Name.1}, {@code Name.2}, ... in index order. */
  public List<String> list(String name) {
    Map<Integer, String> byIndex = new java.util.TreeMap<>();
    String prefix = name + ".";
    for (Map.Entry<String, String> e : params.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(prefix)) {
        String rest = k.substring(prefix.length());
        if (rest.chars().allMatch(Character::isDigit) && !rest.isEmpty()) {
          byIndex.put(Integer.parseInt(rest), e.getValue());
        }
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** {@code Filter.N.Name} with its {@code Filter.N.Value.M}, in index order. */
  public Map<String, List<String>> filters() {
    Map<Integer, String> names = new java.util.TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("Filter.") && k.endsWith(".Name")) {
        String n = k.substring("Filter.".length(), k.length() - ".Name".length());
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
          names.put(Integer.parseInt(n), e.getValue());
        }
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    names.forEach((i, n) -> out.computeIfAbsent(n, x -> new ArrayList<>()).addAll(list("Filter." + i + ".Value")));
    return out;
  }
}
