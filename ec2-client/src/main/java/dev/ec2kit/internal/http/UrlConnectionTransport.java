package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;

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
    URI uri = request.uri();
    // HttpURLConnection's timeouts bound connecting and each read, never the whole: a server
    // sending a byte now and then would hold the call for ever. Until the headers are in, the
    // watchdog disconnects at the deadline, which fails the blocked read; the body is read here,
    // checking the deadline after every read (disconnecting then would wait on the stream's lock,
    // held by the blocked read, and a silent body still ends at the read timeout).
    Duration whole =
        request.timeout() != null ? request.timeout() : connectTimeout.plus(readTimeout);
    long deadline = System.nanoTime() + whole.toNanos();
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(network.proxyFor(uri));
    if (c instanceof HttpsURLConnection https && network.ssl() != null) {
      https.setSSLSocketFactory(network.ssl().getSocketFactory());
    }
    c.setConnectTimeout(millis(request.timeoutOr(connectTimeout)));
    c.setReadTimeout(millis(request.timeoutOr(readTimeout)));
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestMethod(request.method());
    request.headers().forEach(c::setRequestProperty);
    Watchdog.Alarm alarm = Watchdog.at(deadline, c::disconnect);
    try {
      if (request.body().length > 0 || request.method().equals("POST")) {
        c.setDoOutput(true);
        // Not streaming mode: in it HttpURLConnection drops the body of a 401 (AuthFailure).
        // Buffered, it would resend a POST by itself, which the static block above turns off.
        // Buffered also means getOutputStream only connects: the request goes out with the
        // headers, when the answer is asked for.
        try (OutputStream out = c.getOutputStream()) {
          out.write(request.body());
        }
      } else {
        c.connect();
      }
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      alarm.cancel();
      throw new NotSentException("cannot connect to " + uri + ": " + e.getMessage(), e);
    } catch (SocketTimeoutException e) {
      alarm.cancel();
      throw new NotSentException("cannot connect to " + uri + " in time: " + e.getMessage(), e);
    } catch (IOException e) {
      if (!alarm.cancel()) {
        throw new NotSentException(
            "cannot connect to " + uri + " within " + whole.toMillis() + " ms", e);
      }
      throw e;
    }
    try {
      int status = c.getResponseCode();
      if (!alarm.cancel()) {
        throw new SocketTimeoutException("disconnected at the deadline");
      }
      if (c.getContentLengthLong() > request.maxBodyBytes()) {
        throw JdkHttpTransport.tooLarge(uri, request.maxBodyBytes());
      }
      byte[] body;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        body = in == null ? new byte[0] : read(in, request.maxBodyBytes(), uri, deadline, whole);
      }
      return new Response(status, c.getHeaderFields(), body);
    } catch (IOException | RuntimeException e) {
      boolean late = !alarm.cancel() || System.nanoTime() - deadline >= 0;
      if (!(e instanceof JdkHttpTransport.TooLargeException) && !late) {
        c.disconnect(); // else the connection is closed already, or about to be
      }
      if (late) {
        throw JdkHttpTransport.late(uri, whole, e);
      }
      if (e instanceof SocketTimeoutException) {
        throw new SocketTimeoutException(
            "no answer from " + uri + " within " + readTimeout.toMillis() + " ms");
      }
      if (e instanceof JdkHttpTransport.TooLargeException tooLarge) {
        c.disconnect();
        throw tooLarge;
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(
          "the connection to " + uri + " failed after the request was sent: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the stream to its end, failing as soon as it holds more than {@code limit} bytes or the
   * deadline (of {@link System#nanoTime}) has passed.
   */
  private static byte[] read(InputStream in, long limit, URI uri, long deadline, Duration whole)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
      if (total > limit) {
        throw JdkHttpTransport.tooLarge(uri, limit);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw JdkHttpTransport.late(uri, whole, null);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  /**
   * Runs an action when a deadline passes, from one daemon thread that is made when a call first
   * waits and ends as soon as no call does: a command-line process exits at once, and a client no
   * longer used leaves no thread behind.
   */
  static final class Watchdog {
    private static final Object LOCK = new Object();
    private static final PriorityQueue<Alarm> ALARMS =
        new PriorityQueue<>((a, b) -> Long.compare(a.at - b.at, 0));
    private static Thread thread;

    private Watchdog() {}

    /** An action due at a time; whichever of {@link #cancel} and the watchdog comes first wins. */
    static final class Alarm {
      private final long at;
      private final Runnable action;
      private final AtomicBoolean claimed = new AtomicBoolean();
      private volatile boolean fired;

      private Alarm(long at, Runnable action) {
        this.at = at;
        this.action = action;
      }

      /** Stops the action; false when it has already run (or is running). */
      boolean cancel() {
        if (!claimed.compareAndSet(false, true)) {
          return !fired;
        }
        synchronized (LOCK) {
          if (ALARMS.remove(this) && ALARMS.isEmpty()) {
            LOCK.notifyAll(); // the watchdog ends now rather than at this alarm's time
          }
        }
        return true;
      }
    }

    /** Runs {@code action} at {@code nanoTime} (of {@link System#nanoTime}) unless cancelled. */
    static Alarm at(long nanoTime, Runnable action) {
      Alarm a = new Alarm(nanoTime, action);
      synchronized (LOCK) {
        ALARMS.add(a);
        if (thread == null) {
          thread = new Thread(Watchdog::run, "ec2kit-deadline-watchdog");
          thread.setDaemon(true);
          thread.start();
        } else {
          LOCK.notifyAll();
        }
      }
      return a;
    }

    private static void run() {
      while (true) {
        Alarm due;
        synchronized (LOCK) {
          while (true) {
            due = ALARMS.peek();
            if (due == null) {
              thread = null;
              return;
            }
            long wait = due.at - System.nanoTime();
            if (wait <= 0) {
              ALARMS.poll();
              break;
            }
            try {
              TimeUnit.NANOSECONDS.timedWait(LOCK, wait);
            } catch (InterruptedException e) {
              // nobody else holds this thread; look at the queue again
            }
          }
        }
        if (due.claimed.compareAndSet(false, true)) {
          due.fired = true;
          try {
            due.action.run();
          } catch (RuntimeException e) {
            // the caller's own read timeout still ends the call
          }
        }
      }
    }
  }
}
