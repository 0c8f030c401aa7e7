package dev.ec2kit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule of a security group, the manual's {@code ec2-ip-permissions}: a protocol, a port range
 * (or ICMP type and code) and the sources it admits: IPv4 and IPv6 ranges and other groups. Checked
 * when built, so a bad rule never reaches EC2.
 *
 * <pre>{@code
 * IpPermission.tcp(22)                          // tcp 22=>22 0.0.0.0/0 (the manual's default CIDR)
 * IpPermission.tcp(8000, 8080).from("10.0.0.0/8", "2001:db8::/32")
 * IpPermission.udp(53, 53).fromGroup("web")     // from members of the group named web
 * IpPermission.icmp(-1, -1)                     // every ICMP type and code
 * IpPermission.allTraffic().fromGroup("sg-0123456789abcdef0")
 * }</pre>
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code -1} (all) or
 *     another IP protocol number
 * @param fromPort the first port, or the ICMP type (-1: all); {@code null} for all traffic
 * @param toPort the last port, or the ICMP code (-1: all); {@code null} for all traffic
 * @param ipRanges the IPv4 ranges admitted, such as {@code 10.0.0.0/8}
 * @param ipv6Ranges the IPv6 ranges admitted, such as {@code 2001:db8::/32}
 * @param groups the security groups whose members are admitted
 */
public record IpPermission(
    String protocol,
    Integer fromPort,
    Integer toPort,
    List<String> ipRanges,
    List<String> ipv6Ranges,
    List<UserIdGroupPair> groups) {

  /**
   * A group a rule admits: its owner's account id (or null for the caller's), id and name.
   *
   * @param userId the owner's 12-digit account id, or {@code null} for the caller's account
   * @param groupId the group's id ({@code sg-...}), or {@code null} when named by name
   * @param groupName the group's name, or {@code null} when named by id
   */
  public record UserIdGroupPair(String userId, String groupId, String groupName) {
    @Override
    public String toString() {
      return groupId != null ? groupId : groupName;
    }
  }

  /**
   * Checks the rule as EC2 would and puts it in EC2's form: the protocol by its canonical name
   * ({@code 6} is {@code tcp}, {@code all} is {@code -1}), no ports for all traffic, -1 for a
   * missing ICMP type or code.
   *
   * @param protocol a protocol name or number
   * @param fromPort the first port or ICMP type
   * @param toPort the last port or ICMP code
   * @param ipRanges IPv4 ranges; copied
   * @param ipv6Ranges IPv6 ranges; copied
   * @param groups source groups; copied
   * @throws IllegalArgumentException when the protocol is unknown, a TCP or UDP port is missing or
   *     outside 0 to 65535 or the range is reversed, an ICMP type or code is outside -1 to 255, or
   *     a range is not a CIDR of its family
   * @throws NullPointerException when {@code protocol} or a list is null
   */
  public IpPermission {
    protocol = protocol(protocol);
    ipRanges = List.copyOf(ipRanges);
    ipv6Ranges = List.copyOf(ipv6Ranges);
    groups = List.copyOf(groups);
    switch (protocol) {
      case "-1" -> {
        fromPort = null;
        toPort = null;
      }
      case "tcp", "udp" -> {
        if (fromPort == null || toPort == null) {
          throw new IllegalArgumentException("fromPort and toPort are required for " + protocol);
        }
        if (fromPort < 0 || fromPort > 65535 || toPort < 0 || toPort > 65535) {
          throw new IllegalArgumentException(
              "ports must be 0 to 65535: fromPort " + fromPort + ", toPort " + toPort);
        }
        if (fromPort > toPort) {
          throw new IllegalArgumentException(
              "fromPort " + fromPort + " is above toPort " + toPort + ": swap them");
        }
      }
      case "icmp", "icmpv6" -> {
        fromPort = fromPort == null ? -1 : fromPort;
        toPort = toPort == null ? -1 : toPort;
        if (fromPort < -1 || fromPort > 255) {
          throw new IllegalArgumentException(
              "the ICMP type (fromPort) must be -1 (all) to 255, got " + fromPort);
        }
        if (toPort < -1 || toPort > 255) {
          throw new IllegalArgumentException(
              "the ICMP code (toPort) must be -1 (all) to 255, got " + toPort);
        }
      }
      default -> {}
    }
    for (String c : ipRanges) {
      checkCidr4(c);
    }
    for (String c : ipv6Ranges) {
      checkCidr6(c);
    }
  }

  /**
   * TCP on one port, from anywhere (0.0.0.0/0) until sources are given.
   *
   * @param port the port, 0 to 65535
   * @return the rule, without sources
   * @throws IllegalArgumentException when the port is out of range
   */
  public static IpPermission tcp(int port) {
    return tcp(port, port);
  }

  /**
   * TCP on a range of ports, from anywhere (0.0.0.0/0) until sources are given.
   *
   * @param fromPort the first port, 0 to 65535
   * @param toPort the last port, at least {@code fromPort}
   * @return the rule, without sources
   * @throws IllegalArgumentException when a port is out of range or {@code fromPort > toPort}
   */
  public static IpPermission tcp(int fromPort, int toPort) {
    return new IpPermission("tcp", fromPort, toPort, List.of(), List.of(), List.of());
  }

  /**
   * UDP on a range of ports, from anywhere (0.0.0.0/0) until sources are given.
   *
   * @param fromPort the first port, 0 to 65535
   * @param toPort the last port, at least {@code fromPort}
   * @return the rule, without sources
   * @throws IllegalArgumentException when a port is out of range or {@code fromPort > toPort}
   */
  public static IpPermission udp(int fromPort, int toPort) {
    return new IpPermission("udp", fromPort, toPort, List.of(), List.of(), List.of());
  }

  /**
   * ICMP by type and code, from anywhere (0.0.0.0/0) until sources are given.
   *
   * @param type the ICMP type, 0 to 255, or -1 for all
   * @param code the ICMP code, 0 to 255, or -1 for all
   * @return the rule, without sources
   * @throws IllegalArgumentException when either is outside -1 to 255
   */
  public static IpPermission icmp(int type, int code) {
    return new IpPermission("icmp", type, code, List.of(), List.of(), List.of());
  }

  /**
   * Every protocol and port, from anywhere (0.0.0.0/0) until sources are given.
   *
   * @return the rule, without sources
   */
  public static IpPermission allTraffic() {
    return new IpPermission("-1", null, null, List.of(), List.of(), List.of());
  }

  /**
   * The same rule admitting these ranges too, IPv4 ({@code 10.0.0.0/8}) or IPv6 ({@code
   * 2001:db8::/32}).
   *
   * @param cidrs the ranges; one with a {@code :} is taken as IPv6
   * @return a new rule with the ranges added
   * @throws IllegalArgumentException when a range is not a CIDR of its family
   * @throws NullPointerException when a range is null
   */
  public IpPermission from(String... cidrs) {
    List<String> v4 = new ArrayList<>(ipRanges);
    List<String> v6 = new ArrayList<>(ipv6Ranges);
    for (String c : cidrs) {
      Objects.requireNonNull(c, "cidr");
      (c.contains(":") ? v6 : v4).add(c);
    }
    return new IpPermission(protocol, fromPort, toPort, v4, v6, groups);
  }

  /**
   * The same rule admitting members of a group of the caller's account too, by name or id.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-} and 8 or 17 hex digits)
   * @return a new rule with the group added
   * @throws IllegalArgumentException when {@code groupNameOrId} is blank
   */
  public IpPermission fromGroup(String groupNameOrId) {
    return fromGroup(groupNameOrId, null);
  }

  /**
   * The same rule admitting members of a group too, by name or id, owned by {@code ownerId}.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-} and 8 or 17 hex digits)
   * @param ownerId the owner's 12-digit account id, or {@code null} for the caller's account
   * @return a new rule with the group added
   * @throws IllegalArgumentException when {@code groupNameOrId} is blank or {@code ownerId} is not
   *     12 digits
   */
  public IpPermission fromGroup(String groupNameOrId, String ownerId) {
    if (groupNameOrId == null || groupNameOrId.isBlank()) {
      throw new IllegalArgumentException("source group must be a group name or id");
    }
    if (ownerId != null && !ownerId.matches("\\d{12}")) {
      throw new IllegalArgumentException(
          "source group owner must be a 12-digit account id, got '" + ownerId + "'");
    }
    List<UserIdGroupPair> g = new ArrayList<>(groups);
    boolean id = groupNameOrId.matches("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    g.add(new UserIdGroupPair(ownerId, id ? groupNameOrId : null, id ? null : groupNameOrId));
    return new IpPermission(protocol, fromPort, toPort, ipRanges, ipv6Ranges, g);
  }

  /**
   * This rule, or, when it has no source at all, the manual's default: from anywhere (0.0.0.0/0).
   *
   * @return this rule, or a copy admitting 0.0.0.0/0
   */
  public IpPermission withDefaultSource() {
    return ipRanges.isEmpty() && ipv6Ranges.isEmpty() && groups.isEmpty()
        ? from("0.0.0.0/0")
        : this;
  }

  static String protocol(String p) {
    Objects.requireNonNull(p, "protocol");
    String s = p.strip().toLowerCase(Locale.ROOT);
    switch (s) {
      case "tcp", "6":
        return "tcp";
      case "udp", "17":
        return "udp";
      case "icmp", "1":
        return "icmp";
      case "icmpv6", "58":
        return "icmpv6";
      case "all", "-1":
        return "-1";
      default:
        try {
          int n = Integer.parseInt(s);
          if (n >= 0 && n <= 255) {
            return Integer.toString(n);
          }
        } catch (NumberFormatException e) {
          // falls through to the error
        }
        throw new IllegalArgumentException(
            "protocol '" + p + "' is not tcp, udp, icmp, icmpv6, all or a number 0 to 255");
    }
  }

  static void checkCidr4(String cidr) {
    String[] parts = cidr.split("/");
    boolean ok =
        parts.length == 2
            && parts[0].matches("(\\d{1,3}\\.){3}\\d{1,3}")
            && parts[1].matches("\\d{1,2}");
    if (ok) {
      for (String octet : parts[0].split("\\.")) {
        ok &= Integer.parseInt(octet) <= 255;
      }
      ok &= Integer.parseInt(parts[1]) <= 32;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "cidr '" + cidr + "' is not an IPv4 range such as 203.0.113.0/24");
    }
  }

  static void checkCidr6(String cidr) {
    String[] parts = cidr.split("/");
    boolean ok =
        parts.length == 2
            && parts[1].matches("\\d{1,3}")
            && Integer.parseInt(parts[1]) <= 128
            && parts[0].matches("[0-9a-fA-F:.]+");
    if (ok) {
      try {
        ok = InetAddress.getByName(parts[0]) instanceof Inet6Address;
      } catch (UnknownHostException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "cidr '" + cidr + "' is not an IPv6 range such as 2001:db8::/32");
    }
  }

  /**
   * As the manual prints it: {@code tcp 22=>22 0.0.0.0/0}.
   *
   * @return the protocol ({@code all} for every one), the port range, then the sources
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(protocol.equals("-1") ? "all" : protocol);
    if (fromPort != null) {
      sb.append(' ').append(fromPort).append("=>").append(toPort);
    }
    for (String c : ipRanges) {
      sb.append(' ').append(c);
    }
    for (String c : ipv6Ranges) {
      sb.append(' ').append(c);
    }
    for (UserIdGroupPair g : groups) {
      sb.append(' ').append(g);
    }
    return sb.toString();
  }
}
