package dev.ec2kit.local.internal;

import dev.ec2kit.internal.signing.SigV4;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a request's Signature Version 4 the way EC2 does, and says whose it is. The signature is
 * recomputed from what arrived and compared in constant time.
 */
public final class SignatureVerifier {
  private static final Duration SKEW = Duration.ofMinutes(5);

  /** A known access key: its secret and the account it belongs to. */
  public record Key(String secret, String accountId) {}

  /** Who signed, for which region and service, and as which ARN. */
  public record Principal(
      String accessKey, String accountId, String region, String service, String arn) {
    public Principal(String accessKey, String accountId, String region) {
      this(accessKey, accountId, region, "ec2", "arn:aws:iam::" + accountId + ":user/" + accessKey);
    }
  }

  /** Keys STS issued: accepted, with their session token, until they expire. */
  public record TemporaryKey(
      String secret,
      String accountId,
      String sessionToken,
      java.time.Instant expiration,
      String arn) {}

  private final Map<String, TemporaryKey> temporary =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Remembers keys STS (or instance metadata, or the SSO portal) issued. */
  public void issue(String accessKey, TemporaryKey key) {
    temporary.put(accessKey, key);
    if (issued.incrementAndGet() % 256 == 0) { // now and then, forget the keys that have expired
      Instant now = clock.instant();
      temporary.values().removeIf(k -> !now.isBefore(k.expiration()));
    }
  }

  private final java.util.concurrent.atomic.AtomicLong issued =
      new java.util.concurrent.atomic.AtomicLong();

  /** The parts of a received request that the signature covers. */
  public record Received(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }
  }

  private final Map<String, Key> keys;
  private final Clock clock;
  private final java.util.function.Predicate<String> knownRegion;

  public SignatureVerifier(
      Map<String, Key> keys, Clock clock, java.util.function.Predicate<String> knownRegion) {
    this.keys = Map.copyOf(keys);
    this.clock = clock;
    this.knownRegion = knownRegion;
  }

  public Principal verify(Received r) {
    String authorization = r.header("Authorization");
    if (authorization == null) {
      if (queryHas(r.rawQuery(), "X-Amz-Algorithm")) {
        throw Ec2Error.badRequest(
            "IncompleteSignature",
            "Query-string signatures are not supported here; sign with the Authorization header.");
      }
      throw new Ec2Error(
          "MissingAuthenticationToken", "Request is missing Authentication Token", 401);
    }
    if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
      throw Ec2Error.badRequest(
          "IncompleteSignature",
          "Authorization header must use " + SigV4.ALGORITHM + " (Signature Version 4).");
    }
    Map<String, String> parts = new HashMap<>();
    for (String piece : authorization.substring(SigV4.ALGORITHM.length()).split(",")) {
      String p = piece.strip();
      int eq = p.indexOf('=');
      if (eq > 0) {
        parts.put(p.substring(0, eq), p.substring(eq + 1));
      }
    }
    for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
      if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
        throw Ec2Error.badRequest(
            "IncompleteSignature",
            "Authorization header requires '"
                + required
                + "' parameter. Authorization="
                + redact(authorization));
      }
    }
    String[] scope = parts.get("Credential").split("/");
    if (scope.length != 5 || !scope[4].equals(SigV4.TERMINATOR)) {
      throw Ec2Error.badRequest(
          "IncompleteSignature",
          "Credential must have the form ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request.");
    }
    String amzDate = r.header("X-Amz-Date");
    if (amzDate == null) {
      throw Ec2Error.badRequest(
          "IncompleteSignature",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Instant signedAt;
    try {
      signedAt = SigV4.amzDateFormat().parse(amzDate, Instant::from);
    } catch (DateTimeParseException e) {
      throw Ec2Error.badRequest(
          "IncompleteSignature",
          "X-Amz-Date '" + amzDate + "' is not of the form YYYYMMDD'T'HHMMSS'Z'.");
    }
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
      throw Ec2Error.badRequest(
          "RequestExpired",
          "Request has expired. Timestamp date is "
              + amzDate
              + ", server time is "
              + SigV4.amzDate(now)
              + ".");
    }
    String accessKey = scope[0];
    Key key = keys.get(accessKey);
    TemporaryKey temp = key == null ? temporary.get(accessKey) : null;
    if (temp != null) {
      if (!clock.instant().isBefore(temp.expiration())) {
        throw Ec2Error.authFailure("The security token included in the request is expired");
      }
      String token = r.header("X-Amz-Security-Token");
      if (token == null
          || !MessageDigest.isEqual(
              token.getBytes(StandardCharsets.UTF_8),
              temp.sessionToken().getBytes(StandardCharsets.UTF_8))) {
        throw Ec2Error.authFailure("The security token included in the request is invalid.");
      }
      key = new Key(temp.secret(), temp.accountId());
    }
    if (key == null) {
      throw Ec2Error.authFailure("AWS was not able to validate the provided access credentials");
    }
    String region = scope[2];
    if (!scope[3].equals("ec2") && !scope[3].equals("sts")) {
      throw Ec2Error.authFailure("Credential should be scoped to correct service: 'ec2'.");
    }
    if (!knownRegion.test(region)) {
      throw Ec2Error.authFailure(
          "Credential should be scoped to a valid region, not '" + region + "'.");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      throw Ec2Error.authFailure(
          "Credential should be scoped to a valid date: the scope date "
              + scope[1]
              + " is not the date of X-Amz-Date "
              + amzDate
              + ".");
    }
    TreeMap<String, String> signed = new TreeMap<>();
    for (String name : parts.get("SignedHeaders").split(";")) {
      String value = r.header(name);
      if (value == null) {
        throw Ec2Error.authFailure(
            "The request signature names header '" + name + "', which the request does not carry.");
      }
      signed.put(name.toLowerCase(Locale.ROOT), value);
    }
    if (!signed.containsKey("host")) {
      throw Ec2Error.authFailure("The Host header must be signed.");
    }
    String credentialScope = SigV4.scope(scope[1], region, scope[3]);
    String canonical =
        SigV4.canonicalRequest(
            r.method(),
            r.rawPath(),
            dev.ec2kit.internal.signing.FormCodec.decode(r.rawQuery()),
            signed,
            SigV4.sha256Hex(r.body()));
    String expected =
        SigV4.signature(
            SigV4.signingKey(key.secret(), scope[1], region, scope[3]),
            SigV4.stringToSign(amzDate, credentialScope, canonical));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        parts.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
      throw Ec2Error.authFailure("AWS was not able to validate the provided access credentials");
    }
    String arn =
        temp != null ? temp.arn() : "arn:aws:iam::" + key.accountId() + ":user/" + accessKey;
    return new Principal(accessKey, key.accountId(), region, scope[3], arn);
  }

  private static boolean queryHas(String rawQuery, String name) {
    return rawQuery != null
        && (rawQuery.startsWith(name + "=") || rawQuery.contains("&" + name + "="));
  }

  private static String redact(String authorization) {
    return authorization.replaceAll("Signature=[0-9a-fA-F]+", "Signature=<redacted>");
  }
}
