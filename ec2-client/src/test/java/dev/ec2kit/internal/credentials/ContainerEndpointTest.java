package dev.ec2kit.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.http.LoopbackServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the container authorization token may go, as botocore decides it: https anywhere; over http
 * only a loopback IP literal, localhost, or the ECS and EKS agents' addresses, by name and never by
 * lookup.
 */
class ContainerEndpointTest {
  @TempDir Path home;

  private Sources sources(String fullUri) {
    return new Sources(
        Map.of(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            fullUri,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "agent-token"),
        home,
        Transport.urlConnection(Duration.ofMillis(500), Duration.ofSeconds(2)),
        Clock.systemUTC(),
        d -> {});
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.attacker.example/creds",
        "http://127.0.0.1.attacker.example/creds",
        "http://localhost.attacker.example/creds",
        "http://169.254.170.2.attacker.example/creds",
        "http://10.0.0.1/creds",
        "http://[fd00:ec2::24]/creds",
        "http://attacker.example@example.org/creds",
      })
  void an_http_host_that_is_not_loopback_nor_an_agent_is_refused_before_any_request(String uri) {
    assertThatThrownBy(() -> sources(uri).container())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        .hasMessageContaining("not allowed over http")
        .hasMessageContaining("loopback address")
        .hasMessageNotContaining("agent-token");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///x",
        "ftp://127.0.0.1/creds",
        "http:///creds",
        "127.0.0.1:80",
        "http://127.0.0.256/creds"
      })
  void a_uri_that_is_not_http_with_a_host_is_refused_naming_the_variable(String uri) {
    assertThatThrownBy(() -> sources(uri).container())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        .hasMessageContaining("must be https, or http to a loopback address");
  }

  @Test
  void the_eks_pod_identity_agent_on_ipv6_is_allowed() {
    // nothing listens there on this machine: allowed means it is tried, not refused
    assertThat(Sources.containerUri("http://[fd00:ec2::23]/v1/credentials").getHost())
        .isEqualTo("[fd00:ec2::23]");
    assertThatThrownBy(() -> sources("http://[fd00:ec2::23]/v1/credentials").container())
        .hasMessageContaining("cannot be reached")
        .hasMessageNotContaining("not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void loopback_literals_and_localhost_get_the_token_and_the_credentials(String host)
      throws Exception {
    AtomicInteger authorized = new AtomicInteger();
    try (LoopbackServer agent =
        new LoopbackServer(
            ex -> {
              if ("agent-token".equals(ex.header("Authorization"))) {
                authorized.incrementAndGet();
              }
              ex.answer(
                  200,
                  "application/json",
                  "{\"AccessKeyId\":\"AKID\",\"SecretAccessKey\":\"s\",\"Token\":\"t\"}");
            })) {
      Credentials c =
          sources("http://" + host + ":" + agent.uri().getPort() + "/creds").container();
      assertThat(c.accessKeyId()).isEqualTo("AKID");
      assertThat(authorized).hasValue(1);
    }
  }

  @Test
  void https_may_go_to_any_host() {
    assertThat(Sources.containerUri("https://creds.example.org/v1").getHost())
        .isEqualTo("creds.example.org");
  }
}
