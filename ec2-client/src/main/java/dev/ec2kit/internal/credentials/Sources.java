package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Sleeper;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The credential sources of the AWS SDKs' default chain, each a small loader: credential_process,
 * STS AssumeRole and AssumeRoleWithWebIdentity, IAM Identity Center (SSO), container credentials
 * and instance metadata (IMDSv2). Their HTTP calls go through the client's transport and retry
 * rules.
 */
final class Sources {
  /**
   * The longest answer a credentials endpoint (instance metadata, container agent, SSO portal and
   * OIDC, STS) may give: theirs are a few kilobytes, and a larger one is not read into memory.
   */
  static final long ANSWER_LIMIT = 1 << 20;

  private final Map<String, String> env;
  private final Path home;
  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;

  Sources(Map<String, String> env, Path home, Transport transport, Clock clock, Sleeper sleeper) {
    this.env = env;
    this.home = home;
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  // ---- credential_process ----

  /**
   * The most a credential_process may print: the AWS SDK for Java v2's ProcessCredentialsProvider
   * default (its processOutputLimit); a few kilobytes are the norm.
   */
  static final int PROCESS_OUTPUT_LIMIT = 64_000;

  /** How long a credential_process may run in all, printing included. */
  static final Duration PROCESS_TIME_LIMIT = Duration.ofSeconds(60);

  /** Runs a profile's credential_process and reads its JSON (Version 1); stderr goes to ours. */
  Credentials process(String profile, String command) {
    return process(profile, command, PROCESS_TIME_LIMIT, PROCESS_OUTPUT_LIMIT);
  }

  /**
   * As {@link #process(String, String)}, within these limits: past either, the process and its
   * descendants are killed. The output is never put in a message: it holds the secret key.
   */
  Credentials process(String profile, String command, Duration timeLimit, int outputLimit) {
    List<String> argv = split(command);
    String what = "credential_process of profile '" + profile + "'";
    if (argv.isEmpty()) {
      throw new IllegalStateException(what + " is empty");
    }
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          what + " cannot start " + argv.get(0) + ": " + e.getMessage());
    }
    String out = new String(output(p, what, timeLimit, outputLimit), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          what + " exited " + p.exitValue() + " (its own message is above on stderr)");
    }
    Map<String, Object> doc;
    try {
      doc = Json.object(out);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(what + " printed no JSON object: " + e.getMessage());
    }
    Object version = doc.get("Version");
    if (!(version instanceof Long v) || v != 1) {
      throw new IllegalStateException(
          what
              + " printed "
              + (version instanceof Long v ? "Version " + v : "no numeric Version")
              + "; only Version 1 is defined");
    }
    return credentials(
        doc,
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "Expiration",
        "credential_process (profile " + profile + ")");
  }

  /**
   * The process's standard output, read on a side thread so that the time limit holds while it
   * prints (or does not), and read no further than the size limit; the process has ended when this
   * returns.
   */
  private static byte[] output(Process p, String what, Duration timeLimit, int outputLimit) {
    long deadline = System.nanoTime() + timeLimit.toNanos();
    String stopped = " (it was stopped)";
    CompletableFuture<byte[]> printed = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (java.io.InputStream in = p.getInputStream()) {
                printed.complete(in.readNBytes(outputLimit + 1));
              } catch (IOException | RuntimeException e) {
                printed.completeExceptionally(e);
              }
            },
            "ec2kit-credential-process");
    reader.setDaemon(true);
    reader.start();
    try {
      p.getOutputStream().close();
      byte[] out = printed.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (out.length > outputLimit) {
        kill(p);
        throw new IllegalStateException(
            what + " printed more than " + outputLimit + " bytes" + stopped);
      }
      if (!p.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException();
      }
      return out;
    } catch (TimeoutException e) {
      kill(p);
      throw new IllegalStateException(
          what + " did not finish within " + readable(timeLimit) + stopped);
    } catch (ExecutionException e) {
      kill(p);
      throw new IllegalStateException(
          what + "'s output cannot be read: " + e.getCause().getMessage() + stopped);
    } catch (IOException e) {
      kill(p);
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
      throw new IllegalStateException("interrupted running " + what + stopped);
    }
  }

  private static String readable(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Kills the process and what it started (listed first: once it is gone, they are orphans). */
  private static void kill(Process p) {
    List<ProcessHandle> family = p.descendants().toList();
    p.destroyForcibly();
    family.forEach(ProcessHandle::destroyForcibly);
  }

  /** Splits a command line as botocore does (shlex): spaces, with single and double quotes. */
  static List<String> split(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean in = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
          cur.append(command.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        in = true;
      } else if (Character.isWhitespace(c)) {
        if (in) {
          out.add(cur.toString());
          cur.setLength(0);
          in = false;
        }
      } else if (c == '\\' && i + 1 < command.length()) {
        cur.append(command.charAt(++i));
        in = true;
      } else {
        cur.append(c);
        in = true;
      }
    }
    if (quote != 0) {
      throw new IllegalStateException("credential_process has an unclosed quote: " + command);
    }
    if (in) {
      out.add(cur.toString());
    }
    return out;
  }

  private static Credentials credentials(
      Map<String, Object> doc,
      String id,
      String secret,
      String token,
      String expiration,
      String source) {
    Object key = doc.get(id);
    Object sec = doc.get(secret);
    if (!(key instanceof String k) || k.isEmpty() || !(sec instanceof String s) || s.isEmpty()) {
      throw new IllegalStateException(source + " gave no " + id + " and " + secret);
    }
    Object t = doc.get(token);
    Object e = doc.get(expiration);
    Instant until = null;
    if (e instanceof String text && !text.isEmpty()) {
      try {
        until = Instant.parse(text);
      } catch (java.time.format.DateTimeParseException bad) {
        throw new IllegalStateException(
            source + " gave " + expiration + " '" + text + "', not an ISO 8601 time");
      }
    } else if (e instanceof Long ms) {
      until = Instant.ofEpochMilli(ms);
    }
    return new Credentials(
        k, s, t instanceof String tok && !tok.isEmpty() ? tok : null, until, source);
  }

  // ---- STS ----

  private QueryClient sts() {
    Transport limited = r -> transport.send(r.withMaxBodyBytes(ANSWER_LIMIT));
    return new QueryClient(
        limited,
        clock,
        sleeper,
        RetryPolicy.standard(),
        new java.util.SplittableRandom(),
        Duration.ofSeconds(30),
        "sts",
        "2011-06-15");
  }

  /** AssumeRole with the source credentials: a role's temporary keys. */
  Credentials assumeRole(
      StsEndpoint where,
      java.util.function.Supplier<Credentials> sourceCredentials,
      String roleArn,
      String sessionName,
      String externalId,
      Integer durationSeconds,
      String mfaSerial,
      String mfaCode,
      String profile) {
    Params p =
        new Params()
            .put("RoleArn", roleArn)
            .put("RoleSessionName", sessionName)
            .put("ExternalId", externalId)
            .put("DurationSeconds", durationSeconds == null ? null : durationSeconds.toString())
            .put("SerialNumber", mfaSerial)
            .put("TokenCode", mfaCode);
    XmlNode doc =
        sts().call(where.uri(), where.region(), sourceCredentials, "AssumeRole", p, Repeat.SAFE);
    return stsCredentials(
        doc, "AssumeRoleResult", "assume-role " + roleArn + " (profile " + profile + ")");
  }

  /** AssumeRoleWithWebIdentity: unsigned, the token file's contents as proof. */
  Credentials assumeRoleWithWebIdentity(
      StsEndpoint where, String roleArn, String sessionName, Path tokenFile, String origin) {
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "web identity token file "
              + tokenFile
              + " ("
              + origin
              + ") cannot be read: "
              + e.getMessage());
    }
    Params p =
        new Params()
            .put("RoleArn", roleArn)
            .put("RoleSessionName", sessionName)
            .put("WebIdentityToken", token);
    XmlNode doc =
        sts().call(where.uri(), where.region(), null, "AssumeRoleWithWebIdentity", p, Repeat.SAFE);
    return stsCredentials(
        doc, "AssumeRoleWithWebIdentityResult", "web identity " + roleArn + " (" + origin + ")");
  }

  private static Credentials stsCredentials(XmlNode doc, String result, String source) {
    XmlNode c =
        doc.path(result, "Credentials")
            .orElseThrow(() -> doc.malformed("has no " + result + "/Credentials"));
    return new Credentials(
        c.required("AccessKeyId"),
        c.required("SecretAccessKey"),
        c.text("SessionToken"),
        c.instant("Expiration"),
        source);
  }

  /** Where STS is: the region's endpoint, or one configured for it. */
  record StsEndpoint(URI uri, String region) {}

  // ---- IAM Identity Center ----

  /**
   * The role credentials of an SSO profile, from the token {@code aws sso login} cached; an expired
   * or missing token says to log in again.
   */
  Credentials sso(
      String profile,
      String startUrl,
      String sessionName,
      String ssoRegion,
      String accountId,
      String roleName,
      URI portalOverride) {
    String cacheKey = sessionName != null ? sessionName : startUrl;
    Path cache = home.resolve(".aws/sso/cache/" + sha1(cacheKey) + ".json");
    String login = "run `aws sso login --profile " + profile + "`";
    if (!Files.exists(cache)) {
      throw new IllegalStateException(
          "no SSO token cached for profile '" + profile + "' (" + cache + "): " + login);
    }
    Map<String, Object> token;
    try {
      token = Json.object(Files.readString(cache, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the SSO token cache " + cache + " cannot be read (" + e.getMessage() + "): " + login);
    }
    Object access = token.get("accessToken");
    Object expires = token.get("expiresAt");
    String bearer = access instanceof String a ? a : null;
    if (bearer == null || !(expires instanceof String until)) {
      throw new IllegalStateException(
          "the SSO token cache " + cache + " has no accessToken and expiresAt: " + login);
    }
    Instant expiry = cacheTime(until, "expiresAt", cache, login);
    if (!clock.instant().isBefore(expiry)) {
      Map<String, Object> renewed = refreshSsoToken(token, ssoRegion, cache, login);
      if (renewed == null) {
        throw new IllegalStateException(
            "the SSO token of profile '" + profile + "' expired at " + expiry + ": " + login);
      }
      bearer = (String) renewed.get("accessToken");
    }
    URI portal =
        portalOverride != null
            ? portalOverride
            : URI.create("https://portal.sso." + ssoRegion + ".amazonaws.com/");
    URI uri =
        portal.resolve(
            "/federation/credentials?account_id=" + enc(accountId) + "&role_name=" + enc(roleName));
    Map<String, String> headers = new HashMap<>();
    headers.put("x-amz-sso_bearer_token", bearer);
    Map<String, Object> answer =
        json(
            new Transport.Request("GET", uri, headers, null, Duration.ofSeconds(10)),
            "the SSO portal");
    Object role = answer.get("roleCredentials");
    if (!(role instanceof Map<?, ?> m)) {
      throw new IllegalStateException(
          "the SSO portal " + portal + " answered without roleCredentials");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> rc = (Map<String, Object>) m;
    return credentials(
        rc,
        "accessKeyId",
        "secretAccessKey",
        "sessionToken",
        "expiration",
        "sso " + accountId + "/" + roleName + " (profile " + profile + ")");
  }

  /**
   * Renews an expired SSO token with the refresh token the cache holds (SSO OIDC CreateToken, as
   * the AWS CLI does), writing the new token back to the cache; null when there is nothing to renew
   * with or the client registration has expired.
   */
  private Map<String, Object> refreshSsoToken(
      Map<String, Object> token, String ssoRegion, Path cache, String login) {
    Object refresh = token.get("refreshToken");
    Object clientId = token.get("clientId");
    Object clientSecret = token.get("clientSecret");
    Object registration = token.get("registrationExpiresAt");
    if (!(refresh instanceof String)
        || !(clientId instanceof String)
        || !(clientSecret instanceof String)) {
      return null;
    }
    if (registration instanceof String r
        && !clock.instant().isBefore(cacheTime(r, "registrationExpiresAt", cache, login))) {
      return null;
    }
    String oidc =
        env("AWS_ENDPOINT_URL_SSO_OIDC") != null
            ? env("AWS_ENDPOINT_URL_SSO_OIDC")
            : env("AWS_ENDPOINT_URL");
    URI base =
        oidc != null
            ? dev.ec2kit.internal.config.SettingsResolver.endpointUri(oidc)
            : URI.create("https://oidc." + ssoRegion + ".amazonaws.com/");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("grantType", "refresh_token");
    request.put("clientId", clientId);
    request.put("clientSecret", clientSecret);
    request.put("refreshToken", refresh);
    String body = Json.write(request);
    Map<String, Object> answer;
    try {
      answer =
          json(
              new Transport.Request(
                  "POST",
                  base.resolve("/token"),
                  Map.of("Content-Type", "application/json"),
                  body.getBytes(StandardCharsets.UTF_8),
                  Duration.ofSeconds(10)),
              "SSO OIDC");
    } catch (IllegalStateException e) {
      return null; // refused: the user logs in again
    }
    Object access = answer.get("accessToken");
    Object expiresIn = answer.get("expiresIn");
    if (!(access instanceof String) || !(expiresIn instanceof Long seconds)) {
      return null;
    }
    Map<String, Object> updated = new LinkedHashMap<>(token);
    updated.put("accessToken", access);
    updated.put("expiresAt", clock.instant().plusSeconds(seconds).toString());
    if (answer.get("refreshToken") instanceof String newRefresh) {
      updated.put("refreshToken", newRefresh);
    }
    try {
      writeAtomically(cache, Json.write(updated));
    } catch (IOException e) {
      // the token still works for this process; the next one refreshes again
    }
    return updated;
  }

  /**
   * A time in the SSO token cache: ISO 8601 with a zone ({@code Z}, an offset, or the AWS CLI's
   * older {@code UTC}). One without a zone is refused with the fix, where botocore fails comparing
   * it with the time now.
   */
  private static Instant cacheTime(String text, String key, Path cache, String login) {
    try {
      return java.time.OffsetDateTime.parse(text.replace("UTC", "Z")).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException(
          "the SSO token cache "
              + cache
              + " has "
              + key
              + " '"
              + text
              + "', not an ISO 8601 time with a zone (such as 2026-12-01T00:00:00Z): "
              + login);
    }
  }

  /**
   * Replaces {@code file} with {@code text} whole or not at all, as botocore's JSONFileCache does
   * (a temporary file beside it, synced, then moved over it), readable by its owner only.
   */
  private static void writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp =
        dir.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? Files.createTempFile(
                dir,
                ".ec2kit-",
                ".tmp",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".ec2kit-", ".tmp");
    try {
      try (java.nio.channels.FileChannel out =
          java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static String sha1(String s) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---- HTTP documents: container, IMDS, SSO ----

  private Map<String, Object> json(Transport.Request request, String what) {
    String body = text(request, what);
    try {
      return Json.object(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          what + " at " + request.uri() + " answered no JSON object: " + e.getMessage());
    }
  }

  private String text(Transport.Request request, String what) {
    Transport.Response r;
    try {
      r = transport.send(request.withMaxBodyBytes(ANSWER_LIMIT));
    } catch (IOException e) {
      throw new IllegalStateException(
          what + " at " + request.uri() + " cannot be reached: " + e.getMessage());
    }
    if (r.status() != 200) {
      throw new IllegalStateException(
          what + " at " + request.uri() + " answered HTTP " + r.status());
    }
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Container credentials: the full or relative URI, with the authorization token or its file. */
  Credentials container() {
    String full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    String relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    URI uri;
    if (relative != null) {
      if (!relative.startsWith("/")) {
        throw new IllegalStateException(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path starting with /");
      }
      uri = URI.create("http://169.254.170.2" + relative);
    } else {
      uri = containerUri(full);
    }
    Map<String, String> headers = new HashMap<>();
    String token = env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    String tokenFile = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (tokenFile != null) {
      try {
        token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + tokenFile + " cannot be read");
      }
    }
    if (token != null) {
      headers.put("Authorization", token);
    }
    Map<String, Object> doc =
        json(
            new Transport.Request("GET", uri, headers, null, Duration.ofSeconds(2)),
            "the container credentials endpoint");
    return credentials(
        doc, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "container (" + uri + ")");
  }

  private static final String CONTAINER_URIS =
      "https, or http to a loopback address (127.0.0.0/8 or [::1]), localhost, or the container"
          + " agent's 169.254.170.2, 169.254.170.23 or [fd00:ec2::23]";

  /**
   * AWS_CONTAINER_CREDENTIALS_FULL_URI, checked as botocore's ContainerMetadataFetcher checks it
   * before sending the authorization token there: https to any host; http only to a loopback IP
   * literal, localhost or the ECS and EKS agents' addresses. Names are compared, never looked up
   * ({@code 127.attacker.example} is a name, not a loopback address).
   */
  static URI containerUri(String full) {
    String variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    URI uri;
    try {
      uri = new URI(full);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(
          variable + " is not a URI (" + e.getReason() + "): it must be " + CONTAINER_URIS);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalStateException(
          variable
              + " "
              + uri
              + " is not an http(s) URL with a host: it must be "
              + CONTAINER_URIS);
    }
    if (scheme.equals("http") && !containerHost(host)) {
      throw new IllegalStateException(
          variable
              + " "
              + uri
              + " has host "
              + host
              + ", which is not allowed over http: it must be "
              + CONTAINER_URIS);
    }
    return uri;
  }

  private static final java.util.regex.Pattern IPV4 =
      java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

  private static boolean containerHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("169.254.170.2") || h.equals("169.254.170.23")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) {
      for (String octet : h.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return h.startsWith("127.");
    }
    if (h.indexOf(':') >= 0
        && h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      try { // a literal with a colon is parsed, never looked up
        java.net.InetAddress a = java.net.InetAddress.getByName(h);
        return a.isLoopbackAddress() || a.equals(java.net.InetAddress.getByName("fd00:ec2::23"));
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** Where instance metadata is: AWS_EC2_METADATA_SERVICE_ENDPOINT, else 169.254.169.254. */
  URI imdsEndpoint() {
    String e = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    String base = e != null ? e : "http://169.254.169.254";
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
  }

  private URI imds(String path) {
    return URI.create(imdsEndpoint() + path);
  }

  /** An IMDSv2 session token (one PUT, a 6-hour TTL). */
  private String imdsToken() {
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token-ttl-seconds", "21600");
    return text(
        new Transport.Request(
            "PUT", imds("/latest/api/token"), h, new byte[0], Duration.ofSeconds(1)),
        "instance metadata");
  }

  /** The instance role's credentials, IMDSv2. */
  Credentials instanceRole() {
    String token = imdsToken();
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token", token);
    String roles =
        text(
            new Transport.Request(
                "GET",
                imds("/latest/meta-data/iam/security-credentials/"),
                h,
                null,
                Duration.ofSeconds(1)),
            "instance metadata");
    String role = roles.lines().findFirst().orElse("").strip();
    if (role.isEmpty()) {
      throw new IllegalStateException("instance metadata lists no IAM role for this instance");
    }
    Map<String, Object> doc =
        json(
            new Transport.Request(
                "GET",
                imds("/latest/meta-data/iam/security-credentials/" + role),
                h,
                null,
                Duration.ofSeconds(1)),
            "instance metadata");
    return credentials(
        doc,
        "AccessKeyId",
        "SecretAccessKey",
        "Token",
        "Expiration",
        "instance metadata (role " + role + ")");
  }

  /** The region of the instance this runs on, from its identity document. */
  String instanceRegion() {
    String token = imdsToken();
    Map<String, Object> doc =
        json(
            new Transport.Request(
                "GET",
                imds("/latest/dynamic/instance-identity/document"),
                Map.of("x-aws-ec2-metadata-token", token),
                null,
                Duration.ofSeconds(1)),
            "instance metadata");
    Object region = doc.get("region");
    if (!(region instanceof String r)) {
      throw new IllegalStateException("the instance identity document has no region");
    }
    return r;
  }

  static Map<String, String> copy(Map<String, String> m) {
    return new LinkedHashMap<>(m);
  }
}
