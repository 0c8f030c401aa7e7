package dev.ec2kit;

import java.util.Locale;

/** The kind of key EC2 makes: RSA 2048 (the manual's) or ED25519. */
public enum KeyType {
  RSA,
  ED25519;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KeyType fromName(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key type '" + name + "' is not rsa or ed25519");
    }
  }
}
