package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The small table that routes a manual command's AWS CLI line without reading the model
 * (aws-arguments.tsv) says what the model says: each shared name's arguments are exactly those the
 * generic path parses.
 */
class CliAwsArgumentsTest {
  @Test
  void every_shared_name_has_the_models_arguments() {
    int shared = 0;
    for (String command : Ec2Command.COMMANDS.keySet()) {
      String op = AwsCli.operation(command);
      if (op == null) {
        assertThat(AwsCli.sharedArguments(command)).as(command).isEmpty();
        continue;
      }
      shared++;
      assertThat(AwsCli.sharedArguments(command))
          .as(command + " (regenerate aws-arguments.tsv from AwsCli.table)")
          .isEqualTo(Set.copyOf(AwsCli.table(op).keySet()));
    }
    assertThat(shared).isGreaterThan(35);
    assertThat(
            AwsCli.awsLine(
                "describe-volumes", new String[] {"describe-volumes", "--volume-ids", "v", "w"}))
        .isTrue();
    assertThat(
            AwsCli.awsLine(
                "create-volume", new String[] {"create-volume", "us-east-1a", "--size", "1"}))
        .isFalse();
    assertThat(
            AwsCli.awsLine(
                "describe-images", new String[] {"describe-images", "--owner", "amazon"}))
        .isFalse();
    assertThat(
            AwsCli.awsLine(
                "describe-regions", new String[] {"describe-regions", "--output", "json"}))
        .isFalse();
  }
}
