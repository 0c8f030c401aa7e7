package dev.ec2kit.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.http.LoopbackServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSO token cache written back after a refresh: JSON a strict parser (python3's) reads, with
 * lists, nested objects and control characters kept, replaced whole and readable by its owner only.
 */
class SsoTokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String SECRET = "client\u0001secret\n\t\"quoted\" \\ \u2028";

  @TempDir Path home;
  private final List<String> oidcBodies = new ArrayList<>();
  private LoopbackServer sso;

  @AfterEach
  void close() throws Exception {
    if (sso != null) {
      sso.close();
    }
  }

  private Path cache() throws Exception {
    Path dir = Files.createDirectories(home.resolve(".aws/sso/cache"));
    return dir.resolve(Sources.sha1("acme") + ".json");
  }

  private Credentials login(Map<String, Object> token) throws Exception {
    Files.writeString(cache(), Json.write(token));
    sso =
        new LoopbackServer(
            ex -> {
              if (ex.path().equals("/token")) {
                oidcBodies.add(new String(ex.body(), StandardCharsets.UTF_8));
                ex.answer(
                    200,
                    "application/json",
                    "{\"accessToken\":\"renewed\",\"expiresIn\":3600,\"refreshToken\":\"r2\"}");
              } else {
                ex.answer(
                    200,
                    "application/json",
                    "{\"roleCredentials\":{\"accessKeyId\":\"AKID\",\"secretAccessKey\":\"s\","
                        + "\"sessionToken\":\"t\",\"expiration\":1893456000000}}");
              }
            });
    Sources sources =
        new Sources(
            Map.of("AWS_ENDPOINT_URL_SSO_OIDC", sso.uri().toString()),
            home,
            Transport.jdk(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            d -> {});
    return sources
        .sso()
        .credentials(
            "corp",
            "https://acme.awsapps.com/start",
            "acme",
            "us-east-1",
            "123456789012",
            "Dev",
            sso.uri("/"));
  }

  private static Map<String, Object> expiredToken(String registrationExpiresAt) {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("startUrl", "https://acme.awsapps.com/start");
    token.put("region", "us-east-1");
    token.put("accessToken", "old");
    token.put("expiresAt", "2026-06-01T11:00:00Z");
    token.put("refreshToken", "r1");
    token.put("clientId", "client-id");
    token.put("clientSecret", SECRET);
    token.put("registrationExpiresAt", registrationExpiresAt);
    token.put("scopes", List.of("sso:account:access", "codewhisperer:completions"));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", java.util.Arrays.asList(1L, true, null, 2.5, "x"));
    nested.put("empty", Map.of());
    token.put("extra", Map.of("nested", nested));
    return token;
  }

  @Test
  void a_refreshed_token_cache_is_strict_json_keeping_every_value() throws Exception {
    Credentials c = login(expiredToken("2026-12-01T00:00:00Z"));
    assertThat(c.accessKeyId()).isEqualTo("AKID");

    Process python =
        new ProcessBuilder(
                "python3",
                "-c",
                "import json,sys; json.load(open(sys.argv[1]))",
                cache().toString())
            .redirectErrorStream(true)
            .start();
    String pythonSaid = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(pythonSaid).isZero();

    Map<String, Object> written = Json.object(Files.readString(cache()));
    Map<String, Object> expected = expiredToken("2026-12-01T00:00:00Z");
    expected.put("accessToken", "renewed");
    expected.put("expiresAt", NOW.plusSeconds(3600).toString());
    expected.put("refreshToken", "r2");
    assertThat(written).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(cache()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(cache().getParent())) {
      assertThat(files).containsExactly(cache()); // no temporary file left beside it
    }
    // the OIDC request carried the secret intact, as JSON
    assertThat(Json.object(oidcBodies.get(0)))
        .containsEntry("clientSecret", SECRET)
        .containsEntry("grantType", "refresh_token");
  }

  @Test
  void a_registration_time_without_a_zone_says_to_log_in_again() throws Exception {
    assertThatThrownBy(() -> login(expiredToken("2026-12-01T00:00:00")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("registrationExpiresAt '2026-12-01T00:00:00'")
        .hasMessageContaining("with a zone")
        .hasMessageContaining("aws sso login --profile corp");
  }

  @Test
  void json_written_escapes_control_characters_and_reads_back() {
    String text = Json.write(Map.of("k", "a\u0000b\u001fc\u007f\"\\"));
    assertThat(text).isEqualTo("{\"k\":\"a\\u0000b\\u001fc\\u007f\\\"\\\\\"}");
    assertThat(Json.object(text)).containsEntry("k", "a\u0000b\u001fc\u007f\"\\");
  }
}
