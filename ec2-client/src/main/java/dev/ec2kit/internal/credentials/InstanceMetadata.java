package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Instance metadata (IMDSv2): the instance role's credentials and the instance's region. Each
 * request may take metadata_service_timeout seconds and is made up to metadata_service_num_attempts
 * times, each read as botocore reads it: the environment (AWS_METADATA_SERVICE_TIMEOUT,
 * AWS_METADATA_SERVICE_NUM_ATTEMPTS), then the profile's config-file setting, else 1.
 */
final class InstanceMetadata {
  private final Sources sources;

  InstanceMetadata(Sources sources) {
    this.sources = sources;
  }

  /** The timeout and attempts of each request, from the environment and the profile. */
  record Settings(Duration timeout, int attempts) {
    static Settings of(Sources sources, Map<String, String> profile) {
      return new Settings(timeout(sources, profile), attempts(sources, profile));
    }

    private static Duration timeout(Sources sources, Map<String, String> profile) {
      Setting t = setting(sources, profile, "AWS_METADATA_SERVICE_TIMEOUT");
      if (t == null) {
        return Duration.ofSeconds(1);
      }
      double seconds;
      try {
        seconds = Double.parseDouble(t.value());
      } catch (NumberFormatException e) {
        seconds = Double.NaN;
      }
      if (!(seconds > 0 && seconds <= 3600)) {
        throw new IllegalArgumentException(
            t.name()
                + " is '"
                + t.value()
                + "': give the instance metadata timeout in seconds, above 0 and at most 3600");
      }
      return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    private static int attempts(Sources sources, Map<String, String> profile) {
      Setting a = setting(sources, profile, "AWS_METADATA_SERVICE_NUM_ATTEMPTS");
      if (a == null) {
        return 1;
      }
      int n;
      try {
        n = Integer.parseInt(a.value());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1 || n > 100) {
        throw new IllegalArgumentException(
            a.name()
                + " is '"
                + a.value()
                + "': give the instance metadata attempts as a whole number from 1 to 100");
      }
      return n;
    }

    /** A setting and where it came from. */
    private record Setting(String name, String value) {}

    /** The environment variable, else the profile's key (the variable's name in lower case). */
    private static Setting setting(Sources sources, Map<String, String> profile, String variable) {
      String v = sources.env(variable);
      if (v != null) {
        return new Setting(variable, v);
      }
      String key = variable.substring("AWS_".length()).toLowerCase(java.util.Locale.ROOT);
      String p = profile.get(key);
      return p == null || p.isBlank() ? null : new Setting(key + " in the profile", p.strip());
    }
  }

  /** Where instance metadata is: AWS_EC2_METADATA_SERVICE_ENDPOINT, else 169.254.169.254. */
  URI imdsEndpoint() {
    String e = sources.env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    String base = e != null ? e : "http://169.254.169.254";
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
  }

  private URI imds(String path) {
    return URI.create(imdsEndpoint() + path);
  }

  /**
   * Statuses botocore takes as the token's final answer (IMDSv1's fallback, which this client does
   * not have, or a bad request): not tried again.
   */
  private static final Set<Integer> TOKEN_FINAL = Set.of(400, 403, 404, 405);

  /** An IMDSv2 session token (one PUT, a 6-hour TTL), tried again as botocore does. */
  private String imdsToken(Settings s) {
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token-ttl-seconds", "21600");
    Transport.Request put =
        new Transport.Request("PUT", imds("/latest/api/token"), h, new byte[0], s.timeout());
    for (int i = 1; ; i++) {
      try {
        return sources.text(put, "instance metadata");
      } catch (Sources.Failed e) {
        // botocore's token request ends at a read time-out (its IMDSv1 fallback), not retried
        if (i >= s.attempts() || TOKEN_FINAL.contains(e.status) || e.status == Sources.TIMED_OUT) {
          throw e;
        }
      }
    }
  }

  /**
   * A GET with the token, tried again (up to the attempts) on no answer, a status other than 200,
   * an empty body, or (for {@code json}) a body that is not a JSON object, as botocore does.
   */
  private String get(String path, String token, Settings s, boolean json) {
    Transport.Request get =
        new Transport.Request(
            "GET", imds(path), Map.of("x-aws-ec2-metadata-token", token), null, s.timeout());
    for (int i = 1; ; i++) {
      IllegalStateException failed;
      try {
        String body = sources.text(get, "instance metadata");
        if (body.isEmpty()) {
          failed = new IllegalStateException("instance metadata at " + get.uri() + " was empty");
        } else if (json && !isJsonObject(body)) {
          failed =
              new IllegalStateException(
                  "instance metadata at " + get.uri() + " answered no JSON object");
        } else {
          return body;
        }
      } catch (Sources.Failed e) {
        failed = e;
      }
      if (i >= s.attempts()) {
        throw failed;
      }
    }
  }

  private static boolean isJsonObject(String body) {
    try {
      Json.object(body);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The instance role's credentials, IMDSv2, with the profile's metadata settings. */
  Credentials instanceRole(Map<String, String> profile) {
    Settings s = Settings.of(sources, profile);
    String token = imdsToken(s);
    String roles = get("/latest/meta-data/iam/security-credentials/", token, s, false);
    String role = roles.lines().findFirst().orElse("").strip();
    if (role.isEmpty()) {
      throw new IllegalStateException("instance metadata lists no IAM role for this instance");
    }
    Map<String, Object> doc =
        Json.object(get("/latest/meta-data/iam/security-credentials/" + role, token, s, true));
    return Sources.credentials(
        doc,
        "AccessKeyId",
        "SecretAccessKey",
        "Token",
        "Expiration",
        "instance metadata (role " + role + ")");
  }

  /** The region of the instance this runs on, from its identity document. */
  String instanceRegion(Map<String, String> profile) {
    Settings s = Settings.of(sources, profile);
    String token = imdsToken(s);
    Map<String, Object> doc =
        Json.object(get("/latest/dynamic/instance-identity/document", token, s, true));
    Object region = doc.get("region");
    if (!(region instanceof String r)) {
      throw new IllegalStateException("the instance identity document has no region");
    }
    return r;
  }
}
