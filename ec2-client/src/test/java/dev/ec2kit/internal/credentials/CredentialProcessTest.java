package dev.ec2kit.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * credential_process within bounds: a command that never ends or never stops printing is killed
 * (with what it started) at its limit, and what it printed never reaches a message.
 */
class CredentialProcessTest {
  @TempDir Path home;

  private Sources sources() {
    return new Sources(
        Map.of(),
        home,
        Transport.urlConnection(Duration.ofSeconds(1), Duration.ofSeconds(1)),
        Clock.systemUTC(),
        d -> {});
  }

  @Test
  void a_credential_process_that_never_ends_is_stopped_at_the_time_limit() {
    long start = System.nanoTime();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(
                    () -> sources().process("slow", "sleep 1000", Duration.ofSeconds(1), 64_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                    "credential_process of profile 'slow' did not finish within 1 s"
                        + " (it was stopped)"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void a_credential_process_that_prints_without_end_is_stopped_at_64000_bytes() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> sources().process("chatty", "yes"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                    "credential_process of profile 'chatty' printed more than 64000 bytes"
                        + " (it was stopped)"));
  }

  @Test
  void what_a_credential_process_started_is_killed_with_it() throws Exception {
    Path pidFile = home.resolve("child.pid");
    assertThatThrownBy(
            () ->
                sources()
                    .process(
                        "family",
                        "sh -c 'sleep 300 & echo $! > " + pidFile + "; wait'",
                        Duration.ofSeconds(1),
                        64_000))
        .hasMessageContaining("did not finish within 1 s");
    long child = Long.parseLong(Files.readString(pidFile).strip());
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void what_a_credential_process_printed_never_reaches_a_message() {
    String secret = "98765432109876543210987";
    for (String printed :
        new String[] {
          "{\"Version\": 1, \"AccessKeyId\": \"AKID\", \"SecretAccessKey\": " + secret + "}",
          "{\"Version\": \"" + secret + "\"}",
          "{\"Version\": 1, \"AccessKeyId\": \"AKID\", \"SecretAccessKey\": \"" + secret + "\"",
        }) {
      assertThatThrownBy(() -> sources().process("leaky", "printf '%s' '" + printed + "'"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("profile 'leaky'")
          .hasMessageNotContaining(secret);
    }
  }

  @Test
  void a_well_behaved_credential_process_gives_its_credentials() {
    Credentials c =
        sources()
            .process(
                "good",
                "printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"AKID\","
                    + " \"SecretAccessKey\": \"s\", \"Expiration\": \"2999-01-01T00:00:00Z\"}'");
    assertThat(c.accessKeyId()).isEqualTo("AKID");
    assertThat(c.expiration()).hasToString("2999-01-01T00:00:00Z");
  }
}
