package dev.ec2kit.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Transport;
import dev.ec2kit.UnknownOutcomeException;
import dev.ec2kit.internal.xml.XmlNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport contract and the retry rules against misbehaving endpoints written on raw sockets:
 * a request that is not safe to repeat reaches the server once, a silent server is given up on
 * within the call's deadline, and malformed answers are clear I/O errors.
 */
class TransportContractTest {
  /** A server that reads each request whole and then does what it is told with the socket. */
  private static final class RawServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final Thread thread;

    RawServer(BiConsumer<Socket, String> then) throws IOException {
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket s = socket.accept();
                    new Thread(
                            () -> {
                              try {
                                String body = readRequest(s.getInputStream());
                                requests.incrementAndGet();
                                bodies.add(body);
                                then.accept(s, body);
                              } catch (IOException e) {
                                // the client went away
                              }
                            })
                        .start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void answer(Socket s, int status, String body) {
    try (s) {
      byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " X\r\nContent-Type: text/xml\r\nContent-Length: "
                  + b.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(b);
    } catch (IOException e) {
      // gone
    }
  }

  private static void hangUp(Socket s, String body) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private RawServer server(BiConsumer<Socket, String> then) throws IOException {
    RawServer s = new RawServer(then);
    open.add(s);
    return s;
  }

  private static Identity identity(URI endpoint) {
    return Identity.builder()
        .accessKey("AKIDEXAMPLE")
        .secretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .region(Region.of("us-east-1").withUri(endpoint))
        .build();
  }

  private static List<Transport> transports() {
    return List.of(
        Transport.jdk(), Transport.urlConnection(Duration.ofSeconds(5), Duration.ofSeconds(5)));
  }

  private static Ec2 client(URI endpoint, Transport t) {
    return Ec2.builder()
        .identity(identity(endpoint))
        .transport(t)
        .retryPolicy(RetryPolicy.standard())
        .sleeper(d -> {})
        .build();
  }

  @Test
  void a_call_not_safe_to_repeat_reaches_the_server_once_when_the_answer_is_lost()
      throws Exception {
    RawServer server = server(TransportContractTest::hangUp);
    for (Transport t : transports()) {
      server.requests.set(0);
      Ec2 ec2 = client(server.uri(), t);
      assertThatThrownBy(ec2.addresses()::allocate)
          .isInstanceOfSatisfying(
              UnknownOutcomeException.class,
              e -> {
                assertThat(e.action()).isEqualTo("AllocateAddress");
                assertThat(e.getMessage())
                    .contains(
                        "AllocateAddress may have taken effect",
                        server.uri().toString(),
                        "It was not sent again",
                        "check with DescribeAddresses");
              });
      assertThatThrownBy(() -> ec2.securityGroups().create("g1", "desc"))
          .isInstanceOf(UnknownOutcomeException.class)
          .hasMessageContaining("DescribeSecurityGroups");
      assertThat(server.requests.get()).as(t.getClass().getSimpleName()).isEqualTo(2);
    }
  }

  @Test
  void a_call_safe_to_repeat_is_sent_again_after_a_lost_answer() throws Exception {
    AtomicInteger n = new AtomicInteger();
    RawServer server =
        server(
            (s, body) -> {
              if (n.incrementAndGet() == 1) {
                hangUp(s, body);
              } else {
                answer(
                    s,
                    200,
                    "<DescribeRegionsResponse><requestId>r</requestId><regionInfo/></DescribeRegionsResponse>");
              }
            });
    assertThat(client(server.uri(), Transport.jdk()).regions().describe()).isEmpty();
    assertThat(server.requests.get()).isEqualTo(2);
  }

  @Test
  void a_server_that_never_answers_is_given_up_on_within_the_call_deadline() throws Exception {
    RawServer server = server((s, body) -> {}); // reads the request, says nothing, keeps the socket
    for (Transport t : transports()) {
      Ec2 ec2 =
          Ec2.builder()
              .identity(identity(server.uri()))
              .transport(t)
              .callTimeout(Duration.ofSeconds(1))
              .build();
      long start = System.nanoTime();
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(ec2.regions()::describe)
                  .isInstanceOf(UncheckedIOException.class)
                  .hasMessageContaining("DescribeRegions")
                  .hasMessageContaining(server.uri().toString())
                  .hasMessageContaining("deadline of 1.0 s"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void a_success_without_the_id_it_must_carry_is_an_io_error_naming_call_and_endpoint()
      throws Exception {
    RawServer server =
        server(
            (s, body) ->
                answer(
                    s,
                    200,
                    "<CreateSecurityGroupResponse><requestId>r</requestId><return>true</return></CreateSecurityGroupResponse>"));
    assertThatThrownBy(
            () -> client(server.uri(), Transport.jdk()).securityGroups().create("g", "d"))
        .isInstanceOf(XmlNode.MalformedAnswerException.class)
        .hasMessageContaining("CreateSecurityGroup at " + server.uri())
        .hasMessageContaining("no groupId");
  }

  @Test
  void an_answer_that_is_not_utf8_prints_nothing_on_stderr_and_says_so_once() throws Exception {
    RawServer server =
        server(
            (s, body) ->
                answer(
                    s,
                    200,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeRegionsResponse>\u00ff\u00fe</DescribeRegionsResponse>"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> client(server.uri(), Transport.jdk()).regions().describe())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("not UTF-8");
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("[Fatal Error]");
  }

  @Test
  void terminal_escapes_in_an_error_body_are_escaped() throws Exception {
    RawServer server =
        server((s, body) -> answer(s, 400, "oops \u001b[2J\u001b]0;pwned\u0007 gateway"));
    assertThatThrownBy(() -> client(server.uri(), Transport.jdk()).regions().describe())
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.getMessage())
                  .doesNotContain("\u001b")
                  .doesNotContain("\u0007")
                  .contains("\\x1b[2J");
            });
  }

  @Test
  void the_retry_quota_stops_retries_when_failures_pile_up() throws Exception {
    RawServer server =
        server(
            (s, body) ->
                answer(
                    s,
                    500,
                    "<Response><Errors><Error><Code>InternalError</Code>"
                        + "<Message>down</Message></Error></Errors></Response>"));
    List<Duration> sleeps = new ArrayList<>();
    QueryClient q =
        new QueryClient(
            Transport.jdk(),
            Clock.systemUTC(),
            sleeps::add,
            RetryPolicy.standard().withMaxAttempts(1000),
            new java.util.SplittableRandom(1));
    assertThatThrownBy(
            () -> q.call(identity(server.uri()), "DescribeRegions", new Params(), Repeat.SAFE))
        .isInstanceOf(Ec2Exception.class);
    // a bucket of 500 pays 100 retries of 5 each, then no more
    assertThat(server.requests.get()).isEqualTo(101);
  }

  @Test
  void adaptive_mode_paces_calls_after_throttling() throws Exception {
    AtomicInteger n = new AtomicInteger();
    RawServer server =
        server(
            (s, body) -> {
              if (n.incrementAndGet() <= 2) {
                answer(
                    s,
                    503,
                    "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow</Message></Error>"
                        + "</Errors></Response>");
              } else {
                answer(
                    s,
                    200,
                    "<DescribeRegionsResponse><requestId>r</requestId><regionInfo/></DescribeRegionsResponse>");
              }
            });
    List<Duration> sleeps = new ArrayList<>();
    QueryClient q =
        new QueryClient(
            Transport.jdk(),
            Clock.systemUTC(),
            sleeps::add,
            RetryPolicy.adaptive(),
            new java.util.SplittableRandom(1));
    q.call(identity(server.uri()), "DescribeRegions", new Params(), Repeat.SAFE);
    q.call(identity(server.uri()), "DescribeRegions", new Params(), Repeat.SAFE);
    // two backoffs for the throttled attempts, and pacing waits from the limiter on top
    assertThat(sleeps.size()).isGreaterThan(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS_MAX_ATTEMPTS=1", "AWS_RETRY_MODE=legacy", "AWS_MAX_ATTEMPTS=7"})
  void retry_settings_come_from_the_environment_as_the_sdks_read_them(String setting)
      throws Exception {
    RawServer server =
        server(
            (s, body) ->
                answer(
                    s,
                    503,
                    "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow</Message></Error></Errors></Response>"));
    String[] kv = setting.split("=");
    Ec2 ec2 =
        Ec2.builder()
            .identity(identity(server.uri()))
            .environment(Map.of(kv[0], kv[1]))
            .home(Path.of("/nonexistent"))
            .sleeper(d -> {})
            .build();
    assertThatThrownBy(ec2.regions()::describe).isInstanceOf(Ec2Exception.class);
    int expected =
        switch (setting) {
          case "AWS_MAX_ATTEMPTS=1" -> 1;
          case "AWS_RETRY_MODE=legacy" -> 5;
          default -> 7;
        };
    assertThat(server.requests.get()).isEqualTo(expected);
  }

  @Test
  void bad_retry_settings_name_where_they_came_from(@TempDir Path home) throws Exception {
    assertThatThrownBy(
            () ->
                Ec2.builder()
                    .identity(identity(URI.create("http://127.0.0.1:1/")))
                    .environment(Map.of("AWS_RETRY_MODE", "fast"))
                    .home(home)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_RETRY_MODE")
        .hasMessageContaining("standard, adaptive or legacy");
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/config"), "[default]\nmax_attempts = lots\n");
    assertThatThrownBy(
            () ->
                Ec2.builder()
                    .identity(identity(URI.create("http://127.0.0.1:1/")))
                    .environment(Map.of())
                    .home(home)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("max_attempts in " + home.resolve(".aws/config"));
  }
}
