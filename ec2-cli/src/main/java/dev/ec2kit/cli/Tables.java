package dev.ec2kit.cli;

import dev.ec2kit.Image;
import dev.ec2kit.Instance;
import dev.ec2kit.StateChange;

/** The tables of EC2 resources that several commands print. */
final class Tables {
  private Tables() {}

  static final Table<Instance> INSTANCES =
      new Table<Instance>("Instances")
          .column("InstanceId", Instance::instanceId)
          .column("State", i -> i.state().apiName())
          .column("InstanceType", Instance::instanceType)
          .column("AvailabilityZone", Instance::availabilityZone)
          .column("PublicIpAddress", Instance::publicIpAddress)
          .column("PrivateIpAddress", Instance::privateIpAddress)
          .column("ImageId", Instance::imageId)
          .column("KeyName", Instance::keyName)
          .column("Name", i -> i.tags().get("Name"))
          .column("LaunchTime", i -> i.launchTime() == null ? null : i.launchTime().toString());

  static final Table<Image> IMAGES =
      new Table<Image>("Images")
          .column("ImageId", Image::imageId)
          .column("State", i -> i.state().apiName())
          .column("Owner", i -> i.imageOwnerAlias() != null ? i.imageOwnerAlias() : i.ownerId())
          .column("Architecture", Image::architecture)
          .column("Type", Image::imageType)
          .column("RootDeviceType", Image::rootDeviceType)
          .column("Public", Image::isPublic)
          .column("Name", i -> i.name() != null ? i.name() : i.imageLocation());

  static final Table<StateChange> STATE_CHANGES =
      new Table<StateChange>("StateChanges")
          .column("InstanceId", StateChange::instanceId)
          .column("PreviousState", c -> c.previousState().apiName())
          .column("CurrentState", c -> c.currentState().apiName());
}
