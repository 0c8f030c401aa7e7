package dev.ec2kit.internal.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The pieces of AWS Signature Version 4 that both sides need: the client signs with them, the
 * emulator recomputes the same signature from what it received. Kept free of any HTTP library so
 * that both can feed it their own view of a request.
 */
public final class SigV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String TERMINATOR = "aws4_request";
  private static final HexFormat HEX = HexFormat.of();

  private SigV4() {}

  /** X-Amz-Date's format, for reading one; made on first use (it costs a short command ~10 ms). */
  public static DateTimeFormatter amzDateFormat() {
    return AmzDate.FORMAT;
  }

  private static final class AmzDate {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  }

  /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, written without java.time's formatter (see above). */
  public static String amzDate(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(16);
    digits(b, t.getYear(), 4);
    digits(b, t.getMonthValue(), 2);
    digits(b, t.getDayOfMonth(), 2);
    b.append('T');
    digits(b, t.getHour(), 2);
    digits(b, t.getMinute(), 2);
    digits(b, t.getSecond(), 2);
    return b.append('Z').toString();
  }

  private static void digits(StringBuilder b, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    b.append(s);
  }

  public static String scope(String date, String region, String service) {
    return date + "/" + region + "/" + service + "/" + TERMINATOR;
  }

  /**
   * The canonical request. {@code headers} maps lower-case names to their raw values; every entry
   * is signed, in name order.
   */
  public static String canonicalRequest(
      String method,
      String rawPath,
      List<Map.Entry<String, String>> queryParams,
      SortedMap<String, String> headers,
      String payloadHash) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append('\n');
    sb.append(canonicalUri(rawPath)).append('\n');
    sb.append(canonicalQuery(queryParams)).append('\n');
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(h.getKey()).append(':').append(canonicalHeaderValue(h.getValue())).append('\n');
    }
    sb.append('\n').append(signedHeaders(headers)).append('\n').append(payloadHash);
    return sb.toString();
  }

  public static String signedHeaders(SortedMap<String, String> headers) {
    return String.join(";", headers.keySet());
  }

  public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
  }

  public static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, service);
    return hmac(k, TERMINATOR);
  }

  public static String signature(byte[] signingKey, String stringToSign) {
    return HEX.formatHex(hmac(signingKey, stringToSign));
  }

  public static String authorization(
      String accessKey, String scope, String signedHeaders, String signature) {
    return ALGORITHM
        + " Credential="
        + accessKey
        + "/"
        + scope
        + ", SignedHeaders="
        + signedHeaders
        + ", Signature="
        + signature;
  }

  /** Non-S3 services sign the path with each segment URI-encoded once more. */
  public static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return encode(rawPath, true);
  }

  /** Decoded name/value pairs, encoded strictly and sorted by name, then value. */
  public static String canonicalQuery(List<Map.Entry<String, String>> params) {
    if (params.isEmpty()) {
      return "";
    }
    List<String[]> encoded = new ArrayList<>(params.size());
    for (Map.Entry<String, String> p : params) {
      encoded.add(new String[] {encode(p.getKey(), false), encode(p.getValue(), false)});
    }
    encoded.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : encoded) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  /** Trims and folds runs of spaces, as the canonical header form requires. */
  static String canonicalHeaderValue(String value) {
    String trimmed = value.strip();
    if (trimmed.indexOf("  ") < 0) {
      return trimmed;
    }
    return trimmed.replaceAll(" +", " ");
  }

  /** RFC 3986 encoding: everything but unreserved characters (and '/' when asked) as %XX. */
  public static String encode(String value, boolean keepSlash) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] data) {
    return HEX.formatHex(Sha256.of(data));
  }

  private static byte[] hmac(byte[] key, String data) {
    return hmacSha256(key, data.getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC-SHA256 (RFC 2104), on {@link Sha256}: no security provider is loaded to sign. */
  static byte[] hmacSha256(byte[] key, byte[] data) {
    byte[] k = key.length > 64 ? Sha256.of(key) : key;
    byte[] inner = new byte[64];
    byte[] outer = new byte[64];
    for (int i = 0; i < 64; i++) {
      byte b = i < k.length ? k[i] : 0;
      inner[i] = (byte) (b ^ 0x36);
      outer[i] = (byte) (b ^ 0x5c);
    }
    byte[] h = new Sha256().update(inner).update(data).digest();
    return new Sha256().update(outer).update(h).digest();
  }
}
