package dev.ec2kit.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Transport;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error parsing and retries, against a scripted HTTP server over real sockets. */
class QueryClientTest {
  private record Scripted(int status, String body) {}

  private static final String OK =
      "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>ok-1</requestId>"
          + "<regionInfo/></DescribeRegionsResponse>";

  private HttpServer server;
  private final Deque<Scripted> script = new ArrayDeque<>();
  private final List<String> received = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Scripted s = script.isEmpty() ? new Scripted(200, OK) : script.poll();
          byte[] b = s.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(s.status(), b.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Identity identity(URI endpoint) {
    return Identity.builder()
        .accessKey("AKIA")
        .secretAccessKey("s")
        .region(Region.of("us-east-1").withUri(endpoint))
        .build();
  }

  private Identity identity() {
    return identity(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
  }

  /** Always the largest wait full jitter allows, so the ceilings show. */
  private QueryClient client(Transport transport) {
    RandomGenerator largest =
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return Long.MAX_VALUE;
          }

          @Override
          public long nextLong(long bound) {
            return bound - 1;
          }
        };
    return new QueryClient(
        transport, Clock.systemUTC(), sleeps::add, RetryPolicy.standard(), largest);
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error></Errors><RequestID>req-42</RequestID></Response>";
  }

  @Test
  void sends_a_form_post_with_action_version_and_flattened_lists() {
    client(Transport.jdk())
        .call(
            identity(),
            "DescribeRegions",
            new Params().list("RegionName", List.of("us-east-1", "eu-west-1")),
            Repeat.SAFE);
    assertThat(received)
        .containsExactly(
            "Action=DescribeRegions&Version=2016-11-15&RegionName.1=us-east-1&RegionName.2=eu-west-1");
  }

  @Test
  void an_error_document_becomes_one_exception_with_code_message_request_id_and_status() {
    script.add(new Scripted(400, error("InvalidParameterValue", "Invalid region names: x")));
    assertThatThrownBy(
            () ->
                client(Transport.jdk())
                    .call(identity(), "DescribeRegions", new Params(), Repeat.SAFE))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.errorMessage()).isEqualTo("Invalid region names: x");
              assertThat(e.requestId()).isEqualTo("req-42");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo("InvalidParameterValue: Invalid region names: x (req-42)");
            });
    assertThat(received).hasSize(1);
  }

  @Test
  void a_body_that_is_not_xml_still_gives_an_ec2_exception() {
    script.add(new Scripted(502, "<html><body>Bad Gateway from proxy</body></html"));
    assertThatThrownBy(
            () -> client(Transport.jdk()).call(identity(), "X", new Params(), Repeat.ONCE))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("Http502");
              assertThat(e.statusCode()).isEqualTo(502);
              assertThat(e.errorMessage()).contains("Bad Gateway from proxy");
            });
  }

  @Test
  void the_request_id_header_is_found_however_it_is_spelled() {
    Transport capitalised =
        r ->
            new Transport.Response(
                502,
                java.util.Map.of("X-Amzn-RequestId", List.of("hdr-7")),
                "Bad Gateway".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> client(capitalised).call(identity(), "X", new Params(), Repeat.ONCE))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.requestId()).isEqualTo("hdr-7"));
  }

  @Test
  void throttling_is_retried_even_for_calls_not_safe_to_repeat_with_growing_jittered_waits() {
    script.add(new Scripted(503, error("RequestLimitExceeded", "Request limit exceeded.")));
    script.add(new Scripted(503, "Service Unavailable"));
    client(Transport.urlConnection(Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .call(identity(), "RunInstances", new Params(), Repeat.ONCE);
    assertThat(received).hasSize(3);
    // after throttling the base delay is the SDKs' 500 ms, doubling
    assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void server_faults_are_retried_only_when_the_call_is_safe_to_repeat() {
    script.add(new Scripted(500, error("InternalError", "An internal error has occurred")));
    assertThatThrownBy(
            () ->
                client(Transport.jdk()).call(identity(), "RunInstances", new Params(), Repeat.ONCE))
        .isInstanceOf(Ec2Exception.class)
        .hasMessageStartingWith("InternalError");
    assertThat(received).hasSize(1);

    script.add(new Scripted(500, error("InternalError", "An internal error has occurred")));
    client(Transport.jdk()).call(identity(), "DescribeRegions", new Params(), Repeat.SAFE);
    assertThat(received).hasSize(3);
  }

  @Test
  void attempts_are_bounded() {
    for (int i = 0; i < 10; i++) {
      script.add(new Scripted(503, error("RequestLimitExceeded", "slow down")));
    }
    assertThatThrownBy(
            () ->
                client(Transport.jdk())
                    .call(identity(), "DescribeRegions", new Params(), Repeat.SAFE))
        .isInstanceOf(Ec2Exception.class)
        .hasMessageContaining("RequestLimitExceeded");
    assertThat(received).hasSize(RetryPolicy.standard().maxAttempts()).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void both_transports_read_the_error_document_of_a_401() {
    for (Transport t :
        List.of(
            Transport.jdk(),
            Transport.urlConnection(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
      script.add(
          new Scripted(
              401,
              error(
                  "AuthFailure", "AWS was not able to validate the provided access credentials")));
      assertThatThrownBy(
              () -> client(t).call(identity(), "DescribeRegions", new Params(), Repeat.SAFE))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo("AuthFailure");
                assertThat(e.requestId()).isEqualTo("req-42");
              });
    }
  }

  @Test
  void client_errors_are_not_retried() {
    script.add(
        new Scripted(
            401,
            error("AuthFailure", "AWS was not able to validate the provided access credentials")));
    assertThatThrownBy(
            () ->
                client(Transport.jdk())
                    .call(identity(), "DescribeRegions", new Params(), Repeat.SAFE))
        .isInstanceOf(Ec2Exception.class);
    assertThat(received).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void a_refused_connection_is_retried_then_reported_with_the_endpoint() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort + "/");
    for (Transport t :
        List.of(
            Transport.jdk(),
            Transport.urlConnection(Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
      sleeps.clear();
      assertThatThrownBy(
              () -> client(t).call(identity(endpoint), "RunInstances", new Params(), Repeat.ONCE))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + closedPort);
      assertThat(sleeps).hasSize(RetryPolicy.standard().maxAttempts() - 1);
    }
  }

  @Test
  void a_success_status_with_a_body_that_is_not_xml_is_an_io_error() {
    script.add(new Scripted(200, "not xml at all"));
    assertThatThrownBy(
            () ->
                client(Transport.jdk())
                    .call(identity(), "DescribeRegions", new Params(), Repeat.ONCE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not XML");
  }
}
