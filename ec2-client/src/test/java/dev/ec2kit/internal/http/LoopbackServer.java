package dev.ec2kit.internal.http;

import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-file HTTP/1.1 server on a loopback port for tests of misbehaving endpoints: it reads each
 * request whole (head and Content-Length body), then hands the socket to a behaviour that answers
 * however it likes (slowly, endlessly, not at all). Every connection has its own daemon thread.
 */
public final class LoopbackServer implements AutoCloseable {
  /** What the server does with one request it has read. */
  @FunctionalInterface
  public interface Behaviour {
    void answer(Exchange exchange) throws IOException, InterruptedException;
  }

  /** One request read from a connection, and the socket to answer on. */
  public record Exchange(String head, byte[] body, Socket socket) {
    public String requestLine() {
      return head.lines().findFirst().orElse("");
    }

    public String path() {
      return requestLine().split(" ")[1];
    }

    public String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return head.lines()
          .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(l -> l.substring(prefix.length()).strip())
          .findFirst()
          .orElse(null);
    }

    public OutputStream out() throws IOException {
      return socket.getOutputStream();
    }

    /** Writes a whole answer with a Content-Length and closes the connection. */
    public void answer(int status, String contentType, String body) throws IOException {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = out();
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " X\r\nContent-Type: "
                  + contentType
                  + "\r\nContent-Length: "
                  + b.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
      socket.close();
    }
  }

  private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final AtomicInteger requests = new AtomicInteger();

  public LoopbackServer(Behaviour behaviour) throws IOException {
    Thread accept = new Thread(() -> acceptAll(behaviour), "loopback-server-accept");
    accept.setDaemon(true);
    accept.start();
  }

  private void acceptAll(Behaviour behaviour) {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        return;
      }
      Thread t =
          new Thread(
              () -> {
                try (s) {
                  InputStream in = s.getInputStream();
                  String head = readHead(in);
                  requests.incrementAndGet();
                  Exchange ex = new Exchange(head, null, s);
                  String length = ex.header("Content-Length");
                  byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
                  behaviour.answer(new Exchange(head, body, s));
                } catch (IOException e) {
                  // the client went away, as clients cut off at a limit do
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "loopback-server-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the request head ended");
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  public URI uri(String path) {
    return URI.create(uri() + path);
  }

  /** An identity whose region's endpoint is this server, with the AWS documentation's keys. */
  public Identity identity() {
    return Identity.builder()
        .accessKey("AKIDEXAMPLE")
        .secretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .region(Region.of("us-east-1").withUri(uri("/")))
        .build();
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
