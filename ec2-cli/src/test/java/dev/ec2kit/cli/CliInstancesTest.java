package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The images and instances commands in process, against the emulator. */
@Order(3) // among the slowest: started first (see the pom's surefire block)
@ExtendWith(Ec2LocalExtension.class)
class CliInstancesTest {
  private CliRunner cli;

  @BeforeEach
  void settings(Ec2Local local) {
    cli = new CliRunner(local, "us-east-1");
  }

  private CliRunner.Run ec2(String... args) {
    return cli.run(args);
  }

  private CliRunner.Run ok(String... args) {
    CliRunner.Run r = cli.run(args);
    assertThat(r.exit()).as("ec2 %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  private String fedora() {
    return cli.image("fedora-8-*");
  }

  /** The values of a --query text answer (tab- or line-separated). */
  private static List<String> words(String text) {
    return List.of(text.strip().split("\\s+"));
  }

  @Test
  void describe_images_shows_the_catalogue_for_people() {
    CliRunner.Run r = ok("describe-images", "--owner", "amazon");
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("ImageId")
        .contains("State", "Owner", "Architecture");
    assertThat(r.out())
        .containsPattern(
            "ami-[0-9a-f]{17} +available +amazon +x86_64 +machine +instance-store +true +fedora-8");
  }

  @Test
  void the_manuals_section_5_transcript() {
    CliRunner.Run run =
        ok(
            "run-instances",
            fedora(),
            "2",
            "2",
            "--wait",
            "--verbose",
            "--query",
            "Instances[].[InstanceId, State.Name]",
            "--output",
            "text");
    List<String> ids = run.out().lines().map(l -> l.split("\t")[0]).toList();
    assertThat(ids).hasSize(2).allMatch(id -> id.matches("i-[0-9a-f]{17}"));
    assertThat(run.out().lines()).allMatch(l -> l.split("\t")[1].equals("running"));
    assertThat(run.err()).contains("; launched " + ids.get(0));
    CliRunner.Run described = ok("describe-instances", ids.get(0), ids.get(1));
    assertThat(described.out())
        .contains(ids.get(0), ids.get(1))
        .containsPattern("running +m1.small|running +t3.micro");
    CliRunner.Run terminated =
        ok(
            "terminate-instances",
            ids.get(0),
            ids.get(1),
            "--query",
            "TerminatingInstances[].[InstanceId, PreviousState.Name, CurrentState.Name]",
            "--output",
            "text");
    assertThat(terminated.out().lines())
        .containsExactlyInAnyOrder(
            ids.get(0) + "\trunning\tshutting-down", ids.get(1) + "\trunning\tshutting-down");
    assertThat(
            ok(
                    "wait-for-instances",
                    ids.get(0),
                    ids.get(1),
                    "--state",
                    "terminated",
                    "--output",
                    "text")
                .out())
        .contains("terminated");
    assertThat(ok("describe-instances", "--output", "text").out()).doesNotContain(ids.get(0));
    assertThat(ok("describe-instances", "--all-states", "--output", "text").out())
        .contains(ids.get(0));
  }

  @Test
  void status_console_reboot_stop_and_start() {
    String id =
        ok(
                "run-instances",
                fedora(),
                "--wait",
                "--query",
                "Instances[0].InstanceId",
                "--output",
                "text")
            .out()
            .strip();
    assertThat(ok("query-status", id, "--output", "text").out())
        .contains("INSTANCES\t", id, "STATE\t16\trunning");
    assertThat(ok("get-console-output", id).out())
        .contains("Linux version 2.6.21.7-2.fc8xen", "login:");
    assertThat(ok("get-console-output", id, "--output", "json").out())
        .contains("\"InstanceId\": \"" + id + "\"", "\\r\\n");
    assertThat(ok("reboot-instances", id).out().strip()).isEqualTo(id);
    CliRunner.Run stop = ec2("stop-instances", id);
    assertThat(stop.exit()).isEqualTo(1);
    assertThat(stop.err()).startsWith("UnsupportedOperation: ");
  }

  @Test
  void stop_and_start_an_ebs_instance() {
    String ami = cli.image("al2023-ami-*-x86_64");
    String id =
        ok(
                "run-instances",
                ami,
                "1",
                "1",
                "--tag",
                "Name=web",
                "--instance-type",
                "t3.small",
                "--wait",
                "--query",
                "Instances[0].InstanceId",
                "--output",
                "text")
            .out()
            .strip();
    assertThat(ok("describe-instances", "--filter", "tag:Name=web", "--output", "text").out())
        .contains(id, "t3.small");
    assertThat(
            ok(
                    "stop-instances",
                    id,
                    "--force",
                    "--query",
                    "StoppingInstances[].[InstanceId, PreviousState.Name, CurrentState.Name]",
                    "--output",
                    "text")
                .out()
                .strip())
        .isEqualTo(id + "\trunning\tstopping");
    // stopping until its sandbox has ended, as an EC2 instance is for a while
    ok("wait-for-instances", id, "--state", "stopped");
    assertThat(ok("describe-instances", "--states", "stopped", "--output", "text").out())
        .contains(id);
    assertThat(
            ok(
                    "start-instances",
                    id,
                    "--query",
                    "StartingInstances[].[InstanceId, PreviousState.Name, CurrentState.Name]",
                    "--output",
                    "text")
                .out()
                .strip())
        .isEqualTo(id + "\tstopped\tpending");
  }

  @Test
  void register_copy_and_deregister_images() {
    String id = ok("register-image", "my-bucket/bms.manifest.xml", "--name", "bms").out().strip();
    assertThat(id).matches("ami-[0-9a-f]{17}");
    assertThat(ok("describe-images", "--owner", "self", "--output", "text").out())
        .contains(id, "bms");
    String copy =
        ok(
                "copy-image",
                "us-east-1",
                id,
                "--name",
                "bms-west",
                "--region",
                "us-west-2",
                "--output",
                "json")
            .out();
    assertThat(copy).containsPattern("\\{\\s+\"ImageId\": \"ami-[0-9a-f]{17}\"\\s+}");
    assertThat(ok("deregister-image", id).out().strip()).isEqualTo(id);
    assertThat(ok("describe-images", "--owner", "self", "--output", "text").out()).isEmpty();
  }

  @Test
  void bad_input_is_refused_before_sending_with_exit_2() {
    CliRunner.Run counts = ec2("run-instances", "ami-0123456789abcdef0", "2", "1");
    assertThat(counts.exit()).isEqualTo(2);
    assertThat(counts.err()).contains("maxCount");
    assertThat(ec2("run-instances", "ami-0123456789abcdef0", "--tag", "novalue").err())
        .contains("KEY=VALUE");
    assertThat(ec2("describe-instances", "--states", "sleeping").err())
        .contains("sleeping", "running");
    assertThat(ec2("wait-for-instances", "i-0123456789abcdef0", "--timeout", "soon").err())
        .contains("--timeout");
    assertThat(ec2("describe-images", "--filter", "architecture").err()).contains("NAME=V1,V2");
    assertThat(ec2("terminate-instances", "web-1").err()).contains("i-0123456789abcdef0");
  }

  @Test
  void the_aws_clis_spellings_work_too() {
    List<String> ids =
        words(
            ok(
                    "run-instances",
                    "--image-id",
                    fedora(),
                    "--count",
                    "2",
                    "--instance-type",
                    "t3a.small",
                    "--query",
                    "Instances[].InstanceId",
                    "--output",
                    "text")
                .out());
    assertThat(ids).hasSize(2);
    String byJson =
        ok(
                "describe-instances",
                "--filters",
                "[{\"Name\": \"instance-type\", \"Values\": [\"t3a.small\"]}]",
                "--query",
                "Reservations[].Instances[].InstanceId",
                "--output",
                "text")
            .out();
    assertThat(words(byJson)).containsExactlyInAnyOrderElementsOf(ids);
    String byShorthand =
        ok(
                "describe-instances",
                "--filters",
                "Name=instance-type,Values=t3a.small",
                "--instance-ids",
                ids.get(0),
                "--query",
                "Reservations[].Instances[].InstanceId",
                "--output",
                "text")
            .out();
    assertThat(words(byShorthand)).containsExactly(ids.get(0));
    assertThat(
            ok(
                    "terminate-instances",
                    "--instance-ids",
                    ids.get(0),
                    ids.get(1),
                    "--query",
                    "TerminatingInstances[].[InstanceId, CurrentState.Name]",
                    "--output",
                    "text")
                .out()
                .lines())
        .hasSize(2)
        .allMatch(l -> l.endsWith("shutting-down"));

    CliRunner.Run badCount = ec2("run-instances", "--image-id", fedora(), "--count", "two");
    // wholly the AWS CLI's line: refused as the AWS CLI v1 refuses it (its customization's words)
    assertThat(badCount.exit()).isEqualTo(255);
    assertThat(badCount.err()).contains("count parameter should be of form min[:max]");
    assertThat(ec2("terminate-instances").err()).contains("--instance-ids");
    // wholly the AWS CLI's line: botocore's validation, as the AWS CLI words it
    assertThat(ec2("describe-instances", "--filters", "[{\"Name\": 1}]").err())
        .contains("Parameter validation failed", "Filters[0].Name", "valid types: <class 'str'>");
  }
}
