package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.AwsCli;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ec2 OPERATION} against the AWS CLI v1 (on PATH: its botocore is the model's version) on
 * one emulator: the same command line, the same standard output and exit code, and for errors the
 * same message, for each syntax feature: lists of values, shorthand, JSON, {@code file://}, {@code
 * --cli-input-json}, {@code --generate-cli-skeleton}, booleans, {@code --dry-run}, service errors,
 * parameter validation, a missing required argument, text output, {@code --query}, paging with
 * {@code --max-items}/{@code --starting-token}, and waiters.
 */
@Order(4) // among the slowest: started first (see the pom's surefire block)
@ExtendWith(Ec2LocalExtension.class)
class CliAwsOperationsTest {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  /**
   * The line through the AWS CLI v1 on PATH, run by one long-lived python ({@link AwsCli}) rather
   * than an {@code aws} process per line: the CLI's own code with only these settings, as {@code
   * aws} would run it, without a python start and its imports (over a second of CPU a line).
   */
  private static Result aws(Ec2Local local, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("--endpoint-url", local.endpoint().toString(), "--region", "us-east-1"));
    cmd.add("ec2");
    cmd.addAll(List.of(args));
    AwsCli.Run r =
        AwsCli.V1.run(
            Map.of(
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_PAGER", ""),
            cmd);
    return new Result(r.exit(), r.out(), r.err());
  }

  /** The same line through ours and the AWS CLI: stdout and exit code equal; ours returned. */
  private static Result same(Ec2Local local, CliRunner cli, String... args) throws Exception {
    CliRunner.Run ours = cli.run(args);
    Result theirs = aws(local, args);
    String line = String.join(" ", args);
    assertThat(ours.out()).as("stdout of " + line).isEqualTo(theirs.out());
    assertThat(ours.exit()).as("exit of " + line + ": " + ours.err()).isEqualTo(theirs.exit());
    return new Result(ours.exit(), ours.out(), ours.err());
  }

  /** As {@link #same}, and the last line of stderr (the error) equal too. */
  private static Result sameError(Ec2Local local, CliRunner cli, String... args) throws Exception {
    CliRunner.Run ours = cli.run(args);
    Result theirs = aws(local, args);
    String line = String.join(" ", args);
    assertThat(ours.out()).as("stdout of " + line).isEqualTo(theirs.out());
    assertThat(ours.exit()).as("exit of " + line).isEqualTo(theirs.exit()).isNotZero();
    assertThat(lastLine(ours.err())).as("stderr of " + line).isEqualTo(lastLine(theirs.err()));
    return new Result(ours.exit(), ours.out(), ours.err());
  }

  private static String vpc(CliRunner cli, String cidr) {
    return cli.ok("create-vpc", "--cidr-block", cidr, "--query", "Vpc.VpcId", "--output", "text")
        .strip();
  }

  private static String subnet(CliRunner cli, String vpc, String cidr) {
    return cli.ok(
            "create-subnet",
            "--vpc-id",
            vpc,
            "--cidr-block",
            cidr,
            "--query",
            "Subnet.SubnetId",
            "--output",
            "text")
        .strip();
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void arguments_in_every_syntax_send_what_the_aws_cli_sends(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String a =
        cli.ok(
                "create-vpc",
                "--cidr-block",
                "10.7.0.0/16",
                "--tag-specifications",
                "ResourceType=vpc,Tags=[{Key=Name,Value=alpha},{Key=team,Value=blue}]",
                "--query",
                "Vpc.VpcId",
                "--output",
                "text")
            .strip();
    String b =
        cli.ok(
                "create-vpc",
                "--cidr-block",
                "10.8.0.0/16",
                "--tag-specifications",
                "[{\"ResourceType\": \"vpc\", \"Tags\": [{\"Key\": \"Name\", \"Value\": \"beta\"}]}]",
                "--query",
                "Vpc.VpcId",
                "--output",
                "text")
            .strip();
    assertThat(a).startsWith("vpc-");
    assertThat(b).startsWith("vpc-");
    Path filters = dir.resolve("filters.json");
    Files.writeString(filters, "[{\"Name\": \"tag:Name\", \"Values\": [\"alpha\", \"beta\"]}]");
    Path input = dir.resolve("input.json");
    Files.writeString(input, "{\"VpcIds\": [\"" + b + "\"]}");

    same(local, cli, "describe-vpcs", "--vpc-ids", a, b);
    same(local, cli, "describe-vpcs", "--filters", "Name=tag:Name,Values=alpha,beta");
    same(
        local,
        cli,
        "describe-vpcs",
        "--filters",
        "Name=tag:team,Values=blue",
        "Name=cidr,Values=10.7.0.0/16");
    same(local, cli, "describe-vpcs", "--filters", "file://" + filters);
    same(local, cli, "describe-vpcs", "--cli-input-json", "file://" + input);
    same(local, cli, "describe-vpcs", "--cli-input-json", "{\"VpcIds\": [\"" + a + "\"]}");
    same(local, cli, "describe-vpcs", "--vpc-ids", a, b, "--output", "text");
    same(
        local,
        cli,
        "describe-vpcs",
        "--query",
        "sort_by(Vpcs, &CidrBlock)[].[VpcId, Tags[0].Value]");
    same(
        local,
        cli,
        "describe-vpcs",
        "--vpc-ids",
        a,
        "--query",
        "Vpcs[0].CidrBlock",
        "--output",
        "text");
    same(local, cli, "describe-vpcs", "--generate-cli-skeleton");
    same(local, cli, "describe-vpcs", "--vpc-ids", a, "--no-dry-run");

    // a manual command's name in the AWS CLI's spellings: the AWS CLI's JSON, by default too
    String volume =
        cli.ok(
                "create-volume",
                "--availability-zone",
                "us-east-1a",
                "--size",
                "1",
                "--query",
                "VolumeId",
                "--output",
                "text")
            .strip();
    same(local, cli, "describe-volumes", "--volume-ids", volume);
    same(local, cli, "describe-volumes", "--filters", "Name=volume-id,Values=" + volume);

    // booleans as structures and flags: the attribute set one way, read back the same
    same(local, cli, "modify-vpc-attribute", "--vpc-id", a, "--enable-dns-hostnames", "Value=true");
    same(local, cli, "describe-vpc-attribute", "--vpc-id", a, "--attribute", "enableDnsHostnames");
    same(
        local,
        cli,
        "modify-vpc-attribute",
        "--vpc-id",
        a,
        "--enable-dns-hostnames",
        "{\"Value\": false}");
    same(local, cli, "describe-vpc-attribute", "--vpc-id", a, "--attribute", "enableDnsHostnames");
  }

  @Test
  void errors_say_and_exit_what_the_aws_cli_does(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    sameError(local, cli, "describe-vpcs", "--dry-run");
    sameError(local, cli, "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0");
    sameError(local, cli, "describe-vpcs", "--filters", "Name=a,Bogus=b");
    sameError(local, cli, "describe-vpcs", "--filters", "[{\"Name\": \"a\", \"Values\": [1]}]");
    sameError(local, cli, "describe-vpcs", "--max-results", "abc");
    sameError(local, cli, "create-subnet", "--cidr-block", "10.0.0.0/24");
    sameError(local, cli, "describe-instance-types", "--instance-types", "t3.huge-nope");
    String ami = cli.image("al2023-ami-*-x86_64");
    for (String count : List.of("0", "2:1")) {
      sameError(
          local,
          cli,
          "run-instances",
          "--image-id",
          ami,
          "--instance-type",
          "t3.micro",
          "--count",
          count);
    }
    // an input lacking MinCount/MaxCount is whole once --count gives them, as botocore validates
    same(
        local,
        cli,
        "run-instances",
        "--image-id",
        ami,
        "--count",
        "2",
        "--cli-input-json",
        "{\"InstanceType\": \"t3.micro\"}",
        "--query",
        "length(Instances)");
    sameError(
        local,
        cli,
        "create-volume",
        "--availability-zone",
        "us-east-1a",
        "--size",
        "1",
        "--volume-type",
        "io9");
    assertThat(sameError(local, cli, "describe-vpcs", "--bogus").err()).contains("--bogus");
    // the AWS CLI's table of rows of unequal length: its error and exit, on the generic path and
    // through the manual's commands of the same names (their line wholly the AWS CLI's)
    for (List<String> line :
        List.of(
            List.of("describe-vpcs"),
            List.of("describe-security-groups", "--group-names", "default"),
            List.of("describe-availability-zones", "--zone-names", "us-east-1a"),
            List.of("describe-regions", "--region-names", "us-east-1"))) {
      List<String> args = new ArrayList<>(line);
      args.addAll(List.of("--output", "table", "--query", "[['a'], ['b', 'c']]"));
      sameError(local, cli, args.toArray(String[]::new));
    }
  }

  @Test
  void get_password_datas_launch_key_and_the_output_setting_as_in_the_aws_cli(Ec2Local local)
      throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    // no such key file: refused before the call, in the AWS CLI's words; a key file: the call is
    // made (the emulator, as EC2 for a Linux image, has no password)
    java.nio.file.Path key = Files.writeString(dir.resolve("key.pem"), "not a key");
    for (java.nio.file.Path file : List.of(dir.resolve("none.pem"), key)) {
      sameError(
          local,
          cli,
          "get-password-data",
          "--instance-id",
          "i-0123456789abcdef0",
          "--priv-launch-key",
          file.toString());
    }
    // output = table in the profile: the AWS CLI's table
    java.nio.file.Path config =
        Files.writeString(dir.resolve("config"), "[default]\noutput = table\n");
    cli.env.put("AWS_CONFIG_FILE", config.toString());
    CliRunner.Run ours = cli.run("describe-regions", "--region-names", "us-east-1");
    assertThat(ours.exit()).as(ours.err()).isZero();
    assertThat(ours.out())
        .startsWith("-----")
        .contains("|                            DescribeRegions                           |")
        .contains("||  ec2.us-east-1.amazonaws.com |  opt-in-not-required  |  us-east-1  ||");
  }

  @Test
  void top_level_booleans_are_flags_as_in_the_aws_cli(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String vpc = vpc(cli, "10.9.0.0/16");
    String subnet = subnet(cli, vpc, "10.9.1.0/24");
    String[] query = {
      "describe-subnets", "--subnet-ids", subnet, "--query", "Subnets[0].MapPublicIpOnLaunch"
    };
    Map<List<String>, String> lines = new java.util.LinkedHashMap<>();
    lines.put(List.of("--map-public-ip-on-launch"), "true");
    lines.put(List.of("--no-map-public-ip-on-launch"), "false");
    lines.put(List.of("--map-public-ip-on-launch", "Value=true"), "true");
    lines.put(List.of("--map-public-ip-on-launch", "{\"Value\": false}"), "false");
    for (Map.Entry<List<String>, String> e : lines.entrySet()) {
      List<String> line = new ArrayList<>(List.of("modify-subnet-attribute"));
      line.addAll(e.getKey());
      line.addAll(List.of("--subnet-id", subnet));
      same(local, cli, line.toArray(String[]::new));
      assertThat(same(local, cli, query).out().strip()).isEqualTo(e.getValue());
    }
    for (String second : List.of("--no-map-public-ip-on-launch", "Value=maybe")) {
      sameError(
          local,
          cli,
          "modify-subnet-attribute",
          "--subnet-id",
          subnet,
          "--map-public-ip-on-launch",
          second);
    }
    same(local, cli, "modify-vpc-attribute", "--vpc-id", vpc, "--enable-dns-hostnames");
    same(
        local, cli, "describe-vpc-attribute", "--vpc-id", vpc, "--attribute", "enableDnsHostnames");
  }

  @Test
  void run_instances_simple_interface_arguments_set_the_first_interface(Ec2Local local)
      throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String subnet = subnet(cli, vpc(cli, "10.6.0.0/16"), "10.6.1.0/24");
    String ami = cli.image("al2023-ami-*-x86_64");
    String query =
        "Instances[0].[SubnetId, length(NetworkInterfaces[0].PrivateIpAddresses),"
            + " NetworkInterfaces[0].SubnetId]";
    same(
        local,
        cli,
        "run-instances",
        "--image-id",
        ami,
        "--subnet-id",
        subnet,
        "--associate-public-ip-address",
        "--secondary-private-ip-address-count",
        "1",
        "--query",
        query);
    same(
        local,
        cli,
        "run-instances",
        "--no-associate-public-ip-address",
        "--image-id",
        ami,
        "--subnet-id",
        subnet,
        "--query",
        query);
    for (List<String> extra :
        List.of(
            List.of(
                "--associate-public-ip-address",
                "--network-interfaces",
                "DeviceIndex=0,SubnetId=" + subnet),
            List.of("--secondary-private-ip-address-count", "two"))) {
      List<String> line = new ArrayList<>(List.of("run-instances", "--image-id", ami));
      line.addAll(extra);
      sameError(local, cli, line.toArray(String[]::new));
    }
  }

  @Test
  void pages_are_read_and_cut_as_the_aws_cli_does(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    for (String cidr : List.of("10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16")) {
      cli.ok("create-vpc", "--cidr-block", cidr);
    }
    Result first = same(local, cli, "describe-vpcs", "--max-items", "2");
    same(local, cli, "describe-vpcs", "--max-items", "2", "--output", "text");
    String token =
        lastLine(
            cli.ok(
                "describe-vpcs", "--max-items", "2", "--query", "NextToken", "--output", "text"));
    assertThat(first.out()).contains("\"NextToken\": \"" + token + "\"");
    same(local, cli, "describe-vpcs", "--starting-token", token, "--max-items", "1");
    same(local, cli, "describe-vpcs", "--page-size", "1", "--query", "Vpcs[].CidrBlock");
    same(local, cli, "describe-vpcs", "--max-results", "5", "--query", "length(Vpcs)");
  }

  @Test
  void waiters_wait_and_name_the_failure_state(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String vpc = vpc(cli, "10.9.0.0/16");
    same(local, cli, "wait", "vpc-available", "--vpc-ids", vpc);
    String ami = cli.image("al2023-ami-*-x86_64");
    String id =
        cli.ok(
                "run-instances",
                "--image-id",
                ami,
                "--count",
                "1",
                "--query",
                "Instances[0].InstanceId",
                "--output",
                "text")
            .strip();
    cli.ok("terminate-instances", "--instance-ids", id);
    // settled first, so both tools meet the same one of the failure states
    cli.ok("wait", "instance-terminated", "--instance-ids", id);
    Result r = sameError(local, cli, "wait", "instance-running", "--instance-ids", id);
    assertThat(r.exit()).isEqualTo(255);
    assertThat(r.err()).contains("Waiter InstanceRunning failed", "terminated");
  }
}
