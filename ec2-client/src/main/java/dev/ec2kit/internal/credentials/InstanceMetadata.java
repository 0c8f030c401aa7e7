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

  private URI imds(String path) {
    return URI.create(imdsEndpoint() + path);
  }

  /** An IMDSv2 session token (one PUT, a 6-hour TTL). */
  private String imdsToken() {
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token-ttl-seconds", "21600");
    return sources.text(
        new Transport.Request(
            "PUT", imds("/latest/api/token"), h, new byte[0], Duration.ofSeconds(1)),
        "instance metadata");
  }

  /** The instance role's credentials, IMDSv2. */
  Credentials instanceRole() {
    String token = imdsToken();
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token", token);
    String roles =
        sources.text(
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
        sources.json(
            new Transport.Request(
                "GET",
                imds("/latest/meta-data/iam/security-credentials/" + role),
                h,
                null,
                Duration.ofSeconds(1)),
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
                Duration.ofSeconds(1)),
            "instance metadata");
    Object region = doc.get("region");
    if (!(region instanceof String r)) {
      throw new IllegalStateException("the instance identity document has no region");
    }
    return r;
  }
}
