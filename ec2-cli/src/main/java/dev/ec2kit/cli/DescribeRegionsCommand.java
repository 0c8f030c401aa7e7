package dev.ec2kit.cli;

import dev.ec2kit.RegionInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ec2 describe-regions [NAME...]}. */
@Command(
    name = "describe-regions",
    mixinStandardHelpOptions = true,
    description = "List the regions enabled for the account, or only those named.")
final class DescribeRegionsCommand implements Callable<Integer> {
  @ParentCommand Ec2Command parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Region names, such as eu-west-1.")
  List<String> names = List.of();

  @Option(names = "--all-regions", description = "Include regions the account has not opted in to.")
  boolean all;

  static final Table<RegionInfo> TABLE =
      new Table<RegionInfo>("Regions")
          .column("RegionName", RegionInfo::regionName)
          .column("Endpoint", RegionInfo::endpoint)
          .column("OptInStatus", RegionInfo::optInStatus);

  @Override
  public Integer call() {
    GlobalOptions g = parent.global;
    List<RegionInfo> regions = parent.client(spec).regions().describe(names, all);
    TABLE.print(spec.commandLine().getOut(), g.format(parent.env()), regions);
    return 0;
  }
}
