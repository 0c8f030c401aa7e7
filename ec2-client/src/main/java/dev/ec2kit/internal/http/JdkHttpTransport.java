package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * java.net.http: one client, made on first use, reusing connections. Building an HttpClient
 * initialises TLS, so a process that never sends pays nothing.
 */
public final class JdkHttpTransport implements Transport {
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private volatile HttpClient client;

  private final Network network;

  public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout) {
    this(connectTimeout, requestTimeout, Network.DIRECT);
  }

  public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout, Network network) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.network = network;
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .version(HttpClient.Version.HTTP_1_1);
          if (network.proxies() != null) {
            b.proxy(network.proxies());
          }
          if (network.ssl() != null) {
            b.sslContext(network.ssl());
          }
          c = b.build();
          client = c;
        }
      }
    }
    return c;
  }

  @Override
  public Response send(Request request) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeoutOr(requestTimeout))
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(b::header);
    try {
      HttpResponse<byte[]> r = client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (ConnectException e) {
      throw new NotSentException("cannot connect to " + request.uri() + ": " + e.getMessage(), e);
    } catch (java.net.http.HttpConnectTimeoutException e) {
      throw new NotSentException(
          "cannot connect to " + request.uri() + " in time: " + e.getMessage(), e);
    } catch (HttpTimeoutException e) {
      throw new java.net.SocketTimeoutException(
          "no answer from "
              + request.uri()
              + " within "
              + request.timeoutOr(requestTimeout).toMillis()
              + " ms");
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(
          "the connection to "
              + request.uri()
              + " failed after the request was sent: "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted calling " + request.uri());
    }
  }
}
