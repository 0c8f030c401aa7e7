package dev.ec2kit.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Transport;
import dev.ec2kit.internal.http.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credential endpoints that never finish: instance metadata keeps its documented one second for the
 * whole answer, and no credentials endpoint may send more than a mebibyte.
 */
class CredentialEndpointLimitsTest {
  private LoopbackServer server;

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  private static Transport transport(String kind) {
    return kind.equals("jdk")
        ? Transport.jdk()
        : Transport.urlConnection(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  private Sources sources(String kind, Path home) {
    return sources(kind, home, Map.of());
  }

  private Sources sources(String kind, Path home, Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.uri().toString());
    return new Sources(env, home, transport(kind), Clock.systemUTC(), d -> {});
  }

  /**
   * Headers at once, then the body one byte every half second (InstanceMetadataSettingsTest's too).
   */
  static void trickle(LoopbackServer.Exchange ex) throws IOException, InterruptedException {
    OutputStream out = ex.out();
    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 100; i++) {
      out.flush();
      Thread.sleep(500);
      out.write('t');
    }
  }

  private static void endless(LoopbackServer.Exchange ex) throws IOException {
    OutputStream out = ex.out();
    out.write(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    while (true) {
      out.write(chunk);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void instance_metadata_trickling_its_token_is_given_up_after_its_one_second(
      String kind, @org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    server = new LoopbackServer(CredentialEndpointLimitsTest::trickle);
    Sources sources = sources(kind, home);
    long start = System.nanoTime();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> sources.instanceRole(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("instance metadata")
                .hasMessageContaining(
                    "no complete answer from "
                        + server.uri("/latest/api/token")
                        + " within 1000 ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void an_endless_instance_metadata_answer_is_cut_at_one_mebibyte(
      String kind, @org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    server = new LoopbackServer(CredentialEndpointLimitsTest::endless);
    // a deadline no busy machine reaches first: what stops the answer is its size
    Sources sources = sources(kind, home, Map.of("AWS_METADATA_SERVICE_TIMEOUT", "60"));
    assertThatThrownBy(() -> sources.instanceRole(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "answer from " + server.uri("/latest/api/token") + " exceeds 1048576 bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void instance_metadata_takes_its_timeout_from_the_environment_as_botocore_does(
      String kind, @org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    server = new LoopbackServer(CredentialEndpointLimitsTest::trickle);
    Sources sources = sources(kind, home, Map.of("AWS_METADATA_SERVICE_TIMEOUT", "0.3"));
    assertThatThrownBy(() -> sources.instanceRole(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "no complete answer from " + server.uri("/latest/api/token") + " within 300 ms");
    Sources bad = sources(kind, home, Map.of("AWS_METADATA_SERVICE_TIMEOUT", "soon"));
    assertThatThrownBy(() -> bad.instanceRole(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_METADATA_SERVICE_TIMEOUT is 'soon'")
        .hasMessageContaining("seconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlConnection"})
  void an_endless_sts_answer_is_cut_at_one_mebibyte(
      String kind, @org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    server = new LoopbackServer(CredentialEndpointLimitsTest::endless);
    Path token = Files.writeString(home.resolve("token"), "web-identity-token");
    Sources sources = sources(kind, home);
    assertThatThrownBy(
            () ->
                sources
                    .sts()
                    .assumeRoleWithWebIdentity(
                        new Sources.StsEndpoint(server.uri("/"), "us-east-1"),
                        "arn:aws:iam::123456789012:role/r",
                        "s",
                        token,
                        "test"))
        .hasMessageContaining("AssumeRoleWithWebIdentity")
        .hasMessageContaining("exceeds 1048576 bytes");
  }
}
