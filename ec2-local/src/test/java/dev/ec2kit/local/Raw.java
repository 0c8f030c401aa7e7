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
  static HttpResponse<String> signed(Ec2Local local, Instant now, String body, String region) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(local.endpoint()).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", FORM);
    new RequestSigner("ec2").sign("POST", local.endpoint(), Map.of("content-type", FORM),
        body.getBytes(StandardCharsets.UTF_8), "test", "test", null, region, now).forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
