package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * java.net.http: one client, made on first use, reusing connections. Building an HttpClient
 * initialises TLS, so a process that never sends pays nothing. Its work runs on daemon threads of
 * an executor of its own, which {@link #close} ends.
 */
public final class JdkHttpTransport implements Transport {
  private static final java.util.concurrent.atomic.AtomicInteger CLIENTS =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private volatile HttpClient client;
  private java.util.concurrent.ExecutorService executor;
  private volatile boolean closed;

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
        if (closed) {
          throw new IllegalStateException("this transport is closed");
        }
        c = client;
        if (c == null) {
          int n = CLIENTS.incrementAndGet();
          java.util.concurrent.atomic.AtomicInteger threads =
              new java.util.concurrent.atomic.AtomicInteger();
          executor =
              java.util.concurrent.Executors.newCachedThreadPool(
                  r -> {
                    Thread t = new Thread(r, "ec2kit-http-" + n + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                  });
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .executor(executor)
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

  /**
   * Ends the client's threads and connections: at once on JDK 21 and later, where HttpClient can be
   * closed; on 17 its executor at once and its selector thread when the client is collected.
   */
  @Override
  public void close() {
    HttpClient c;
    java.util.concurrent.ExecutorService e;
    synchronized (this) {
      closed = true;
      c = client;
      e = executor;
      client = null;
      executor = null;
    }
    if (c instanceof AutoCloseable closeable) { // HttpClient is AutoCloseable from JDK 21
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
    if (e != null) {
      e.shutdownNow();
    }
  }

  @Override
  public Response send(Request request) throws IOException {
    if (closed) {
      throw new IllegalStateException("this transport is closed");
    }
    URI uri = request.uri();
    Duration whole = request.timeoutOr(requestTimeout);
    // HttpRequest.timeout bounds only the wait for the headers; the bounded get below bounds the
    // body too, and the subscriber stops reading past the size limit.
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(whole)
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(b::header);
    Bounded body = new Bounded(uri, request.maxBodyBytes());
    CompletableFuture<HttpResponse<byte[]>> answer = client().sendAsync(b.build(), body);
    try {
      HttpResponse<byte[]> r = answer.get(whole.toNanos(), TimeUnit.NANOSECONDS);
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (TimeoutException e) {
      body.stop(answer);
      throw late(uri, whole, e);
    } catch (InterruptedException e) {
      body.stop(answer);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted calling " + uri);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectException) {
        throw new NotSentException("cannot connect to " + uri + ": " + cause.getMessage(), cause);
      }
      if (cause instanceof HttpConnectTimeoutException) {
        throw new NotSentException(
            "cannot connect to " + uri + " in time: " + cause.getMessage(), cause);
      }
      if (cause instanceof HttpTimeoutException) {
        throw late(uri, whole, cause);
      }
      for (Throwable t = cause; t != null; t = t.getCause()) {
        if (t instanceof TooLargeException tooLarge) {
          throw tooLarge;
        }
      }
      if (cause instanceof InterruptedIOException io) {
        throw io;
      }
      throw new IOException(
          "the connection to "
              + uri
              + " failed after the request was sent: "
              + (cause == null ? e.getMessage() : cause.getMessage()),
          cause);
    }
  }

  /** An answer longer than the request accepts: asking again would bring the same. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  static TooLargeException tooLarge(URI uri, long limit) {
    return new TooLargeException("answer from " + uri + " exceeds " + limit + " bytes");
  }

  /** The whole exchange outlived its deadline. */
  static SocketTimeoutException late(URI uri, Duration whole, Throwable cause) {
    SocketTimeoutException e =
        new SocketTimeoutException(
            "no complete answer from " + uri + " within " + whole.toMillis() + " ms");
    e.initCause(cause);
    return e;
  }

  /**
   * Collects the body, failing (and cancelling the stream, which closes the connection) once it
   * holds more than the limit, or at once when the headers announce more.
   */
  private static final class Bounded
      implements HttpResponse.BodyHandler<byte[]>, HttpResponse.BodySubscriber<byte[]> {
    private final URI uri;
    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long received;
    private volatile boolean tooLarge;
    private volatile Flow.Subscription subscription;

    Bounded(URI uri, long limit) {
      this.uri = uri;
      this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
      tooLarge = info.headers().firstValueAsLong("content-length").orElse(0) > limit;
      return this;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (tooLarge) {
        fail(tooLarge(uri, limit));
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        received += buffer.remaining();
        if (received > limit) {
          fail(tooLarge(uri, limit));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    private void fail(IOException e) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      result.completeExceptionally(e);
    }

    /** Ends an exchange given up on: stops the body and the request. */
    void stop(CompletableFuture<?> answer) {
      fail(new InterruptedIOException("the call to " + uri + " was given up"));
      answer.cancel(true);
    }
  }
}
