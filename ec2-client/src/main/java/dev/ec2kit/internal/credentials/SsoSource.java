package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IAM Identity Center (SSO): a role's credentials from the portal, with the token {@code aws sso
 * login} cached under {@code ~/.aws/sso/cache}, renewed there when it has expired and can be.
 */
final class SsoSource {
  private final Sources sources;
  private final Path home;
  private final Clock clock;

  SsoSource(Sources sources, Path home, Clock clock) {
    this.sources = sources;
    this.home = home;
    this.clock = clock;
  }

  /**
   * The role credentials of an SSO profile, from the token {@code aws sso login} cached; an expired
   * or missing token says to log in again.
   */
  Credentials credentials(
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
        sources.json(
            new Transport.Request("GET", uri, headers, null, Duration.ofSeconds(10)),
            "the SSO portal");
    Object role = answer.get("roleCredentials");
    if (!(role instanceof Map<?, ?> m)) {
      throw new IllegalStateException(
          "the SSO portal " + portal + " answered without roleCredentials");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> rc = (Map<String, Object>) m;
    return Sources.credentials(
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
        sources.env("AWS_ENDPOINT_URL_SSO_OIDC") != null
            ? sources.env("AWS_ENDPOINT_URL_SSO_OIDC")
            : sources.env("AWS_ENDPOINT_URL");
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
          sources.json(
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
}
