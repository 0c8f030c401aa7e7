package dev.ec2kit.cli;

import dev.ec2kit.Attachment;
import dev.ec2kit.Snapshot;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeSpec;
import dev.ec2kit.VolumeState;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 9.0: EBS volumes and snapshots. */
final class VolumeCommands {
  private VolumeCommands() {}

  static final Table<Volume> VOLUMES =
      new Table<Volume>("Volumes")
          .column("VolumeId", Volume::volumeId)
          .column("Size", Volume::size)
          .column("State", v -> v.state().apiName())
          .column("AvailabilityZone", Volume::availabilityZone)
          .column("VolumeType", Volume::volumeType)
          .column("SnapshotId", Volume::snapshotId)
          .column(
              "InstanceId",
              v -> v.attachments().isEmpty() ? null : v.attachments().get(0).instanceId())
          .column("Device", v -> v.attachments().isEmpty() ? null : v.attachments().get(0).device())
          .column("CreateTime", v -> v.createTime() == null ? null : v.createTime().toString());

  static final Table<Attachment> ATTACHMENTS =
      new Table<Attachment>("Attachments")
          .column("VolumeId", Attachment::volumeId)
          .column("InstanceId", Attachment::instanceId)
          .column("Device", Attachment::device)
          .column("State", Attachment::state)
          .column("AttachTime", a -> a.attachTime() == null ? null : a.attachTime().toString());

  static final Table<Snapshot> SNAPSHOTS =
      new Table<Snapshot>("Snapshots")
          .column("SnapshotId", Snapshot::snapshotId)
          .column("VolumeId", Snapshot::volumeId)
          .column("State", Snapshot::state)
          .column("Progress", Snapshot::progress)
          .column("VolumeSize", Snapshot::volumeSize)
          .column("StartTime", s -> s.startTime() == null ? null : s.startTime().toString())
          .column("Description", Snapshot::description);

  @Command(
      name = "create-volume",
      mixinStandardHelpOptions = true,
      description = "Create a volume in ZONE from --size or --snapshot (exactly one).")
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "ZONE")
    String zone;

    @Option(names = "--size", paramLabel = "GIB")
    Integer size;

    @Option(names = "--snapshot", paramLabel = "SNAPSHOT-ID")
    String snapshot;

    @Option(
        names = "--volume-type",
        paramLabel = "TYPE",
        description = "gp3 (default), gp2, io1, io2, st1, sc1, standard.")
    String type = "gp3";

    @Option(names = "--iops", paramLabel = "N")
    Integer iops;

    @Option(names = "--encrypted")
    boolean encrypted;

    @Override
    public Integer call() {
      if ((size == null) == (snapshot == null)) {
        throw new IllegalArgumentException("give --size or --snapshot, exactly one");
      }
      VolumeSpec spec =
          (size != null ? VolumeSpec.ofSize(size) : VolumeSpec.fromSnapshot(snapshot)).type(type);
      if (iops != null) {
        spec = spec.iops(iops);
      }
      if (encrypted) {
        spec = spec.withEncryption();
      }
      VOLUMES.print(output(), out(), format(), List.of(ec2().volumes().create(zone, spec)));
      return 0;
    }
  }

  @Command(
      name = "describe-volumes",
      mixinStandardHelpOptions = true,
      description = "List volumes and their attachments.")
  static final class Describe extends ApiCommand {
    @Parameters(paramLabel = "VOLUME-ID", arity = "0..*")
    List<String> ids = List.of();

    @Override
    public Integer call() {
      VOLUMES.print(
          output(), out(), format(), ec2().volumes().describe(ids.toArray(String[]::new)));
      return 0;
    }
  }

  @Command(
      name = "delete-volume",
      mixinStandardHelpOptions = true,
      description = "Delete a volume (detach it first).")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "VOLUME-ID")
    String id;

    @Override
    public Integer call() {
      ec2().volumes().delete(id);
      IdOutput.print(output(), out(), format(), "VolumeId", id);
      return 0;
    }
  }

  @Command(
      name = "attach-volume",
      mixinStandardHelpOptions = true,
      description = "Attach a volume to an instance as DEVICE.")
  static final class Attach extends ApiCommand {
    @Parameters(index = "0", paramLabel = "VOLUME-ID")
    String volumeId;

    @Parameters(index = "1", paramLabel = "INSTANCE-ID")
    String instanceId;

    @Parameters(index = "2", paramLabel = "DEVICE", description = "Such as /dev/sdh.")
    String device;

    @Override
    public Integer call() {
      ATTACHMENTS.print(
          output(), out(), format(), List.of(ec2().volumes().attach(volumeId, instanceId, device)));
      return 0;
    }
  }

  @Command(
      name = "detach-volume",
      mixinStandardHelpOptions = true,
      description = "Detach a volume from its instance.")
  static final class Detach extends ApiCommand {
    @Parameters(index = "0", paramLabel = "VOLUME-ID")
    String volumeId;

    @Parameters(index = "1", paramLabel = "INSTANCE-ID", arity = "0..1")
    String instanceId;

    @Option(names = "--device", paramLabel = "DEVICE", description = "Only if attached as DEVICE.")
    String device;

    @Option(names = "--force", description = "Detach even if the instance still uses it.")
    boolean force;

    @Override
    public Integer call() {
      ATTACHMENTS.print(
          output(),
          out(),
          format(),
          List.of(ec2().volumes().detach(volumeId, instanceId, device, force)));
      return 0;
    }
  }

  @Command(
      name = "create-snapshot",
      mixinStandardHelpOptions = true,
      description = "Snapshot a volume.")
  static final class CreateSnapshot extends ApiCommand {
    @Parameters(paramLabel = "VOLUME-ID")
    String volumeId;

    @Option(names = "--description")
    String description = "";

    @Override
    public Integer call() {
      SNAPSHOTS.print(
          output(), out(), format(), List.of(ec2().snapshots().create(volumeId, description)));
      return 0;
    }
  }

  @Command(
      name = "describe-snapshots",
      mixinStandardHelpOptions = true,
      description = "List your snapshots (owner self).")
  static final class DescribeSnapshots extends ApiCommand {
    @Parameters(paramLabel = "SNAPSHOT-ID", arity = "0..*")
    List<String> ids = List.of();

    @Override
    public Integer call() {
      SNAPSHOTS.print(
          output(), out(), format(), ec2().snapshots().describe(ids.toArray(String[]::new)));
      return 0;
    }
  }

  @Command(
      name = "delete-snapshot",
      mixinStandardHelpOptions = true,
      description = "Delete a snapshot.")
  static final class DeleteSnapshot extends ApiCommand {
    @Parameters(paramLabel = "SNAPSHOT-ID")
    String id;

    @Override
    public Integer call() {
      ec2().snapshots().delete(id);
      IdOutput.print(output(), out(), format(), "SnapshotId", id);
      return 0;
    }
  }

  @Command(
      name = "wait-for-volumes",
      mixinStandardHelpOptions = true,
      description = "Wait until volumes are in STATE.")
  static final class WaitForVolumes extends ApiCommand {
    @Parameters(paramLabel = "VOLUME-ID", arity = "1..*")
    List<String> ids;

    @Option(names = "--state", description = "available (default) or in-use.")
    String state = "available";

    @picocli.CommandLine.Mixin InstanceCommands.WaitFlags waitFlags;

    @Override
    public Integer call() {
      List<Volume> v =
          ec2().volumes().waitFor(ids, VolumeState.fromName(state), waitFlags.options(err()));
      InstanceCommands.WaitFlags.endProgressLine(err(), waitFlags.verbose);
      VOLUMES.print(output(), out(), format(), v);
      return 0;
    }
  }

  @Command(
      name = "wait-for-snapshots",
      mixinStandardHelpOptions = true,
      description = "Wait until snapshots are completed.")
  static final class WaitForSnapshots extends ApiCommand {
    @Parameters(paramLabel = "SNAPSHOT-ID", arity = "1..*")
    List<String> ids;

    @picocli.CommandLine.Mixin InstanceCommands.WaitFlags waitFlags;

    @Override
    public Integer call() {
      List<Snapshot> s = ec2().snapshots().waitFor(ids, waitFlags.options(err()));
      InstanceCommands.WaitFlags.endProgressLine(err(), waitFlags.verbose);
      SNAPSHOTS.print(output(), out(), format(), s);
      return 0;
    }
  }
}
