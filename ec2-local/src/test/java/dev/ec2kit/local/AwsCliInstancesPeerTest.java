package dev.ec2kit.local;

import static dev.ec2kit.local.AwsCliPeerTest.aws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.RunOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Debian's AWS CLI drives the emulator through images and the instance lifecycle. */
@SharesSandboxes
@Order(9)
class AwsCliInstancesPeerTest {
  static Ec2Local local;
  static String ami;

  @BeforeAll
  static void start() throws Exception {
    local = Ec2Local.builder().port(0).transition(Duration.ZERO).build().start();
    AwsCliPeerTest.Result r =
        aws(
            local,
            "test",
            "ec2",
            "describe-images",
            "--owners",
            "amazon",
            "--filters",
            "Name=name,Values=al2023-ami-*-x86_64");
    assertThat(r.exit()).as(r.err()).isZero();
    ami = first(r.out(), "\"ImageId\": \"(ami-[0-9a-f]+)\"");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static AwsCliPeerTest.Result ok(String... args) throws Exception {
    AwsCliPeerTest.Result r = aws(local, "test", args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void describe_images_by_owner_and_id() throws Exception {
    String out = ok("ec2", "describe-images", "--owners", "amazon").out();
    assertThat(out)
        .contains(
            "\"Name\": \"fedora-8-x86_64-base-v1.07\"",
            "\"ImageOwnerAlias\": \"amazon\"",
            "\"KernelId\": \"aki-");
    assertThat(ok("ec2", "describe-images", "--image-ids", ami).out())
        .contains(
            ami,
            "\"State\": \"available\"",
            "\"RootDeviceType\": \"ebs\"",
            "\"SnapshotId\": \"snap-");
  }

  @Test
  void run_describe_stop_start_reboot_console_and_terminate() throws Exception {
    String run =
        ok(
                "ec2",
                "run-instances",
                "--image-id",
                ami,
                "--count",
                "2",
                "--instance-type",
                "t3.small",
                "--tag-specifications",
                "ResourceType=instance,Tags=[{Key=Name,Value=cli}]")
            .out();
    List<String> ids = all(run, "\"InstanceId\": \"(i-[0-9a-f]+)\"");
    assertThat(ids).hasSize(2);
    assertThat(run).contains("\"InstanceType\": \"t3.small\"", "\"Value\": \"cli\"");
    ok("ec2", "wait", "instance-running", "--instance-ids", ids.get(0), ids.get(1));
    String described =
        ok(
                "ec2",
                "describe-instances",
                "--instance-ids",
                ids.get(0),
                "--query",
                "Reservations[].Instances[].[InstanceId,State.Name,Placement.AvailabilityZone]",
                "--output",
                "text")
            .out();
    assertThat(described.strip()).matches(ids.get(0) + "\\s+running\\s+us-east-1[a-f]");
    assertThat(
            ok(
                    "ec2",
                    "describe-instances",
                    "--filters",
                    "Name=tag:Name,Values=cli",
                    "--query",
                    "length(Reservations[].Instances[])")
                .out()
                .strip())
        .isEqualTo("2");
    assertThat(ok("ec2", "stop-instances", "--instance-ids", ids.get(0)).out())
        .contains("\"Name\": \"stopping\"", "\"Name\": \"running\"");
    ok("ec2", "wait", "instance-stopped", "--instance-ids", ids.get(0));
    assertThat(ok("ec2", "start-instances", "--instance-ids", ids.get(0)).out())
        .contains("\"Name\": \"stopped\"");
    ok("ec2", "reboot-instances", "--instance-ids", ids.get(1));
    assertThat(ok("ec2", "get-console-output", "--instance-id", ids.get(1)).out())
        .contains("Linux version", "login:");
    String terminated =
        ok("ec2", "terminate-instances", "--instance-ids", ids.get(0), ids.get(1)).out();
    assertThat(terminated)
        .contains("\"PreviousState\"", "\"Code\": 32", "\"Name\": \"shutting-down\"");
    ok("ec2", "wait", "instance-terminated", "--instance-ids", ids.get(0), ids.get(1));
  }

  @Test
  void the_same_client_token_twice_launches_once() throws Exception {
    String first =
        ok(
                "ec2",
                "run-instances",
                "--image-id",
                ami,
                "--count",
                "1",
                "--client-token",
                "cli-token-1")
            .out();
    String second =
        ok(
                "ec2",
                "run-instances",
                "--image-id",
                ami,
                "--count",
                "1",
                "--client-token",
                "cli-token-1")
            .out();
    assertThat(all(second, "\"InstanceId\": \"(i-[0-9a-f]+)\""))
        .isEqualTo(all(first, "\"InstanceId\": \"(i-[0-9a-f]+)\""));
    assertThat(
            ok(
                    "ec2",
                    "describe-instances",
                    "--filters",
                    "Name=client-token,Values=cli-token-1",
                    "--query",
                    "length(Reservations[].Instances[])")
                .out()
                .strip())
        .isEqualTo("1");
    AwsCliPeerTest.Result mismatch =
        aws(
            local,
            "test",
            "ec2",
            "run-instances",
            "--image-id",
            ami,
            "--count",
            "2",
            "--client-token",
            "cli-token-1");
    assertThat(mismatch.exit()).isNotZero();
    assertThat(mismatch.err()).contains("IdempotentParameterMismatch");
  }

  @Test
  void paging_with_max_items_and_page_size() throws Exception {
    // The AWS CLI pages DescribeInstances by reservation: seven launches of one instance each.
    Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
    for (int i = 0; i < 7; i++) {
      ec2.instances().run(ami, 1, 1, RunOptions.builder().tag("batch", "paging").build());
    }
    String page =
        ok(
                "ec2",
                "describe-instances",
                "--filters",
                "Name=tag:batch,Values=paging",
                "--max-items",
                "3",
                "--page-size",
                "5")
            .out();
    assertThat(all(page, "\"InstanceId\": \"(i-[0-9a-f]+)\"")).hasSize(3);
    String token = first(page, "\"NextToken\": \"([^\"]+)\"");
    String rest =
        ok(
                "ec2",
                "describe-instances",
                "--filters",
                "Name=tag:batch,Values=paging",
                "--starting-token",
                token,
                "--page-size",
                "5")
            .out();
    assertThat(all(rest, "\"InstanceId\": \"(i-[0-9a-f]+)\"")).hasSize(4);
    String everything =
        ok(
                "ec2",
                "describe-instances",
                "--filters",
                "Name=tag:batch,Values=paging",
                "--page-size",
                "5",
                "--query",
                "length(Reservations[].Instances[])")
            .out();
    assertThat(everything.strip()).isEqualTo("7");
  }

  @Test
  void register_copy_and_deregister_images() throws Exception {
    String registered =
        first(
            ok(
                    "ec2",
                    "register-image",
                    "--name",
                    "cli-image",
                    "--image-location",
                    "my-bucket/cli.manifest.xml")
                .out(),
            "\"ImageId\": \"(ami-[0-9a-f]+)\"");
    assertThat(ok("ec2", "describe-images", "--owners", "self").out())
        .contains(registered, "cli-image");
    String copied =
        first(
            ok(
                    "ec2",
                    "copy-image",
                    "--source-region",
                    "us-east-1",
                    "--source-image-id",
                    ami,
                    "--name",
                    "cli-copy",
                    "--region",
                    "eu-west-1")
                .out(),
            "\"ImageId\": \"(ami-[0-9a-f]+)\"");
    assertThat(ok("ec2", "describe-images", "--image-ids", copied, "--region", "eu-west-1").out())
        .contains("cli-copy");
    ok("ec2", "deregister-image", "--image-id", registered);
    assertThat(ok("ec2", "describe-images", "--owners", "self").out()).doesNotContain(registered);
  }

  @Test
  void dry_run_and_errors_come_back_as_ec2_codes() throws Exception {
    AwsCliPeerTest.Result dry =
        aws(local, "test", "ec2", "run-instances", "--image-id", ami, "--count", "1", "--dry-run");
    assertThat(dry.err()).contains("DryRunOperation");
    AwsCliPeerTest.Result missing =
        aws(local, "test", "ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0");
    assertThat(missing.err()).contains("InvalidInstanceID.NotFound", "i-0123456789abcdef0");
    AwsCliPeerTest.Result badType =
        aws(
            local,
            "test",
            "ec2",
            "run-instances",
            "--image-id",
            ami,
            "--count",
            "1",
            "--instance-type",
            "t9.huge");
    assertThat(badType.err()).contains("InvalidParameterValue");
  }
}
