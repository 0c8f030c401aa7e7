package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Writes each exchange to a sink with signatures, session tokens and private keys redacted. */
public final class DebugTransport implements Transport {
  private static final Pattern SIGNATURE = Pattern.compile("Signature=[0-9a-fA-F]+");
  private static final Pattern KEY_MATERIAL = Pattern.compile("(?s)<keyMaterial>.*?</keyMaterial>");
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----");

  private final Transport delegate;
  private final Consumer<String> sink;

  public DebugTransport(Transport delegate, Consumer<String> sink) {
    this.delegate = delegate;
    this.sink = sink;
  }

  @Override
  public Response send(Request request) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("> ").append(request.method()).append(' ').append(request.uri()).append('\n');
    request
        .headers()
        .forEach(
            (k, v) ->
                out.append("> ").append(k).append(": ").append(redactHeader(k, v)).append('\n'));
    out.append("> ").append(redactBody(new String(request.body(), StandardCharsets.UTF_8)));
    sink.accept(out.toString());
    long start = System.nanoTime();
    Response response = delegate.send(request);
    long millis = (System.nanoTime() - start) / 1_000_000;
    sink.accept(
        "< HTTP "
            + response.status()
            + " in "
            + millis
            + " ms\n< "
            + redactBody(new String(response.body(), StandardCharsets.UTF_8)));
    return response;
  }

  static String redactHeader(String name, String value) {
    if (name.equalsIgnoreCase("X-Amz-Security-Token")) {
      return "<redacted>";
    }
    return SIGNATURE.matcher(value).replaceAll("Signature=<redacted>");
  }

  static String redactBody(String body) {
    String s = KEY_MATERIAL.matcher(body).replaceAll("<keyMaterial><redacted></keyMaterial>");
    return PRIVATE_KEY.matcher(s).replaceAll("<redacted private key>");
  }
}
