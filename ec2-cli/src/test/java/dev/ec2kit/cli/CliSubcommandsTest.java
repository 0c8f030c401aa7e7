package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Only the invoked subcommand is built at start-up; the table it is chosen from must name every
 * command as its annotation does, help must still list them all, and an option's value must not be
 * taken for the command.
 */
class CliSubcommandsTest {
  @Test
  void the_table_names_every_command_as_its_annotation_does() {
    Ec2Command.COMMANDS.forEach(
        (name, type) ->
            assertThat(type.getAnnotation(CommandLine.Command.class).name())
                .as(type.getName())
                .isEqualTo(name));
  }

  @Test
  void help_lists_every_command_and_a_named_one_runs_alone() {
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new String[] {"--help"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of());
    assertThat(exit).isZero();
    Ec2Command.COMMANDS.keySet().stream()
        .filter(n -> !n.startsWith("__"))
        .forEach(n -> assertThat(out.toString()).contains("  " + n + " "));
    StringWriter found = new StringWriter();
    assertThat(
            Main.run(
                new String[] {"--output", "json", "find-region-by-name", "us-west"},
                new PrintWriter(found),
                new PrintWriter(new StringWriter()),
                Map.of()))
        .isZero();
    assertThat(found.toString()).contains("us-west-1");
  }

  @Test
  void an_options_value_is_not_taken_for_the_command() {
    assertThat(Ec2Command.invoked(new String[] {"--profile", "ssh", "describe-regions"}))
        .isEqualTo("describe-regions");
    assertThat(Ec2Command.invoked(new String[] {"--region=eu-west-1", "--debug", "tour"}))
        .isEqualTo("tour");
    assertThat(Ec2Command.invoked(new String[] {"--version"})).isNull();
    StringWriter err = new StringWriter();
    assertThat(
            Main.run(
                new String[] {"describe-regionz"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                Map.of()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("describe-regions"); // picocli's suggestion needs them all
  }
}
