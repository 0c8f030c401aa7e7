package dev.ec2kit.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What credential chains call, so they can be tested offline: STS (GetCallerIdentity, AssumeRole,
 * AssumeRoleWithWebIdentity, service {@code sts}), IAM Identity Center's portal
 * (GetRoleCredentials) and OIDC token refresh, and instance metadata (IMDSv2) at each emulated
 * instance's own address. Each hands keys only to callers that prove they may have them, as AWS
 * does: AssumeRole from a known principal whose account the role trusts; AssumeRoleWithWebIdentity
 * with a token the emulator issued or a configured issuer signed, for a role of that token's
 * account; the portal with an access token the emulator issued for that account; metadata only on
 * the instance's own address. Keys it issues are temporary: the EC2 endpoint accepts them, with
 * their session token, until they expire.
 */
public final class IdentityServices {
  static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The most live IMDS session tokens one instance keeps; the oldest go first past it. */
  static final int MAX_IMDS_TOKENS = 1000;

  /** Who may assume roles where: principals of an account into roles of another ("*": any). */
  public record Trust(String principalAccount, String roleAccount) {
    public static final Trust ANY = new Trust("*", "*");

    boolean allows(String principal, String role) {
      return (principalAccount.equals("*") || principalAccount.equals(principal))
          && (roleAccount.equals("*") || roleAccount.equals(role));
    }
  }

  private final World world;
  private final SignatureVerifier verifier;
  private final Tokens tokens;
  private final List<Trust> trust;
  private final Map<String, Map<String, Instant>> imdsTokens = new ConcurrentHashMap<>();
  private final Map<String, Issued> roleKeys = new ConcurrentHashMap<>();

  /**
   * {@code trust}: besides a role trusting its own account, who may assume roles of other accounts;
   * {@code issuers}: web identity issuers besides the emulator itself.
   */
  public IdentityServices(
      World world, SignatureVerifier verifier, List<Trust> trust, List<Tokens.Issuer> issuers) {
    this.world = world;
    this.verifier = verifier;
    this.trust = List.copyOf(trust);
    this.tokens = new Tokens(issuers);
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

  /** The issuer of the emulator's own web identity tokens: its endpoint. */
  private String ownIssuer() {
    String e = world.endpoint();
    if (e == null) {
      throw new IllegalStateException("the emulator is not listening yet");
    }
    return e;
  }

  /** A web identity token of the emulator's own, for roles of {@code accountId}. */
  public String webIdentityToken(String accountId, String subject, Duration ttl) {
    return tokens.webIdentityToken(
        ownIssuer(), accountId, subject, world.now(), Math.max(1, ttl.toSeconds()));
  }

  /** A sign-in to IAM Identity Center that may get role credentials in these accounts. */
  public dev.ec2kit.local.SsoLogin ssoLogin(java.util.Set<String> accounts, Duration ttl) {
    Instant now = world.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String clientId = "ecl" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 22);
    Instant registration = now.plus(Duration.ofDays(90));
    return new dev.ec2kit.local.SsoLogin(
        tokens.ssoToken(false, accounts, now.plus(ttl), clientId),
        now.plus(ttl),
        tokens.ssoToken(true, accounts, registration, clientId),
        clientId,
        tokens.clientSecret(clientId),
        registration);
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
      case "AssumeRole", "AssumeRoleWithWebIdentity" -> assume(action, params, who, requestId);
      default ->
          throw Ec2Error.badRequest(
              "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
    };
  }

  private String assume(
      String action,
      Map<String, String> params,
      SignatureVerifier.Principal who,
      String requestId) {
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
    String account = m.group(1);
    Tokens.WebIdentity web = null;
    if (action.equals("AssumeRoleWithWebIdentity")) {
      web = tokens.verifyWebIdentity(params.get("WebIdentityToken"), ownIssuer(), world.now());
      if (!account.equals(web.accountId())) {
        throw new Ec2Error(
            "AccessDenied",
            "Not authorized to perform sts:AssumeRoleWithWebIdentity: the role's account "
                + account
                + " does not trust the token's issuer "
                + Xml.printable(web.issuer())
                + ".",
            403);
      }
    } else if (!account.equals(who.accountId())
        && trust.stream().noneMatch(t -> t.allows(who.accountId(), account))) {
      throw new Ec2Error(
          "AccessDenied",
          "User: "
              + who.arn()
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + Xml.printable(roleArn),
          403);
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
    String assumed = "arn:aws:sts::" + account + ":assumed-role/" + m.group(2) + "/" + session;
    Issued k = issue(account, assumed, Duration.ofSeconds(seconds));
    Xml x = Xml.document(action + "Response", STS_NS).start(action + "Result");
    if (action.equals("AssumeRoleWithWebIdentity")) {
      x.leaf("SubjectFromWebIdentityToken", web.subject())
          .leaf("Audience", web.audience())
          .leaf("Provider", web.issuer());
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

  /**
   * GetRoleCredentials: keys for a role of an account, for a bearer token this emulator issued (see
   * {@link #ssoLogin}) that grants that account.
   */
  String roleCredentials(String query, String bearer) {
    Tokens.Grant grant = tokens.ssoGrant(bearer, false, world.now());
    if (grant == null) {
      throw new Ec2Error("UnauthorizedException", "Session token not found or invalid", 401);
    }
    Map<String, String> q = new java.util.HashMap<>();
    try {
      dev.ec2kit.internal.signing.FormCodec.decode(query)
          .forEach(e -> q.put(e.getKey(), e.getValue()));
    } catch (IllegalArgumentException e) {
      throw Ec2Error.badRequest(
          "InvalidRequestException", "The query string is not well-formed URL encoding.");
    }
    String account = q.get("account_id");
    String role = q.get("role_name");
    if (account == null
        || !account.matches("\\d{12}")
        || role == null
        || !role.matches("[\\w+=,.@-]{1,64}")) {
      throw Ec2Error.badRequest(
          "InvalidRequestException",
          "account_id (12 digits) and role_name (1 to 64 of [\\w+=,.@-]) are required");
    }
    if (!grant.accounts().contains(account)) {
      throw new Ec2Error("ForbiddenException", "No access", 403);
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
   * SSO OIDC CreateToken with a refresh token: a new access token and refresh token, for a refresh
   * token this emulator issued to that client registration (its id and secret).
   */
  String createToken(String json) {
    Map<String, Object> body;
    try {
      body = dev.ec2kit.internal.credentials.Json.object(json);
    } catch (IllegalArgumentException e) {
      throw Ec2Error.badRequest("InvalidRequestException", "The body is not a JSON object.");
    }
    if (!"refresh_token".equals(body.get("grantType"))) {
      throw Ec2Error.badRequest(
          "UnsupportedGrantTypeException", "grantType refresh_token is the one supported here");
    }
    String clientId = body.get("clientId") instanceof String c ? c : null;
    if (clientId == null
        || !tokens.clientSecretMatches(
            clientId, body.get("clientSecret") instanceof String cs ? cs : null)) {
      throw new Ec2Error("InvalidClientException", "The client is not registered here.", 401);
    }
    Tokens.Grant grant =
        tokens.ssoGrant(body.get("refreshToken") instanceof String r ? r : null, true, world.now());
    if (grant == null || !grant.clientId().equals(clientId)) {
      throw Ec2Error.badRequest(
          "InvalidGrantException", "The refresh token is not valid for this client.");
    }
    Instant now = world.now();
    String access = tokens.ssoToken(false, grant.accounts(), now.plusSeconds(3600), clientId);
    String next = tokens.ssoToken(true, grant.accounts(), grant.expires(), clientId);
    return "{\"accessToken\":\""
        + access
        + "\",\"tokenType\":\"Bearer\",\"expiresIn\":3600,\"refreshToken\":\""
        + next
        + "\"}";
  }

  // ---- instance metadata ----

  /** An IMDS answer: status and text. */
  record Answer(int status, String body) {}

  /**
   * Answers a metadata request that reached {@code address}: the instance online there, and only
   * it, as 169.254.169.254 answers only the instance it is asked from.
   */
  Answer imds(
      String method, String path, Map<String, java.util.List<String>> headers, String address) {
    RegionState[] where = new RegionState[1];
    InstanceRecord r = find(address, where);
    if (r == null) {
      return new Answer(404, "Not Found");
    }
    String id = r.id;
    if (path.equals("/latest/api/token")) {
      if (!method.equals("PUT")) {
        return new Answer(405, "PUT for a token");
      }
      if (!headers.containsKey("x-aws-ec2-metadata-token-ttl-seconds")) {
        return new Answer(400, "x-aws-ec2-metadata-token-ttl-seconds is required");
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
      Instant now = world.now();
      while (true) { // a sweep may drop an empty map between finding it and locking it
        Map<String, Instant> mine = imdsTokens.computeIfAbsent(id, k -> tokenMap());
        synchronized (mine) {
          if (imdsTokens.get(id) == mine) {
            mine.values().removeIf(until -> !now.isBefore(until));
            mine.put(token, now.plusSeconds(seconds));
            break;
          }
        }
      }
      sweep(now);
      return new Answer(200, token);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return new Answer(405, "GET for metadata");
    }
    String token = first(headers, "x-aws-ec2-metadata-token");
    Map<String, Instant> mine = imdsTokens.get(id);
    Instant until = null;
    if (token != null && mine != null) {
      synchronized (mine) {
        until = mine.get(token);
      }
    }
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
          Issued k = roleKeys(state, r, role);
          yield new Answer(
              200,
              "{\"Code\":\"Success\",\"LastUpdated\":\""
                  + Xml.time(k.expiration().minus(Duration.ofHours(6)))
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

  /**
   * The instance role's keys: the same ones until five minutes before they expire, as EC2 makes new
   * ones available at least five minutes before the old expire, so asking again and again issues
   * nothing new.
   */
  private Issued roleKeys(RegionState state, InstanceRecord r, String role) {
    String arn = "arn:aws:sts::" + state.accountId + ":assumed-role/" + role + "/" + r.id;
    return roleKeys.compute(
        r.id + "/" + role,
        (k, old) ->
            old != null && old.expiration().isAfter(world.now().plus(Duration.ofMinutes(5)))
                ? old
                : issue(state.accountId, arn, Duration.ofHours(6)));
  }

  private static String first(Map<String, java.util.List<String>> headers, String name) {
    java.util.List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The instance online at {@code address}, and its state, read under the state's lock. */
  private InstanceRecord find(String address, RegionState[] where) {
    for (RegionState state : world.states()) {
      synchronized (state) {
        world.advance(state, world.now());
        for (InstanceRecord r : state.instances.values()) {
          if (address.equals(r.publicIp) && r.online()) {
            where[0] = state;
            return r;
          }
        }
      }
    }
    return null;
  }

  /** An instance's live tokens, oldest first, at most {@value #MAX_IMDS_TOKENS}. */
  private static Map<String, Instant> tokenMap() {
    return new java.util.LinkedHashMap<>() {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
        return size() > MAX_IMDS_TOKENS;
      }
    };
  }

  /**
   * Drops expired metadata tokens and role keys of every instance (ended instances' included), once
   * every {@value #SWEEP_EVERY} tokens, so neither grows with the requests made.
   */
  private void sweep(Instant now) {
    if (puts.incrementAndGet() % SWEEP_EVERY != 0) {
      return;
    }
    imdsTokens
        .values()
        .removeIf(
            m -> {
              synchronized (m) {
                m.values().removeIf(until -> !now.isBefore(until));
                return m.isEmpty();
              }
            });
    roleKeys.values().removeIf(k -> !now.isBefore(k.expiration()));
  }

  static final int SWEEP_EVERY = 1024;
  private final java.util.concurrent.atomic.AtomicLong puts =
      new java.util.concurrent.atomic.AtomicLong();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
