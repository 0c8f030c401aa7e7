package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Instance metadata (IMDSv2): the instance role's credentials and the instance's region. */
final class InstanceMetadata {
  private final Sources sources;

  InstanceMetadata(Sources sources) {
    this.sources = sources;
  }

  /** Where instance metadata is: AWS_EC2_METADATA_SERVICE_ENDPOINT, else 169.254.169.254. */
  URI imdsEndpoint() {
    String e = sources.env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    String base = e != null ? e : "http://169.254.169.254";
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
  }

  /**
   * How long each instance metadata request may take: AWS_METADATA_SERVICE_TIMEOUT (seconds, as
   * botocore reads it), else one second.
   */
  private Duration timeout() {
    String t = sources.env("AWS_METADATA_SERVICE_TIMEOUT");
    if (t == null || t.isBlank()) {
      return Duration.ofSeconds(1);
    }
    double seconds;
    try {
      seconds = Double.parseDouble(t.strip());
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (!(seconds > 0 && seconds <= 3600)) {
      throw new IllegalArgumentException(
          "AWS_METADATA_SERVICE_TIMEOUT is '"
              + t
              + "': give the instance metadata timeout in seconds, above 0 and at most 3600");
    }
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }

  private URI imds(String path) {
    return URI.create(imdsEndpoint() + path);
  }

  /** An IMDSv2 session token (one PUT, a 6-hour TTL). */
  private String imdsToken() {
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token-ttl-seconds", "21600");
    return sources.text(
        new Transport.Request("PUT", imds("/latest/api/token"), h, new byte[0], timeout()),
        "instance metadata");
  }

  /** The instance role's credentials, IMDSv2. */
  Credentials instanceRole() {
    String token = imdsToken();
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token", token);
    String roles =
        sources.text(
            new Transport.Request(
                "GET", imds("/latest/meta-data/iam/security-credentials/"), h, null, timeout()),
            "instance metadata");
    String role = roles.lines().findFirst().orElse("").strip();
    if (role.isEmpty()) {
      throw new IllegalStateException("instance metadata lists no IAM role for this instance");
    }
    Map<String, Object> doc =
        sources.json(
            new Transport.Request(
                "GET",
                imds("/latest/meta-data/iam/security-credentials/" + role),
                h,
                null,
                timeout()),
            "instance metadata");
    return Sources.credentials(
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
        sources.json(
            new Transport.Request(
                "GET",
                imds("/latest/dynamic/instance-identity/document"),
                Map.of("x-aws-ec2-metadata-token", token),
                null,
                timeout()),
            "instance metadata");
    Object region = doc.get("region");
    if (!(region instanceof String r)) {
      throw new IllegalStateException("the instance identity document has no region");
    }
    return r;
  }
}
