package dev.ec2kit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AWS_CA_BUNDLE: checked when the settings are read, its certificates parsed only for HTTPS. */
class NetworkTest {
  @TempDir Path dir;

  @Test
  void a_bundle_that_cannot_be_read_is_named_at_once() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> Network.from(Map.of("AWS_CA_BUNDLE", missing.toString()), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("AWS_CA_BUNDLE");
  }

  @Test
  void a_bundle_without_certificates_is_refused_when_https_first_needs_it() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    Network network = Network.from(Map.of(), empty.toString());
    assertThatThrownBy(network::ssl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(empty.toString());
    assertThat(Network.from(Map.of(), null).ssl()).isNull();
  }
}
