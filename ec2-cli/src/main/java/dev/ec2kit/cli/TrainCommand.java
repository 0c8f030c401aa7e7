package dev.ec2kit.cli;

import dev.ec2kit.local.Ec2Local;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: runs the common commands once against an in-process emulator so that {@code ./ec2} can
 * record the classes they load in a class-data-sharing archive. Touches nothing else.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    try (Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).log(null).build().start()) {
      Map<String, String> env =
          Map.of(
              "AWS_ACCESS_KEY_ID",
              "test",
              "AWS_SECRET_ACCESS_KEY",
              "test",
              "AWS_REGION",
              "us-east-1",
              "AWS_ENDPOINT_URL",
              local.endpoint().toString(),
              "AWS_CONFIG_FILE",
              "/nonexistent",
              "AWS_SHARED_CREDENTIALS_FILE",
              "/nonexistent");
      for (String format : List.of("table", "json", "text")) {
        for (String command :
            List.of(
                "describe-regions",
                "describe-availability-zones",
                "describe-instances",
                "describe-key-pairs",
                "describe-security-groups",
                "describe-addresses",
                "describe-volumes",
                "describe-snapshots")) {
          Main.run(new String[] {command, "--output", format}, sink, sink, env);
        }
      }
      Main.run(new String[] {"describe-images", "--owner", "amazon"}, sink, sink, env);
      Main.run(new String[] {"find-region-by-name", "us-east"}, sink, sink, env);
      Main.run(new String[] {"describe-regions", "--help"}, sink, sink, env);
      // The generic path: the model, the AWS CLI's parser and output.
      for (String format : List.of("json", "text")) {
        Main.run(new String[] {"describe-vpcs", "--output", format}, sink, sink, env);
      }
      Main.run(
          new String[] {
            "describe-subnets", "--filters", "Name=vpc-id,Values=vpc-1", "--query", "Subnets[]"
          },
          sink,
          sink,
          env);
      Main.run(new String[] {"describe-vpcs", "--vpc-ids", "vpc-1"}, sink, sink, env);
    }
    return 0;
  }
}
