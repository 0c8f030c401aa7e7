package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import dev.ec2kit.SecurityGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An emulator built with a state directory keeps its world across a close and a start: records of
 * every kind the calls made, client tokens, states and times; one emulator per directory; a
 * directory of another version refused by name. (A crash, SIGKILL mid-launch, is {@code
 * KeptWorldIT}'s, with real processes.)
 */
class KeptWorldTest {
  @TempDir Path dir;

  private Ec2Local start(Path state) {
    return Ec2Local.builder()
        .port(0)
        .ssh(false)
        .transition(Duration.ZERO)
        .state(state)
        .log(null)
        .build()
        .start();
  }

  private static Ec2 client(Ec2Local local) {
    return Ec2.builder().identity(local.identity("eu-west-1")).build();
  }

  private static String ami(Ec2 ec2) {
    return ec2.images()
        .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  @Test
  void a_restarted_emulator_has_every_record_token_and_state_it_answered_for() throws Exception {
    Path state = dir.resolve("world");
    String instanceId;
    String groupId;
    String stoppedId;
    try (Ec2Local local = start(state)) {
      Ec2 ec2 = client(local);
      ec2.keyPairs().create("kept");
      groupId = ec2.securityGroups().create("web", "kept group");
      List<Instance> two =
          ec2.instances()
              .run(
                  ami(ec2),
                  2,
                  2,
                  RunOptions.builder().clientToken("token-1").tag("k", "v").build());
      instanceId = two.get(0).instanceId();
      stoppedId = two.get(1).instanceId();
      ec2.instances().stop(stoppedId);
      assertThat(local.liveInstances()).isEqualTo(2);
    }
    assertThat(PosixFilePermissions.toString(permissions(state))).isEqualTo("rwx------");
    try (Ec2Local local = start(state)) {
      Ec2 ec2 = client(local);
      assertThat(local.liveInstances()).isEqualTo(2);
      assertThat(ec2.keyPairs().describe("kept")).hasSize(1);
      assertThat(ec2.securityGroups().describe().stream().map(SecurityGroup::groupId))
          .contains(groupId);
      Instance i = ec2.instances().find(instanceId).orElseThrow();
      assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
      assertThat(i.tags()).containsEntry("k", "v");
      assertThat(ec2.instances().find(stoppedId).orElseThrow().state())
          .isEqualTo(InstanceState.STOPPED);
      // the same token again: the same two instances, none new
      List<Instance> again =
          ec2.instances()
              .run(
                  ami(ec2),
                  2,
                  2,
                  RunOptions.builder().clientToken("token-1").tag("k", "v").build());
      assertThat(again.stream().map(Instance::instanceId))
          .containsExactlyInAnyOrder(instanceId, stoppedId);
      assertThat(local.liveInstances()).isEqualTo(2);
      // state and time move on: start the stopped one, stop the running one
      ec2.instances().start(stoppedId);
      ec2.instances().stop(instanceId);
      assertThat(ec2.instances().find(stoppedId).orElseThrow().state())
          .isEqualTo(InstanceState.RUNNING);
      assertThat(ec2.instances().find(instanceId).orElseThrow().state())
          .isEqualTo(InstanceState.STOPPED);
      // a new launch takes an address no kept instance has
      Instance fresh = ec2.instances().run(ami(ec2), 1, 1).get(0);
      assertThat(fresh.publicIpAddress())
          .isNotEqualTo(ec2.instances().find(stoppedId).orElseThrow().publicIpAddress());
    }
  }

  @Test
  void networks_volumes_snapshots_addresses_and_templates_are_kept() {
    Path state = dir.resolve("world");
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    try (Ec2Local local = start(state)) {
      Ec2 ec2 = client(local);
      var ops = ec2.operations();
      String vpc = path(ops.call("CreateVpc", Map.of("CidrBlock", "10.1.0.0/16")), "Vpc", "VpcId");
      ids.put("vpc-id", vpc);
      ids.put(
          "subnet-id",
          path(
              ops.call("CreateSubnet", Map.of("VpcId", vpc, "CidrBlock", "10.1.1.0/24")),
              "Subnet",
              "SubnetId"));
      String volume =
          (String)
              ops.call("CreateVolume", Map.of("AvailabilityZone", "eu-west-1a", "Size", 8))
                  .get("VolumeId");
      ids.put("volume-id", volume);
      ids.put(
          "snapshot-id",
          (String) ops.call("CreateSnapshot", Map.of("VolumeId", volume)).get("SnapshotId"));
      ids.put("allocation-id", (String) ops.call("AllocateAddress").get("AllocationId"));
      ids.put(
          "launch-template-id",
          path(
              ops.call(
                  "CreateLaunchTemplate",
                  Map.of(
                      "LaunchTemplateName",
                      "kept",
                      "LaunchTemplateData",
                      Map.of("InstanceType", "t3.small"))),
              "LaunchTemplate",
              "LaunchTemplateId"));
    }
    try (Ec2Local local = start(state)) {
      var ops = client(local).operations();
      assertThat(ops.call("DescribeVpcs", Map.of("VpcIds", List.of(ids.get("vpc-id")))).toString())
          .contains("10.1.0.0/16");
      assertThat(
              ops.call("DescribeSubnets", Map.of("SubnetIds", List.of(ids.get("subnet-id"))))
                  .toString())
          .contains("10.1.1.0/24");
      assertThat(
              ops.call("DescribeVolumes", Map.of("VolumeIds", List.of(ids.get("volume-id"))))
                  .toString())
          .contains(ids.get("volume-id"));
      assertThat(
              ops.call("DescribeSnapshots", Map.of("SnapshotIds", List.of(ids.get("snapshot-id"))))
                  .toString())
          .contains(ids.get("volume-id"));
      assertThat(ops.call("DescribeAddresses").toString()).contains(ids.get("allocation-id"));
      assertThat(
              ops.call(
                      "DescribeLaunchTemplateVersions",
                      Map.of("LaunchTemplateId", ids.get("launch-template-id")))
                  .toString())
          .contains("t3.small");
    }
  }

  @Test
  void an_instances_attached_interfaces_are_known_after_a_restart() {
    Path state = dir.resolve("world");
    String instance;
    String attached;
    String spare;
    try (Ec2Local local = start(state)) {
      Ec2 ec2 = client(local);
      var ops = ec2.operations();
      Instance i = ec2.instances().run(ami(ec2), 1, 1).get(0);
      instance = i.instanceId();
      String subnet = ec2.instances().find(instance).orElseThrow().subnetId();
      attached = eni(ops, subnet);
      spare = eni(ops, subnet);
      ops.call(
          "AttachNetworkInterface",
          Map.of("NetworkInterfaceId", attached, "InstanceId", instance, "DeviceIndex", 1));
    }
    try (Ec2Local local = start(state)) {
      var ops = client(local).operations();
      Map<String, Object> byInstance = Map.of("InstanceIds", List.of(instance));
      assertThat(ops.call("DescribeInstances", byInstance).toString()).contains(attached);
      Map<String, Object> spareAtOne =
          Map.of("NetworkInterfaceId", spare, "InstanceId", instance, "DeviceIndex", 1);
      assertThatThrownBy(() -> ops.call("AttachNetworkInterface", spareAtOne))
          .isInstanceOfSatisfying(
              Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
      Map<String, Object> eni =
          ops.call("DescribeNetworkInterfaces", Map.of("NetworkInterfaceIds", List.of(attached)));
      @SuppressWarnings("unchecked")
      Map<String, Object> attachment =
          (Map<String, Object>)
              ((Map<String, Object>) ((List<?>) eni.get("NetworkInterfaces")).get(0))
                  .get("Attachment");
      ops.call("DetachNetworkInterface", Map.of("AttachmentId", attachment.get("AttachmentId")));
      assertThat(ops.call("DescribeInstances", byInstance).toString()).doesNotContain(attached);
      ops.call("AttachNetworkInterface", spareAtOne);
      assertThat(ops.call("DescribeInstances", byInstance).toString()).contains(spare);
    }
  }

  private static String eni(dev.ec2kit.Operations ops, String subnet) {
    return path(
        ops.call("CreateNetworkInterface", Map.of("SubnetId", subnet)),
        "NetworkInterface",
        "NetworkInterfaceId");
  }

  @SuppressWarnings("unchecked")
  private static String path(Map<String, Object> answer, String outer, String inner) {
    return (String) ((Map<String, Object>) answer.get(outer)).get(inner);
  }

  @Test
  void a_second_emulator_on_the_same_directory_is_refused() {
    Path state = dir.resolve("world");
    try (Ec2Local first = start(state)) {
      assertThatThrownBy(() -> start(state))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(state.toAbsolutePath().toString())
          .hasMessageContaining("in use by another emulator");
      assertThat(client(first).regions().describe()).isNotEmpty();
    }
    start(state).close(); // free again once the first is closed
  }

  @Test
  void a_directory_of_another_version_or_not_a_state_directory_is_refused_by_name()
      throws Exception {
    Path state = dir.resolve("world");
    start(state).close();
    // format 1: before the client tokens' records changed
    Files.writeString(state.resolve("FORMAT"), "ec2kit ec2-local state, format 1\n");
    assertThatThrownBy(() -> start(state))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(state.toAbsolutePath().toString())
        .hasMessageContaining("incompatible version");
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> start(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(other.toAbsolutePath().toString())
        .hasMessageContaining("not an emulator's state directory");
    assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("mine");
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path p)
      throws java.io.IOException {
    return Files.getPosixFilePermissions(p);
  }
}
