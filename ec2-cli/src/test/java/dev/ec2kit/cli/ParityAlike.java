package dev.ec2kit.cli;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the stdout of the two tools comparable where it must differ, and nowhere else: both tools
 * make resources of their own, so their new ids (and their addresses, keys, tokens) differ while
 * everything else, and every value they both can see, must be equal.
 *
 * <ul>
 *   <li>Times (ISO 8601) become {@code <time>}: the two calls run a moment apart.
 *   <li>Each tool's own name ({@code $ME}: pty-aws, pty-ec2) becomes {@code $ME}.
 *   <li>A volatile token — a resource id ({@code vpc-...}, {@code eni-attach-...}), an IPv4 address
 *       (also dashed in a DNS name), a MAC, a key fingerprint, a PEM private key, a UUID — that is
 *       in one tool's stdout of a line but not in the other's becomes an alias numbered in the
 *       order that tool first printed such tokens ({@code vpc#1}, {@code ip#2}). Both tools run the
 *       same lines in the same order, so their own resources get the same aliases, and a token both
 *       print (the default VPC, an AMI, a CIDR) stays as it is.
 * </ul>
 *
 * One instance per tool keeps that tool's aliases across lines.
 */
final class ParityAlike {
  private static final Pattern TIME =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)?");

  /** Volatile tokens, each group a kind; ids keep their prefix as their kind. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<pem>-----BEGIN [A-Z ]+-----[\\s\\S]*?-----END [A-Z ]+-----)"
              + "|(?<uuid>\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b)"
              + "|(?<id>\\b[a-z]+(?:-[a-z]+)*-[0-9a-f]{8,17}\\b)"
              + "|(?<dns>\\b(?:ip|ec2)-\\d{1,3}(?:-\\d{1,3}){3}\\b)"
              + "|(?<ip>\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b)"
              + "|(?<fingerprint>\\b[0-9a-f]{2}(?::[0-9a-f]{2}){15,31}\\b|[A-Za-z0-9+/]{43}=)"
              + "|(?<mac>\\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\\b)");

  private static final List<String> KINDS =
      List.of("pem", "uuid", "id", "dns", "ip", "fingerprint", "mac");

  private final String me;
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();

  ParityAlike(String me) {
    this.me = me;
  }

  /** The volatile tokens of a text, in order. */
  static Set<String> tokens(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /**
   * This tool's stdout with its own tokens (those not in {@code theirs}, the other tool's tokens of
   * the same line) aliased, times and its name replaced.
   */
  String alike(String stdout, Set<String> theirs) {
    String text = TIME.matcher(stdout).replaceAll("<time>");
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String token = m.group();
      String replacement = theirs.contains(token) ? token : alias(token, kind(m));
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString().replace(me, "$ME");
  }

  private String alias(String token, String kind) {
    return aliases.computeIfAbsent(token, t -> kind + "#" + counts.merge(kind, 1, Integer::sum));
  }

  private static String kind(Matcher m) {
    for (String kind : KINDS) {
      String g = m.group(kind);
      if (g != null) {
        return kind.equals("id") ? g.substring(0, g.lastIndexOf('-')) : kind;
      }
    }
    throw new IllegalStateException(m.group());
  }
}
