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
   *
   * @param request the request to send
   * @return the response, whatever its HTTP status
   * @throws NotSentException when the request could not have reached the service (no connection was
   *     made), so sending it again is safe
   * @throws java.net.SocketTimeoutException when the exchange outlasts the request's timeout
   * @throws IOException when the exchange fails otherwise, or the answer is over the size limit;
   *     the service may then have acted on the request
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
   *
   * @param method the HTTP method, such as {@code POST}
   * @param uri the full URI
   * @param headers the headers to send, name to value
   * @param body the body; empty for none
   * @param timeout how long the whole exchange may take, or {@code null} for the transport's own
   *     timeouts
   * @param maxBodyBytes how many bytes of answer body to accept at most
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

    /**
     * Checks the request and copies the headers; a null body becomes an empty one.
     *
     * @param method the HTTP method; required
     * @param uri the full URI; required
     * @param headers the headers; copied
     * @param body the body, or {@code null} for none
     * @param timeout how long the exchange may take, positive, or {@code null}
     * @param maxBodyBytes the answer body's limit, positive
     * @throws NullPointerException when {@code method}, {@code uri} or {@code headers} is null
     * @throws IllegalArgumentException when the timeout or the limit is not positive
     */
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

    /**
     * A request accepting {@link #DEFAULT_MAX_BODY_BYTES} of answer body.
     *
     * @param method the HTTP method
     * @param uri the full URI
     * @param headers the headers
     * @param body the body, or {@code null} for none
     * @param timeout how long the exchange may take, or {@code null}
     * @throws NullPointerException when {@code method}, {@code uri} or {@code headers} is null
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public Request(
        String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
      this(method, uri, headers, body, timeout, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A request with the transport's own timeouts and {@link #DEFAULT_MAX_BODY_BYTES} of answer
     * body.
     *
     * @param method the HTTP method
     * @param uri the full URI
     * @param headers the headers
     * @param body the body, or {@code null} for none
     * @throws NullPointerException when {@code method}, {@code uri} or {@code headers} is null
     */
    public Request(String method, URI uri, Map<String, String> headers, byte[] body) {
      this(method, uri, headers, body, null);
    }

    /**
     * This request accepting at most {@code maxBodyBytes} of answer body.
     *
     * @param maxBodyBytes the limit, positive
     * @return a new request
     * @throws IllegalArgumentException when the limit is not positive
     */
    public Request withMaxBodyBytes(long maxBodyBytes) {
      return new Request(method, uri, headers, body, timeout, maxBodyBytes);
    }

    /**
     * The shorter of {@code own} and this request's timeout, for a transport bounding a step.
     *
     * @param own the transport's own timeout
     * @return this request's timeout when set and shorter, else {@code own}
     */
    public Duration timeoutOr(Duration own) {
      return timeout == null || timeout.compareTo(own) > 0 ? own : timeout;
    }
  }

  /**
   * An HTTP response: status, headers and body. Header names are kept lower-case, whatever the
   * transport handed over, so {@link #header} finds them however the server spelled them.
   *
   * @param status the HTTP status, such as 200
   * @param headers the headers, lower-case name to values
   * @param body the body; empty for none
   */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    /**
     * Lower-cases the header names (merging the values of names that differ only in case, dropping
     * a null name) and copies them; a null body becomes an empty one.
     *
     * @param status the HTTP status
     * @param headers the headers as the transport got them
     * @param body the body, or {@code null} for none
     * @throws NullPointerException when {@code headers} is null
     */
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

    /**
     * The first value of a header, whatever the case of its name.
     *
     * @param name the header's name, such as {@code Content-Type}
     * @return its first value, or {@code null} when the response has none
     */
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

    /**
     * A request that was not sent.
     *
     * @param message why, naming the endpoint
     * @param cause the failure, such as a refused connection
     */
    public NotSentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * java.net.http with connection reuse, 10 s to connect and 60 s for a whole request that has no
   * timeout of its own; the default. It ignores the proxy and CA bundle settings: {@link #jdk(Map,
   * String)} reads them.
   *
   * @return a new transport; its HTTP client is made on the first request
   */
  static Transport jdk() {
    return jdk(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  /**
   * java.net.http with these timeouts; the client is made on the first request.
   *
   * @param connectTimeout how long connecting may take
   * @param requestTimeout how long a whole request without a timeout of its own may take
   * @return a new transport
   */
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
   * refuses to start if the property was set to anything else. Make it before any other code of the
   * process has used HttpURLConnection, since the JDK reads the property only once.
   *
   * @param connectTimeout how long connecting may take
   * @param readTimeout how long each read may take
   * @return a new transport, without proxy or CA bundle settings
   * @throws IllegalStateException when {@code sun.net.http.retryPost} is set to anything but {@code
   *     false}
   */
  static Transport urlConnection(Duration connectTimeout, Duration readTimeout) {
    return new UrlConnectionTransport(connectTimeout, readTimeout);
  }

  /**
   * {@link #urlConnection(Duration, Duration)} with the network settings of {@code environment} and
   * the profile: {@code HTTPS_PROXY}/{@code HTTP_PROXY} with {@code NO_PROXY}, and {@code
   * AWS_CA_BUNDLE} or the profile's {@code ca_bundle}.
   *
   * @param connectTimeout how long connecting may take
   * @param readTimeout how long each read may take
   * @param environment the environment variables to read, such as {@code System.getenv()}
   * @param profile the profile whose {@code ca_bundle} counts, or {@code null} for the
   *     environment's ({@code AWS_PROFILE}, {@code AWS_DEFAULT_PROFILE}, else {@code default})
   * @return a new transport
   * @throws IllegalStateException when the CA bundle named cannot be read, a proxy variable is not
   *     a proxy URL (or carries a user and password), or {@code sun.net.http.retryPost} is set to
   *     anything but {@code false}
   */
  static Transport urlConnection(
      Duration connectTimeout,
      Duration readTimeout,
      Map<String, String> environment,
      String profile) {
    return new UrlConnectionTransport(connectTimeout, readTimeout, network(environment, profile));
  }

  /**
   * {@link #jdk()} with the network settings of {@code environment} and the profile: {@code
   * HTTPS_PROXY}/{@code HTTP_PROXY} with {@code NO_PROXY}, and {@code AWS_CA_BUNDLE} or the
   * profile's {@code ca_bundle}. {@link Ec2.Builder} makes this one unless given another.
   *
   * @param environment the environment variables to read, such as {@code System.getenv()}
   * @param profile the profile whose {@code ca_bundle} counts, or {@code null} for the
   *     environment's ({@code AWS_PROFILE}, {@code AWS_DEFAULT_PROFILE}, else {@code default})
   * @return a new transport
   * @throws IllegalStateException when the CA bundle named cannot be read, or a proxy variable is
   *     not a proxy URL (or carries a user and password)
   */
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
   *
   * @param delegate the transport that sends
   * @param sink where the lines go, such as {@code System.err::println}
   * @return a transport that sends through {@code delegate} and logs
   */
  static Transport debugging(Transport delegate, Consumer<String> sink) {
    return new DebugTransport(delegate, sink);
  }
}
