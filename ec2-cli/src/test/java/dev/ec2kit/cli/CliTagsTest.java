package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** create-tags, describe-tags and delete-tags in process against the emulator. */
@ExtendWith(Ec2LocalExtension.class)
class CliTagsTest {
  @Test
  void tags_are_created_listed_filtered_and_deleted(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String group =
        cli.ok("create-security-group", "tagged", "a group with tags", "--output", "text").strip();
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
    cli.ok("create-tags", group, volume, "--tag", "Team=blue", "--tag", "Env=dev");
    String listed = cli.ok("describe-tags", "--filter", "key=Team", "--output", "text");
    assertThat(listed.lines()) // the AWS CLI's text: keys sorted, Key ResourceId ResourceType Value
        .containsExactlyInAnyOrder(
            "TAGS\tTeam\t" + group + "\tsecurity-group\tblue",
            "TAGS\tTeam\t" + volume + "\tvolume\tblue");
    assertThat( // the AWS CLI's spelling: several filters after one --filters
            cli.ok(
                "describe-tags",
                "--filters",
                "Name=key,Values=Team",
                "Name=resource-type,Values=volume,snapshot",
                "--query",
                "Tags[].ResourceId",
                "--output",
                "text"))
        .isEqualTo(volume + "\n");
    cli.ok("delete-tags", volume, "--tag", "Env");
    assertThat(
            cli.ok(
                "describe-tags",
                "--filter",
                "resource-id=" + volume,
                "--query",
                "Tags[].[ResourceId, ResourceType, Key, Value]",
                "--output",
                "text"))
        .isEqualTo(volume + "\tvolume\tTeam\tblue\n");
    CliRunner.Run bad = cli.run("create-tags", volume, "--tag", "NoValue");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--tag 'NoValue' is not KEY=VALUE");
    CliRunner.Run reserved = cli.run("create-tags", volume, "--tag", "aws:x=1");
    assertThat(reserved.exit()).isEqualTo(2);
    assertThat(reserved.err()).contains("reserved");
  }
}
