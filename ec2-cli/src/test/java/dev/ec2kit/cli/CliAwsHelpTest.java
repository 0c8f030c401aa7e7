package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ec2 OPERATION help} and {@code ec2 wait WAITER help}: the model's own documentation. */
class CliAwsHelpTest {
  private static String help(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void an_operations_help_is_the_models_documentation_of_it_and_its_arguments() {
    assertThat(help("create-vpc", "help"))
        .startsWith("CREATE-VPC()")
        .contains("Creates a VPC with the specified CIDR blocks.")
        .contains("[--cidr-block <value>]", "[--dry-run | --no-dry-run]")
        .contains("       --dry-run | --no-dry-run (boolean)\n")
        .contains("       --cidr-block (string)\n          The IPv4 network range for the VPC");
    // the AWS CLI's top-level booleans: a flag pair, as its help shows them
    assertThat(help("modify-subnet-attribute", "help"))
        .contains("[--map-public-ip-on-launch | --no-map-public-ip-on-launch]")
        .contains("       --map-public-ip-on-launch | --no-map-public-ip-on-launch (structure)\n");
    // a manual command's name: its AWS CLI page, still from the model
    assertThat(help("describe-instances", "help"))
        .contains("Describes the specified instances or all instances.", "--instance-ids (list)");
    assertThat(help("wait", "volume-available", "help"))
        .startsWith("DESCRIBE-VOLUMES()")
        .contains("--volume-ids (list)");
  }
}
