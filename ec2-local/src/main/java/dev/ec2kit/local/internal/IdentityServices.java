package dev.ec2kit.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What credential chains call, so they can be tested offline: STS (GetCallerIdentity, AssumeRole,
 * AssumeRoleWithWebIdentity, service {@code sts}), the IAM Identity Center portal's
 * GetRoleCredentials, and instance metadata (IMDSv2) for each emulated instance at {@code
 * /imds/INSTANCE-ID/}. Keys it issues are temporary: the EC2 endpoint accepts them, with their
 * session token, until they expire.
 */
public final class IdentityServices {
  static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final World world;
  private final SignatureVerifier verifier;
  private final Map<String, Instant> imdsTokens = new ConcurrentHashMap<>();

  public IdentityServices(World world, SignatureVerifier verifier) {
    this.world = world;
    this.verifier = verifier;
  }

  private static String random(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** New temporary keys for {@code arn} in {@code account}, valid for {@code duration}. */
  record Issued(String accessKeyId, String secret, String token, Instant expiration) {}

  Issued issue(String account, String arn, Duration duration) {
    String id = "ASIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    String secret = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
    byte[] t = new byte[96];
    RANDOM.nextBytes(t);
    String token = "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(t);
    Instant until = world.now().plus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    verifier.issue(id, new SignatureVerifier.TemporaryKey(secret, account, token, until, arn));
    return new Issued(id, secret, token, until);
  }

  // ---- STS ----

  /** STS's error document. */
  static String stsError(String code, String message, String requestId) {
    Xml x = Xml.document("ErrorResponse", STS_NS);
    x.start("Error").leaf("Type", "Sender").leaf("Code", code).leaf("Message", message).end();
    return x.leaf("RequestId", requestId).finish();
  }

  /** Answers one STS action; {@code who} is null for the unsigned AssumeRoleWithWebIdentity. */
  String sts(
      String action,
      Map<String, String> params,
      SignatureVerifier.Principal who,
      String requestId) {
    return switch (action) {
      case "GetCallerIdentity" -> {
        Xml x =
            Xml.document("GetCallerIdentityResponse", STS_NS)
                .start("GetCallerIdentityResult")
                .leaf("Arn", who.arn())
                .leaf("UserId", who.accessKey())
                .leaf("Account", who.accountId())
                .end();
        yield x.start("ResponseMetadata").leaf("RequestId", requestId).end().finish();
      }
      case "AssumeRole", "AssumeRoleWithWebIdentity" -> assume(action, params, requestId);
      default ->
          throw Ec2Error.badRequest(
              "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
    };
  }

  private String assume(String action, Map<String, String> params, String requestId) {
    String roleArn = params.get("RoleArn");
    String session = params.get("RoleSessionName");
    if (roleArn == null || roleArn.isEmpty()) {
      throw Ec2Error.missingParameter("RoleArn");
    }
    if (session == null || !session.matches("[\\w+=,.@-]{2,64}")) {
      throw Ec2Error.badRequest(
          "ValidationError",
          "RoleSessionName must be 2 to 64 characters of [\\w+=,.@-], got '"
              + Xml.printable(String.valueOf(session))
              + "'");
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([\\w+=,.@-]+)")
            .matcher(roleArn);
    if (!m.matches()) {
      throw Ec2Error.badRequest(
          "ValidationError",
          "RoleArn '"
              + Xml.printable(roleArn)
              + "' is not a role ARN such as"
              + " arn:aws:iam::123456789012:role/NAME");
    }
    if (action.equals("AssumeRoleWithWebIdentity")
        && (params.get("WebIdentityToken") == null
            || params.get("WebIdentityToken").length() < 4)) {
      throw Ec2Error.badRequest(
          "InvalidIdentityToken", "The web identity token is missing or malformed.");
    }
    int seconds = 3600;
    if (params.get("DurationSeconds") != null) {
      try {
        seconds = Integer.parseInt(params.get("DurationSeconds"));
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 900 || seconds > 43200) {
        throw Ec2Error.badRequest("ValidationError", "DurationSeconds must be 900 to 43200.");
      }
    }
    String account = m.group(1);
    String assumed = "arn:aws:sts::" + account + ":assumed-role/" + m.group(2) + "/" + session;
    Issued k = issue(account, assumed, Duration.ofSeconds(seconds));
    Xml x = Xml.document(action + "Response", STS_NS).start(action + "Result");
    if (action.equals("AssumeRoleWithWebIdentity")) {
      x.leaf("SubjectFromWebIdentityToken", "emulated-subject")
          .leaf("Audience", "sts.amazonaws.com")
          .leaf("Provider", "emulated");
    }
    x.start("AssumedRoleUser")
        .leaf("Arn", assumed)
        .leaf(
            "AssumedRoleId",
            "AROA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17) + ":" + session)
        .end();
    x.start("Credentials")
        .leaf("AccessKeyId", k.accessKeyId())
        .leaf("SecretAccessKey", k.secret())
        .leaf("SessionToken", k.token())
        .leaf("Expiration", Xml.time(k.expiration()))
        .end()
        .end();
    return x.start("ResponseMetadata").leaf("RequestId", requestId).end().finish();
  }

  // ---- the SSO portal ----

  /** GetRoleCredentials: any bearer token is accepted (the emulator has no sign-in of its own). */
  String roleCredentials(String query, String bearer) {
    if (bearer == null || bearer.isBlank()) {
      throw new Ec2Error("UnauthorizedException", "Session token not found or invalid", 401);
    }
    Map<String, String> q = new java.util.HashMap<>();
    dev.ec2kit.internal.signing.FormCodec.decode(query)
        .forEach(e -> q.put(e.getKey(), e.getValue()));
    String account = q.get("account_id");
    String role = q.get("role_name");
    if (account == null || !account.matches("\\d{12}") || role == null || role.isEmpty()) {
      throw Ec2Error.badRequest(
          "InvalidRequestException", "account_id (12 digits) and role_name are required");
    }
    Issued k =
        issue(
            account,
            "arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_" + role + "/sso",
            Duration.ofHours(1));
    return "{\"roleCredentials\":{\"accessKeyId\":\""
        + k.accessKeyId()
        + "\",\"secretAccessKey\":\""
        + k.secret()
        + "\",\"sessionToken\":\""
        + k.token()
        + "\",\"expiration\":"
        + k.expiration().toEpochMilli()
        + "}}";
  }

  /**
   * SSO OIDC CreateToken with a refresh token: a new access token (any refresh token is accepted,
   * as any cached access token is).
   */
  String createToken(String json) {
    java.util.regex.Matcher grant =
        java.util.regex.Pattern.compile("\"grantType\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    java.util.regex.Matcher refresh =
        java.util.regex.Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!grant.find() || !grant.group(1).equals("refresh_token") || !refresh.find()) {
      throw Ec2Error.badRequest(
          "InvalidGrantException", "grantType refresh_token with a refreshToken is required");
    }
    String access =
        "aoa" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 60);
    String next =
        "aor" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 60);
    return "{\"accessToken\":\""
        + access
        + "\",\"tokenType\":\"Bearer\",\"expiresIn\":3600,\"refreshToken\":\""
        + next
        + "\"}";
  }

  // ---- instance metadata ----

  /** An IMDS answer: status and text. */
  record Answer(int status, String body) {}

  /** Answers {@code /imds/INSTANCE-ID/PATH}. */
  Answer imds(String method, String rest, Map<String, java.util.List<String>> headers) {
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    RegionState[] where = new RegionState[1];
    InstanceRecord r = find(id, where);
    if (r == null || !r.online()) {
      return new Answer(404, "no running instance " + Xml.printable(id));
    }
    if (path.equals("/latest/api/token")) {
      if (!method.equals("PUT")) {
        return new Answer(405, "PUT for a token");
      }
      String ttl = first(headers, "x-aws-ec2-metadata-token-ttl-seconds");
      int seconds;
      try {
        seconds = Integer.parseInt(ttl == null ? "" : ttl);
      } catch (NumberFormatException e) {
        seconds = 0;
      }
      if (seconds < 1 || seconds > 21600) {
        return new Answer(400, "x-aws-ec2-metadata-token-ttl-seconds must be 1 to 21600");
      }
      String token = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 56);
      imdsTokens.put(id + "/" + token, world.now().plusSeconds(seconds));
      return new Answer(200, token);
    }
    String token = first(headers, "x-aws-ec2-metadata-token");
    Instant until = token == null ? null : imdsTokens.get(id + "/" + token);
    boolean v2 = until != null && world.now().isBefore(until);
    if (!v2
        && (token != null
            || !"optional".equals(r.metadataOptions.getOrDefault("HttpTokens", "required")))) {
      return new Answer(401, "a valid IMDSv2 token is required");
    }
    RegionState state = where[0];
    String role =
        r.iamInstanceProfile == null
            ? null
            : r.iamInstanceProfile.substring(r.iamInstanceProfile.lastIndexOf('/') + 1);
    return switch (path) {
      case "/latest/meta-data/instance-id" -> new Answer(200, r.id);
      case "/latest/meta-data/ami-id" -> new Answer(200, r.imageId);
      case "/latest/meta-data/instance-type" -> new Answer(200, r.instanceType);
      case "/latest/meta-data/local-ipv4" -> new Answer(200, r.privateIp);
      case "/latest/meta-data/public-ipv4" ->
          r.publicIp == null ? new Answer(404, "none") : new Answer(200, r.publicIp);
      case "/latest/meta-data/placement/availability-zone" -> new Answer(200, r.zone);
      case "/latest/meta-data/placement/region" -> new Answer(200, state.region);
      case "/latest/meta-data/public-keys/0/openssh-key" ->
          r.authorizedKey == null ? new Answer(404, "none") : new Answer(200, r.authorizedKey);
      case "/latest/meta-data/iam/security-credentials/",
          "/latest/meta-data/iam/security-credentials" ->
          role == null ? new Answer(404, "no instance profile") : new Answer(200, role);
      case "/latest/dynamic/instance-identity/document" ->
          new Answer(
              200,
              "{\"accountId\":\""
                  + state.accountId
                  + "\",\"architecture\":\""
                  + r.architecture
                  + "\",\"availabilityZone\":\""
                  + r.zone
                  + "\",\"imageId\":\""
                  + r.imageId
                  + "\",\"instanceId\":\""
                  + r.id
                  + "\",\"instanceType\":\""
                  + r.instanceType
                  + "\",\"privateIp\":\""
                  + r.privateIp
                  + "\",\"region\":\""
                  + state.region
                  + "\",\"version\":\"2017-09-30\"}");
      default -> {
        if (role != null && path.equals("/latest/meta-data/iam/security-credentials/" + role)) {
          Issued k =
              issue(
                  state.accountId,
                  "arn:aws:sts::" + state.accountId + ":assumed-role/" + role + "/" + r.id,
                  Duration.ofHours(6));
          yield new Answer(
              200,
              "{\"Code\":\"Success\",\"LastUpdated\":\""
                  + Xml.time(world.now())
                  + "\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\""
                  + k.accessKeyId()
                  + "\",\"SecretAccessKey\":\""
                  + k.secret()
                  + "\",\"Token\":\""
                  + k.token()
                  + "\",\"Expiration\":\""
                  + Xml.time(k.expiration())
                  + "\"}");
        }
        yield new Answer(404, "Not Found");
      }
    };
  }

  private static String first(Map<String, java.util.List<String>> headers, String name) {
    java.util.List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private InstanceRecord find(String id, RegionState[] where) {
    for (RegionState state : world.states()) {
      synchronized (state) {
        world.advance(state, world.now());
        InstanceRecord r = state.instances.get(id);
        if (r != null) {
          where[0] = state;
          return r;
        }
      }
    }
    return null;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
