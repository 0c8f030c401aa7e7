package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.Ec2LocalExtension;
import io.burt.jmespath.jcf.JcfRuntime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./ec2 ... --output json} prints what the AWS CLI prints for the same call on the same
 * emulator (the AWS CLI v1 on PATH, whose botocore model matches ours): same keys, nesting and
 * types, absent members absent; times are normalised, as AWS CLI versions write them differently.
 * And {@code --query} is JMESPath on that JSON, with the AWS CLI's text rules.
 */
@ExtendWith(Ec2LocalExtension.class)
class CliJsonParityTest {
  private static final JcfRuntime JSON = new JcfRuntime();

  /**
   * The AWS CLI v1 under pyenv's python3, first on PATH: its botocore has the same model our shapes
   * were made from (Debian's v2.9 predates members such as CurrentInstanceBootMode).
   */
  private static final String AWS_V1 = "aws";

  private static String aws(Ec2Local local, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of(AWS_V1, "--endpoint-url", local.endpoint().toString(), "ec2"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment()
        .putAll(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "test",
                "AWS_SECRET_ACCESS_KEY",
                "test",
                "AWS_DEFAULT_REGION",
                "us-east-1",
                "AWS_CONFIG_FILE",
                "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE",
                "/dev/null",
                "AWS_PAGER",
                ""));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    return out;
  }

  /** The JSON, with times (written differently by the AWS CLI v2) replaced by a marker. */
  private static Object normalised(String json) {
    return JSON.parseString(
        json.replaceAll("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[^\"]*\"", "\"<time>\""));
  }

  @Test
  void every_describe_prints_the_aws_clis_json(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String ami =
        cli.ok(
                "describe-images",
                "--owner",
                "amazon",
                "--filter",
                "name=al2023-ami-*-x86_64",
                "--query",
                "Images[0].ImageId",
                "--output",
                "text")
            .strip();
    cli.ok("import-key-pair", "parity", "--public-key-file", writeKey());
    String group =
        cli.ok("create-security-group", "parity", "parity group", "--output", "text").strip();
    cli.ok("authorize-security-group-ingress", "parity", "--from-port", "22", "--to-port", "22");
    String instances =
        cli.ok(
            "run-instances",
            ami,
            "2",
            "2",
            "--key-name",
            "parity",
            "--tag",
            "Name=parity",
            "--output",
            "json");
    assertThat(instances).contains("\"ReservationId\"", "\"Instances\": [");
    String address =
        cli.ok("allocate-address", "--query", "AllocationId", "--output", "text").strip();
    String volume =
        cli.ok(
                "create-volume",
                "us-east-1a",
                "--size",
                "1",
                "--query",
                "VolumeId",
                "--output",
                "text")
            .strip();
    cli.ok("create-snapshot", volume, "--description", "parity");
    cli.ok("create-tags", group, volume, "--tag", "Team=blue");
    List<List<String>> pairs =
        List.of(
            List.of("describe-regions"),
            List.of("describe-availability-zones"),
            List.of("describe-instances"),
            List.of("describe-key-pairs"),
            List.of("describe-security-groups"),
            List.of("describe-addresses"),
            List.of("describe-volumes"),
            List.of("describe-snapshots"),
            List.of("describe-tags"));
    for (List<String> command : pairs) {
      List<String> ours = new ArrayList<>(command);
      ours.addAll(List.of("--output", "json"));
      List<String> theirs = new ArrayList<>(command);
      if (command.get(0).equals("describe-snapshots")) {
        theirs.addAll(List.of("--owner-ids", "self"));
      }
      assertThat(normalised(cli.ok(ours.toArray(String[]::new))))
          .as(String.join(" ", command))
          .isEqualTo(normalised(aws(local, theirs.toArray(String[]::new))));
    }
    assertThat(normalised(cli.ok("describe-images", ami, "--output", "json")))
        .isEqualTo(normalised(aws(local, "describe-images", "--image-ids", ami)));
    assertThat(address).startsWith("eipalloc-");
  }

  @Test
  void query_examples_of_the_aws_cli_user_guide_work(Ec2Local local) throws Exception {
    CliRunner cli =
        new CliRunner(local, "eu-west-1"); // a region of its own: the other test uses us-east-1
    String ami =
        cli.ok(
                "describe-images",
                "--owner",
                "amazon",
                "--filter",
                "name=al2023-ami-*-x86_64",
                "--query",
                "Images[0].ImageId",
                "--output",
                "text")
            .strip();
    cli.ok("run-instances", ami, "3", "3", "--tag", "Role=web");
    cli.ok("create-volume", "eu-west-1a", "--size", "3");
    cli.ok("create-volume", "eu-west-1a", "--size", "1");
    cli.ok("create-volume", "eu-west-1a", "--size", "2");
    String ids =
        cli.ok(
            "describe-instances",
            "--query",
            "Reservations[].Instances[].InstanceId",
            "--output",
            "text");
    assertThat(ids.strip().split("\t")).hasSize(3).allMatch(id -> id.startsWith("i-"));
    assertThat(
            cli.ok(
                "describe-instances",
                "--query",
                "length(Reservations[].Instances[])",
                "--output",
                "text"))
        .isEqualTo("3\n");
    assertThat(
            cli.ok(
                "describe-volumes",
                "--query",
                "sort_by(Volumes[?Size < `8`], &Size)[].Size",
                "--output",
                "json"))
        .isEqualToIgnoringWhitespace("[1, 2, 3]");
    assertThat(
            cli.ok(
                "describe-instances",
                "--query",
                "Reservations[].Instances[?State.Name=='running'][].Tags[?Key=='Role'].Value[]",
                "--output",
                "text"))
        .isEqualTo("web\tweb\tweb\n");
    assertThat(
            cli.ok(
                "describe-volumes",
                "--query",
                "Volumes[?Size > `1`].{Id: VolumeId, Size: Size}",
                "--output",
                "json"))
        .contains("\"Id\": \"vol-", "\"Size\": 3");
    CliRunner.Run bad = cli.run("describe-volumes", "--query", "Volumes[?");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--query 'Volumes[?' is not JMESPath");
  }

  private static String writeKey() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("parity", ".pub");
    java.nio.file.Files.writeString(
        f,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl parity\n");
    return f.toString();
  }
}
