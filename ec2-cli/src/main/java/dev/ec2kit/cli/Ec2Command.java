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
    version = Ec2Command.VERSION,
    description = "Amazon EC2 from the command line, and a local EC2-compatible endpoint.")
public final class Ec2Command implements Runnable {
  static final String VERSION = "ec2 0.1.0 (EC2 API 2016-11-15)";

  /**
   * Every subcommand by name, in the order help lists them. Only the one invoked is built (picocli
   * reads a command's annotations and fields when it is added, most of the CLI's start-up when done
   * for all of them); help, completion and an unknown name get them all.
   */
  static final Map<String, Class<?>> COMMANDS =
      ordered(
          Map.entry("tour", TourCommand.class),
          Map.entry("local", LocalCommand.class),
          Map.entry("shell", ShellCommand.class),
          Map.entry("completion", CompletionCommand.class),
          Map.entry("describe-regions", DescribeRegionsCommand.class),
          Map.entry("describe-availability-zones", DescribeAvailabilityZonesCommand.class),
          Map.entry("find-region-by-name", FindRegionByNameCommand.class),
          Map.entry("describe-images", ImageCommands.Describe.class),
          Map.entry("register-image", ImageCommands.Register.class),
          Map.entry("deregister-image", ImageCommands.Deregister.class),
          Map.entry("copy-image", ImageCommands.Copy.class),
          Map.entry("run-instances", InstanceCommands.Run.class),
          Map.entry("describe-instances", InstanceCommands.Describe.class),
          Map.entry("terminate-instances", InstanceCommands.Terminate.class),
          Map.entry("reboot-instances", InstanceCommands.Reboot.class),
          Map.entry("stop-instances", InstanceCommands.Stop.class),
          Map.entry("start-instances", InstanceCommands.Start.class),
          Map.entry("wait-for-instances", InstanceCommands.WaitFor.class),
          Map.entry("query-status", InstanceCommands.QueryStatus.class),
          Map.entry("get-console-output", InstanceCommands.GetConsoleOutput.class),
          Map.entry("create-key-pair", KeyPairCommands.Create.class),
          Map.entry("import-key-pair", KeyPairCommands.Import.class),
          Map.entry("describe-key-pairs", KeyPairCommands.Describe.class),
          Map.entry("delete-key-pair", KeyPairCommands.Delete.class),
          Map.entry("create-security-group", SecurityGroupCommands.Create.class),
          Map.entry("describe-security-groups", SecurityGroupCommands.Describe.class),
          Map.entry("delete-security-group", SecurityGroupCommands.Delete.class),
          Map.entry(
              "authorize-security-group-ingress", SecurityGroupCommands.AuthorizeIngress.class),
          Map.entry("revoke-security-group-ingress", SecurityGroupCommands.RevokeIngress.class),
          Map.entry("authorize-security-group-egress", SecurityGroupCommands.AuthorizeEgress.class),
          Map.entry("revoke-security-group-egress", SecurityGroupCommands.RevokeEgress.class),
          Map.entry("create-tags", TagCommands.Create.class),
          Map.entry("delete-tags", TagCommands.Delete.class),
          Map.entry("describe-tags", TagCommands.Describe.class),
          Map.entry("allocate-address", AddressCommands.Allocate.class),
          Map.entry("describe-addresses", AddressCommands.Describe.class),
          Map.entry("release-address", AddressCommands.Release.class),
          Map.entry("associate-address", AddressCommands.Associate.class),
          Map.entry("disassociate-address", AddressCommands.Disassociate.class),
          Map.entry("create-volume", VolumeCommands.Create.class),
          Map.entry("describe-volumes", VolumeCommands.Describe.class),
          Map.entry("delete-volume", VolumeCommands.Delete.class),
          Map.entry("attach-volume", VolumeCommands.Attach.class),
          Map.entry("detach-volume", VolumeCommands.Detach.class),
          Map.entry("create-snapshot", VolumeCommands.CreateSnapshot.class),
          Map.entry("describe-snapshots", VolumeCommands.DescribeSnapshots.class),
          Map.entry("delete-snapshot", VolumeCommands.DeleteSnapshot.class),
          Map.entry("wait-for-volumes", VolumeCommands.WaitForVolumes.class),
          Map.entry("wait-for-snapshots", VolumeCommands.WaitForSnapshots.class),
          Map.entry("ssh", SshCommands.Shell.class),
          Map.entry("scp", SshCommands.Copy.class),
          Map.entry("query-load", SshCommands.QueryLoad.class),
          Map.entry("query-memory", SshCommands.QueryMemory.class),
          Map.entry("top", SshCommands.Top.class),
          Map.entry("__train", TrainCommand.class));

  /** The options of ours that take a value, so the command's name is not mistaken for one. */
  private static final java.util.Set<String> VALUED =
      java.util.Set.of("--endpoint-url", "--output", "--profile", "--query", "--region");

  @SafeVarargs
  private static Map<String, Class<?>> ordered(Map.Entry<String, Class<?>>... entries) {
    Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Class<?>> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The subcommand the arguments name (the first argument that is not an option or its value). */
  static String invoked(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (a.startsWith("-")) {
        if (VALUED.contains(a)) {
          i++;
        }
        continue;
      }
      return a;
    }
    return null;
  }

  /**
   * Adds the invoked subcommand alone when it is known, none for {@code --version} alone, else
   * every subcommand.
   */
  static void addSubcommands(picocli.CommandLine cl, String[] args) {
    String name = invoked(args);
    java.util.List<String> all = java.util.List.of(args);
    if (name == null
        && (all.contains("--version") || all.contains("-V"))
        && !all.contains("--help")
        && !all.contains("-h")) {
      return;
    }
    if (name != null && COMMANDS.containsKey(name) && !name.equals("completion")) {
      add(cl, name);
    } else {
      COMMANDS.keySet().forEach(n -> add(cl, n));
    }
  }

  private static void add(picocli.CommandLine cl, String name) {
    cl.addSubcommand(name, COMMANDS.get(name));
    java.util.List<String> aws = AwsSpellings.of(name);
    if (!aws.isEmpty()) {
      cl.getSubcommands()
          .get(name)
          .getCommandSpec()
          .usageMessage()
          .footer("Also takes the AWS CLI's spellings: " + String.join(", ", aws) + ".");
    }
  }

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  /** This command line's --query, paging and captured answers. */
  final Output output;

  /** The environment settings are read from. */
  Map<String, String> env() {
    return environment;
  }

  Ec2Command(Map<String, String> environment, Output output) {
    this.environment = environment;
    this.output = output;
  }

  /** A client for the global options and the environment, logging to the command's stderr. */
  Ec2 client(CommandSpec command) {
    return global.client(command.commandLine().getErr(), environment, output);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command, such as: ec2 describe-regions");
  }
}
