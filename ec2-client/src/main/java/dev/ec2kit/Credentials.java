package dev.ec2kit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials: an access key id, its secret, and for temporary credentials a session token and
 * when they expire; {@code source} says where they came from (such as {@code environment} or {@code
 * assume-role (profile dev)}). {@link #toString()} shows the key id and source, never the secret or
 * the token.
 */
public record Credentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    String source) {
  public Credentials {
    if (accessKeyId == null || accessKeyId.isBlank()) {
      throw new IllegalArgumentException("accessKeyId must not be empty (from " + source + ")");
    }
    if (secretAccessKey == null || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("secretAccessKey must not be empty (from " + source + ")");
    }
    Objects.requireNonNull(source, "source");
  }

  /** Long-term keys. */
  public static Credentials of(String accessKeyId, String secretAccessKey) {
    return new Credentials(accessKeyId, secretAccessKey, null, null, "static");
  }

  public Optional<String> sessionTokenValue() {
    return Optional.ofNullable(sessionToken);
  }

  /** Whether they expire within {@code margin} of {@code now} (never, without an expiration). */
  public boolean expiresWithin(java.time.Duration margin, Instant now) {
    return expiration != null && !now.plus(margin).isBefore(expiration);
  }

  @Override
  public String toString() {
    return "Credentials["
        + accessKeyId
        + " from "
        + source
        + (expiration == null ? "" : ", until " + expiration)
        + "]";
  }
}
