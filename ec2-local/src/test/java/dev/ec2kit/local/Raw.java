package dev.ec2kit.local;

import dev.ec2kit.internal.signing.RequestSigner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** A signed raw request, to reach the emulator past our client's own checks. */
final class Raw {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

  private Raw() {}

  static HttpResponse<String> signed(Ec2Local local, Instant now, String body) throws Exception {
    return signed(local, now, body, "us-east-1");
  }

  /** As {@link #signed(Ec2Local, Instant, String)}, signed for {@code region}. */
  static HttpResponse<String> signed(Ec2Local local, Instant now, String body, String region)
      throws Exception {
    return signed(local, now, body.getBytes(StandardCharsets.UTF_8), region);
  }

  /** A signed request with any bytes as its body (not necessarily UTF-8, nor well-formed). */
  static HttpResponse<String> signed(Ec2Local local, Instant now, byte[] body, String region)
      throws Exception {
    return signedAs(local, "ec2", "test", "test", now, body, region);
  }

  /**
   * A request for {@code service} ({@code ec2}, {@code sts}) signed with these keys, or unsigned
   * when {@code accessKey} is null.
   */
  static HttpResponse<String> signedAs(
      Ec2Local local,
      String service,
      String accessKey,
      String secret,
      Instant now,
      byte[] body,
      String region)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(local.endpoint())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", FORM);
    if (accessKey != null) {
      new RequestSigner(service)
          .sign(
              "POST",
              local.endpoint(),
              Map.of("content-type", FORM),
              body,
              accessKey,
              secret,
              null,
              region,
              now)
          .forEach(b::header);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The signed request's headers, for tests that write the request on a socket themselves. */
  static Map<String, String> signatureHeaders(Ec2Local local, byte[] body) {
    return new RequestSigner("ec2")
        .sign(
            "POST",
            local.endpoint(),
            Map.of("content-type", FORM),
            body,
            "test",
            "test",
            null,
            "us-east-1",
            Instant.now());
  }
}
