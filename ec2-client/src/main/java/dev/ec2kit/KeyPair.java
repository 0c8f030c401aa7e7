package dev.ec2kit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A key pair, the manual's {@code ec2-key}: its name, id, fingerprint and type; and, only as {@link
 * KeyPairs#create} returns it, the unencrypted private key (PEM). {@link #toString()} never shows
 * the private key.
 *
 * <pre>{@code
 * KeyPair k = ec2.keyPairs().create("deploy");
 * Files.writeString(Path.of("deploy.pem"), k.privateKey().orElseThrow());
 * }</pre>
 *
 * @param keyName the key pair's name
 * @param keyPairId its id ({@code key-...}), or {@code null} when EC2 gave none
 * @param fingerprint its fingerprint as EC2 computes it
 * @param keyType {@code rsa} or {@code ed25519}, or {@code null} when EC2 did not say
 * @param createTime when it was created or imported, or {@code null}
 * @param keyMaterial the unencrypted private key (PEM) on the answer to CreateKeyPair, else {@code
 *     null}
 * @param tags its tags, key to value
 */
public record KeyPair(
    String keyName,
    String keyPairId,
    String fingerprint,
    String keyType,
    Instant createTime,
    String keyMaterial,
    Map<String, String> tags) {
  /**
   * Checks that the name is given and copies the tags.
   *
   * @param keyName the name; required
   * @param keyPairId the id, or {@code null}
   * @param fingerprint the fingerprint
   * @param keyType the key type, or {@code null}
   * @param createTime the creation time, or {@code null}
   * @param keyMaterial the private key, or {@code null}
   * @param tags the tags; copied
   * @throws NullPointerException when {@code keyName} or {@code tags} is null
   */
  public KeyPair {
    Objects.requireNonNull(keyName, "keyName");
    tags = Map.copyOf(tags);
  }

  /**
   * The private key (PEM), present only on the answer to CreateKeyPair. Keep it secret.
   *
   * @return the unencrypted private key, or empty
   */
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
