package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.local.Ec2Local;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises the common paths once so that {@code ./ec2} can record the classes they load
 * in a class-data-sharing archive. Runs against an in-process emulator; touches nothing else.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    try (Ec2Local local = Ec2Local.builder().port(0).log(null).build().start()) {
      Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
      for (GlobalOptions.Format f : GlobalOptions.Format.values()) {
        DescribeRegionsCommand.TABLE.print(sink, f, ec2.describeRegions());
        DescribeAvailabilityZonesCommand.TABLE.print(sink, f, ec2.describeAvailabilityZones());
      }
      for (String name : List.of("describe-regions", "describe-availability-zones")) {
        Main.run(new String[] {name, "--help"}, sink, sink);
      }
      Main.run(new String[] {"find-region-by-name", "us-east", "--output", "json"}, sink, sink);
    }
    return 0;
  }
}
