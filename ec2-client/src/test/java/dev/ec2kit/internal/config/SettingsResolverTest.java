package dev.ec2kit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Identity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {
  @TempDir Path home;

  private void write(String relative, String content) throws IOException {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private Identity resolve(Map<String, String> env, String profile, String region, URI endpoint) {
    return new SettingsResolver(env, home).resolve(profile, region, endpoint);
  }

  @Test
  void environment_variables_give_credentials_region_and_public_endpoint() {
    Identity id =
        resolve(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "AKIA1",
                "AWS_SECRET_ACCESS_KEY",
                "s1",
                "AWS_SESSION_TOKEN",
                "tok",
                "AWS_REGION",
                "eu-west-1"),
            null,
            null,
            null);
    assertThat(id.accessKey()).isEqualTo("AKIA1");
    assertThat(id.secretAccessKey()).isEqualTo("s1");
    assertThat(id.sessionToken()).contains("tok");
    assertThat(id.region().name()).isEqualTo("eu-west-1");
    assertThat(id.region().uri()).hasToString("https://ec2.eu-west-1.amazonaws.com/");
  }

  @Test
  void files_written_on_windows_read_as_the_same_lines_and_errors_name_the_line()
      throws IOException {
    write(
        ".aws/credentials",
        "# keys\r\n\r\n[default]\r\naws_access_key_id = D\r\naws_secret_access_key = DS\r\n");
    write(".aws/config", "[default]\r\ns3 =\r\n  region = x\r\nregion = eu-west-3");
    Identity d = resolve(Map.of(), null, null, null);
    assertThat(d.accessKey()).isEqualTo("D");
    assertThat(d.secretAccessKey()).isEqualTo("DS");
    assertThat(d.region().name()).isEqualTo("eu-west-3");
    write(".aws/config", "[default]\r\n\nregion = eu-west-3\r\nno delimiter here\r\n");
    assertThatThrownBy(() -> resolve(Map.of(), null, null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("config line 4 is neither [section] nor key = value");
  }

  @Test
  void aws_region_wins_over_aws_default_region_and_the_profile() throws IOException {
    write(".aws/config", "[default]\nregion = ap-south-1\n");
    Map<String, String> env =
        new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "s"));
    assertThat(resolve(env, null, null, null).region().name()).isEqualTo("ap-south-1");
    env.put("AWS_DEFAULT_REGION", "us-west-2");
    assertThat(resolve(env, null, null, null).region().name()).isEqualTo("us-west-2");
    env.put("AWS_REGION", "us-east-2");
    assertThat(resolve(env, null, null, null).region().name()).isEqualTo("us-east-2");
    assertThat(resolve(env, null, "sa-east-1", null).region().name()).isEqualTo("sa-east-1");
  }

  @Test
  void profile_from_credentials_and_config_files() throws IOException {
    write(
        ".aws/credentials",
        "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n"
            + "[work]\naws_access_key_id = W\naws_secret_access_key = WS\naws_session_token = WT\n");
    write(
        ".aws/config",
        "[default]\nregion = us-east-1\n[profile work]\nregion = eu-central-1\n"
            + "endpoint_url = http://127.0.0.1:4599\ns3 =\n  max_concurrent_requests = 20\n");
    Identity d = resolve(Map.of(), null, null, null);
    assertThat(d.accessKey()).isEqualTo("D");
    assertThat(d.region().name()).isEqualTo("us-east-1");
    Identity w = resolve(Map.of("AWS_PROFILE", "work"), null, null, null);
    assertThat(w.accessKey()).isEqualTo("W");
    assertThat(w.sessionToken()).contains("WT");
    assertThat(w.region().name()).isEqualTo("eu-central-1");
    assertThat(w.region().uri()).hasToString("http://127.0.0.1:4599/");
  }

  @Test
  void explicit_profile_wins_over_credential_variables_as_in_the_aws_cli() throws IOException {
    write(".aws/credentials", "[work]\naws_access_key_id = W\naws_secret_access_key = WS\n");
    Map<String, String> env =
        Map.of("AWS_ACCESS_KEY_ID", "E", "AWS_SECRET_ACCESS_KEY", "ES", "AWS_REGION", "us-east-1");
    assertThat(resolve(env, null, null, null).accessKey()).isEqualTo("E");
    assertThat(resolve(env, "work", null, null).accessKey()).isEqualTo("W");
  }

  @Test
  void files_named_by_variables_are_read_instead() throws IOException {
    write("elsewhere/creds", "[default]\naws_access_key_id = X\naws_secret_access_key = XS\n");
    write("elsewhere/conf", "[default]\nregion = ca-central-1\n");
    Identity id =
        resolve(
            Map.of(
                "AWS_SHARED_CREDENTIALS_FILE",
                home.resolve("elsewhere/creds").toString(),
                "AWS_CONFIG_FILE",
                home.resolve("elsewhere/conf").toString()),
            null,
            null,
            null);
    assertThat(id.accessKey()).isEqualTo("X");
    assertThat(id.region().name()).isEqualTo("ca-central-1");
  }

  @Test
  void endpoint_order_is_explicit_then_ec2_variable_then_general_variable_then_profile()
      throws IOException {
    write(".aws/config", "[default]\nendpoint_url = http://profile:1\n");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "s", "AWS_REGION", "us-east-1"));
    assertThat(resolve(env, null, null, null).region().uri()).hasToString("http://profile:1/");
    env.put("AWS_ENDPOINT_URL", "http://general:2");
    assertThat(resolve(env, null, null, null).region().uri()).hasToString("http://general:2/");
    env.put("AWS_ENDPOINT_URL_EC2", "http://ec2only:3/");
    assertThat(resolve(env, null, null, null).region().uri()).hasToString("http://ec2only:3/");
    assertThat(resolve(env, null, null, URI.create("http://explicit:4/")).region().uri())
        .hasToString("http://explicit:4/");
    env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    assertThat(resolve(env, null, null, null).region().uri())
        .hasToString("https://ec2.us-east-1.amazonaws.com/");
  }

  @Test
  void missing_credentials_name_every_place_looked() {
    assertThatThrownBy(() -> resolve(Map.of("AWS_REGION", "us-east-1"), null, null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
        .hasMessageContaining(home.resolve(".aws/credentials").toString())
        .hasMessageContaining(home.resolve(".aws/config").toString())
        .hasMessageContaining("AWS_PROFILE");
  }

  @Test
  void missing_region_is_a_clear_error() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "s"),
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Ec2.Builder.region") // the library's setting, not a CLI flag
        .hasMessageContaining("AWS_REGION")
        .hasMessageNotContaining("--region");
  }

  @Test
  void an_unknown_explicit_profile_is_an_error_not_a_fallback() {
    assertThatThrownBy(() -> resolve(Map.of("AWS_REGION", "us-east-1"), "nosuch", null, null))
        .hasMessageContaining("profile 'nosuch'");
  }

  @Test
  void half_set_credential_variables_are_an_error() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_REGION", "us-east-1"), null, null, null))
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void an_endpoint_url_without_scheme_is_refused_with_the_fix() {
    assertThatThrownBy(() -> SettingsResolver.endpointUri("127.0.0.1:4599"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://");
  }
}
