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
 * ./ec2 local}, with two stacks a real user would write, each in a folder of its own: one in the
 * default VPC (an AMI found by filter, a key pair, a security group with rules, an instance with
 * tags and no zone, an Elastic IP and its association, an EBS volume, its attachment and a
 * snapshot), and one that builds its own network (a VPC, public and private subnets in three zones,
 * an internet gateway, a NAT gateway, route tables, security groups referring to each other, a
 * launch template and instances from it, an extra interface, an Elastic IP, an encrypted gp3
 * volume). Each applies, re-plans with no changes, and destroys leaving nothing behind, as the AWS
 * CLI then sees. A missing {@code terraform} or provider mirror fails.
 */
@org.junit.jupiter.api.parallel.Execution(
    org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // the two stacks at once
class TerraformIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The network stack's region, so the two stacks can run at once and each find only its own. */
  static final String WEST = "us-west-2";

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
    for (String stack : List.of("default", "vpc")) {
      Files.createDirectories(dir.resolve(stack));
      Files.copy(
          TerraformIT.class.getResourceAsStream("/terraform/" + stack + "/main.tf"),
          dir.resolve(stack).resolve("main.tf"));
    }
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

  static Run run(Path where, List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true);
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

  /** Terraform in one stack's folder. */
  static Run terraform(String stack, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("terraform"));
    command.addAll(List.of(args));
    return run(dir.resolve(stack), command);
  }

  static String aws(String... args) throws Exception {
    return awsIn("us-east-1", args);
  }

  /** The AWS CLI's {@code ec2} command in one region, its text output. */
  static String awsIn(String region, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/aws", "--endpoint-url", endpoint, "--region", region, "ec2"));
    command.addAll(List.of(args));
    command.addAll(List.of("--output", "text"));
    Run r = run(dir, command);
    assertThat(r.exit()).as(r.out()).isZero();
    return r.out().strip();
  }

  @Test
  void a_stack_applies_replans_clean_and_destroys_leaving_nothing() throws Exception {
    String var = "-var=endpoint=" + endpoint;
    Run init = terraform("default", "init", "-input=false", "-no-color");
    assertThat(init.exit()).as(init.out()).isZero();
    Run apply = terraform("default", "apply", "-auto-approve", "-input=false", "-no-color", var);
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

    Run plan = terraform("default", "plan", "-detailed-exitcode", "-input=false", "-no-color", var);
    assertThat(plan.exit()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("No changes.");

    Run destroy =
        terraform("default", "destroy", "-auto-approve", "-input=false", "-no-color", var);
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

  @Test
  void a_network_stack_applies_changes_in_place_and_destroys_to_nothing() throws Exception {
    String[] var = {"-var=endpoint=" + endpoint, "-var=region=" + WEST};
    Run init = terraform("vpc", "init", "-input=false", "-no-color");
    assertThat(init.exit()).as(init.out()).isZero();
    Run apply = terraform("vpc", with(var, "apply", "-auto-approve", "-input=false", "-no-color"));
    assertThat(apply.exit()).as(apply.out()).isZero();
    assertThat(apply.out())
        .contains("Apply complete! Resources: 26 added, 0 changed, 0 destroyed.");
    String vpc = output(apply, "vpc_id");
    String appA = output(apply, "app_a");
    String appB = output(apply, "app_b");
    assertThat(
            awsIn(
                WEST, "describe-vpcs", "--vpc-ids", vpc, "--query", "Vpcs[].[CidrBlock,IsDefault]"))
        .isEqualTo("10.20.0.0/16\tFalse");
    // the two instances: from the template (its tags), in public subnets of two zones
    assertThat(
            awsIn(
                WEST,
                "describe-instances",
                "--instance-ids",
                appA,
                appB,
                "--query",
                "Reservations[].Instances[].[State.Name,VpcId,Tags[?Key=='Role']|[0].Value]"))
        .isEqualTo("running\t" + vpc + "\tapp\nrunning\t" + vpc + "\tapp");
    assertThat(
            awsIn(
                    WEST,
                    "describe-instances",
                    "--instance-ids",
                    appA,
                    appB,
                    "--query",
                    "Reservations[].Instances[].Placement.AvailabilityZone")
                .split("\\s+"))
        .doesNotHaveDuplicates()
        .hasSize(2);
    assertThat(
            awsIn(
                WEST,
                "describe-network-interfaces",
                "--filters",
                "Name=attachment.instance-id,Values=" + appA,
                "--query",
                "length(NetworkInterfaces)"))
        .isEqualTo("2");
    assertThat(
            awsIn(
                WEST,
                "describe-volumes",
                "--filters",
                "Name=attachment.instance-id,Values=" + appA,
                "Name=tag:Name,Values=data",
                "--query",
                "Volumes[].[Size,Encrypted]"))
        .isEqualTo("8\tTrue");
    assertThat(
            awsIn(
                WEST,
                "describe-nat-gateways",
                "--filter",
                "Name=vpc-id,Values=" + vpc,
                "--query",
                "NatGateways[].State"))
        .isEqualTo("available");

    Run plan =
        terraform("vpc", with(var, "plan", "-detailed-exitcode", "-input=false", "-no-color"));
    assertThat(plan.exit()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("No changes.");

    // a change: the data volume grows, the template moves to a new version
    String[] changed = with(var, "-var=data_size=16", "-var=app_type=t3.small");
    Run change =
        terraform("vpc", with(changed, "apply", "-auto-approve", "-input=false", "-no-color"));
    assertThat(change.exit()).as(change.out()).isZero();
    assertThat(change.out()).contains("Apply complete!");
    assertThat(output(change, "template_version")).isEqualTo("2");
    assertThat(
            awsIn(
                WEST,
                "describe-volumes",
                "--filters",
                "Name=attachment.instance-id,Values=" + output(change, "app_a"),
                "Name=tag:Name,Values=data",
                "--query",
                "Volumes[].Size"))
        .isEqualTo("16");
    assertThat(
            awsIn(
                WEST,
                "describe-launch-templates",
                "--launch-template-names",
                "app",
                "--query",
                "LaunchTemplates[].[DefaultVersionNumber,LatestVersionNumber]"))
        .isEqualTo("2\t2");
    Run replan =
        terraform("vpc", with(changed, "plan", "-detailed-exitcode", "-input=false", "-no-color"));
    assertThat(replan.exit()).as(replan.out()).isZero();
    assertThat(replan.out()).contains("No changes.");

    Run destroy =
        terraform("vpc", with(changed, "destroy", "-auto-approve", "-input=false", "-no-color"));
    assertThat(destroy.exit()).as(destroy.out()).isZero();
    assertThat(destroy.out()).contains("Destroy complete!");
    assertThat(awsIn(WEST, "describe-vpcs", "--query", "Vpcs[?!IsDefault].VpcId")).isEmpty();
    assertThat(awsIn(WEST, "describe-subnets", "--filters", "Name=vpc-id,Values=" + vpc)).isEmpty();
    assertThat(awsIn(WEST, "describe-route-tables", "--filters", "Name=vpc-id,Values=" + vpc))
        .isEmpty();
    assertThat(
            awsIn(
                WEST,
                "describe-internet-gateways",
                "--filters",
                "Name=attachment.vpc-id,Values=" + vpc))
        .isEmpty();
    assertThat(
            awsIn(
                WEST,
                "describe-nat-gateways",
                "--filter",
                "Name=vpc-id,Values=" + vpc,
                "--query",
                "NatGateways[?State!='deleted' && State!='deleting'].NatGatewayId"))
        .isEmpty();
    assertThat(
            awsIn(
                WEST,
                "describe-network-interfaces",
                "--query",
                "NetworkInterfaces[].NetworkInterfaceId"))
        .isEmpty();
    assertThat(
            awsIn(
                WEST, "describe-launch-templates", "--query", "LaunchTemplates[].LaunchTemplateId"))
        .isEmpty();
    assertThat(awsIn(WEST, "describe-addresses", "--query", "length(Addresses)")).isEqualTo("0");
    assertThat(awsIn(WEST, "describe-volumes", "--query", "length(Volumes[?State!='deleting'])"))
        .isEqualTo("0");
    assertThat(awsIn(WEST, "describe-security-groups", "--query", "SecurityGroups[].GroupName"))
        .isEqualTo("default");
  }

  /** One string output of an apply ({@code name = "value"}). */
  static String output(Run run, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^" + name + " = \"?([^\"\\n]*)\"?$")
            .matcher(run.out());
    assertThat(m.find()).as("output %s in %s", name, run.out()).isTrue();
    return m.group(1);
  }

  /** {@code args} followed by {@code extra}. */
  static String[] with(String[] extra, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }
}
