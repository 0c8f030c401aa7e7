package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.internal.process.Spawns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's AWS provider (hashicorp/aws 5.100.0, from a local filesystem mirror) against the
 * emulator (instances passing through pending and the like in a second, as {@code ec2 local
 * --transition 1s}), with two stacks a real user would write, each in a folder of its own: one in
 * the default VPC (an AMI found by filter, a key pair, a security group with rules, an instance
 * with tags and no zone, an Elastic IP and its association, an EBS volume, its attachment and a
 * snapshot), and one that builds its own network (a VPC, public and private subnets in three zones,
 * an internet gateway, a NAT gateway, route tables, security groups referring to each other, a
 * launch template and instances from it, an extra interface, an Elastic IP, an encrypted gp3
 * volume). Each applies, re-plans with no changes, and destroys leaving nothing behind, as the AWS
 * CLI v2 then sees. A missing {@code terraform} or provider mirror fails, and so does any 500 the
 * emulator answered.
 *
 * <p>It runs beside the module's other test classes, and its two stacks at once: most of its time
 * is the provider's own waiting between polls.
 */
@SharesSandboxes
@Order(1)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class TerraformTest {
  /** The network stack's region, so the two stacks can run at once and each find only its own. */
  static final String WEST = "us-west-2";

  static Ec2Local local;
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
    local = Ec2Local.builder().port(0).transition(java.time.Duration.ofSeconds(1)).build().start();
    endpoint = local.endpoint().toString().replaceAll("/$", "");
    for (String stack : List.of("default", "vpc")) {
      Files.createDirectories(dir.resolve(stack));
      Files.copy(
          TerraformTest.class.getResourceAsStream("/terraform/" + stack + "/main.tf"),
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
  static void stop() {
    if (local != null) {
      long errors = local.internalErrors();
      local.close();
      assertThat(errors).as("requests the emulator answered with 500 InternalError").isZero();
    }
  }

  /** Terraform's AWS settings: the emulator's test credentials only. */
  static final Map<String, String> AWS = AwsCli.emulatorSettings("test");

  /** Terraform in one stack's folder. */
  static Run terraform(String stack, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("terraform"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.resolve(stack).toFile())
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TF_"));
    pb.environment().putAll(AWS);
    pb.environment()
        .putAll(
            Map.of(
                "TF_CLI_CONFIG_FILE",
                dir.resolve("cli.tfrc").toString(),
                "TF_IN_AUTOMATION",
                "1",
                "CHECKPOINT_DISABLE",
                "1"));
    Process p = Spawns.start(pb);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  /**
   * What Debian's AWS CLI v2 sees in a region: {@code aws ec2 COMMAND ARGS --query QUERY --output
   * text}, stripped; an {@code --instance-ids}-like argument and its values, or {@code --filters}
   * and theirs, go in {@code args}.
   */
  static String seen(String region, String command, String query, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("--region", region, "ec2", command));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--query", query, "--output", "text"));
    AwsCliPeerTest.Result r = AwsCliPeerTest.aws(local, "test", argv.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().strip();
  }

  /** {@code Name=NAME,Values=VALUE} after {@code --filters}. */
  static String[] filter(String name, String value) {
    return new String[] {"--filters", "Name=" + name + ",Values=" + value};
  }

  @Test
  void a_stack_applies_replans_clean_and_destroys_leaving_nothing() throws Exception {
    String east = "us-east-1";
    String var = "-var=endpoint=" + endpoint;
    Run init = terraform("default", "init", "-input=false", "-no-color");
    assertThat(init.exit()).as(init.out()).isZero();
    Run apply = terraform("default", "apply", "-auto-approve", "-input=false", "-no-color", var);
    assertThat(apply.exit()).as(apply.out()).isZero();
    assertThat(apply.out()).contains("Apply complete! Resources: 8 added, 0 changed, 0 destroyed.");
    String instanceId = apply.out().replaceAll("(?s).*instance_id = \"(i-[0-9a-f]+)\".*", "$1");
    String[] ofInstance = {"--instance-ids", instanceId};
    assertThat(
            seen(
                east,
                "describe-instances",
                "Reservations[].Instances[].[State.Name,Tags[?Key=='Role']|[0].Value]",
                ofInstance))
        .isEqualTo("running\tfrontend");
    assertThat(
            seen(
                east,
                "describe-volumes",
                "length(Volumes)",
                filter("attachment.instance-id", instanceId)))
        .isEqualTo("2"); // root and data

    Run plan = terraform("default", "plan", "-detailed-exitcode", "-input=false", "-no-color", var);
    assertThat(plan.exit()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("No changes.");

    Run destroy =
        terraform("default", "destroy", "-auto-approve", "-input=false", "-no-color", var);
    assertThat(destroy.exit()).as(destroy.out()).isZero();
    assertThat(destroy.out()).contains("Destroy complete! Resources: 8 destroyed.");
    assertThat(
            seen(east, "describe-instances", "Reservations[].Instances[].State.Name", ofInstance))
        .isIn("shutting-down", "terminated");
    assertThat(seen(east, "describe-volumes", "length(Volumes[?State!='deleting'])"))
        .isEqualTo("0");
    assertThat(seen(east, "describe-snapshots", "length(Snapshots)", "--owner-ids", "self"))
        .isEqualTo("0");
    assertThat(seen(east, "describe-addresses", "length(Addresses)")).isEqualTo("0");
    assertThat(seen(east, "describe-key-pairs", "length(KeyPairs)")).isEqualTo("0");
    assertThat(seen(east, "describe-security-groups", "SecurityGroups[].GroupName"))
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
    String[] apps = {"--instance-ids", appA, appB};
    assertThat(seen(WEST, "describe-vpcs", "Vpcs[].[CidrBlock,IsDefault]", "--vpc-ids", vpc))
        .isEqualTo("10.20.0.0/16\tFalse");
    // the two instances: from the template (its tags), in public subnets of two zones
    assertThat(
            seen(
                WEST,
                "describe-instances",
                "Reservations[].Instances[].[State.Name,VpcId,Tags[?Key=='Role']|[0].Value]",
                apps))
        .isEqualTo("running\t" + vpc + "\tapp\nrunning\t" + vpc + "\tapp");
    assertThat(
            seen(
                    WEST,
                    "describe-instances",
                    "Reservations[].Instances[].Placement.AvailabilityZone",
                    apps)
                .split("\\s+"))
        .doesNotHaveDuplicates()
        .hasSize(2);
    assertThat(
            seen(
                WEST,
                "describe-network-interfaces",
                "length(NetworkInterfaces)",
                filter("attachment.instance-id", appA)))
        .isEqualTo("2");
    assertThat(dataVolume(appA, "Volumes[].[Size,Encrypted]")).isEqualTo("8\tTrue");
    assertThat(seen(WEST, "describe-nat-gateways", "NatGateways[].State", natGatewaysOf(vpc)))
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
    assertThat(dataVolume(output(change, "app_a"), "Volumes[].Size")).isEqualTo("16");
    assertThat(
            seen(
                WEST,
                "describe-launch-templates",
                "LaunchTemplates[].[DefaultVersionNumber,LatestVersionNumber]",
                "--launch-template-names",
                "app"))
        .isEqualTo("2\t2");
    Run replan =
        terraform("vpc", with(changed, "plan", "-detailed-exitcode", "-input=false", "-no-color"));
    assertThat(replan.exit()).as(replan.out()).isZero();
    assertThat(replan.out()).contains("No changes.");

    Run destroy =
        terraform("vpc", with(changed, "destroy", "-auto-approve", "-input=false", "-no-color"));
    assertThat(destroy.exit()).as(destroy.out()).isZero();
    assertThat(destroy.out()).contains("Destroy complete!");
    // nothing of the stack is left
    Map<String, String[]> left =
        Map.of(
            "Vpcs[?!IsDefault].VpcId", new String[] {"describe-vpcs"},
            "Subnets[].SubnetId", with(filter("vpc-id", vpc), "describe-subnets"),
            "RouteTables[].RouteTableId", with(filter("vpc-id", vpc), "describe-route-tables"),
            "InternetGateways[].InternetGatewayId",
                with(filter("attachment.vpc-id", vpc), "describe-internet-gateways"),
            "NatGateways[?State!='deleted' && State!='deleting'].NatGatewayId",
                with(natGatewaysOf(vpc), "describe-nat-gateways"),
            "NetworkInterfaces[].NetworkInterfaceId", new String[] {"describe-network-interfaces"},
            "LaunchTemplates[].LaunchTemplateId", new String[] {"describe-launch-templates"},
            "Addresses[].AllocationId", new String[] {"describe-addresses"},
            "Volumes[?State!='deleting'].VolumeId", new String[] {"describe-volumes"});
    for (Map.Entry<String, String[]> e : left.entrySet()) {
      String[] command = e.getValue();
      assertThat(seen(WEST, command[0], e.getKey(), Arrays.copyOfRange(command, 1, command.length)))
          .as(command[0] + " " + e.getKey())
          .isEmpty();
    }
    assertThat(seen(WEST, "describe-security-groups", "SecurityGroups[].GroupName"))
        .isEqualTo("default");
  }

  /** DescribeNatGateways' filter by VPC: its parameter is Filter, not Filters. */
  static String[] natGatewaysOf(String vpc) {
    return new String[] {"--filter", "Name=vpc-id,Values=" + vpc};
  }

  /** The network stack's data volume on an instance, {@code query} of it. */
  static String dataVolume(String instanceId, String query) throws Exception {
    return seen(
        WEST,
        "describe-volumes",
        query,
        with(
            new String[] {"Name=tag:Name,Values=data"},
            filter("attachment.instance-id", instanceId)));
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
