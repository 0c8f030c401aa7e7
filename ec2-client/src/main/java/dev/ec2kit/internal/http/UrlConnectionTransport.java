package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * HttpURLConnection, with the JDK's keep-alive cache for reuse. It has no background thread and
 * loads TLS only for https, so a short-lived process starts and exits quickly.
 */
public final class UrlConnectionTransport implements Transport {
  private static final String RETRY_POST = "sun.net.http.retryPost";

  static {
    // The JDK resends a POST once, by itself, when the connection drops after sending: a
    // CreateSecurityGroup could then run twice. Off, unless someone asked for it explicitly.
    if (System.getProperty(RETRY_POST) == null) {
      System.setProperty(RETRY_POST, "false");
    }
  }

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Network network;

  public UrlConnectionTransport(Duration connectTimeout, Duration readTimeout) {
    this(connectTimeout, readTimeout, Network.DIRECT);
  }

  public UrlConnectionTransport(Duration connectTimeout, Duration readTimeout, Network network) {
    this.network = network;
    if (!"false".equals(System.getProperty(RETRY_POST))) {
      throw new IllegalStateException(
          RETRY_POST
              + " is set to '"
              + System.getProperty(RETRY_POST)
              + "': HttpURLConnection would resend requests by itself; unset it or use Transport.jdk()");
    }
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  @Override
  public Response send(Request request) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) request.uri().toURL().openConnection(network.proxyFor(request.uri()));
    if (c instanceof javax.net.ssl.HttpsURLConnection https && network.ssl() != null) {
      https.setSSLSocketFactory(network.ssl().getSocketFactory());
    }
    c.setConnectTimeout(millis(request.timeoutOr(connectTimeout)));
    c.setReadTimeout(millis(request.timeoutOr(readTimeout)));
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestMethod(request.method());
    request.headers().forEach(c::setRequestProperty);
    try {
      if (request.body().length > 0 || request.method().equals("POST")) {
        c.setDoOutput(true);
        // Not streaming mode: in it HttpURLConnection drops the body of a 401 (AuthFailure).
        // Buffered, it would resend a POST by itself, which the static block above turns off.
        try (OutputStream out = c.getOutputStream()) {
          out.write(request.body());
        }
      } else {
        c.connect();
      }
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      throw new NotSentException("cannot connect to " + request.uri() + ": " + e.getMessage(), e);
    } catch (SocketTimeoutException e) {
      throw new NotSentException(
          "cannot connect to " + request.uri() + " in time: " + e.getMessage(), e);
    }
    try {
      int status = c.getResponseCode();
      byte[] body;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
      return new Response(status, c.getHeaderFields(), body);
    } catch (SocketTimeoutException e) {
      c.disconnect();
      throw new SocketTimeoutException(
          "no answer from "
              + request.uri()
              + " within "
              + request.timeoutOr(readTimeout).toMillis()
              + " ms");
    } catch (IOException e) {
      c.disconnect();
      throw new IOException(
          "the connection to "
              + request.uri()
              + " failed after the request was sent: "
              + e.getMessage(),
          e);
    }
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }
}
