package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ec2 command in process, against the emulator over real HTTP. */
@ExtendWith(Ec2LocalExtension.class)
class CliTest {
  private CliRunner cli;
  private Map<String, String> env;

  @BeforeEach
  void settings(Ec2Local local) {
    cli = new CliRunner(local, "us-east-1");
    env = cli.env;
  }

  private CliRunner.Run ec2(String... args) {
    return cli.run(args);
  }

  @Test
  void describe_regions_prints_a_table_for_people() {
    CliRunner.Run r = ec2("describe-regions");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst())
        .hasValueSatisfying(
            h -> assertThat(h).startsWith("RegionName").contains("Endpoint", "OptInStatus"));
    assertThat(r.out())
        .containsPattern("eu-west-1 +ec2.eu-west-1.amazonaws.com +opt-in-not-required");
  }

  @Test
  void describe_regions_by_name_as_json_like_the_aws_cli() {
    CliRunner.Run r = ec2("describe-regions", "eu-west-1", "--output", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualToIgnoringWhitespace(
            "{\"Regions\": [{\"OptInStatus\": \"opt-in-not-required\", \"RegionName\": \"eu-west-1\","
                + " \"Endpoint\": \"ec2.eu-west-1.amazonaws.com\"}]}");
  }

  @Test
  void global_options_go_before_or_after_the_command() {
    CliRunner.Run after =
        ec2("describe-availability-zones", "--region", "eu-west-1", "--output", "text");
    CliRunner.Run before =
        ec2("--region", "eu-west-1", "--output", "text", "describe-availability-zones");
    assertThat(after.out()) // the AWS CLI's text: a zone's scalars in key order
        .startsWith("AVAILABILITYZONES\teu-west-1\teu-west-1\topt-in-not-required\teu-west-1\t");
    assertThat(before.out()).isEqualTo(after.out());
  }

  @Test
  void zone_names_narrow_the_list() {
    CliRunner.Run r =
        ec2(
            "describe-availability-zones",
            "--zone-names",
            "us-east-1b",
            "us-east-1c",
            "--query",
            "AvailabilityZones[].ZoneName",
            "--output",
            "text");
    assertThat(r.out()).isEqualTo("us-east-1b\tus-east-1c\n");
  }

  @Test
  void an_ec2_error_is_one_line_with_code_message_and_request_id_and_exit_1() {
    env.put("AWS_SECRET_ACCESS_KEY", "wrong");
    CliRunner.Run r = ec2("describe-regions");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .matches(
            "AuthFailure: AWS was not able to validate the provided access credentials \\([0-9a-f-]{36}\\)\\R");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void an_unreachable_endpoint_is_an_io_error_naming_it_with_exit_1() {
    CliRunner.Run r = ec2("describe-regions", "--endpoint-url", "http://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("ec2: ").contains("127.0.0.1:1");
  }

  @Test
  void usage_errors_exit_2() {
    assertThat(ec2("describe-regions", "--bogus").exit()).isEqualTo(2);
    assertThat(ec2("describe-regions", "--output", "yaml").exit()).isEqualTo(2);
    assertThat(ec2().exit()).isEqualTo(2);
    CliRunner.Run badUrl = ec2("describe-regions", "--endpoint-url", "localhost:4599");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err()).contains("http://");
  }

  @Test
  void missing_credentials_say_where_to_put_them_and_exit_2() {
    env.remove("AWS_ACCESS_KEY_ID");
    env.remove("AWS_SECRET_ACCESS_KEY");
    CliRunner.Run r = ec2("describe-regions");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("AWS_ACCESS_KEY_ID", "/nonexistent/credentials");
  }

  @Test
  void a_missing_region_names_the_flag_on_the_command_line() {
    env.remove("AWS_REGION");
    env.put("AWS_EC2_METADATA_DISABLED", "true"); // not on an instance: no region to ask it for
    CliRunner.Run r = ec2("describe-regions");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--region", "AWS_REGION").doesNotContain("Ec2.Builder");
  }

  @Test
  void debug_shows_the_exchange_without_secrets() {
    env.put("AWS_SESSION_TOKEN", "the-session-token");
    CliRunner.Run r = ec2("describe-regions", "sa-east-1", "--debug");
    assertThat(r.err())
        .contains(
            "Action=DescribeRegions", "RegionName.1=sa-east-1", "HTTP 200", "Credential=test/")
        .doesNotContain("the-session-token")
        .doesNotContainPattern("Signature=[0-9a-f]{64}");
    assertThat(r.err()).contains("# credentials: environment: AWS_ACCESS_KEY_ID is set");
    assertThat(r.err()).doesNotContain("AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void find_region_by_name_uses_the_built_in_list() {
    CliRunner.Run r = ec2("find-region-by-name", "us-west", "--output", "text");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "us-west-1\tec2.us-west-1.amazonaws.com\thttps://ec2.us-west-1.amazonaws.com/\n");
  }

  @Test
  void find_region_by_name_takes_query_and_a_later_command_forgets_it() {
    assertThat(ec2("find-region-by-name", "eu-west", "--query", "Regions[0].RegionName").out())
        .isEqualTo("eu-west-1\n");
    assertThat(ec2("find-region-by-name", "eu-west", "--output", "table").out())
        .contains("RegionName", "eu-west-1");
  }

  @Test
  void find_region_by_name_errors_or_prints_nothing_when_nothing_matches() {
    CliRunner.Run error = ec2("find-region-by-name", "mars");
    assertThat(error.exit()).isEqualTo(2);
    assertThat(error.err()).contains("mars", "us-east-1");
    CliRunner.Run nil =
        ec2("find-region-by-name", "mars", "--if-does-not-exist", "nil", "--output", "text");
    assertThat(nil.exit()).isZero();
    assertThat(nil.out()).isEmpty();
  }

  @Test
  void the_output_format_comes_from_aws_default_output_or_the_profile(Ec2Local local)
      throws Exception {
    env.put("AWS_DEFAULT_OUTPUT", "json");
    assertThat(ec2("describe-regions", "eu-west-1").out()).startsWith("{");
    env.remove("AWS_DEFAULT_OUTPUT");
    java.nio.file.Path config = java.nio.file.Files.createTempFile("config", "");
    java.nio.file.Files.writeString(config, "[default]\noutput = text\n");
    env.put("AWS_CONFIG_FILE", config.toString());
    assertThat(ec2("describe-regions", "eu-west-1").out())
        .isEqualTo("REGIONS\tec2.eu-west-1.amazonaws.com\topt-in-not-required\teu-west-1\n");
    assertThat(ec2("describe-regions", "eu-west-1", "--output", "table").out())
        .startsWith("RegionName");
    java.nio.file.Files.writeString(config, "[default]\noutput = yaml-stream\n");
    CliRunner.Run bad = ec2("describe-regions");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("output in the profile is 'yaml-stream'");
  }
}
