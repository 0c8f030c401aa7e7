package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * HttpURLConnection, with the JDK's keep-alive cache for reuse. It has no background thread and
 * loads TLS only for https, so a short-lived process starts and exits quickly.
 */
public final class UrlConnectionTransport implements Transport {
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;

  public UrlConnectionTransport(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
  }

  @Override
  public Response send(Request request) throws IOException {
    HttpURLConnection c = (HttpURLConnection) request.uri().toURL().openConnection();
    c.setConnectTimeout(connectTimeoutMillis);
    c.setReadTimeout(readTimeoutMillis);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestMethod(request.method());
    request.headers().forEach(c::setRequestProperty);
    try {
      if (request.body().length > 0 || request.method().equals("POST")) {
        c.setDoOutput(true);
        // Not streaming mode: in it HttpURLConnection drops the body of a 401 (AuthFailure).

        try (OutputStream out = c.getOutputStream()) {
          out.write(request.body());
        }
      } else {
        c.connect();
      }
    } catch (ConnectException | UnknownHostException e) {
      throw new NotSentException("cannot connect to " + request.uri() + ": " + e, e);
    }
    try {
      int status = c.getResponseCode();
      byte[] body;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
      return new Response(status, c.getHeaderFields(), body);
    } catch (SocketTimeoutException e) {
      throw new IOException("no answer from " + request.uri() + " in time: " + e.getMessage(), e);
    }
  }
}
