package dev.ec2kit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Ec2;
import dev.ec2kit.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both transports against servers that never finish: the request's timeout bounds the whole
 * exchange (not each read), and an answer larger than the request's limit is cut off, so neither a
 * trickle nor an endless body can hold a caller or fill the heap.
 */
class TransportLimitsTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private LoopbackServer server(LoopbackServer.Behaviour behaviour) throws IOException {
    LoopbackServer s = new LoopbackServer(behaviour);
    open.add(s);
    return s;
  }

  private static Transport transport(String kind) {
    return switch (kind) {
      case "jdk" -> Transport.jdk();
      case "urlConnection" ->
          Transport.urlConnection(Duration.ofSeconds(10), Duration.ofSeconds(60));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Sends one byte every half second, for a minute: each read is quick, the whole is not. */
  private static void trickle(OutputStream out, String prefix) throws IOException {
    out.write(prefix.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    for (int i = 0; i < 120; i++) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
      out.write('a');
      out.flush();
    }
  }

  private static final String TRICKLED_BODY =
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n";
  private static final String TRICKLED_HEADER = "HTTP/1.1 200 OK\r\nX-Slow: ";

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void a_server_trickling_a_byte_every_half_second_is_cut_at_the_deadline(String kind)
      throws Exception {
    for (String prefix : List.of(TRICKLED_BODY, TRICKLED_HEADER)) {
      LoopbackServer server = server(ex -> trickle(ex.out(), prefix));
      Transport t = transport(kind);
      URI uri = server.uri("/");
      long start = System.nanoTime();
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(
                      () ->
                          t.send(
                              new Transport.Request(
                                  "GET", uri, Map.of(), null, Duration.ofMillis(1000))))
                  .isInstanceOf(SocketTimeoutException.class)
                  .isNotInstanceOf(Transport.NotSentException.class)
                  .hasMessage("no complete answer from " + uri + " within 1000 ms"));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as(kind + " with " + prefix.strip())
          .isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void describe_regions_from_a_trickling_server_ends_at_the_call_deadline(String kind)
      throws Exception {
    LoopbackServer server =
        server(
            ex ->
                trickle(
                    ex.out(),
                    TRICKLED_BODY + "<DescribeRegionsResponse><requestId>r</requestId><!--"));
    Ec2 ec2 =
        Ec2.builder()
            .identity(server.identity())
            .transport(transport(kind))
            .callTimeout(Duration.ofSeconds(1))
            .build();
    long start = System.nanoTime();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(ec2.regions()::describe)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("DescribeRegions")
                .hasMessageContaining("deadline of 1.0 s"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  /** Chunks of 64 KiB, for as long as the client reads. */
  private static void endlessChunks(LoopbackServer.Exchange ex) throws IOException {
    OutputStream out = ex.out();
    out.write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    byte[] chunk = new byte[65536];
    java.util.Arrays.fill(chunk, (byte) 'x');
    byte[] size = "10000\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
    while (true) {
      out.write(size);
      out.write(chunk);
      out.write(end);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void an_endless_chunked_body_is_cut_at_the_default_limit_of_64_mib(String kind) throws Exception {
    LoopbackServer server = server(TransportLimitsTest::endlessChunks);
    Transport t = transport(kind);
    URI uri = server.uri("/");
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(
                    () ->
                        t.send(
                            new Transport.Request(
                                "GET", uri, Map.of(), null, Duration.ofSeconds(15))))
                .isInstanceOf(IOException.class)
                .hasMessage("answer from " + uri + " exceeds 67108864 bytes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void a_smaller_limit_on_the_request_cuts_endless_and_declared_large_answers(String kind)
      throws Exception {
    LoopbackServer endless = server(TransportLimitsTest::endlessChunks);
    LoopbackServer declared =
        server(
            ex -> {
              ex.out()
                  .write(
                      "HTTP/1.1 500 X\r\nContent-Length: 10737418240\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
              trickle(ex.out(), "");
            });
    Transport t = transport(kind);
    for (LoopbackServer server : List.of(endless, declared)) {
      URI uri = server.uri("/");
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  t.send(
                      new Transport.Request("GET", uri, Map.of(), null, Duration.ofSeconds(15))
                          .withMaxBodyBytes(1 << 20)))
          .isInstanceOf(IOException.class)
          .hasMessage("answer from " + uri + " exceeds 1048576 bytes");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void an_answer_over_the_limit_is_not_asked_for_again(String kind) throws Exception {
    LoopbackServer server =
        server(
            ex -> {
              ex.out()
                  .write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
              trickle(ex.out(), "");
            });
    Transport base = transport(kind);
    Transport small = r -> base.send(r.withMaxBodyBytes(1 << 20));
    Ec2 ec2 =
        Ec2.builder()
            .identity(server.identity())
            .transport(small)
            .retryPolicy(dev.ec2kit.RetryPolicy.standard())
            .build();
    assertThatThrownBy(ec2.regions()::describe)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("exceeds 1048576 bytes");
    assertThat(server.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void a_whole_answer_within_the_limits_arrives_as_before(String kind) throws Exception {
    LoopbackServer server = server(ex -> ex.answer(200, "text/plain", "x".repeat(1 << 20)));
    Transport.Response r =
        transport(kind)
            .send(
                new Transport.Request("GET", server.uri("/"), Map.of(), null, Duration.ofSeconds(5))
                    .withMaxBodyBytes(1 << 20));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).hasSize(1 << 20);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void a_refused_connection_is_not_sent(String kind) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + port + "/");
    assertThatThrownBy(
            () ->
                transport(kind)
                    .send(
                        new Transport.Request(
                            "POST", uri, Map.of(), new byte[] {1}, Duration.ofSeconds(2))))
        .isInstanceOf(Transport.NotSentException.class)
        .hasMessageContaining(uri.toString());
  }

  @Test
  void the_deadline_watchdog_thread_ends_once_no_call_is_waiting() throws Exception {
    LoopbackServer server = server(ex -> ex.answer(200, "text/plain", "ok"));
    Transport t = transport("urlConnection");
    t.send(new Transport.Request("GET", server.uri("/"), Map.of(), null, Duration.ofSeconds(5)));
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (watchdogs() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(watchdogs()).as(threadDump()).isZero();
  }

  private static String threadDump() {
    StringBuilder sb = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (th, stack) -> {
              if (th.getName().startsWith("ec2kit-deadline")) {
                sb.append(th).append('\n');
                for (StackTraceElement e : stack) {
                  sb.append("  at ").append(e).append('\n');
                }
              }
            });
    return sb.toString();
  }

  private static long watchdogs() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(th -> th.getName().startsWith("ec2kit-deadline"))
        .count();
  }
}
