package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's AWS provider (hashicorp/aws 5.100.0, from a local filesystem mirror) against {@code
 * ./ec2 local}: a stack a real user would write (an AMI found by filter, a key pair, a security
 * group with rules, an instance with tags and no zone, an Elastic IP and its association, an EBS
 * volume, its attachment and a snapshot) applies, re-plans with no changes, and destroys leaving
 * nothing behind, as the AWS CLI then sees. A missing {@code terraform} or provider mirror fails.
 */
class TerraformIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static Process local;
  static String endpoint;
  @TempDir static Path dir;

  record Run(int exit, String out) {}

  /**
   * The folder holding registry.terraform.io/hashicorp/aws: TF_PLUGIN_MIRROR, or where it is
   * usually put.
   */
  static Path mirror() {
    List<String> candidates = new ArrayList<>();
    if (System.getenv("TF_PLUGIN_MIRROR") != null) {
      candidates.add(System.getenv("TF_PLUGIN_MIRROR"));
    }
    candidates.addAll(
        List.of(
            "/opt/tf-plugins",
            System.getProperty("user.home") + "/.terraform.d/plugins",
            "/usr/share/terraform/plugins",
            "/usr/local/share/terraform/plugins"));
    for (String c : candidates) {
      if (Files.isDirectory(Path.of(c, "registry.terraform.io", "hashicorp", "aws"))) {
        return Path.of(c);
      }
    }
    throw new AssertionError(
        "no Terraform provider mirror holding registry.terraform.io/hashicorp/aws in "
            + candidates
            + ": set TF_PLUGIN_MIRROR to it (./test finds it)");
  }

  @BeforeAll
  static void start() throws Exception {
    local =
        new ProcessBuilder(
                ROOT.resolve("ec2").toString(), "local", "--port", "0", "--transition", "1s")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      if (line.startsWith("export ")) {
        endpoint = line.replaceAll(".*AWS_ENDPOINT_URL=(\\S+).*", "$1");
        break;
      }
    }
    assertThat(endpoint).startsWith("http://127.0.0.1:");
    Files.copy(TerraformIT.class.getResourceAsStream("/terraform/main.tf"), dir.resolve("main.tf"));
    Files.writeString(
        dir.resolve("cli.tfrc"),
        "provider_installation {\n  filesystem_mirror {\n    path = \""
            + mirror()
            + "\"\n    include = [\"registry.terraform.io/hashicorp/aws\"]\n  }\n"
            + "  direct {\n    exclude = [\"registry.terraform.io/hashicorp/aws\"]\n  }\n}\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.destroy();
      assertThat(local.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  static Run run(List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TF_"));
    pb.environment()
        .putAll(
            Map.of(
                "TF_CLI_CONFIG_FILE",
                dir.resolve("cli.tfrc").toString(),
                "TF_IN_AUTOMATION",
                "1",
                "CHECKPOINT_DISABLE",
                "1",
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
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  static Run terraform(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("terraform"));
    command.addAll(List.of(args));
    return run(command);
  }

  static String aws(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", endpoint, "ec2"));
    command.addAll(List.of(args));
    command.addAll(List.of("--output", "text"));
    Run r = run(command);
    assertThat(r.exit()).as(r.out()).isZero();
    return r.out().strip();
  }

  @Test
  void a_stack_applies_replans_clean_and_destroys_leaving_nothing() throws Exception {
    String var = "-var=endpoint=" + endpoint;
    Run init = terraform("init", "-input=false", "-no-color");
    assertThat(init.exit()).as(init.out()).isZero();
    Run apply = terraform("apply", "-auto-approve", "-input=false", "-no-color", var);
    assertThat(apply.exit()).as(apply.out()).isZero();
    assertThat(apply.out()).contains("Apply complete! Resources: 8 added, 0 changed, 0 destroyed.");
    String instanceId = apply.out().replaceAll("(?s).*instance_id = \"(i-[0-9a-f]+)\".*", "$1");
    assertThat(
            aws(
                "describe-instances",
                "--instance-ids",
                instanceId,
                "--query",
                "Reservations[].Instances[].[State.Name,Tags[?Key=='Role']|[0].Value]"))
        .isEqualTo("running\tfrontend");
    assertThat(
            aws(
                "describe-volumes",
                "--filters",
                "Name=attachment.instance-id,Values=" + instanceId,
                "--query",
                "length(Volumes)"))
        .isEqualTo("2"); // root and data

    Run plan = terraform("plan", "-detailed-exitcode", "-input=false", "-no-color", var);
    assertThat(plan.exit()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("No changes.");

    Run destroy = terraform("destroy", "-auto-approve", "-input=false", "-no-color", var);
    assertThat(destroy.exit()).as(destroy.out()).isZero();
    assertThat(destroy.out()).contains("Destroy complete! Resources: 8 destroyed.");
    assertThat(
            aws(
                "describe-instances",
                "--instance-ids",
                instanceId,
                "--query",
                "Reservations[].Instances[].State.Name"))
        .isIn("shutting-down", "terminated");
    assertThat(aws("describe-volumes", "--query", "length(Volumes[?State!='deleting'])"))
        .isEqualTo("0");
    assertThat(aws("describe-snapshots", "--owner-ids", "self", "--query", "length(Snapshots)"))
        .isEqualTo("0");
    assertThat(aws("describe-addresses", "--query", "length(Addresses)")).isEqualTo("0");
    assertThat(aws("describe-key-pairs", "--query", "length(KeyPairs)")).isEqualTo("0");
    assertThat(aws("describe-security-groups", "--query", "SecurityGroups[].GroupName"))
        .isEqualTo("default");
  }
}
