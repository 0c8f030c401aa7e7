package dev.ec2kit;

import java.util.Locale;

/** The kind of key EC2 makes: RSA 2048 (the manual's) or ED25519. */
public enum KeyType {
  /** RSA 2048: {@code rsa}. */
  RSA,
  /** Ed25519: {@code ed25519}. */
  ED25519;

  /**
   * The type's name as EC2 writes it.
   *
   * @return {@code rsa} or {@code ed25519}
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type EC2 names so; case and surrounding spaces do not matter.
   *
   * @param name {@code rsa} or {@code ed25519}
   * @return the type of that name
   * @throws IllegalArgumentException when it is neither
   * @throws NullPointerException when {@code name} is null
   */
  public static KeyType fromName(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key type '" + name + "' is not rsa or ed25519");
    }
  }
}
