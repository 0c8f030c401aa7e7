package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A value from EC2 (here a tag anyone with create-tags can set) cannot forge rows of the table,
 * clear the screen or reorder what a person reads: every cell shows its control characters escaped,
 * and the columns line up on what is printed.
 */
@ExtendWith(Ec2LocalExtension.class)
class CliTableEscapingTest {
  /**
   * A new line and tab (a forged row), U+009B "2J" (the one-character CSI: clear the screen), DEL,
   * and bidi override and isolate (reordering what follows). ESC itself cannot be in a tag here:
   * XML 1.0, which EC2 answers in, cannot carry it and the emulator refuses it ({@link TableTest}
   * feeds it to a table directly).
   */
  private static final String EVIL = "web\ni-0forged  running\tx\u009b2J\u007f\u202eevil\u2066";

  private static final String SHOWN = "web\\ni-0forged  running\\tx\\x9b2J\\x7f\\u202eevil\\u2066";

  @Test
  void a_tag_with_control_characters_shows_escaped_on_one_row(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String id =
        cli.ok(
                "run-instances",
                cli.image("fedora-8-*"),
                "--query",
                "Instances[0].InstanceId",
                "--output",
                "text")
            .strip();
    cli.ok("create-tags", id, "--tag", "Name=" + EVIL);

    List<String> instances = cli.ok("describe-instances", id, "--output", "table").lines().toList();
    assertThat(instances).hasSize(2); // the header and the one instance
    TableTest.assertNoControlCharacters(instances);
    String header = instances.get(0);
    String row = instances.get(1);
    assertThat(row).startsWith(id).contains(SHOWN);
    assertThat(row.indexOf(SHOWN)).isEqualTo(header.indexOf("  Name ") + 2);
    assertThat(row.lastIndexOf("  ") + 2) // the last column, LaunchTime, still under its name
        .isEqualTo(header.indexOf("LaunchTime"));

    List<String> tags =
        cli.ok("describe-tags", "--filter", "resource-id=" + id, "--output", "table")
            .lines()
            .toList();
    assertThat(tags).hasSize(2);
    TableTest.assertNoControlCharacters(tags);
    assertThat(tags.get(1)).endsWith("  " + SHOWN);

    // with --query, the table is the answer by the text rules: escaped all the same
    List<String> queried =
        cli.ok(
                "describe-tags",
                "--filter",
                "resource-id=" + id,
                "--query",
                "Tags[0].[Key, Value]",
                "--output",
                "table")
            .lines()
            .toList();
    assertThat(queried).containsExactly("Name\t" + SHOWN);

    // --output text keeps the AWS CLI's: the value as EC2 gave it (awscli/text.py writes it raw)
    assertThat(
            cli.ok(
                "describe-tags",
                "--filter",
                "resource-id=" + id,
                "--query",
                "Tags[0].Value",
                "--output",
                "text"))
        .isEqualTo(EVIL + "\n");
  }
}
