package dev.ec2kit.cli;

import dev.ec2kit.AvailabilityZone;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ec2 describe-availability-zones [--zone-names Z...]}. */
@Command(
    name = "describe-availability-zones",
    mixinStandardHelpOptions = true,
    description = "List the availability zones of the region and their state.")
final class DescribeAvailabilityZonesCommand implements Callable<Integer> {
  @ParentCommand Ec2Command parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--zone-names",
      paramLabel = "ZONE",
      arity = "1..*",
      description = "Only these zones, such as us-east-1a.")
  List<String> zoneNames = List.of();

  @Option(names = "--all-availability-zones", description = "Include zones not opted in to.")
  boolean all;

  static final Table<AvailabilityZone> TABLE =
      new Table<AvailabilityZone>("AvailabilityZones")
          .column("ZoneName", AvailabilityZone::zoneName)
          .column("State", AvailabilityZone::state)
          .column("ZoneId", AvailabilityZone::zoneId)
          .column("RegionName", AvailabilityZone::regionName)
          .column("ZoneType", AvailabilityZone::zoneType);

  @Override
  public Integer call() {
    GlobalOptions g = parent.global;
    List<AvailabilityZone> zones = parent.client(spec).regions().describeZones(zoneNames, all);
    TABLE.print(
        parent.output, spec.commandLine().getOut(), g.format(parent.env(), parent.output), zones);
    return 0;
  }
}
