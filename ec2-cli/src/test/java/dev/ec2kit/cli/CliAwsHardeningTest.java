package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ec2 OPERATION} on hostile or secret input: {@code --debug} never shows a value the model
 * marks sensitive, errors never echo one, and bad input is one clear error line, never a stack
 * trace.
 */
@ExtendWith(Ec2LocalExtension.class)
class CliAwsHardeningTest {

  @Test
  void file_paths_under_tilde_are_read_under_the_commands_home(Ec2Local local) throws Exception {
    java.nio.file.Path home = java.nio.file.Files.createTempDirectory("home");
    java.nio.file.Files.writeString(
        home.resolve("filters.json"), "[{\"Name\": \"cidr\", \"Values\": [\"10.99.0.0/16\"]}]");
    CliRunner cli = new CliRunner(local, "us-east-1");
    cli.env.put("HOME", home.toString());
    CliRunner.Run r =
        cli.run(
            "describe-vpcs",
            "--filters",
            "file://~/filters.json",
            "--query",
            "Vpcs",
            "--output",
            "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("[]");
  }

  @Test
  void debug_never_shows_user_data_or_a_sensitive_member_whatever_its_name(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String instance = "i-0123456789abcdef0";
    java.util.function.Function<String, String> b64 =
        t -> java.util.Base64.getEncoder().encodeToString(t.getBytes());
    // UserData.Value: the secret is under UserData, its last segment (Value) says nothing
    CliRunner.Run r =
        cli.run(
            "modify-instance-attribute",
            "--instance-id",
            instance,
            "--user-data",
            "Value=S3CRETUD1",
            "--debug");
    assertThat(r.err()).contains("UserData.Value=<redacted>");
    assertThat(r.err()).doesNotContain("S3CRETUD1").doesNotContain(b64.apply("S3CRETUD1"));
    // Value of ModifyInstanceAttribute: a member the model marks sensitive, named like any other
    r =
        cli.run(
            "modify-instance-attribute",
            "--instance-id",
            instance,
            "--attribute",
            "userData",
            "--value",
            "S3CRETUD2",
            "--debug");
    assertThat(r.err()).contains("&Value=<redacted>").doesNotContain("S3CRETUD2");
    r =
        cli.run(
            "run-instances", "--image-id", "ami-12345678", "--user-data", "S3CRETUD3", "--debug");
    assertThat(r.err()).contains("UserData=<redacted>");
    assertThat(r.err()).doesNotContain("S3CRETUD3").doesNotContain(b64.apply("S3CRETUD3"));
    r =
        cli.run(
            "report-instance-status",
            "--instances",
            instance,
            "--status",
            "ok",
            "--reason-codes",
            "other",
            "--description",
            "S3CRETDESC",
            "--debug");
    assertThat(r.err()).contains("Description=<redacted>").doesNotContain("S3CRETDESC");
    // a description no model marks sensitive still shows
    r = cli.run("create-vpc", "--cidr-block", "10.9.0.0/16", "--debug");
    assertThat(r.err()).contains("CidrBlock=10.9.0.0%2F16");
  }

  @Test
  void debug_hides_values_of_sensitive_members(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    CliRunner.Run r =
        cli.run(
            "modify-vpn-tunnel-options",
            "--vpn-connection-id",
            "vpn-12345678",
            "--vpn-tunnel-outside-ip-address",
            "1.2.3.4",
            "--tunnel-options",
            "PreSharedKey=S3CRETPSK1,TunnelInsideCidr=169.254.10.0/30",
            "--debug");
    assertThat(r.err()).contains("TunnelOptions.PreSharedKey=").doesNotContain("S3CRETPSK1");
    // the model marks the whole of TunnelOptions sensitive: none of its members shows
    assertThat(r.err()).contains("TunnelOptions.TunnelInsideCidr=").doesNotContain("169.254.10.0");
    r =
        cli.run(
            "request-spot-instances",
            "--launch-specification",
            "ImageId=ami-12345678,UserData=S3CRETUSERDATA",
            "--debug");
    assertThat(r.err()).contains("UserData=").doesNotContain("S3CRETUSERDATA");
  }

  private static void assertOneLineError(CliRunner.Run r) {
    assertThat(r.exit()).as(r.err()).isEqualTo(255);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void errors_do_not_echo_sensitive_values(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String[] vpn = {
      "modify-vpn-tunnel-options",
      "--vpn-connection-id",
      "vpn-12345678",
      "--vpn-tunnel-outside-ip-address",
      "1.2.3.4",
      "--tunnel-options"
    };
    for (String bad :
        new String[] {
          "{\"PreSharedKey\": \"S3CRETPSK2\"",
          "PreSharedKey=[S3CRETPSK2",
          "{\"PreSharedKey\": [\"S3CRETPSK2\"]}"
        }) {
      String[] args = java.util.Arrays.copyOf(vpn, vpn.length + 1);
      args[vpn.length] = bad;
      CliRunner.Run r = cli.run(args);
      assertOneLineError(r);
      assertThat(r.err()).containsIgnoringCase("tunnel").doesNotContain("S3CRETPSK2");
    }
  }

  @Test
  void malformed_or_huge_input_is_one_error_line(
      Ec2Local local, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    CliRunner.Run r = cli.run("describe-vpcs", "--cli-input-json", "{");
    assertOneLineError(r);
    assertThat(r.err()).contains("--cli-input-json");
    java.nio.file.Path f = dir.resolve("in.json");
    java.nio.file.Files.writeString(f, "{}");
    assertOneLineError(cli.run("describe-vpcs", "--cli-input-json", "fileb://" + f));
    r =
        cli.run(
            "describe-vpcs",
            "--filters",
            "Name=tag:big,Values=" + "x".repeat(100_000),
            "--output",
            "json");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("StackOverflow");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void dry_run_with_a_used_client_token_is_still_a_dry_run(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String vpc = cli.ok("describe-vpcs", "--query", "Vpcs[0].VpcId", "--output", "text").strip();
    assertThat(vpc).startsWith("vpc-"); // the default VPC
    cli.ok("create-network-acl", "--vpc-id", vpc, "--client-token", "tok-hard-1");
    CliRunner.Run r =
        cli.run("create-network-acl", "--vpc-id", vpc, "--client-token", "tok-hard-1", "--dry-run");
    assertThat(r.exit()).as(r.out()).isEqualTo(255);
    assertThat(r.err()).contains("DryRunOperation");
  }

  @Test
  void hostile_paging_and_timestamp_values_are_refused(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    for (String json :
        new String[] {
          "{\"NextToken\": 5}",
          "{\"NextToken\": null, \"boto_truncate_amount\": \"x\"}",
          "{\"NextToken\": null, \"boto_truncate_amount\": -3}"
        }) {
      String token = b64.encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      CliRunner.Run r = cli.run("describe-vpcs", "--starting-token", token);
      assertOneLineError(r);
      assertThat(r.err()).contains("Bad starting token");
    }
    CliRunner.Run r = cli.run("describe-vpcs", "--max-items", "-1");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--max-items").doesNotContain("\tat ");
    r =
        cli.run(
            "describe-spot-price-history",
            "--cli-input-json",
            "{\"StartTime\": 99999999999999999}");
    assertOneLineError(r);
    assertThat(r.err()).contains("Invalid timestamp value for parameter StartTime");
  }

  @Test
  void param_files_are_regular_files_of_bounded_size(
      Ec2Local local, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    CliRunner.Run r = cli.run("describe-vpcs", "--filters", "file://" + dir);
    assertOneLineError(r);
    assertThat(r.err()).contains("[Errno 21] Is a directory");
    java.nio.file.Path big = dir.resolve("big.json");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(17L << 20);
    }
    r = cli.run("describe-vpcs", "--filters", "file://" + big);
    assertOneLineError(r);
    assertThat(r.err()).contains("larger than 16 MiB");
    java.nio.file.Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    r = cli.run("describe-vpcs", "--filters", "file://" + fifo);
    assertOneLineError(r);
    assertThat(r.err()).contains("not a regular file");
  }

  @Test
  void deep_or_badly_escaped_json_names_the_parameter(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    CliRunner.Run r = cli.run("describe-vpcs", "--vpc-ids", "[".repeat(5000) + "]".repeat(5000));
    assertOneLineError(r);
    assertThat(r.err()).contains("--vpc-ids").contains("Nested deeper than 100 levels");
    r = cli.run("describe-vpcs", "--filters", "Name=x,Values=" + "[".repeat(5000));
    assertOneLineError(r);
    assertThat(r.err()).contains("--filters").contains("Nested deeper than 100 levels");
    r = cli.run("describe-vpcs", "--vpc-ids", "[\"\\uZZZZ\"]");
    assertOneLineError(r);
    assertThat(r.err()).contains("--vpc-ids").contains("Invalid \\uXXXX escape");
  }
}
