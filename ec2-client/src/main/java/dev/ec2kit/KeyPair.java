package dev.ec2kit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A key pair, the manual's {@code ec2-key}: its name, id, fingerprint and type; and, only as {@link
 * Ec2#createKeyPair} returns it, the unencrypted private key (PEM). {@link #toString()} never shows
 * the private key.
 */
public record KeyPair(
    String keyName,
    String keyPairId,
    String fingerprint,
    String keyType,
    Instant createTime,
    String keyMaterial,
    Map<String, String> tags) {
  public KeyPair {
    Objects.requireNonNull(keyName, "keyName");
    tags = Map.copyOf(tags);
  }

  /** The private key (PEM), present only on the answer to CreateKeyPair. Keep it secret. */
  public Optional<String> privateKey() {
    return Optional.ofNullable(keyMaterial);
  }

  @Override
  public String toString() {
    return "KeyPair["
        + keyName
        + " "
        + fingerprint
        + (keyType == null ? "" : " " + keyType)
        + (keyMaterial == null ? "" : " +private key")
        + "]";
  }
}
