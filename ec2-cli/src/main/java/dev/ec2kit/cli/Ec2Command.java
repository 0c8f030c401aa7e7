package dev.ec2kit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ec2 FUNCTION ARG... [--KEYWORD VALUE]...}: the manual's functions as subcommands. */
@Command(
    name = "ec2",
    mixinStandardHelpOptions = true,
    version = "ec2 0.1.0 (EC2 API 2016-11-15)",
    description = "Amazon EC2 from the command line, and a local EC2-compatible endpoint.",
    subcommands = {
      LocalCommand.class,
      DescribeRegionsCommand.class,
      DescribeAvailabilityZonesCommand.class,
      FindRegionByNameCommand.class,
      TrainCommand.class,
    })
public final class Ec2Command implements Runnable {
  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command, such as: ec2 describe-regions");
  }
}
