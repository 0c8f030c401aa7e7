package dev.ec2kit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials: an access key id, its secret, and for temporary credentials a session token and
 * when they expire; {@code source} says where they came from (such as {@code environment} or {@code
 * assume-role (profile dev)}). {@link #toString()} shows the key id and source, never the secret or
 * the token.
 *
 * <pre>{@code
 * Credentials keys = Credentials.of("AKIAIOSFODNN7EXAMPLE", secret);
 * Identity id = Identity.builder().credentials(() -> keys).region(Region.of("us-east-1")).build();
 * }</pre>
 *
 * @param accessKeyId the access key id, such as {@code AKIA...} or {@code ASIA...}
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials, or {@code null}
 * @param expiration when temporary credentials expire, or {@code null} for long-term keys
 * @param source where they came from, for messages and {@code --debug}
 */
public record Credentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    String source) {
  /**
   * Checks that the key id, the secret and the source are given.
   *
   * @param accessKeyId the access key id; not blank
   * @param secretAccessKey the secret access key; not empty
   * @param sessionToken the session token, or {@code null}
   * @param expiration the expiry, or {@code null}
   * @param source where they came from; required
   * @throws IllegalArgumentException when the key id or secret is empty, naming the source
   * @throws NullPointerException when {@code source} is null
   */
  public Credentials {
    if (accessKeyId == null || accessKeyId.isBlank()) {
      throw new IllegalArgumentException("accessKeyId must not be empty (from " + source + ")");
    }
    if (secretAccessKey == null || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("secretAccessKey must not be empty (from " + source + ")");
    }
    Objects.requireNonNull(source, "source");
  }

  /**
   * Long-term keys, with the source {@code static}.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @return the credentials, without session token or expiry
   * @throws IllegalArgumentException when either is empty
   */
  public static Credentials of(String accessKeyId, String secretAccessKey) {
    return new Credentials(accessKeyId, secretAccessKey, null, null, "static");
  }

  /**
   * The session token, for code that prefers an {@code Optional} to {@link #sessionToken()}.
   *
   * @return the token of temporary credentials, or empty for long-term keys
   */
  public Optional<String> sessionTokenValue() {
    return Optional.ofNullable(sessionToken);
  }

  /**
   * Whether they expire within {@code margin} of {@code now}.
   *
   * @param margin how far ahead to look
   * @param now the current time
   * @return {@code true} when {@code now + margin} is at or past the expiration; always {@code
   *     false} without one
   */
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
