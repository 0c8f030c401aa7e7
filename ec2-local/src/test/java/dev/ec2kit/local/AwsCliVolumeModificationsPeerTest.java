package dev.ec2kit.local;

import static dev.ec2kit.local.AwsCliInstancesPeerTest.first;
import static dev.ec2kit.local.AwsCliPeerTest.aws;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Debian's AWS CLI changes a volume: modify-volume and describe-volumes-modifications. */
class AwsCliVolumeModificationsPeerTest {
  private final Ec2Local local =
      Ec2Local.builder().port(0).ssh(false).transition(Duration.ofMillis(300)).build().start();

  @AfterEach
  void stop() {
    local.close();
  }

  private String ok(String... args) throws Exception {
    AwsCliPeerTest.Result r = aws(local, "test", args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  @Test
  void modify_volume_and_watch_it_complete() throws Exception {
    String id =
        first(
            ok(
                "ec2",
                "create-volume",
                "--availability-zone",
                "us-east-1a",
                "--size",
                "10",
                "--volume-type",
                "gp3"),
            "\"VolumeId\": \"(vol-[0-9a-f]+)\"");
    Thread.sleep(400);
    AwsCliPeerTest.Result smaller =
        aws(local, "test", "ec2", "modify-volume", "--volume-id", id, "--size", "5");
    assertThat(smaller.exit()).isNotZero();
    assertThat(smaller.err())
        .contains("InvalidParameterValue", "New size cannot be smaller than existing size");

    String started =
        ok("ec2", "modify-volume", "--volume-id", id, "--size", "20", "--iops", "4000");
    assertThat(started)
        .contains(
            "\"ModificationState\": \"modifying\"",
            "\"TargetSize\": 20",
            "\"OriginalSize\": 10",
            "\"TargetIops\": 4000",
            "\"TargetVolumeType\": \"gp3\"");
    Thread.sleep(700);
    String done = ok("ec2", "describe-volumes-modifications", "--volume-ids", id);
    assertThat(done).contains("\"ModificationState\": \"completed\"", "\"Progress\": 100");
    assertThat(
            ok(
                "ec2",
                "describe-volumes-modifications",
                "--filters",
                "Name=target-size,Values=20",
                "Name=modification-state,Values=completed"))
        .contains(id);
    assertThat(
            ok(
                "ec2",
                "describe-volumes-modifications",
                "--filters",
                "Name=modification-state,Values=modifying"))
        .doesNotContain(id);
    assertThat(ok("ec2", "describe-volumes", "--volume-ids", id))
        .contains("\"Size\": 20", "\"Iops\": 4000");

    AwsCliPeerTest.Result again =
        aws(local, "test", "ec2", "modify-volume", "--volume-id", id, "--size", "30");
    assertThat(again.err()).contains("VolumeModificationRateExceeded");

    ok("ec2", "modify-volume-attribute", "--volume-id", id, "--auto-enable-io");
    assertThat(
            ok(
                "ec2",
                "describe-volume-attribute",
                "--volume-id",
                id,
                "--attribute",
                "autoEnableIO"))
        .contains("\"AutoEnableIO\"", "\"Value\": true");
  }
}
