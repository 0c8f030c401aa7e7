package dev.ec2kit.local.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** New resource ids in EC2's form ({@code i-} and 17 hex digits), and their checks. */
public final class ResourceIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ResourceIds() {}

  public static String next(String prefix) {
    byte[] b = new byte[9];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b).substring(0, 17);
  }

  /** Whether {@code id} has EC2's form for {@code prefix}: 8 or 17 lower-case hex digits. */
  public static boolean wellFormed(String id, String prefix) {
    if (id == null || !id.startsWith(prefix)) {
      return false;
    }
    String hex = id.substring(prefix.length());
    return (hex.length() == 8 || hex.length() == 17)
        && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  /** An id deterministic in its inputs, so catalogue images keep their ids across restarts. */
  public static String stable(String prefix, String... parts) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return prefix + HexFormat.of().formatHex(md.digest()).substring(0, 17);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where the ids of new resources come from: fresh ones for what a caller makes, stable ones (in
   * the account and the {@code parts} given) for what EC2 makes by itself, the default VPC and its
   * parts, so they keep their ids across restarts.
   */
  interface Source {
    String id(String prefix, String... parts);
  }

  static final Source FRESH = (prefix, parts) -> next(prefix);

  static Source stableIn(String accountId) {
    return (prefix, parts) -> {
      String[] all = new String[parts.length + 1];
      all[0] = accountId;
      System.arraycopy(parts, 0, all, 1, parts.length);
      return stable(prefix, all);
    };
  }

  /** EC2's NotFound message for one id or several. */
  public static Ec2Error notFound(String code, String noun, java.util.List<String> ids) {
    String message =
        ids.size() == 1
            ? "The " + noun + " ID '" + ids.get(0) + "' does not exist"
            : "The " + noun + " IDs '" + String.join(", ", ids) + "' do not exist";
    return Ec2Error.badRequest(code, message);
  }
}
