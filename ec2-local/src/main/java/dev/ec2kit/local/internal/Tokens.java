package dev.ec2kit.local.internal;

import dev.ec2kit.internal.credentials.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bearer tokens the emulator hands out and later accepts: web identity tokens (JWTs it signs,
 * or that a configured issuer signed), and IAM Identity Center access tokens, refresh tokens and
 * client secrets. They carry what they grant and are signed with a key made at start and never
 * shown, so nothing is stored per token and a token the emulator did not issue is refused.
 */
public final class Tokens {
  static final String AUDIENCE = "sts.amazonaws.com";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  /** A web identity issuer the emulator's owner configured: its tokens grant roles in account. */
  public record Issuer(String url, PublicKey key, String accountId) {}

  /** What a verified web identity token says. */
  record WebIdentity(String issuer, String subject, String audience, String accountId) {}

  /** What a verified SSO token grants: accounts, until when, for which client registration. */
  record Grant(Set<String> accounts, Instant expires, String clientId) {}

  private final byte[] key = new byte[32];
  private final List<Issuer> issuers;

  Tokens(List<Issuer> issuers) {
    new SecureRandom().nextBytes(key);
    this.issuers = List.copyOf(issuers);
  }

  private byte[] mac(String data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private boolean macMatches(String data, String signature) {
    byte[] given;
    try {
      given = UNB64.decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(data), given);
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  // ---- web identity ----

  /** A JWT of the emulator's own issuer for roles of {@code accountId}. */
  String webIdentityToken(String issuer, String accountId, String subject, Instant now, long ttl) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"ec2-local\"}");
    String payload =
        b64(
            "{\"iss\":\""
                + issuer
                + "\",\"sub\":\""
                + subject.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"aud\":\""
                + AUDIENCE
                + "\",\"account\":\""
                + accountId
                + "\",\"iat\":"
                + now.getEpochSecond()
                + ",\"exp\":"
                + (now.getEpochSecond() + ttl)
                + "}");
    return header + "." + payload + "." + B64.encodeToString(mac(header + "." + payload));
  }

  /**
   * Checks a web identity token as STS does: a JWT, signed by the emulator itself or by a
   * configured issuer, for STS's audience, not expired; the Ec2Error says which check failed.
   */
  WebIdentity verifyWebIdentity(String token, String ownIssuer, Instant now) {
    String[] parts = token == null ? new String[0] : token.strip().split("\\.", -1);
    if (parts.length != 3) {
      throw invalidToken("The web identity token is not a JWT (three base64url parts).");
    }
    Map<String, Object> header;
    Map<String, Object> claims;
    try {
      header = Json.object(new String(UNB64.decode(parts[0]), StandardCharsets.UTF_8));
      claims = Json.object(new String(UNB64.decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw invalidToken("The web identity token's header or claims are not base64url JSON.");
    }
    String iss = claims.get("iss") instanceof String s ? s : null;
    if (iss == null) {
      throw invalidToken("The web identity token has no issuer (iss).");
    }
    String signed = parts[0] + "." + parts[1];
    String alg = String.valueOf(header.get("alg"));
    String account;
    if (iss.equals(ownIssuer)) {
      if (!alg.equals("HS256") || !macMatches(signed, parts[2])) {
        throw invalidToken("The web identity token's signature is not valid.");
      }
      account = claims.get("account") instanceof String a ? a : null;
    } else {
      Issuer issuer = issuers.stream().filter(i -> i.url().equals(iss)).findFirst().orElse(null);
      if (issuer == null) {
        throw invalidToken(
            "No OpenIDConnect provider found in your account for " + Xml.printable(iss));
      }
      if (!alg.equals("RS256") || !rs256(issuer.key(), signed, parts[2])) {
        throw invalidToken(
            "The web identity token's signature is not valid for its issuer (RS256 is checked).");
      }
      account = issuer.accountId();
    }
    Object aud = claims.get("aud");
    boolean forSts = AUDIENCE.equals(aud) || (aud instanceof List<?> l && l.contains(AUDIENCE));
    if (!forSts) {
      throw invalidToken("Incorrect token audience: the token is not for " + AUDIENCE + ".");
    }
    if (!(claims.get("exp") instanceof Long exp) || now.getEpochSecond() >= exp) {
      throw new Ec2Error(
          "ExpiredTokenException",
          "Token expired: the web identity token's exp is not after the current time.",
          400);
    }
    String sub = claims.get("sub") instanceof String s ? s : "";
    return new WebIdentity(iss, sub, AUDIENCE, account);
  }

  private static boolean rs256(PublicKey key, String signed, String signature) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(signed.getBytes(StandardCharsets.US_ASCII));
      return s.verify(UNB64.decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Ec2Error invalidToken(String message) {
    return new Ec2Error("InvalidIdentityToken", message, 400);
  }

  // ---- IAM Identity Center ----

  private static final String ACCESS = "aoa";
  private static final String REFRESH = "aor";

  /** An SSO access ({@code aoa}) or refresh ({@code aor}) token granting these accounts. */
  String ssoToken(boolean refresh, Set<String> accounts, Instant expires, String clientId) {
    String payload =
        b64(
            (refresh ? REFRESH : ACCESS)
                + "|"
                + expires.getEpochSecond()
                + "|"
                + String.join(",", accounts)
                + "|"
                + clientId);
    return (refresh ? REFRESH : ACCESS) + payload + "." + B64.encodeToString(mac(payload));
  }

  /** The grant of an SSO token this emulator issued and that has not expired, else null. */
  Grant ssoGrant(String token, boolean refresh, Instant now) {
    String prefix = refresh ? REFRESH : ACCESS;
    if (token == null || !token.startsWith(prefix)) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot < 0 || !macMatches(token.substring(prefix.length(), dot), token.substring(dot + 1))) {
      return null;
    }
    String[] f;
    try {
      f =
          new String(UNB64.decode(token.substring(prefix.length(), dot)), StandardCharsets.UTF_8)
              .split("\\|", -1);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (f.length != 4 || !f[0].equals(prefix)) {
      return null;
    }
    Instant expires = Instant.ofEpochSecond(Long.parseLong(f[1]));
    if (!now.isBefore(expires)) {
      return null;
    }
    return new Grant(
        f[2].isEmpty() ? Set.of() : Set.copyOf(List.of(f[2].split(","))), expires, f[3]);
  }

  /** The secret of a client registration: derived from its id, so nothing is stored. */
  String clientSecret(String clientId) {
    return "ecs" + B64.encodeToString(mac("client|" + clientId));
  }

  boolean clientSecretMatches(String clientId, String secret) {
    return secret != null
        && MessageDigest.isEqual(
            clientSecret(clientId).getBytes(StandardCharsets.UTF_8),
            secret.getBytes(StandardCharsets.UTF_8));
  }
}
