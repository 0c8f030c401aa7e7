package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import java.util.Map;
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
      TourCommand.class,
      LocalCommand.class,
      ShellCommand.class,
      CompletionCommand.class,
      DescribeRegionsCommand.class,
      DescribeAvailabilityZonesCommand.class,
      FindRegionByNameCommand.class,
      ImageCommands.Describe.class,
      ImageCommands.Register.class,
      ImageCommands.Deregister.class,
      ImageCommands.Copy.class,
      InstanceCommands.Run.class,
      InstanceCommands.Describe.class,
      InstanceCommands.Terminate.class,
      InstanceCommands.Reboot.class,
      InstanceCommands.Stop.class,
      InstanceCommands.Start.class,
      InstanceCommands.WaitFor.class,
      InstanceCommands.QueryStatus.class,
      InstanceCommands.GetConsoleOutput.class,
      KeyPairCommands.Create.class,
      KeyPairCommands.Import.class,
      KeyPairCommands.Describe.class,
      KeyPairCommands.Delete.class,
      SecurityGroupCommands.Create.class,
      SecurityGroupCommands.Describe.class,
      SecurityGroupCommands.Delete.class,
      SecurityGroupCommands.AuthorizeIngress.class,
      SecurityGroupCommands.RevokeIngress.class,
      SecurityGroupCommands.AuthorizeEgress.class,
      SecurityGroupCommands.RevokeEgress.class,
      TagCommands.Create.class,
      TagCommands.Delete.class,
      TagCommands.Describe.class,
      AddressCommands.Allocate.class,
      AddressCommands.Describe.class,
      AddressCommands.Release.class,
      AddressCommands.Associate.class,
      AddressCommands.Disassociate.class,
      VolumeCommands.Create.class,
      VolumeCommands.Describe.class,
      VolumeCommands.Delete.class,
      VolumeCommands.Attach.class,
      VolumeCommands.Detach.class,
      VolumeCommands.CreateSnapshot.class,
      VolumeCommands.DescribeSnapshots.class,
      VolumeCommands.DeleteSnapshot.class,
      VolumeCommands.WaitForVolumes.class,
      VolumeCommands.WaitForSnapshots.class,
      SshCommands.Shell.class,
      SshCommands.Copy.class,
      SshCommands.QueryLoad.class,
      SshCommands.QueryMemory.class,
      SshCommands.Top.class,
      TrainCommand.class,
    })
public final class Ec2Command implements Runnable {
  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  /** The environment settings are read from. */
  Map<String, String> env() {
    return environment;
  }

  Ec2Command(Map<String, String> environment) {
    this.environment = environment;
  }

  /** A client for the global options and the environment, logging to the command's stderr. */
  Ec2 client(CommandSpec command) {
    return global.client(command.commandLine().getErr(), environment);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command, such as: ec2 describe-regions");
  }
}
