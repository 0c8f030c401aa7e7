package dev.ec2kit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS CLI's own EC2 arguments beyond the model (awscli/customizations/ec2): {@code
 * run-instances --count MIN[:MAX]} instead of --min-count/--max-count (1 when left out); the
 * security group rules' {@code --protocol --port --cidr --source-group --group-owner}; protocol
 * names for network ACL entries; run-instances' {@code --secondary-private-ip-addresses}, {@code
 * --secondary-private-ip-address-count} and {@code --[no-]associate-public-ip-address}, which set
 * the first network interface (awscli/customizations/ec2/runinstances.py); get-password-data's
 * {@code --priv-launch-key} ({@link AwsLaunchKey}).
 */
final class AwsCustom {
  private AwsCustom() {}

  private static final List<String> RULE_OPS =
      List.of(
          "AuthorizeSecurityGroupIngress",
          "AuthorizeSecurityGroupEgress",
          "RevokeSecurityGroupIngress",
          "RevokeSecurityGroupEgress");

  private static final List<String> RUN_INTERFACE =
      List.of(
          "--secondary-private-ip-addresses",
          "--secondary-private-ip-address-count",
          "--associate-public-ip-address",
          "--no-associate-public-ip-address");

  /** How many values an added argument takes: 0 (a flag), 1, or -1 (any number, argparse's *). */
  static int arity(String name) {
    return switch (name) {
      case "--associate-public-ip-address", "--no-associate-public-ip-address" -> 0;
      case "--secondary-private-ip-addresses" -> -1;
      default -> 1;
    };
  }

  /** The AWS CLI's checks of the parsed line (operation-args-parsed), before any parameter. */
  static void check(String op, Map<String, List<String>> args) {
    if (op.equals("RunInstances")
        && args.containsKey("--network-interfaces")
        && (!args.getOrDefault("--secondary-private-ip-addresses", List.of()).isEmpty()
            || args.containsKey("--secondary-private-ip-address-count")
            || args.containsKey("--associate-public-ip-address"))) {
      throw new AwsParams.Refused(
          "Mixing the --network-interfaces option with the simple, scalar options is not"
              + " supported.",
          AwsCli.EXIT_VALIDATION);
    }
  }

  /** The operation's argument table with the AWS CLI's additions and removals. */
  static void adjust(String op, Map<String, AwsCli.Arg> table) {
    if (op.equals("RunInstances")) {
      table.remove("--min-count");
      table.remove("--max-count");
      table.put("--count", new AwsCli.Arg(null, false));
      for (String n : RUN_INTERFACE) {
        table.put(n, new AwsCli.Arg(null, false));
      }
    }
    if (op.equals("GetPasswordData")) {
      table.put(AwsLaunchKey.ARGUMENT, new AwsCli.Arg(null, false));
    }
    if (RULE_OPS.contains(op)) {
      for (String n :
          List.of("--protocol", "--port", "--cidr", "--source-group", "--group-owner")) {
        table.put(n, new AwsCli.Arg(null, false));
      }
    }
  }

  /** Whether a required member has a default here (RunInstances' counts). */
  static boolean defaulted(String op, String member) {
    return op.equals("RunInstances") && (member.equals("MinCount") || member.equals("MaxCount"));
  }

  /** One of the added arguments into the parameters. */
  static void apply(String op, String name, List<String> values, Map<String, Object> params) {
    String v = values.isEmpty() ? null : values.get(0);
    switch (name) {
      case "--secondary-private-ip-addresses" -> {
        List<Object> ips = new ArrayList<>();
        for (String ip : values) {
          ips.add(new LinkedHashMap<>(Map.of("PrivateIpAddress", ip, "Primary", false)));
        }
        if (!ips.isEmpty()) {
          networkInterface(params).putIfAbsent("PrivateIpAddresses", ips);
        }
      }
      case "--secondary-private-ip-address-count" -> {
        Object n;
        try {
          n = AwsParams.integer(v);
        } catch (AwsParams.Refused e) {
          throw new AwsParams.Refused(
              "aws: error: argument " + name + ": invalid int value: '" + v + "'",
              AwsCli.EXIT_USAGE);
        }
        if (!n.equals(java.math.BigInteger.ZERO)) {
          networkInterface(params).put("SecondaryPrivateIpAddressCount", n);
        }
      }
      case "--associate-public-ip-address" ->
          networkInterface(params).put("AssociatePublicIpAddress", true);
      case "--no-associate-public-ip-address" ->
          networkInterface(params).put("AssociatePublicIpAddress", false);
      case "--count" -> {
        String[] parts = v.split(":", -1);
        try {
          if (parts.length > 2) {
            throw new NumberFormatException();
          }
          params.put("MinCount", Long.parseLong(parts[0]));
          params.put("MaxCount", Long.parseLong(parts.length == 2 ? parts[1] : parts[0]));
        } catch (NumberFormatException e) {
          throw new AwsParams.Refused(
              "\ncount parameter should be of form min[:max] (e.g. 1 or 1:10)",
              AwsCli.EXIT_VALIDATION);
        }
      }
      case "--protocol" -> {
        String p = v;
        try {
          long n = Long.parseLong(v);
          if ((n < 0 || n > 255) && n != -1) {
            throw new AwsParams.Refused(
                "\nprotocol numbers must be in the range 0-255 or -1 to specify all protocols",
                AwsCli.EXIT_VALIDATION);
          }
        } catch (NumberFormatException e) {
          if (!List.of("tcp", "udp", "icmp", "all").contains(v)) {
            throw new AwsParams.Refused(
                "\nprotocol parameter should be one of: tcp|udp|icmp|all or any valid protocol"
                    + " number.",
                AwsCli.EXIT_VALIDATION);
          }
          p = v.equals("all") ? "-1" : v;
        }
        permission(params).put("IpProtocol", p);
      }
      case "--port" -> {
        String from;
        String to;
        if (v.equals("-1") || v.equals("all")) {
          from = "-1";
          to = "-1";
        } else if (v.indexOf('-') > 0) {
          from = v.substring(0, v.indexOf('-'));
          to = v.substring(v.indexOf('-') + 1);
        } else {
          from = v;
          to = v;
        }
        try {
          permission(params).put("FromPort", Long.parseLong(from));
          permission(params).put("ToPort", Long.parseLong(to));
        } catch (NumberFormatException e) {
          throw new AwsParams.Refused(
              "\nport parameter should be of the form <from[-to]> (e.g. 22 or 22-25)",
              AwsCli.EXIT_VALIDATION);
        }
      }
      case "--cidr" -> {
        @SuppressWarnings("unchecked")
        List<Object> ranges =
            (List<Object>) permission(params).computeIfAbsent("IpRanges", k -> new ArrayList<>());
        ranges.add(new LinkedHashMap<>(Map.of("CidrIp", v)));
      }
      case "--source-group" -> pair(params).put(v.startsWith("sg-") ? "GroupId" : "GroupName", v);
      case "--group-owner" -> pair(params).put("UserId", v);
      case AwsLaunchKey.ARGUMENT -> {} // sends nothing: AwsCli checks the file and decrypts after
      default -> throw new IllegalStateException("no such argument " + name + " of " + op);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> networkInterface(Map<String, Object> params) {
    List<Object> l =
        (List<Object>) params.computeIfAbsent("NetworkInterfaces", k -> new ArrayList<>());
    if (l.isEmpty()) {
      l.add(new LinkedHashMap<String, Object>(Map.of("DeviceIndex", 0L)));
    }
    return (Map<String, Object>) l.get(0);
  }

  /**
   * runinstances.py's _fix_args: once the first interface holds one of the added arguments, the
   * line's subnet, groups, private address and IPv6 settings move into it, as EC2 wants them.
   */
  @SuppressWarnings("unchecked")
  private static void moveIntoInterface(Map<String, Object> params) {
    if (!(params.get("NetworkInterfaces") instanceof List<?> l)
        || l.isEmpty()
        || !(l.get(0) instanceof Map<?, ?> first)
        || !(first.containsKey("PrivateIpAddresses")
            || first.containsKey("SecondaryPrivateIpAddressCount")
            || first.containsKey("AssociatePublicIpAddress"))) {
      return;
    }
    Map<String, Object> nic = (Map<String, Object>) first;
    move(params, "SubnetId", nic, "SubnetId");
    move(params, "SecurityGroupIds", nic, "Groups");
    if (params.containsKey("PrivateIpAddress")) {
      Map<String, Object> primary = new LinkedHashMap<>();
      primary.put("PrivateIpAddress", params.remove("PrivateIpAddress"));
      primary.put("Primary", true);
      nic.put("PrivateIpAddresses", new ArrayList<>(List.of(primary)));
    }
    move(params, "Ipv6AddressCount", nic, "Ipv6AddressCount");
    move(params, "Ipv6Addresses", nic, "Ipv6Addresses");
    move(params, "EnablePrimaryIpv6", nic, "PrimaryIpv6");
  }

  private static void move(
      Map<String, Object> from, String key, Map<String, Object> to, String as) {
    if (from.containsKey(key)) {
      to.put(as, from.remove(key));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> permission(Map<String, Object> params) {
    List<Object> l = (List<Object>) params.computeIfAbsent("IpPermissions", k -> new ArrayList<>());
    if (l.isEmpty()) {
      l.add(new LinkedHashMap<String, Object>());
    }
    return (Map<String, Object>) l.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pair(Map<String, Object> params) {
    List<Object> l =
        (List<Object>)
            permission(params).computeIfAbsent("UserIdGroupPairs", k -> new ArrayList<>());
    if (l.isEmpty()) {
      l.add(new LinkedHashMap<String, Object>());
    }
    return (Map<String, Object>) l.get(0);
  }

  /** The defaults the AWS CLI adds before the call. */
  static void defaults(String op, Map<String, Object> params) {
    if (op.equals("RunInstances")) {
      params.putIfAbsent("MinCount", 1L);
      params.putIfAbsent("MaxCount", 1L);
      moveIntoInterface(params);
    }
    if ((op.equals("CreateNetworkAclEntry") || op.equals("ReplaceNetworkAclEntry"))
        && params.get("Protocol") instanceof String p) {
      params.put(
          "Protocol",
          switch (p) {
            case "tcp" -> "6";
            case "udp" -> "17";
            case "icmp" -> "1";
            case "all" -> "-1";
            default -> p;
          });
    }
  }
}
