package dev.ec2kit.cli;

import dev.ec2kit.RegionInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
    return describe(
        parent.global,
        parent.output,
        parent.env(),
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        names,
        all);
  }

  /** The command's run, for picocli's parse and for {@link Quick}'s alike. */
  static int describe(
      GlobalOptions g,
      Output run,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      List<String> names,
      boolean all) {
    List<RegionInfo> regions = g.client(err, env, run).regions().describe(names, all);
    TABLE.print(run, out, g.format(env, run), regions);
    return 0;
  }
}
