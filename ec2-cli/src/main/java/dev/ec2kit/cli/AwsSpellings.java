package dev.ec2kit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS CLI's spellings of our commands' arguments ({@code attach-volume --volume-id V
 * --instance-id I --device D}), rewritten to ours ({@code attach-volume V I D}) before the command
 * line is parsed, so a command copied from {@code aws ec2} runs as it is. Only spellings that do
 * not clash with the manual's form are taken; each command's help lists its own.
 */
final class AwsSpellings {
  /** How one AWS CLI option becomes ours. */
  private record Rule(int slot, String rename, boolean many, UnaryOperator<String> value) {}

  private static Rule slot(int slot) {
    return new Rule(slot, null, false, v -> v);
  }

  private static Rule slots() {
    return new Rule(0, null, true, v -> v);
  }

  private static Rule rename(String to) {
    return new Rule(-1, to, false, v -> v);
  }

  private static Rule renameEach(String to, UnaryOperator<String> value) {
    return new Rule(-1, to, true, value);
  }

  private static final Pattern TAG = Pattern.compile("Key=([^,]*)(?:,Value=(.*))?");

  /** {@code Key=K,Value=V} as our {@code K=V} ({@code K} alone when {@code keyOnly}). */
  private static UnaryOperator<String> tag(boolean keyOnly) {
    return v -> {
      Matcher m = TAG.matcher(v);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "--tags '" + v + "' is not Key=KEY,Value=VALUE (the AWS CLI's shorthand)");
      }
      return keyOnly ? m.group(1) : m.group(1) + "=" + (m.group(2) == null ? "" : m.group(2));
    };
  }

  private static String file(String v) {
    for (String scheme : List.of("fileb://", "file://")) {
      if (v.startsWith(scheme)) {
        return v.substring(scheme.length());
      }
    }
    throw new IllegalArgumentException(
        "--public-key-material: give it as fileb://FILE (or use --public-key-file FILE)");
  }

  private static final Map<String, Map<String, Rule>> RULES =
      Map.ofEntries(
          Map.entry("describe-volumes", Map.of("--volume-ids", slots())),
          Map.entry("describe-snapshots", Map.of("--snapshot-ids", slots())),
          Map.entry("describe-regions", Map.of("--region-names", slots())),
          Map.entry("describe-security-groups", Map.of("--group-ids", slots())),
          Map.entry(
              "describe-addresses", Map.of("--allocation-ids", slots(), "--public-ips", slots())),
          Map.entry("describe-instances", Map.of("--filters", renameEach("--filter", v -> v))),
          Map.entry("describe-tags", Map.of("--filters", renameEach("--filter", v -> v))),
          Map.entry(
              "describe-images",
              Map.of(
                  "--filters",
                  renameEach("--filter", v -> v),
                  "--image-ids",
                  slots(),
                  "--owners",
                  renameEach("--owner", v -> v),
                  "--executable-users",
                  renameEach("--executable-by", v -> v))),
          Map.entry(
              "create-volume",
              Map.of("--availability-zone", slot(0), "--snapshot-id", rename("--snapshot"))),
          Map.entry("delete-volume", Map.of("--volume-id", slot(0))),
          Map.entry(
              "attach-volume",
              Map.of("--volume-id", slot(0), "--instance-id", slot(1), "--device", slot(2))),
          Map.entry("detach-volume", Map.of("--volume-id", slot(0), "--instance-id", slot(1))),
          Map.entry("create-snapshot", Map.of("--volume-id", slot(0))),
          Map.entry("delete-snapshot", Map.of("--snapshot-id", slot(0))),
          Map.entry("create-key-pair", Map.of("--key-name", slot(0))),
          Map.entry(
              "import-key-pair",
              Map.of(
                  "--key-name",
                  slot(0),
                  "--public-key-material",
                  new Rule(-1, "--public-key-file", false, AwsSpellings::file))),
          Map.entry("delete-key-pair", Map.of("--key-name", slot(0))),
          Map.entry(
              "create-security-group", Map.of("--group-name", slot(0), "--description", slot(1))),
          Map.entry(
              "delete-security-group", Map.of("--group-name", slot(0), "--group-id", slot(0))),
          Map.entry("authorize-security-group-ingress", groupRule()),
          Map.entry("revoke-security-group-ingress", groupRule()),
          Map.entry("authorize-security-group-egress", groupRule()),
          Map.entry("revoke-security-group-egress", groupRule()),
          Map.entry("release-address", Map.of("--allocation-id", slot(0), "--public-ip", slot(0))),
          Map.entry(
              "associate-address",
              Map.of("--instance-id", slot(0), "--allocation-id", slot(1), "--public-ip", slot(1))),
          Map.entry(
              "disassociate-address", Map.of("--association-id", slot(0), "--public-ip", slot(0))),
          Map.entry(
              "create-tags",
              Map.of("--resources", slots(), "--tags", renameEach("--tag", tag(false)))),
          Map.entry(
              "delete-tags",
              Map.of("--resources", slots(), "--tags", renameEach("--tag", tag(true)))),
          Map.entry("copy-image", Map.of("--source-region", slot(0), "--source-image-id", slot(1))),
          Map.entry("deregister-image", Map.of("--image-id", slot(0))),
          Map.entry("register-image", Map.of("--image-location", slot(0))),
          Map.entry("get-console-output", Map.of("--instance-id", slot(0))));

  private static Map<String, Rule> groupRule() {
    return Map.of(
        "--group-name",
        slot(0),
        "--group-id",
        slot(0),
        "--cidr",
        rename("--cidr-ip"),
        "--source-group",
        rename("--source-group-name"),
        "--group-owner",
        rename("--source-group-owner-id"));
  }

  private AwsSpellings() {}

  /** The AWS CLI spellings {@code command} takes, for its help. */
  static List<String> of(String command) {
    return RULES.getOrDefault(command, Map.of()).keySet().stream().sorted().toList();
  }

  /** The arguments with the invoked command's AWS CLI spellings written as ours. */
  static String[] rewrite(String[] args) {
    String command = Ec2Command.invoked(args);
    Map<String, Rule> rules = command == null ? null : RULES.get(command);
    if (rules == null) {
      return args;
    }
    int at = List.of(args).indexOf(command);
    List<String> rest = new ArrayList<>();
    TreeMap<Integer, List<String>> slots = new TreeMap<>();
    boolean rewritten = false;
    for (int i = at + 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        rest.addAll(List.of(args).subList(i, args.length));
        break;
      }
      int eq = a.startsWith("--") ? a.indexOf('=') : -1;
      String name = eq > 0 ? a.substring(0, eq) : a;
      Rule rule = rules.get(name);
      if (rule == null) {
        rest.add(a);
        continue;
      }
      rewritten = true;
      List<String> values = new ArrayList<>();
      if (eq > 0) {
        values.add(a.substring(eq + 1));
      } else if (rule.many()) {
        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          values.add(args[++i]);
        }
      } else if (i + 1 < args.length) {
        values.add(args[++i]);
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (rule.rename() != null) {
        for (String v : values) {
          rest.add(rule.rename());
          rest.add(rule.value().apply(v));
        }
      } else {
        slots.computeIfAbsent(rule.slot(), k -> new ArrayList<>()).addAll(values);
      }
    }
    if (!rewritten) {
      return args;
    }
    int expected = 0;
    List<String> out = new ArrayList<>(List.of(args).subList(0, at + 1));
    for (Map.Entry<Integer, List<String>> s : slots.entrySet()) {
      if (s.getKey() != expected) {
        String missing = missing(rules, expected);
        throw new IllegalArgumentException(command + ": give " + missing + " too");
      }
      out.addAll(s.getValue());
      expected++;
    }
    out.addAll(rest);
    return out.toArray(String[]::new);
  }

  private static String missing(Map<String, Rule> rules, int slot) {
    return String.join(
        " or ",
        rules.entrySet().stream()
            .filter(e -> e.getValue().rename() == null && e.getValue().slot() == slot)
            .map(Map.Entry::getKey)
            .sorted()
            .toList());
  }
}
