package dev.ec2kit;

import dev.ec2kit.internal.http.DebugTransport;
import dev.ec2kit.internal.http.JdkHttpTransport;
import dev.ec2kit.internal.http.UrlConnectionTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
public interface Transport extends AutoCloseable {

  /**
   * Sends the request once and returns the answer. The contract every transport keeps: a request is
   * written at most once per call (never resent on its own after a dropped connection, since EC2
   * may have acted on it); a failure before anything was written is a {@link NotSentException}; any
   * other failure is an IOException whose message names the endpoint; {@link Request#timeout()}
   * bounds the whole exchange when it is set (connecting, the headers and the whole body: past it
   * the call ends with a {@link java.net.SocketTimeoutException}, however slowly the server keeps
   * sending); and an answer longer than {@link Request#maxBodyBytes()} ends the call with an
   * IOException instead of filling the heap.
   */
  Response send(Request request) throws IOException;

  /**
   * An HTTP request: method, full URI, headers to send, body, how long the whole exchange may take
   * at most ({@code null}: the transport's own timeouts), which the client sets from what is left
   * of the call's deadline, and how many bytes of answer body to accept at most ({@link
   * #DEFAULT_MAX_BODY_BYTES} unless set with {@link #withMaxBodyBytes}).
   *
   * <pre>{@code
   * Transport.Request r =
   *     new Transport.Request("GET", uri, Map.of(), null, Duration.ofSeconds(1))
   *         .withMaxBodyBytes(1 << 20);
   * }</pre>
   */
  record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      Duration timeout,
      long maxBodyBytes) {
    /** The answer body a request accepts unless told otherwise: 64 MiB, far above EC2's pages. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;

    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      headers = Map.copyOf(headers);
      body = body == null ? new byte[0] : body;
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
      }
    }

    public Request(
        String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
      this(method, uri, headers, body, timeout, DEFAULT_MAX_BODY_BYTES);
    }

    public Request(String method, URI uri, Map<String, String> headers, byte[] body) {
      this(method, uri, headers, body, null);
    }

    /** This request accepting at most {@code maxBodyBytes} of answer body. */
    public Request withMaxBodyBytes(long maxBodyBytes) {
      return new Request(method, uri, headers, body, timeout, maxBodyBytes);
    }

    /** The shorter of {@code own} and this request's timeout. */
    public Duration timeoutOr(Duration own) {
      return timeout == null || timeout.compareTo(own) > 0 ? own : timeout;
    }
  }

  /**
   * An HTTP response: status, headers and body. Header names are kept lower-case, whatever the
   * transport handed over, so {@link #header} finds them however the server spelled them.
   */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Response {
      Map<String, List<String>> lower = new java.util.HashMap<>();
      headers.forEach(
          (k, v) -> {
            if (k != null) { // HttpURLConnection lists the status line under a null name
              lower.merge(
                  k.toLowerCase(java.util.Locale.ROOT),
                  List.copyOf(v),
                  (a, b) -> {
                    List<String> both = new java.util.ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                  });
            }
          });
      headers = Map.copyOf(lower);
      body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /**
   * Releases what this transport holds (pooled connections, threads); it is not used after. The
   * default holds nothing and does nothing. An {@link Ec2} closes the transport it made itself,
   * never one it was given.
   */
  @Override
  default void close() {}

  /** Thrown when a request could not have reached the service, so it is always safe to resend. */
  final class NotSentException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotSentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * java.net.http with connection reuse, 10 s to connect and 60 s for a whole request that has no
   * timeout of its own; the default.
   */
  static Transport jdk() {
    return jdk(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  /** java.net.http with these timeouts; the client is made on the first request. */
  static Transport jdk(Duration connectTimeout, Duration requestTimeout) {
    return new JdkHttpTransport(connectTimeout, requestTimeout);
  }

  /**
   * HttpURLConnection with keep-alive reuse and these timeouts: {@code readTimeout} bounds each
   * read, and a request without a timeout of its own may take {@code connectTimeout + readTimeout}
   * in all. It starts no thread of its own but one daemon thread that watches deadlines while a
   * call is under way and ends when none is, so a short-lived process (a command-line tool) exits
   * at once; java.net.http's selector thread holds up JVM exit for about 300 ms on JDK 17.
   *
   * <p>HttpURLConnection resends a POST once on its own when a connection drops after the request
   * was written, which could run a non-repeatable call twice; this transport turns that off by
   * setting the system property {@code sun.net.http.retryPost=false} when it is first used, and
   * refuses to start if the property was set to {@code true}. Make it before any other code of the
   * process has used HttpURLConnection, since the JDK reads the property only once.
   */
  static Transport urlConnection(Duration connectTimeout, Duration readTimeout) {
    return new UrlConnectionTransport(connectTimeout, readTimeout);
  }

  /**
   * {@link #urlConnection(Duration, Duration)} with the network settings of {@code environment} and
   * the profile: {@code HTTPS_PROXY}/{@code HTTP_PROXY} with {@code NO_PROXY}, and {@code
   * AWS_CA_BUNDLE} or the profile's {@code ca_bundle}.
   */
  static Transport urlConnection(
      Duration connectTimeout,
      Duration readTimeout,
      Map<String, String> environment,
      String profile) {
    return new UrlConnectionTransport(connectTimeout, readTimeout, network(environment, profile));
  }

  /** {@link #jdk()} with the network settings of {@code environment} and the profile (as above). */
  static Transport jdk(Map<String, String> environment, String profile) {
    return new JdkHttpTransport(
        Duration.ofSeconds(10), Duration.ofSeconds(60), network(environment, profile));
  }

  private static dev.ec2kit.internal.http.Network network(
      Map<String, String> environment, String profile) {
    return dev.ec2kit.internal.http.Network.from(
        environment, Settings.profileValue(environment, profile, "ca_bundle").orElse(null));
  }

  /**
   * Writes each request and response to {@code sink} with every secret replaced by {@code
   * <redacted>}: signatures, session and bearer tokens, secret keys, refresh tokens, client
   * secrets, web identity tokens, instance metadata tokens and private key material, whether in a
   * header, a form or query parameter, an XML element or a JSON member. Access key ids stay.
   */
  static Transport debugging(Transport delegate, Consumer<String> sink) {
    return new DebugTransport(delegate, sink);
  }
}
