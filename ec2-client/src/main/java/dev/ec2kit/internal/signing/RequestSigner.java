package dev.ec2kit.internal.signing;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs one HTTP request for a service and region with SigV4, header style. The query string of the
 * URI is signed too; the body is hashed whole.
 */
public final class RequestSigner {
  private final String service;

  public RequestSigner(String service) {
    this.service = service;
  }

  /**
   * Returns the headers to add to the request: {@code X-Amz-Date}, {@code X-Amz-Security-Token}
   * when there is a session token, and {@code Authorization}. {@code headers} are the other headers
   * the request carries and that should be signed (Host is derived from the URI).
   */
  public Map<String, String> sign(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      String accessKey,
      String secretKey,
      String sessionToken,
      String region,
      Instant now) {
    String amzDate = SigV4.amzDate(now);
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> signed = new TreeMap<>();
    headers.forEach((k, v) -> signed.put(k.toLowerCase(java.util.Locale.ROOT), v));
    signed.put("host", hostHeader(uri));
    signed.put("x-amz-date", amzDate);
    Map<String, String> added = new LinkedHashMap<>();
    added.put("X-Amz-Date", amzDate);
    if (sessionToken != null) {
      signed.put("x-amz-security-token", sessionToken);
      added.put("X-Amz-Security-Token", sessionToken);
    }
    List<Map.Entry<String, String>> query = FormCodec.decode(uri.getRawQuery());
    String scope = SigV4.scope(date, region, service);
    String canonical =
        SigV4.canonicalRequest(method, uri.getRawPath(), query, signed, SigV4.sha256Hex(body));
    String signature =
        SigV4.signature(
            SigV4.signingKey(secretKey, date, region, service),
            SigV4.stringToSign(amzDate, scope, canonical));
    added.put(
        "Authorization",
        SigV4.authorization(accessKey, scope, SigV4.signedHeaders(signed), signature));
    return added;
  }

  /** The Host header as java.net.http sends it: the port only when it is not the default. */
  public static String hostHeader(URI uri) {
    int port = uri.getPort();
    String scheme = uri.getScheme();
    boolean defaultPort =
        port == -1
            || ("https".equalsIgnoreCase(scheme) && port == 443)
            || ("http".equalsIgnoreCase(scheme) && port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }
}
