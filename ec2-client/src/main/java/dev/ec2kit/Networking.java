package dev.ec2kit;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Local checks of the network calls' arguments, naming the parameter before anything is sent. */
final class Networking {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  private Networking() {}

  /** An IPv4 range such as {@code 10.0.0.0/16}. */
  static String checkCidr(String parameter, String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    if (slash < 0
        || !IPV4.matcher(cidr.substring(0, slash)).matches()
        || !cidr.substring(slash + 1).matches("[0-9]|[12][0-9]|3[0-2]")) {
      throw new IllegalArgumentException(
          parameter + " '" + cidr + "' is not an IPv4 CIDR block such as 10.0.0.0/16");
    }
    return cidr;
  }

  /** An IPv4 address such as {@code 10.0.1.5}. */
  static String checkIp(String parameter, String ip) {
    if (ip == null || !IPV4.matcher(ip).matches()) {
      throw new IllegalArgumentException(
          parameter + " '" + ip + "' is not an IPv4 address such as 10.0.1.5");
    }
    return ip;
  }

  /** Tags: a copy, each key non-blank and at most 128 characters, each value at most 256. */
  static Map<String, String> checkTags(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags");
    tags.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || k.length() > 128) {
            throw new IllegalArgumentException(
                "tags holds the key '" + k + "': a key is 1 to 128 characters, not blank");
          }
          if (v == null || v.length() > 256) {
            throw new IllegalArgumentException(
                "tags holds a value for '" + k + "' that is null or over 256 characters");
          }
        });
    return Map.copyOf(tags);
  }

  /** A non-blank name, such as a zone. */
  static String checkName(String parameter, String value, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(parameter + " is empty: give one such as " + example);
    }
    return value;
  }
}
