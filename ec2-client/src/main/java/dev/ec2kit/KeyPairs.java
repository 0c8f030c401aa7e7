package dev.ec2kit;

import dev.ec2kit.internal.areas.KeyPairCalls;
import java.util.List;
import java.util.Objects;

/**
 * The key pairs (the manual's section 6.0: {@code create-key-pair}, {@code describe-key-pairs},
 * {@code delete-key-pair}; and EC2's ImportKeyPair), reached with {@link Ec2#keyPairs()}.
 *
 * <pre>{@code
 * KeyPair k = ec2.keyPairs().create("deploy", KeyType.ED25519);
 * Files.writeString(Path.of("deploy.pem"), k.privateKey().orElseThrow());
 * ec2.keyPairs().importKey("laptop", Files.readString(Path.of("id_ed25519.pub")));
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class KeyPairs {
  private final Identity identity;
  private final KeyPairCalls calls;

  KeyPairs(Identity identity, KeyPairCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * The manual's {@code create-key-pair}: a new RSA 2048 key pair; the answer carries the
   * unencrypted private key (PEM), which EC2 gives only this once.
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @return the key pair, with {@link KeyPair#privateKey()}
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKeyPair.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have created it (and the private key is then lost); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public KeyPair create(String keyName) {
    return create(keyName, KeyType.RSA);
  }

  /**
   * As {@link #create(String)}, of another type: RSA 2048 or ED25519.
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @param type the key's type
   * @return the key pair, with {@link KeyPair#privateKey()}
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, before
   *     anything is sent
   * @throws NullPointerException when {@code type} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKeyPair.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have created it (and the private key is then lost); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public KeyPair create(String keyName, KeyType type) {
    return calls.create(identity, checkKeyName(keyName), Objects.requireNonNull(type, "type"));
  }

  /**
   * Registers the public half of a key you already have: an OpenSSH line ({@code ssh-ed25519
   * AAAA... me@host}), an RFC 4716 block, or base64 DER (EC2's ImportKeyPair).
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @param publicKey the public key, such as a {@code .pub} file's contents
   * @return the key pair, without private key
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, or the key is
   *     empty or holds a private key, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKey.Format} or {@code InvalidKeyPair.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have imported it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public KeyPair importKey(String keyName, String publicKey) {
    if (publicKey == null || publicKey.isBlank()) {
      throw new IllegalArgumentException("publicKey is empty: pass the contents of a .pub file");
    }
    if (publicKey.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "publicKey holds a private key: pass the .pub file, never the private key");
    }
    return calls.importKey(identity, checkKeyName(keyName), publicKey.strip());
  }

  /**
   * The manual's {@code describe-key-pairs}: all, or those named.
   *
   * @param keyNames the key pairs' names; none for all
   * @return the key pairs, without private keys
   * @throws IllegalArgumentException when a name is not 1 to 255 ASCII characters, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKeyPair.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<KeyPair> describe(String... keyNames) {
    for (String n : keyNames) {
      checkKeyName(n);
    }
    return calls.describe(identity, List.of(keyNames));
  }

  /**
   * The manual's {@code delete-key-pair}; deleting a key pair that does not exist succeeds, as on
   * EC2.
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void delete(String keyName) {
    calls.delete(identity, checkKeyName(keyName));
  }

  private static String checkKeyName(String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > 255
        || !name.chars().allMatch(c -> c >= 32 && c < 127)) {
      throw new IllegalArgumentException(
          "keyName must be 1 to 255 ASCII characters, got '" + name + "'");
    }
    return name;
  }

  @Override
  public String toString() {
    return "KeyPairs[" + identity + "]";
  }
}
