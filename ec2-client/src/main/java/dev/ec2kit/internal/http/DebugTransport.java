package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import dev.ec2kit.internal.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes each exchange to a sink with every secret redacted: the credential sources' calls (STS,
 * SSO portal and OIDC, IMDS, the container endpoint) go through here as well as EC2's.
 *
 * <p>Secrets are found by name, with one set of names ({@link #SECRET_NAMES}) for every format the
 * exchanges use: header names, form and query parameters, XML elements and JSON members; an EC2
 * action's parameters also by botocore's model, wherever it marks a member sensitive. The
 * Authorization header keeps its algorithm and Credential (the access key id, as the AWS CLI's
 * debug log shows it) but not its Signature, and is redacted whole when it is not AWS4; PEM private
 * keys are redacted wherever they appear; the answer to an IMDS token request is redacted whole,
 * since its body is the token. The scanners are linear and tolerate cut-off or non-UTF-8 bodies: a
 * secret whose end is missing is redacted to the end, and nothing here throws.
 */
public final class DebugTransport implements Transport {
  private static final String REDACTED = "<redacted>";
  private static final String PEM_BEGIN = "-----BEGIN ";

  /**
   * Names whose values are never shown, compared {@linkplain #normal normalized}: lower case with
   * {@code -} and {@code _} dropped, so {@code X-Amz-Security-Token}, {@code sessionToken} and
   * {@code <SessionToken>} are each one entry. {@code AccessKeyId} is not a secret and shows.
   */
  static final Set<String> SECRET_NAMES =
      Set.of(
          "secretaccesskey",
          "secretkey",
          "sessiontoken",
          "securitytoken",
          "xamzsecuritytoken",
          "token",
          "accesstoken",
          "refreshtoken",
          "idtoken",
          "clientsecret",
          "devicecode",
          "webidentitytoken",
          "samlassertion",
          "keymaterial",
          "privatekey",
          "password",
          "signature",
          "xamzsignature",
          "xamzssobearertoken",
          "xawsec2metadatatoken",
          "authorization",
          "proxyauthorization",
          "cookie",
          "setcookie",
          // Members whose target shapes botocore's EC2 model marks "sensitive": true.
          "customergatewayconfiguration",
          "importmanifesturl",
          "keyvalue",
          "maccredentials",
          "passworddata",
          "presharedkey",
          "presignedurl",
          "uploadpolicysignature",
          "userdata",
          "vpnconnectiondevicesampleconfiguration");

  /** Whether a text (JSON, shorthand) mentions a secret's name anywhere, compared normalized. */
  public static boolean mentionsSecret(String text) {
    String n = normal(text);
    return SECRET_NAMES.stream().anyMatch(n::contains);
  }

  /**
   * Whether a parameter name names a secret: any of its dotted segments, compared normalized
   * ({@code TunnelOptions.1.PreSharedKey}, {@code UserData}, and {@code UserData.Value}, whose last
   * segment alone says nothing).
   */
  public static boolean isSecretName(String name) {
    for (String part : name.split("\\.")) {
      if (!part.isEmpty() && SECRET_NAMES.contains(normal(part))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a query parameter of an EC2 action is under a member botocore's model marks sensitive
   * ({@code Value} of ModifyInstanceAttribute, {@code Description} of ReportInstanceStatus): its
   * name with each index as {@code N}, or a prefix of it, is one of the action's sensitive
   * parameters. The model is read only for a form that names an EC2 action.
   */
  private static boolean sensitiveParameter(String action, String name) {
    if (action == null) {
      return false;
    }
    Set<String> sensitive = Model.ec2().sensitiveParameters(action);
    if (sensitive.isEmpty()) {
      return false;
    }
    StringBuilder path = new StringBuilder();
    for (String part : name.split("\\.")) {
      path.append(path.length() > 0 ? "." : "");
      path.append(!part.isEmpty() && part.chars().allMatch(Character::isDigit) ? "N" : part);
      if (sensitive.contains(path.toString())) {
        return true;
      }
    }
    return false;
  }

  /** The value of a form's {@code Action} parameter, or null when it has none. */
  private static String action(String form) {
    for (int i = form.indexOf("Action="); i >= 0; i = form.indexOf("Action=", i + 1)) {
      if (i == 0 || form.charAt(i - 1) == '&' || form.charAt(i - 1) == '?') {
        int end = i + "Action=".length();
        while (end < form.length() && Character.isLetterOrDigit(form.charAt(end))) {
          end++;
        }
        return form.substring(i + "Action=".length(), end);
      }
    }
    return null;
  }

  private final Transport delegate;
  private final Consumer<String> sink;

  public DebugTransport(Transport delegate, Consumer<String> sink) {
    this.delegate = delegate;
    this.sink = sink;
  }

  @Override
  public Response send(Request request) throws IOException {
    sink.accept(shown(request));
    long start = System.nanoTime();
    Response response = delegate.send(request);
    long millis = (System.nanoTime() - start) / 1_000_000;
    sink.accept(
        "< HTTP " + response.status() + " in " + millis + " ms\n< " + shown(request, response));
    return response;
  }

  private static String shown(Request request) {
    try {
      StringBuilder out = new StringBuilder();
      out.append("> ").append(request.method()).append(' ');
      out.append(redactUri(request.uri().toString(), request.uri().getRawUserInfo()));
      out.append('\n');
      new TreeMap<>(request.headers())
          .forEach(
              (k, v) ->
                  out.append("> ").append(k).append(": ").append(redactHeader(k, v)).append('\n'));
      out.append("> ").append(redactBody(new String(request.body(), StandardCharsets.UTF_8)));
      return out.toString();
    } catch (RuntimeException e) { // the sink shows what it can and never fails a call
      return "> " + request.method() + " (not shown: " + e.getClass().getName() + ")";
    }
  }

  private static String shown(Request request, Response response) {
    try {
      if (asksForImdsToken(request)) {
        return REDACTED + " (IMDS token, " + response.body().length + " bytes)";
      }
      return redactBody(new String(response.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return "(body not shown: " + e.getClass().getName() + ")";
    }
  }

  /** IMDSv2's token PUT, whose answer is the token itself. */
  private static boolean asksForImdsToken(Request request) {
    if (!request.method().equalsIgnoreCase("PUT")) {
      return false;
    }
    String path = request.uri().getPath();
    return (path != null && path.endsWith("/latest/api/token"))
        || request.headers().keySet().stream()
            .anyMatch(k -> k.equalsIgnoreCase("x-aws-ec2-metadata-token-ttl-seconds"));
  }

  static String redactHeader(String name, String value) {
    String n = normal(name);
    if (n.equals("authorization") || n.equals("proxyauthorization")) {
      return value.regionMatches(true, 0, "AWS4-", 0, 5) ? redactSignature(value) : REDACTED;
    }
    return SECRET_NAMES.contains(n) ? REDACTED : value;
  }

  /** An AWS4 Authorization value with its Signature's value (up to a comma or space) redacted. */
  private static String redactSignature(String value) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.regionMatches(true, i, "Signature=", 0, 10)) {
        int end = i + 10;
        while (end < value.length() && value.charAt(end) != ',' && value.charAt(end) > ' ') {
          end++;
        }
        out.append(value, copied, i + 10).append(REDACTED);
        copied = end;
        i = end - 1;
      }
    }
    return out.append(value, copied, value.length()).toString();
  }

  private static String redactUri(String uri, String userInfo) {
    String s = userInfo == null ? uri : uri.replace(userInfo + "@", REDACTED + "@");
    int query = s.indexOf('?');
    return query < 0 ? s : s.substring(0, query + 1) + redactForm(s.substring(query + 1));
  }

  /** Any body, whatever its format: XML elements, JSON members, form parameters, PEM keys. */
  static String redactBody(String body) {
    return redactPrivateKeys(redactForm(redactJson(redactXml(body))));
  }

  /**
   * The text of each secret XML element ({@code <SessionToken>...</SessionToken>}, also with a
   * namespace prefix or attributes), up to its own end tag, skipping CDATA sections; an element cut
   * off before its end tag is redacted to the end.
   */
  static String redactXml(String s) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
      int nameEnd = i + 1;
      while (nameEnd < s.length() && isNameChar(s.charAt(nameEnd))) {
        nameEnd++;
      }
      String qname = s.substring(i + 1, nameEnd);
      if (qname.isEmpty()
          || !SECRET_NAMES.contains(normal(qname.substring(qname.indexOf(':') + 1)))) {
        continue;
      }
      int tagEnd = s.indexOf('>', nameEnd);
      if (tagEnd < 0) {
        break;
      }
      if (s.charAt(tagEnd - 1) == '/') {
        continue; // <Token/>: nothing inside
      }
      int close = closingTag(s, tagEnd + 1, qname);
      out.append(s, copied, tagEnd + 1).append(REDACTED);
      copied = close;
      i = close;
    }
    return out.append(s, copied, s.length()).toString();
  }

  /**
   * Where {@code </qname>} starts after {@code from}, CDATA skipped; the end when there is none.
   */
  private static int closingTag(String s, int from, String qname) {
    String end = "</" + qname;
    for (int i = from; i < s.length(); i++) {
      if (s.startsWith("<![CDATA[", i)) {
        int cdataEnd = s.indexOf("]]>", i);
        if (cdataEnd < 0) {
          return s.length();
        }
        i = cdataEnd + 2;
      } else if (s.startsWith(end, i)
          && (i + end.length() == s.length() || !isNameChar(s.charAt(i + end.length())))) {
        return i;
      }
    }
    return s.length();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
  }

  /**
   * The string value of each secret JSON member ({@code "sessionToken": "..."}), escapes included;
   * a value cut off before its closing quote is redacted to the end. Every unescaped quote is tried
   * as the start of a member name, so a stray quote before a member cannot hide it.
   */
  static String redactJson(String s) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int i = s.indexOf('"');
    while (i >= 0 && i < s.length()) {
      int nameEnd = stringEnd(s, i);
      int colon = skipSpace(s, nameEnd + 1);
      int value = skipSpace(s, colon + 1);
      if (value < s.length()
          && s.charAt(colon) == ':'
          && s.charAt(value) == '"'
          && SECRET_NAMES.contains(normal(unescapeJson(s.substring(i + 1, nameEnd))))) {
        int valueEnd = stringEnd(s, value);
        out.append(s, copied, value + 1).append(REDACTED);
        copied = Math.min(valueEnd, s.length());
        i = valueEnd;
      } else {
        i = nameEnd;
      }
    }
    return out.append(s, copied, s.length()).toString();
  }

  /** The index of the quote closing the JSON string that opens at {@code open}, or the length. */
  private static int stringEnd(String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return s.length();
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A member name with its escapes undone, enough to compare it with a secret name. */
  private static String unescapeJson(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int u = c == '\\' && raw.startsWith("u", i + 1) ? hex(raw, i + 2, 4) : -1;
      if (u >= 0) {
        out.append((char) u);
        i += 5;
      } else if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The value of each secret form or query parameter ({@code WebIdentityToken=...}), from a name at
   * the start or after {@code ?} or {@code &} to the next {@code &}, {@code #}, space or quote.
   */
  static String redactForm(String s) {
    String action = action(s);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && s.charAt(i - 1) != '&' && s.charAt(i - 1) != '?') {
        continue;
      }
      int eq = i;
      while (eq < s.length() && isParamNameChar(s.charAt(eq))) {
        eq++;
      }
      if (eq == i
          || eq >= s.length()
          || s.charAt(eq) != '='
          || !secretParameter(action, percentDecoded(s.substring(i, eq)))) {
        continue;
      }
      int end = eq + 1;
      while (end < s.length() && "&#\"'<> \t\r\n".indexOf(s.charAt(end)) < 0) {
        end++;
      }
      out.append(s, copied, eq + 1).append(REDACTED);
      copied = end;
      i = end - 1;
    }
    return out.append(s, copied, s.length()).toString();
  }

  private static boolean secretParameter(String action, String name) {
    return isSecretName(name) || sensitiveParameter(action, name);
  }

  private static boolean isParamNameChar(char c) {
    return Character.isLetterOrDigit(c) || "._~%+-".indexOf(c) >= 0;
  }

  private static String percentDecoded(String name) {
    if (name.indexOf('%') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      int h = name.charAt(i) == '%' ? hex(name, i + 1, 2) : -1;
      if (h >= 0) {
        out.append((char) h);
        i += 2;
      } else {
        out.append(name.charAt(i));
      }
    }
    return out.toString();
  }

  /** The value of {@code digits} hex digits at {@code at}, or -1 when they are not all hex. */
  private static int hex(String s, int at, int digits) {
    if (at + digits > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = at; i < at + digits; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /**
   * Every PEM private key ({@code -----BEGIN ... PRIVATE KEY-----} to its END line), also when
   * JSON-escaped, inside any element, or cut off (then to the end).
   */
  static String redactPrivateKeys(String s) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int begin = s.indexOf(PEM_BEGIN); begin >= 0; begin = s.indexOf(PEM_BEGIN, copied)) {
      int label = begin + PEM_BEGIN.length();
      while (label < s.length() && isPemLabelChar(s.charAt(label))) {
        label++;
      }
      if (!s.startsWith("PRIVATE KEY-----", label - "PRIVATE KEY".length())) {
        out.append(s, copied, label);
        copied = label;
        continue;
      }
      int endLine = s.indexOf("-----END ", label + 5);
      int end = endLine < 0 ? -1 : s.indexOf("-----", endLine + 9);
      out.append(s, copied, begin).append("<redacted private key>");
      copied = end < 0 ? s.length() : end + 5;
    }
    return out.append(s, copied, s.length()).toString();
  }

  private static boolean isPemLabelChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
  }

  /** Lower case with {@code -} and {@code _} dropped: the form {@link #SECRET_NAMES} holds. */
  static String normal(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
