package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Attachment;
import dev.ec2kit.AttachmentState;
import dev.ec2kit.BlockDeviceMapping;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.ImageRegistration;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import dev.ec2kit.Snapshot;
import dev.ec2kit.SnapshotState;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeSpec;
import dev.ec2kit.VolumeState;
import dev.ec2kit.WaitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EBS volumes and snapshots against the emulator, on a simulated clock. */
class VolumesTest {
  private final Sim sim = new Sim(Duration.ofSeconds(2));

  @AfterEach
  void close() {
    sim.close();
  }

  private Instance launch(String zone) {
    String ami =
        sim.ec2
            .images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    return sim.ec2
        .instances()
        .run(ami, 1, 1, RunOptions.builder().availabilityZone(zone).waitUntilRunning().build())
        .get(0);
  }

  @Test
  void the_manuals_section_9_transcript() {
    Instance i = launch("us-east-1c");
    assertThat(i.blockDeviceMappings())
        .singleElement()
        .satisfies(
            root -> {
              assertThat(root.deviceName()).isEqualTo("/dev/xvda");
              assertThat(root.status()).isEqualTo("attached");
            });
    Volume v1 = sim.ec2.volumes().create("us-east-1c", 1);
    assertThat(v1.state()).isEqualTo(VolumeState.CREATING);
    assertThat(v1.size()).isEqualTo(1);
    assertThat(v1.volumeType()).isEqualTo("gp3");
    sim.ec2
        .volumes()
        .waitFor(List.of(v1.volumeId()), VolumeState.AVAILABLE, WaitOptions.defaults());
    assertThat(sim.ec2.volumes().describe(v1.volumeId()))
        .singleElement()
        .satisfies(v -> assertThat(v.state()).isEqualTo(VolumeState.AVAILABLE));

    Attachment a1 = sim.ec2.volumes().attach(v1.volumeId(), i, "/dev/sdh");
    assertThat(a1.state()).isEqualTo(AttachmentState.ATTACHING);
    assertThat(a1.device()).isEqualTo("/dev/sdh");
    assertThat(a1.instanceId()).isEqualTo(i.instanceId());
    assertThat(sim.ec2.volumes().describe(v1.volumeId()).get(0).state())
        .isEqualTo(VolumeState.IN_USE);
    sim.clock.advance(Duration.ofSeconds(2));
    assertThat(sim.ec2.volumes().describe(v1.volumeId()).get(0).attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AttachmentState.ATTACHED));
    assertThat(sim.ec2.instances().find(i.instanceId()).orElseThrow().blockDeviceMappings())
        .extracting(b -> b.deviceName())
        .containsExactly("/dev/xvda", "/dev/sdh");

    Snapshot snap = sim.ec2.snapshots().create(v1.volumeId(), "v1 backup");
    assertThat(snap.state()).isEqualTo(SnapshotState.PENDING);
    assertThat(snap.volumeId()).isEqualTo(v1.volumeId());
    sim.clock.advance(Duration.ofSeconds(1));
    assertThat(sim.ec2.snapshots().describe().get(0).progress()).isEqualTo("50%");
    Snapshot done =
        sim.ec2.snapshots().waitFor(List.of(snap.snapshotId()), WaitOptions.defaults()).get(0);
    assertThat(done.progress()).isEqualTo("100%");
    assertThat(done.isCompleted()).isTrue();

    Volume v2 = sim.ec2.volumes().create("us-east-1c", VolumeSpec.fromSnapshot(snap.snapshotId()));
    assertThat(v2.size()).isEqualTo(1);
    assertThat(v2.snapshotId()).isEqualTo(snap.snapshotId());
    sim.ec2
        .volumes()
        .waitFor(List.of(v2.volumeId()), VolumeState.AVAILABLE, WaitOptions.defaults());
    sim.ec2.volumes().attach(v2.volumeId(), i, "/dev/sdi");
    assertThat(
            sim.ec2
                .volumes()
                .waitFor(
                    List.of(v1.volumeId(), v2.volumeId()),
                    VolumeState.IN_USE,
                    WaitOptions.defaults()))
        .hasSize(2);

    sim.ec2.snapshots().delete(snap.snapshotId());
    assertThat(sim.ec2.snapshots().describe()).isEmpty();

    assertThatThrownBy(() -> sim.ec2.volumes().delete(v1.volumeId()))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("VolumeInUse");
              assertThat(e.errorMessage()).contains(v1.volumeId(), i.instanceId());
            });
    assertThat(sim.ec2.volumes().detach(v1.volumeId(), i.instanceId(), "/dev/sdh", false).state())
        .isEqualTo(AttachmentState.DETACHING);
    assertThat(sim.ec2.volumes().detach(v2.volumeId(), i.instanceId(), "/dev/sdi", false).state())
        .isEqualTo(AttachmentState.DETACHING);
    sim.ec2
        .volumes()
        .waitFor(
            List.of(v1.volumeId(), v2.volumeId()), VolumeState.AVAILABLE, WaitOptions.defaults());
    sim.ec2.volumes().delete(v1.volumeId());
    sim.ec2.volumes().delete(v2.volumeId());
    assertThat(sim.ec2.volumes().describe())
        .extracting(Volume::volumeId)
        .containsExactly(i.blockDeviceMappings().get(0).volumeId());
  }

  @Test
  void size_or_snapshot_exactly_one_is_checked_before_sending() {
    assertThatThrownBy(() -> new VolumeSpec(1, "snap-0123456789abcdef0", "gp3", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> new VolumeSpec(null, null, "gp3", null, false))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> sim.ec2.volumes().create("us-east-1c", 0))
        .hasMessageContaining("1 to 65536");
    assertThatThrownBy(() -> VolumeSpec.ofSize(8).type("gp9")).hasMessageContaining("gp9");
    assertThatThrownBy(() -> sim.ec2.volumes().create("east", 1))
        .hasMessageContaining("availabilityZone");
    assertThat(sim.actions).isEmpty();
  }

  @Test
  void each_type_has_its_own_size_bounds_as_ec2_documents_them() {
    // gp3 and io2 go to 65,536 GiB; gp2 stops at 16,384, standard at 1,024
    assertThat(sim.ec2.volumes().create("us-east-1a", VolumeSpec.ofSize(20000).type("gp3")).size())
        .isEqualTo(20000);
    assertThatThrownBy(
            () -> sim.ec2.volumes().create("us-east-1a", VolumeSpec.ofSize(20000).type("gp2")))
        .hasMessageContaining("InvalidParameterValue")
        .hasMessageContaining("1 to 16384");
    assertThatThrownBy(
            () -> sim.ec2.volumes().create("us-east-1a", VolumeSpec.ofSize(2000).type("standard")))
        .hasMessageContaining("1 to 1024");
  }

  @Test
  void ec2s_errors_name_the_resource() {
    Instance i = launch("us-east-1a");
    Volume elsewhere = sim.ec2.volumes().create("us-east-1b", 2);
    sim.clock.advance(Duration.ofSeconds(2));
    assertThatThrownBy(() -> sim.ec2.volumes().attach(elsewhere.volumeId(), i, "/dev/sdf"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidVolume.ZoneMismatch");
              assertThat(e.errorMessage()).contains(elsewhere.volumeId(), i.instanceId());
            });
    Volume here = sim.ec2.volumes().create("us-east-1a", 2);
    Volume other = sim.ec2.volumes().create("us-east-1a", 2);
    sim.clock.advance(Duration.ofSeconds(2));
    sim.ec2.volumes().attach(here.volumeId(), i, "/dev/sdf");
    assertThatThrownBy(() -> sim.ec2.volumes().attach(other.volumeId(), i, "/dev/sdf"))
        .hasMessageStartingWith("InvalidParameterValue")
        .hasMessageContaining("/dev/sdf");
    assertThatThrownBy(() -> sim.ec2.volumes().attach(here.volumeId(), i, "/dev/sdg"))
        .hasMessageStartingWith("VolumeInUse");
    assertThatThrownBy(() -> sim.ec2.volumes().detach(other.volumeId(), null, null, false))
        .hasMessageStartingWith("IncorrectState");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .volumes()
                    .detach(i.blockDeviceMappings().get(0).volumeId(), null, null, false))
        .hasMessageStartingWith("OperationNotPermitted");
    assertThatThrownBy(() -> sim.ec2.volumes().describe("vol-0123456789abcdef0"))
        .hasMessageStartingWith("InvalidVolume.NotFound");
    assertThatThrownBy(() -> sim.ec2.snapshots().delete("snap-0123456789abcdef0"))
        .hasMessageStartingWith("InvalidSnapshot.NotFound");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .volumes()
                    .create("us-east-1a", VolumeSpec.fromSnapshot("snap-0123456789abcdef0")))
        .hasMessageStartingWith("InvalidSnapshot.NotFound");
  }

  @Test
  void a_device_freed_by_a_detach_can_be_used_again() {
    Instance i = launch("us-east-1a");
    Volume first = sim.ec2.volumes().create("us-east-1a", 1);
    Volume second = sim.ec2.volumes().create("us-east-1a", 1);
    sim.clock.advance(Duration.ofSeconds(2));
    sim.ec2.volumes().attach(first.volumeId(), i, "/dev/sdf");
    sim.ec2.volumes().detach(first.volumeId(), i.instanceId(), "/dev/sdf", false);
    assertThatThrownBy(() -> sim.ec2.volumes().attach(second.volumeId(), i, "/dev/sdf"))
        .hasMessageStartingWith("InvalidParameterValue"); // still detaching
    sim.clock.advance(Duration.ofSeconds(2));
    assertThat(sim.ec2.volumes().attach(second.volumeId(), i, "/dev/sdf").device())
        .isEqualTo("/dev/sdf");
  }

  @Test
  void a_snapshot_behind_a_registered_image_cannot_be_deleted_and_the_image_launches() {
    Volume v = sim.ec2.volumes().create("us-east-1a", 8);
    sim.clock.advance(Duration.ofSeconds(2));
    Snapshot s = sim.ec2.snapshots().create(v.volumeId(), "root");
    sim.clock.advance(Duration.ofSeconds(2));
    String ami =
        sim.ec2
            .images()
            .register(
                ImageRegistration.ebs("my-ebs-image", "/dev/xvda")
                    .architecture("x86_64")
                    .virtualizationType("hvm")
                    .blockDevice(BlockDeviceMapping.ebs("/dev/xvda", s.snapshotId(), 0))
                    .build());
    assertThat(sim.ec2.images().find(ami).orElseThrow().blockDeviceMappings())
        .singleElement()
        .satisfies(b -> assertThat(b.volumeSize()).isEqualTo(8));
    assertThatThrownBy(() -> sim.ec2.snapshots().delete(s.snapshotId()))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidSnapshot.InUse");
              assertThat(e.errorMessage()).contains(s.snapshotId(), ami);
            });
    sim.clock.advance(Duration.ofSeconds(2));
    Instance i = sim.ec2.instances().run(ami, 1, 1).get(0);
    Volume root =
        sim.ec2
            .volumes()
            .describe(Map.of("attachment.instance-id", List.of(i.instanceId())))
            .get(0);
    assertThat(root.snapshotId()).isEqualTo(s.snapshotId());
    assertThat(root.size()).isEqualTo(8);
    sim.ec2.instances().terminate(List.of(i));
    sim.clock.advance(Duration.ofSeconds(2));
    assertThat(sim.ec2.instances().find(i.instanceId()).orElseThrow().state())
        .isEqualTo(InstanceState.TERMINATED);
    assertThat(sim.ec2.volumes().describe(Map.of("volume-id", List.of(root.volumeId())))).isEmpty();
    sim.ec2.images().deregister(ami);
    sim.ec2.snapshots().delete(s.snapshotId());
  }
}
