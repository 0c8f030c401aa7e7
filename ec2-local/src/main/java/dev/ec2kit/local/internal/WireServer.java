package dev.ec2kit.local.internal;

import dev.ec2kit.internal.process.Spawns;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's HTTP/1.1 server: a connection per worker, from a pool that grows to a limit, so
 * slow clients hold only their own worker. Every read has a deadline (the whole request head, the
 * whole body, the wait between keep-alive requests), a connection past the limit is answered 503 at
 * once, and a malformed or incomplete request is answered 400 and closed. The JDK's HttpServer can
 * do none of this per server (its pool is fixed, its timeouts are JVM-wide properties, and its
 * dispatcher spins when accept runs out of descriptors).
 */
public final class WireServer implements AutoCloseable {
  /**
   * One request as it arrived, with the address its connection reached ({@code local}: the server's
   * own, or an address it also listens at). Header names are lower-case.
   */
  public record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      InetAddress local) {}

  /** One answer; {@code drop} closes the connection instead of writing it (a lost answer). */
  public record Response(
      int status, String contentType, Map<String, String> headers, byte[] body, boolean drop) {
    public static Response dropped() {
      return new Response(0, null, Map.of(), new byte[0], true);
    }
  }

  /** Turns a request into a response; runs on the connection's worker. */
  public interface Handler {
    Response handle(Request request);
  }

  /** Writes the answer for a request that could not be read (status, code, message). */
  public interface ErrorPage {
    Response render(int status, String code, String message);
  }

  /** Limits and deadlines. */
  public record Limits(
      int maxConnections,
      Duration headTimeout,
      Duration bodyTimeout,
      Duration idleTimeout,
      int maxHeadBytes,
      int maxBodyBytes) {
    public static final Limits DEFAULT =
        new Limits(
            256,
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(60),
            64 * 1024,
            16 * 1024 * 1024);

    public Limits {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 1, got " + maxConnections);
      }
      for (Duration d : List.of(headTimeout, bodyTimeout, idleTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive, got " + d);
        }
      }
    }
  }

  /**
   * A request that cannot be served; answered with this status and code, then the connection
   * closes.
   */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Refused(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private final ServerSocket socket;
  private final Handler handler;
  private final ErrorPage errors;
  private final Limits limits;
  private final PrintStream log;
  private final ThreadPoolExecutor workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  public WireServer(
      InetSocketAddress address, Handler handler, ErrorPage errors, Limits limits, PrintStream log)
      throws IOException {
    this.handler = handler;
    this.errors = errors;
    this.limits = limits;
    this.log = log;
    this.socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(address, 256);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            2,
            limits.maxConnections() + 1,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "ec2-local-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "ec2-local-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public InetAddress address() {
    return socket.getInetAddress();
  }

  private void acceptLoop() {
    long lastComplaint = 0;
    while (!closed) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        // Out of descriptors, typically: say so now and then, and wait rather than spin.
        long now = System.nanoTime();
        if (log != null && now - lastComplaint > TimeUnit.SECONDS.toNanos(10)) {
          log.println("ec2-local: cannot accept HTTP connections: " + e.getMessage());
          lastComplaint = now;
        }
        pause(100);
        continue;
      }
      admit(s);
    }
  }

  /** Serves an accepted connection on a worker, or answers 503 past the connection limit. */
  private void admit(Socket s) {
    if (active.incrementAndGet() > limits.maxConnections()) {
      active.decrementAndGet();
      refuseBusy(s);
      return;
    }
    open.add(s);
    try {
      workers.execute(() -> serve(s));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      open.remove(s);
      active.decrementAndGet();
      refuseBusy(s);
    }
  }

  /**
   * Listens at {@code ip} too, on the same port, until {@link #stopListening}: requests that arrive
   * there carry it as their {@link Request#local} address. Nothing to do when the server listens at
   * every address already. Throws when the address cannot be bound.
   */
  public void listenAt(String ip) throws IOException {
    if (!socket.getInetAddress().isAnyLocalAddress()) {
      extra().run(() -> extra.bind(ip));
    }
  }

  /**
   * Stops listening at {@code ip} (see {@link #listenAt}); its open connections end. When this
   * returns, a connection to the address is refused (see {@link Spawns}).
   */
  public void stopListening(String ip) {
    if (!socket.getInetAddress().isAnyLocalAddress()) {
      try {
        AddressListeners listeners = extra();
        // the lock taken on the listeners' thread, which closes: this one only waits for it
        listeners.run(() -> Spawns.closing(() -> listeners.unbind(ip)));
      } catch (IOException e) {
        // unbinding does not fail
      }
    }
  }

  /** Ends the open connections that reached {@code ip}; it is still listened at. */
  public void dropConnections(String ip) {
    try {
      AddressListeners.closeConnections(open, ip);
    } catch (IOException e) {
      // a socket that cannot be closed is already closed
    }
  }

  private synchronized AddressListeners extra() {
    if (extra == null) {
      extra = new AddressListeners(port(), this::admit, open, log, () -> closed);
    }
    return extra;
  }

  private AddressListeners extra;

  private void refuseBusy(Socket s) {
    try (s) {
      s.setSoTimeout(1000);
      write(
          s.getOutputStream(),
          errors.render(
              503,
              "Unavailable",
              "The server is busy: "
                  + limits.maxConnections()
                  + " connections are open. Try again."),
          false);
    } catch (IOException e) {
      // the client is gone; nothing to tell
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      Deadlined in = new Deadlined(s);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
      boolean first = true;
      while (!closed) {
        Request request;
        try {
          in.deadline(first ? limits.headTimeout() : limits.idleTimeout());
          if (!in.awaitByte()) {
            return; // closed between requests
          }
          in.deadline(limits.headTimeout());
          request = read(in, out);
        } catch (Refused r) {
          write(out, errors.render(r.status, r.code, r.getMessage()), false);
          return;
        }
        first = false;
        Response response = handler.handle(request);
        if (response.drop()) {
          return;
        }
        boolean keepAlive = keepAlive(request);
        write(out, response, keepAlive);
        if (!keepAlive) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      // idle past the keep-alive time
    } catch (IOException | RuntimeException e) {
      // the client went away mid-request, or wrote garbage we have already answered
    } finally {
      open.remove(s);
      active.decrementAndGet();
    }
  }

  private static boolean keepAlive(Request r) {
    List<String> c = r.headers().get("connection");
    return c == null || c.stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
  }

  private Request read(Deadlined in, OutputStream out) throws IOException, Refused {
    String line = in.line(limits.maxHeadBytes());
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new Refused(400, "InvalidHttpRequest", "The request line is not HTTP/1.x.");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int headBytes = line.length();
    while (true) {
      String h = in.line(limits.maxHeadBytes());
      headBytes += h.length() + 2;
      if (headBytes > limits.maxHeadBytes()) {
        throw new Refused(
            400,
            "InvalidHttpRequest",
            "The request head is larger than " + limits.maxHeadBytes() + " bytes.");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new Refused(400, "InvalidHttpRequest", "A header line has no name.");
      }
      headers
          .computeIfAbsent(
              h.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(h.substring(colon + 1).strip());
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? null : target.substring(q + 1);
    List<String> expect = headers.get("expect");
    if (expect != null && expect.stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    in.deadline(limits.bodyTimeout());
    return new Request(
        parts[0], path, query, headers, body(in, headers), in.socket.getLocalAddress());
  }

  private byte[] body(Deadlined in, Map<String, List<String>> headers) throws IOException, Refused {
    List<String> te = headers.get("transfer-encoding");
    if (te != null && te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = in.line(1024);
        int semi = size.indexOf(';');
        long n;
        try {
          n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new Refused(400, "InvalidHttpRequest", "A chunk size is not hexadecimal.");
        }
        if (n < 0 || body.size() + n > limits.maxBodyBytes()) {
          throw tooLarge();
        }
        if (n == 0) {
          while (!in.line(limits.maxHeadBytes()).isEmpty()) {
            // trailers, ignored
          }
          return body.toByteArray();
        }
        body.write(in.exactly((int) n));
        in.line(2);
      }
    }
    List<String> length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    long n;
    try {
      n = Long.parseLong(length.get(0).strip());
    } catch (NumberFormatException e) {
      throw new Refused(400, "InvalidHttpRequest", "Content-Length is not a number.");
    }
    if (length.stream().distinct().count() > 1 || n < 0) {
      throw new Refused(
          400, "InvalidHttpRequest", "Content-Length is not one non-negative number.");
    }
    if (n > limits.maxBodyBytes()) {
      throw tooLarge();
    }
    return in.exactly((int) n);
  }

  private Refused tooLarge() {
    return new Refused(
        413,
        "RequestEntityTooLarge",
        "The request body is larger than " + limits.maxBodyBytes() + " bytes.");
  }

  private static void write(OutputStream out, Response r, boolean keepAlive) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ")
        .append(r.status())
        .append(' ')
        .append(reason(r.status()))
        .append("\r\n");
    if (r.contentType() != null) {
      head.append("Content-Type: ").append(r.contentType()).append("\r\n");
    }
    r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(r.body().length).append("\r\n");
    head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(r.body());
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 405 -> "Method Not Allowed";
      case 412 -> "Precondition Failed";
      case 413 -> "Payload Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      Spawns.closing(socket::close); // its port free when this returns
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    workers.shutdownNow();
    AddressListeners others;
    synchronized (this) {
      others = extra;
      if (others != null) {
        others.wakeup();
      }
    }
    try {
      if (others != null) {
        others.awaitEnd(2000); // the instances' addresses free when this returns
      }
      acceptor.join(2000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A socket's input with one deadline for a whole phase (head, body, idle): each read waits only
   * what is left, so a client trickling a byte a second is cut off all the same.
   */
  private static final class Deadlined {
    private final Socket socket;
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;
    private long deadline;
    private Duration phase;

    Deadlined(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    void deadline(Duration d) {
      this.phase = d;
      this.deadline = System.nanoTime() + d.toNanos();
    }

    /** Whether another byte comes; false at a clean end of stream. */
    boolean awaitByte() throws IOException {
      return pos < end || fill();
    }

    private boolean fill() throws IOException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("no data within " + phase);
      }
      socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      int n;
      try {
        n = in.read(buf, 0, buf.length);
      } catch (SocketException e) {
        throw new EOFException(e.getMessage());
      }
      if (n <= 0) {
        return false;
      }
      pos = 0;
      end = n;
      return true;
    }

    /** One CRLF- or LF-terminated line in ISO-8859-1, without the terminator. */
    String line(int max) throws IOException, Refused {
      StringBuilder sb = new StringBuilder(64);
      while (true) {
        if (pos >= end && !fillOrRefuse("The request ended in the middle of its head.")) {
          throw new Refused(
              400, "InvalidHttpRequest", "The request ended in the middle of its head.");
        }
        byte b = buf[pos++];
        if (b == '\n') {
          int len = sb.length();
          if (len > 0 && sb.charAt(len - 1) == '\r') {
            sb.setLength(len - 1);
          }
          return sb.toString();
        }
        if (sb.length() >= max) {
          throw new Refused(
              400,
              "InvalidHttpRequest",
              "A line of the request head is longer than " + max + " bytes.");
        }
        sb.append((char) (b & 0xff));
      }
    }

    byte[] exactly(int n) throws IOException, Refused {
      byte[] out = new byte[n];
      int got = 0;
      while (got < n) {
        if (pos >= end && !fillOrRefuse("The request body did not arrive in time.")) {
          throw new Refused(
              400,
              "IncompleteBody",
              "The request ended after "
                  + got
                  + " of the "
                  + n
                  + " bytes its Content-Length announced.");
        }
        int take = Math.min(n - got, end - pos);
        System.arraycopy(buf, pos, out, got, take);
        pos += take;
        got += take;
      }
      return out;
    }

    private boolean fillOrRefuse(String timeoutMessage) throws IOException, Refused {
      try {
        return fill();
      } catch (SocketTimeoutException e) {
        throw new Refused(
            400, "RequestTimeout", timeoutMessage + " Waited " + phase.toSeconds() + " s.");
      }
    }
  }
}
