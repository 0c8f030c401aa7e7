package dev.ec2kit.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.http.LoopbackServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instance metadata's timeout and attempts, read as botocore reads metadata_service_timeout and
 * metadata_service_num_attempts: the environment variable, then the profile's config-file setting,
 * else 1; each request tried again as botocore's IMDSFetcher does.
 */
class InstanceMetadataSettingsTest {
  @TempDir Path home;
  private LoopbackServer server;

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  private Sources sources(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.uri().toString());
    return new Sources(
        all,
        home,
        Transport.urlConnection(Duration.ofSeconds(10), Duration.ofSeconds(60)),
        Clock.systemUTC(),
        d -> {});
  }

  private Chain chain(Map<String, String> env, ProfileFiles files) {
    return new Chain(
        env,
        home,
        files,
        Transport.urlConnection(Duration.ofSeconds(10), Duration.ofSeconds(60)),
        Clock.systemUTC(),
        d -> {});
  }

  private static final String CREDENTIALS =
      "{\"AccessKeyId\": \"AKIDIMDS\", \"SecretAccessKey\": \"s\", \"Token\": \"t\","
          + " \"Expiration\": \"2099-01-01T00:00:00Z\"}";

  /** Instance metadata answering its first {@code failures} requests with {@code status}. */
  private static LoopbackServer.Behaviour failingFirst(int failures, int status) {
    AtomicInteger seen = new AtomicInteger();
    return ex -> {
      if (seen.incrementAndGet() <= failures) {
        ex.answer(status, "text/plain", "");
      } else if (ex.path().equals("/latest/api/token")) {
        ex.answer(200, "text/plain", "token-1");
      } else if (ex.path().equals("/latest/meta-data/iam/security-credentials/")) {
        ex.answer(200, "text/plain", "role-1\n");
      } else {
        ex.answer(200, "application/json", CREDENTIALS);
      }
    };
  }

  @Test
  void the_timeout_comes_from_the_profile_when_the_environment_has_none() throws Exception {
    server = new LoopbackServer(CredentialEndpointLimitsTest::trickle);
    assertThatThrownBy(
            () -> sources(Map.of()).instanceRole(Map.of("metadata_service_timeout", "0.3")))
        .hasMessageContaining(
            "no complete answer from " + server.uri("/latest/api/token") + " within 300 ms");
    // the environment first, as botocore's config chain has it
    assertThatThrownBy(
            () ->
                sources(Map.of("AWS_METADATA_SERVICE_TIMEOUT", "0.2"))
                    .instanceRole(Map.of("metadata_service_timeout", "60")))
        .hasMessageContaining("within 200 ms");
    assertThatThrownBy(
            () -> sources(Map.of()).instanceRole(Map.of("metadata_service_timeout", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "metadata_service_timeout in the profile is 'soon': give the instance metadata timeout"
                + " in seconds, above 0 and at most 3600");
  }

  @Test
  void a_failing_request_is_made_as_many_times_as_the_attempts_setting_says() throws Exception {
    server = new LoopbackServer(ex -> ex.answer(503, "text/plain", "busy"));
    String failure =
        "instance metadata at " + server.uri("/latest/api/token") + " answered HTTP 503";

    assertThatThrownBy(() -> sources(Map.of()).instanceRole(Map.of())).hasMessage(failure);
    assertThat(server.requests()).isEqualTo(1); // botocore's default: one attempt

    assertThatThrownBy(
            () -> sources(Map.of()).instanceRole(Map.of("metadata_service_num_attempts", "3")))
        .hasMessage(failure);
    assertThat(server.requests()).isEqualTo(1 + 3);

    assertThatThrownBy(
            () ->
                sources(Map.of("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"))
                    .instanceRole(Map.of("metadata_service_num_attempts", "5")))
        .hasMessage(failure);
    assertThat(server.requests()).isEqualTo(1 + 3 + 2);

    assertThatThrownBy(
            () ->
                sources(Map.of("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "many")).instanceRole(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS is 'many': give the instance metadata attempts as a"
                + " whole number from 1 to 100");
    assertThat(server.requests()).isEqualTo(1 + 3 + 2); // refused before any request
  }

  @Test
  void a_later_attempt_that_succeeds_gives_the_credentials() throws Exception {
    server = new LoopbackServer(failingFirst(2, 500));
    Credentials c =
        sources(Map.of("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3")).instanceRole(Map.of());
    assertThat(c.accessKeyId()).isEqualTo("AKIDIMDS");
    assertThat(server.requests()).isEqualTo(2 + 3); // two failed PUTs, the token, role, document
  }

  @Test
  void a_token_refused_as_botocore_takes_final_is_not_asked_again() throws Exception {
    for (int status : List.of(400, 403, 404, 405)) {
      try (LoopbackServer s = new LoopbackServer(failingFirst(1, status))) {
        server = s;
        assertThatThrownBy(
                () ->
                    sources(Map.of("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3"))
                        .instanceRole(Map.of()))
            .hasMessageEndingWith("answered HTTP " + status);
        assertThat(s.requests()).as("HTTP %d", status).isEqualTo(1);
      }
    }
    server = new LoopbackServer(ex -> ex.answer(200, "text/plain", "")); // closed by close()
  }

  @Test
  void an_empty_or_malformed_metadata_answer_is_asked_again() throws Exception {
    AtomicInteger documents = new AtomicInteger();
    server =
        new LoopbackServer(
            ex -> {
              switch (ex.path()) {
                case "/latest/api/token" -> ex.answer(200, "text/plain", "token-1");
                case "/latest/meta-data/iam/security-credentials/" ->
                    ex.answer(200, "text/plain", "role-1");
                default ->
                    ex.answer(
                        200,
                        "application/json",
                        switch (documents.incrementAndGet()) {
                          case 1 -> "";
                          case 2 -> "{not json";
                          default -> CREDENTIALS;
                        });
              }
            });
    Credentials c = sources(Map.of()).instanceRole(Map.of("metadata_service_num_attempts", "3"));
    assertThat(c.accessKeyId()).isEqualTo("AKIDIMDS");
    assertThat(documents).hasValue(3);
  }

  @Test
  void the_chain_reads_the_active_profiles_settings_from_the_config_file() throws Exception {
    server = new LoopbackServer(ex -> ex.answer(503, "text/plain", "busy"));
    Map<String, String> env = new HashMap<>();
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.uri().toString());
    ProfileFiles files =
        new ProfileFiles(
            home.resolve("config"),
            Map.of(
                "profile dev", Map.of("region", "eu-west-1", "metadata_service_num_attempts", "4")),
            home.resolve("credentials"),
            Map.of());
    Chain chain = chain(env, files);

    assertThat(chain.instanceRegion("dev")).isNull(); // no instance metadata: no region
    assertThat(server.requests()).isEqualTo(4);
    assertThatThrownBy(() -> chain.find("dev", true, "eu-west-1"))
        .hasMessageContaining("no AWS credentials found for profile 'dev'");
    assertThat(server.requests()).isEqualTo(4 + 4);
    assertThat(chain.walk())
        .anyMatch(l -> l.startsWith("instance metadata: ") && l.endsWith("answered HTTP 503"));
  }

  @Test
  void a_token_whose_answer_times_out_is_not_asked_again_as_botocore() throws Exception {
    server = new LoopbackServer(CredentialEndpointLimitsTest::trickle);
    assertThatThrownBy(
            () ->
                sources(Map.of("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3"))
                    .instanceRole(Map.of("metadata_service_timeout", "0.3")))
        .hasMessageContaining("within 300 ms");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void a_bad_metadata_setting_stops_the_chain_naming_it() throws Exception {
    server = new LoopbackServer(ex -> ex.answer(503, "text/plain", "busy"));
    Map<String, String> env = new HashMap<>();
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.uri().toString());
    env.put("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "many");
    ProfileFiles files =
        new ProfileFiles(home.resolve("config"), Map.of(), home.resolve("credentials"), Map.of());
    Chain chain = chain(env, files);
    String named = "AWS_METADATA_SERVICE_NUM_ATTEMPTS is 'many'";
    assertThatThrownBy(() -> chain.instanceRegion("default"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(named);
    assertThatThrownBy(() -> chain.find("default", false, "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(named);
    assertThat(server.requests()).isZero();
  }
}
