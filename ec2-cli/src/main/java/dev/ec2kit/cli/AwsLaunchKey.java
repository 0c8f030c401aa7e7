package dev.ec2kit.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;

/**
 * {@code get-password-data --priv-launch-key FILE}, the AWS CLI's customization
 * (awscli/customizations/ec2/decryptpassword.py): the file (after {@code $VAR} and {@code ~}
 * expansion) must exist before the call; after it, a non-empty PasswordData is decrypted with the
 * file's PKCS#1 RSA key ({@code -----BEGIN RSA PRIVATE KEY-----}, as python-rsa's load_pkcs1 reads
 * it) and PKCS#1 v1.5 padding, and printed in clear. Any failure is the AWS CLI's one message.
 */
final class AwsLaunchKey {
  static final String ARGUMENT = "--priv-launch-key";

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN RSA PRIVATE KEY-----\\s*\\n(.*?)-----END RSA PRIVATE KEY-----",
          Pattern.DOTALL);

  private AwsLaunchKey() {}

  /** The key file a --priv-launch-key value names, refused as the AWS CLI does when none. */
  static Path path(String value, Map<String, String> env, Path home) {
    String p = expandVars(value, env);
    if (p.equals("~") || p.startsWith("~/")) {
      p = home + p.substring(1);
    }
    Path path = Path.of(p);
    if (!Files.isRegularFile(path)) {
      throw new AwsParams.Refused(
          "\npriv-launch-key should be a path to the local SSH private key file used to launch"
              + " the instance.",
          AwsCli.EXIT_VALIDATION);
    }
    return path;
  }

  /** Python's os.path.expandvars: {@code $NAME} and {@code ${NAME}} set in the environment. */
  private static String expandVars(String s, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$(\\w+|\\{[^}]*})").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name =
          m.group(1).startsWith("{")
              ? m.group(1).substring(1, m.group(1).length() - 1)
              : m.group(1);
      String v = env.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    return m.appendTail(out).toString();
  }

  /** The answer with its PasswordData decrypted by the key in {@code key}; unchanged if empty. */
  static Map<String, Object> decrypt(Map<String, Object> answer, Path key) {
    if (!(answer.get("PasswordData") instanceof String data) || data.isEmpty()) {
      return answer;
    }
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsa.init(Cipher.DECRYPT_MODE, privateKey(Files.readString(key, StandardCharsets.ISO_8859_1)));
      byte[] clear = rsa.doFinal(Base64.getMimeDecoder().decode(data));
      answer.put(
          "PasswordData",
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(clear)).toString());
      return answer;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Unable to decrypt password data using provided private key file.");
    }
  }

  /** A PKCS#1 RSAPrivateKey from PEM: a DER sequence of nine integers, version first. */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new GeneralSecurityException("no RSA PRIVATE KEY");
    }
    StringBuilder body = new StringBuilder();
    for (String line : m.group(1).split("\n")) {
      if (!line.contains(":")) { // PEM headers (Proc-Type: ...) are not the key
        body.append(line.strip());
      }
    }
    byte[] der = Base64.getDecoder().decode(body.toString());
    int[] at = {0};
    if (der.length < 2 || der[0] != 0x30) {
      throw new GeneralSecurityException("not a DER sequence");
    }
    at[0] = 1;
    length(der, at);
    List<BigInteger> ints = new ArrayList<>();
    while (at[0] < der.length && ints.size() < 9) {
      if (der[at[0]++] != 0x02) {
        throw new GeneralSecurityException("not a DER integer");
      }
      int n = length(der, at);
      if (n <= 0 || at[0] + n > der.length) {
        throw new GeneralSecurityException("a DER integer past the end");
      }
      ints.add(new BigInteger(java.util.Arrays.copyOfRange(der, at[0], at[0] + n)));
      at[0] += n;
    }
    if (ints.size() != 9 || ints.get(0).signum() != 0) {
      throw new GeneralSecurityException("not a two-prime RSA private key");
    }
    return KeyFactory.getInstance("RSA")
        .generatePrivate(
            new RSAPrivateCrtKeySpec(
                ints.get(1),
                ints.get(2),
                ints.get(3),
                ints.get(4),
                ints.get(5),
                ints.get(6),
                ints.get(7),
                ints.get(8)));
  }

  private static int length(byte[] der, int[] at) throws GeneralSecurityException {
    if (at[0] >= der.length) {
      throw new GeneralSecurityException("a DER length past the end");
    }
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int bytes = first & 0x7f;
    if (bytes == 0 || bytes > 3 || at[0] + bytes > der.length) {
      throw new GeneralSecurityException("a DER length out of range");
    }
    int n = 0;
    for (int i = 0; i < bytes; i++) {
      n = (n << 8) | (der[at[0]++] & 0xff);
    }
    return n;
  }
}
