package dev.ec2kit.cli;

import dev.ec2kit.Region;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ec2 find-region-by-name SUBSTRING [--if-does-not-exist error|nil]}. */
@Command(
    name = "find-region-by-name",
    mixinStandardHelpOptions = true,
    description =
        "The first known region whose name contains SUBSTRING (from the built-in list; no call is made).")
final class FindRegionByNameCommand implements Callable<Integer> {
  /** What to do when nothing matches, as in the manual. */
  enum IfDoesNotExist {
    error,
    nil
  }

  @ParentCommand Ec2Command parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SUBSTRING", description = "Part of a region name, such as us-west.")
  String substring;

  @Option(
      names = "--if-does-not-exist",
      paramLabel = "error|nil",
      description = "error (default): fail when nothing matches; nil: print nothing and succeed.")
  IfDoesNotExist ifDoesNotExist = IfDoesNotExist.error;

  static final Table<Region> TABLE =
      Table.<Region>ours("Regions")
          .column("RegionName", Region::name)
          .column("Endpoint", Region::endpoint)
          .column("Uri", r -> r.uri().toString());

  @Override
  public Integer call() {
    Optional<Region> found = Region.tryFind(substring);
    if (found.isEmpty() && ifDoesNotExist == IfDoesNotExist.error) {
      Region.find(substring); // throws the message that lists the known names
    }
    TABLE.print(
        parent.output,
        spec.commandLine().getOut(),
        parent.global.format(parent.env(), parent.output),
        found.map(List::of).orElse(List.of()));
    return 0;
  }
}
