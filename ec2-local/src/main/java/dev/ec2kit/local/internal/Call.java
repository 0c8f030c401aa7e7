package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One authenticated API call: who, where, when, which action, with which parameters. Handlers read
 * parameters only through its typed readers, which answer EC2's own codes naming the parameter; the
 * dispatcher has already refused list indexes out of range and characters XML cannot carry.
 */
public record Call(
    String action,
    Map<String, String> params,
    String accountId,
    String region,
    String requestId,
    Instant now) {

  /** The highest list index a parameter may carry ({@code InstanceId.10000}). */
  public static final int MAX_INDEX = 10_000;

  public String get(String name) {
    return params.get(name);
  }

  /** After the call succeeded: refuses parameters its handler never read, where audited. */
  void checkAllRead() {
    ParamAudit.check(action, params);
  }

  /**
   * The names of the parameters given, reading none of them: for checks that refuse what a handler
   * does not take.
   */
  public java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(params.keySet());
  }

  /**
   * Every parameter but the idempotency token, the dry run and the protocol's, reading none: what a
   * repeat with the same ClientToken must give again.
   */
  public Map<String, String> fingerprint() {
    Map<String, String> p = new TreeMap<>(params);
    p.keySet().removeAll(java.util.Set.of("ClientToken", "DryRun", "Action", "Version"));
    return p;
  }

  /**
   * Whether this call gives the parameters of {@code earlier} (a {@link #fingerprint()}): a repeat
   * with the same ClientToken, answered with what the earlier call made, so every parameter counts
   * as read.
   */
  public boolean repeats(Map<String, String> earlier) {
    boolean same = earlier.equals(fingerprint());
    if (same) {
      ParamAudit.readAll(params);
    }
    return same;
  }

  /** The parameters whose names start with {@code prefix}, as given, in order; reads them. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        ParamAudit.read(params, e.getKey());
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Every parameter as given; reading them whole counts as reading each (see ParamAudit). */
  @Override
  public Map<String, String> params() {
    ParamAudit.readAll(params);
    return params;
  }

  /** The same call with other parameters (RunInstances' own over its launch template's). */
  public Call withParams(Map<String, String> other) {
    return new Call(
        action,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other)),
        accountId,
        region,
        requestId,
        now);
  }

  /** The value, or {@code fallback} when absent. */
  public String get(String name, String fallback) {
    String v = params.get(name);
    return v == null ? fallback : v;
  }

  /** The value when given and not empty; EC2 treats an empty value as not given for these. */
  public String nonEmpty(String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
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

  /** A boolean that is false when absent; anything but true or false is InvalidParameterValue. */
  public boolean flag(String name) {
    Boolean b = bool(name);
    return b != null && b;
  }

  /** {@code true}, {@code false} or absent ({@code null}). */
  public Boolean bool(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw Ec2Error.invalidParameterValue(
              "Value (" + v + ") for parameter " + name + " is invalid. Expecting true or false.");
    };
  }

  /** An integer from {@code min} to {@code max}, or {@code null} when absent. */
  public Integer integer(String name, long min, long max) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw Ec2Error.invalidParameterValue(
          "Value (" + v + ") for parameter " + name + " is invalid. Expecting an integer.");
    }
    if (n < min || n > max) {
      throw Ec2Error.invalidParameterValue(
          "Value ("
              + v
              + ") for parameter "
              + name
              + " is invalid. Expecting a value from "
              + min
              + " to "
              + max
              + ".");
    }
    return (int) n;
  }

  /** A required integer from {@code min} to {@code max}. */
  public int requiredInteger(String name, long min, long max) {
    required(name);
    return integer(name, min, max);
  }

  /** Base64 (line breaks allowed, as the SDKs may wrap it), decoded; {@code null} when absent. */
  public byte[] base64(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(v.replace("\r", "").replace("\n", ""));
    } catch (IllegalArgumentException e) {
      throw Ec2Error.invalidParameterValue("Invalid BASE64 encoding of " + name + ".");
    }
  }

  /** One of {@code allowed} (compared exactly, as EC2 does), or {@code fallback} when absent. */
  public String oneOf(String name, String fallback, java.util.Collection<String> allowed) {
    String v = params.get(name);
    if (v == null) {
      return fallback;
    }
    if (!allowed.contains(v)) {
      throw Ec2Error.invalidParameterValue(
          "Value ("
              + v
              + ") for parameter "
              + name
              + " is invalid. Expecting one of "
              + new java.util.TreeSet<>(allowed)
              + ".");
    }
    return v;
  }

  /** The values of a flattened list: {@code Name.1}, {@code Name.2}, ... in index order. */
  public List<String> list(String name) {
    Map<Integer, String> byIndex = new TreeMap<>();
    String prefix = name + ".";
    for (Map.Entry<String, String> e : params.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(prefix)) {
        int i = index(k.substring(prefix.length()));
        if (i > 0) {
          ParamAudit.read(params, k);
          byIndex.put(i, e.getValue());
        }
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** The indexes {@code N} of {@code Prefix.N.Suffix} present, in order. */
  public List<Integer> indexes(String prefix, String suffix) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    String p = prefix + ".";
    String s = "." + suffix;
    for (String k : params.keySet()) {
      if (k.startsWith(p) && k.endsWith(s) && k.length() > p.length() + s.length()) {
        int i = index(k.substring(p.length(), k.length() - s.length()));
        if (i > 0) {
          out.add(i);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** An IPv4 address (null when absent); malformed is InvalidParameterValue naming it. */
  public Ipv4 ipv4(String name) {
    String v = nonEmpty(name);
    if (v == null) {
      return null;
    }
    Ipv4 ip = Ipv4.parse(v);
    if (ip == null) {
      throw Ec2Error.invalidParameterValue("Invalid value '" + v + "' for " + name + ".");
    }
    return ip;
  }

  /** An IPv4 CIDR block (null when absent), as EC2 refuses a malformed one. */
  public String cidr4(String name) {
    String v = get(name);
    if (v != null && !Ipv4.cidr(v)) {
      throw Ec2Error.invalidParameterValue("CIDR block " + v + " is malformed");
    }
    return v;
  }

  /** An IPv6 CIDR block (null when absent), as EC2 refuses a malformed one. */
  public String cidr6(String name) {
    String v = get(name);
    if (v != null && !Ipv4.cidr6(v)) {
      throw Ec2Error.invalidParameterValue("CIDR block " + v + " is malformed");
    }
    return v;
  }

  /**
   * An IP protocol as security group rules keep it: tcp, udp, icmp, icmpv6, -1 (all), or another
   * protocol's number 0 to 255; {@code fallback} when absent.
   */
  public String protocol(String name, String fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "tcp", "6" -> "tcp";
      case "udp", "17" -> "udp";
      case "icmp", "1" -> "icmp";
      case "icmpv6", "58" -> "icmpv6";
      case "-1", "all" -> "-1";
      default -> {
        if (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 255) {
          throw Ec2Error.invalidParameterValue(
              "Invalid value '" + v + "' for IP protocol. Unknown protocol.");
        }
        yield Integer.toString(Integer.parseInt(v));
      }
    };
  }

  /** {@code Filter.N.Name} with its {@code Filter.N.Value.M}, in index order. */
  public Map<String, List<String>> filters() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i : indexes("Filter", "Name")) {
      String n = params.get("Filter." + i + ".Name");
      out.computeIfAbsent(n, x -> new ArrayList<>()).addAll(list("Filter." + i + ".Value"));
    }
    return out;
  }

  /** A list index (1 to {@link #MAX_INDEX}), or -1 when {@code text} is not one. */
  private static int index(String text) {
    if (text.isEmpty() || text.length() > 5 || text.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    int n = Integer.parseInt(text);
    return n >= 1 && n <= MAX_INDEX ? n : -1;
  }
}
