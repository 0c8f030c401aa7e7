package dev.ec2kit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Sends one signed HTTP request and returns the response: the seam between the client and the
 * network. {@link #jdk} is the default; wrap it to watch or alter traffic.
 *
 * <pre>{@code
 * Transport logged = Transport.debugging(Transport.jdk(), System.err::println);
 * Ec2 ec2 = Ec2.builder().transport(logged).build();
 * }</pre>
 */
@FunctionalInterface
public interface Transport {

  Response send(Request request) throws IOException;

  /** An HTTP request: method, full URI, headers to send, body. */
  record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      headers = Map.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }
  }

  /** An HTTP response: status, headers (lower-case names) and body. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Response {
      headers = Map.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** Thrown when a request could not have reached the service, so it is always safe to resend. */
  final class NotSentException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotSentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** java.net.http with connection reuse, 10 s to connect and 60 s per request. */
  static Transport jdk() {
    return jdk(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  static Transport jdk(Duration connectTimeout, Duration requestTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return request -> {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(request.uri())
              .timeout(requestTimeout)
              .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(b::header);
      try {
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.headers().map(), r.body());
      } catch (ConnectException e) {
        throw new NotSentException("cannot connect to " + request.uri() + ": " + e, e);
      } catch (HttpTimeoutException e) {
        throw new IOException("no answer from " + request.uri() + " in time: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted calling " + request.uri());
      }
    };
  }

  /**
   * Writes each request and response to {@code sink}, with the signature, session token and
   * private key material replaced by {@code <redacted>}.
   */
  static Transport debugging(Transport delegate, Consumer<String> sink) {
    Pattern signature = Pattern.compile("Signature=[0-9a-f]+");
    Pattern keyMaterial = Pattern.compile("(?s)<keyMaterial>.*?</keyMaterial>");
    return request -> {
      StringBuilder out = new StringBuilder();
      out.append("> ").append(request.method()).append(' ').append(request.uri()).append('\n');
      request.headers().forEach((k, v) -> {
        String shown = k.equalsIgnoreCase("X-Amz-Security-Token")
            ? "<redacted>"
            : signature.matcher(v).replaceAll("Signature=<redacted>");
        out.append("> ").append(k).append(": ").append(shown).append('\n');
      });
      out.append("> ").append(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
      sink.accept(out.toString());
      Response response = delegate.send(request);
      String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
      sink.accept(
          "< "
              + response.status()
              + "\n< "
              + keyMaterial.matcher(body).replaceAll("<keyMaterial><redacted></keyMaterial>"));
      return response;
    };
  }
}
