package dev.ec2kit.local.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key pairs as EC2 makes and reads them: new RSA 2048 and ED25519 keys with their private key in
 * the PEM EC2 returns (PKCS#1 for RSA, OpenSSH for ED25519), public keys in OpenSSH form, and
 * fingerprints the way the EC2 documentation computes them.
 */
final class KeyMaterial {
  /** A new key: its type, OpenSSH public line, PEM private key, fingerprint. */
  record Created(String type, String publicKey, String privatePem, String fingerprint) {}

  /** An imported public key: its type, OpenSSH public line, fingerprint. */
  record Imported(String type, String publicKey, String fingerprint) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private KeyMaterial() {}

  static Created create(String type) {
    try {
      if (type.equals("ed25519")) {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] pub = Arrays.copyOfRange(kp.getPublic().getEncoded(), 12, 44);
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        byte[] blob = ed25519Blob(pub);
        return new Created(
            "ed25519",
            "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob),
            opensshPrivate(blob, pub, seed),
            sha256(blob));
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      KeyPair kp = g.generateKeyPair();
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      return new Created(
          "rsa",
          "ssh-rsa " + Base64.getEncoder().encodeToString(rsaBlob((RSAPublicKey) kp.getPublic())),
          pem("RSA PRIVATE KEY", pkcs1(pkcs8)),
          colonHex(MessageDigest.getInstance("SHA-1").digest(pkcs8)));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("this JDK cannot make " + type + " keys", e);
    }
  }

  /**
   * Reads a public key as EC2 accepts it: an OpenSSH line ({@code ssh-rsa AAAA... comment}), an RFC
   * 4716 block, or base64 DER (SubjectPublicKeyInfo).
   */
  static Imported read(byte[] material) {
    String text = new String(material, StandardCharsets.UTF_8).strip();
    try {
      if (text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
        StringBuilder b64 = new StringBuilder();
        boolean continued = false;
        for (String line : text.split("\r?\n")) {
          String l = line.strip();
          if (l.startsWith("----")) {
            continue;
          }
          if (continued || l.contains(":")) {
            continued = l.endsWith("\\");
            continue;
          }
          b64.append(l);
        }
        return fromBlob(Base64.getDecoder().decode(b64.toString()));
      }
      if (text.startsWith("ssh-rsa ") || text.startsWith("ssh-ed25519 ")) {
        String[] parts = text.split("\\s+");
        return fromBlob(Base64.getDecoder().decode(parts[1]));
      }
      byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      return rsa((RSAPublicKey) key);
    } catch (IllegalArgumentException
        | GeneralSecurityException
        | IOException
        | IndexOutOfBoundsException
        | java.nio.BufferUnderflowException e) {
      throw Ec2Error.badRequest(
          "InvalidKey.Format", "Key is not in valid OpenSSH public key format");
    }
  }

  private static Imported fromBlob(byte[] blob) throws GeneralSecurityException, IOException {
    ByteBuffer b = ByteBuffer.wrap(blob);
    String type = new String(string(b), StandardCharsets.US_ASCII);
    if (type.equals("ssh-rsa")) {
      BigInteger e = new BigInteger(string(b));
      BigInteger n = new BigInteger(string(b));
      return rsa(
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
    }
    if (type.equals("ssh-ed25519")) {
      byte[] pub = string(b);
      if (pub.length != 32) {
        throw new IOException("an ed25519 key has 32 bytes");
      }
      return new Imported(
          "ed25519", "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob), sha256(blob));
    }
    throw new IOException("unsupported key type " + type);
  }

  private static Imported rsa(RSAPublicKey key) throws GeneralSecurityException, IOException {
    int bits = key.getModulus().bitLength();
    if (bits < 1024 || bits > 4096) {
      throw Ec2Error.badRequest(
          "InvalidKey.Format", "RSA keys must be 1024 to 4096 bits, not " + bits);
    }
    // EC2: the MD5 of the public key's DER (SubjectPublicKeyInfo) for imported RSA keys.
    return new Imported(
        "rsa",
        "ssh-rsa " + Base64.getEncoder().encodeToString(rsaBlob(key)),
        colonHex(MessageDigest.getInstance("MD5").digest(key.getEncoded())));
  }

  private static byte[] string(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("truncated key blob");
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  static byte[] rsaBlob(RSAPublicKey key) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
    writeString(out, key.getPublicExponent().toByteArray());
    writeString(out, key.getModulus().toByteArray());
    return bytes.toByteArray();
  }

  private static byte[] ed25519Blob(byte[] pub) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      writeString(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
      writeString(out, pub);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The OpenSSH private key format, unencrypted, as {@code ssh-keygen} writes ED25519 keys. */
  private static String opensshPrivate(byte[] publicBlob, byte[] pub, byte[] seed) {
    try {
      ByteArrayOutputStream priv = new ByteArrayOutputStream();
      DataOutputStream p = new DataOutputStream(priv);
      int check = RANDOM.nextInt();
      p.writeInt(check);
      p.writeInt(check);
      writeString(p, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
      writeString(p, pub);
      byte[] secret = new byte[64];
      System.arraycopy(seed, 0, secret, 0, 32);
      System.arraycopy(pub, 0, secret, 32, 32);
      writeString(p, secret);
      writeString(p, "ec2".getBytes(StandardCharsets.US_ASCII));
      for (int pad = 1; priv.size() % 8 != 0; pad++) {
        p.writeByte(pad);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      DataOutputStream o = new DataOutputStream(all);
      o.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
      writeString(o, "none".getBytes(StandardCharsets.US_ASCII));
      writeString(o, "none".getBytes(StandardCharsets.US_ASCII));
      writeString(o, new byte[0]);
      o.writeInt(1);
      writeString(o, publicBlob);
      writeString(o, priv.toByteArray());
      return pem("OPENSSH PRIVATE KEY", all.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeString(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its last OCTET STRING. */
  private static byte[] pkcs1(byte[] pkcs8) {
    ByteBuffer b = ByteBuffer.wrap(pkcs8);
    readHeader(b, 0x30); // PrivateKeyInfo
    int versionLength = readHeader(b, 0x02);
    b.position(b.position() + versionLength);
    int algorithmLength = readHeader(b, 0x30);
    b.position(b.position() + algorithmLength);
    int keyLength = readHeader(b, 0x04);
    byte[] out = new byte[keyLength];
    b.get(out);
    return out;
  }

  private static int readHeader(ByteBuffer b, int tag) {
    if ((b.get() & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER in a JDK-made key");
    }
    int first = b.get() & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (b.get() & 0xff);
    }
    return length;
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
  }

  private static String sha256(byte[] blob) throws GeneralSecurityException {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
  }

  private static String colonHex(byte[] digest) {
    return HexFormat.ofDelimiter(":").formatHex(digest);
  }
}
