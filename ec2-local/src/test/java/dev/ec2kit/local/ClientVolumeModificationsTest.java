package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Volume;
import dev.ec2kit.VolumeChange;
import dev.ec2kit.VolumeModification;
import dev.ec2kit.VolumeModificationState;
import dev.ec2kit.VolumeSpec;
import dev.ec2kit.VolumeState;
import dev.ec2kit.WaitException;
import dev.ec2kit.WaitOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library's volume modifications (ec2.volumes().modify, describeModifications,
 * waitForModifications) against the emulator, on a simulated clock.
 */
class ClientVolumeModificationsTest {
  private final Sim sim = new Sim(Duration.ofSeconds(2));

  @AfterEach
  void close() {
    sim.close();
  }

  private String availableVolume(VolumeSpec spec) {
    Volume v = sim.ec2.volumes().create("us-east-1a", spec);
    sim.ec2.volumes().waitFor(List.of(v.volumeId()), VolumeState.AVAILABLE, WaitOptions.defaults());
    return v.volumeId();
  }

  @Test
  void a_volume_grows_and_changes_type_and_the_waiter_returns_once_the_new_size_is_in_use() {
    String id = availableVolume(VolumeSpec.ofSize(8).type("gp2"));

    VolumeModification started =
        sim.ec2
            .volumes()
            .modify(id, VolumeChange.ofSize(20).type("gp3").iops(4000).throughput(250));
    assertThat(started.modificationState()).isEqualTo(VolumeModificationState.MODIFYING);
    assertThat(started.originalSize()).isEqualTo(8);
    assertThat(started.targetSize()).isEqualTo(20);
    assertThat(started.originalVolumeType()).isEqualTo("gp2");
    assertThat(started.targetVolumeType()).isEqualTo("gp3");
    assertThat(started.targetIops()).isEqualTo(4000);
    assertThat(started.targetThroughput()).isEqualTo(250);
    assertThat(started.toString()).contains(id, "modifying", "8=>20 GiB", "gp2=>gp3");

    List<VolumeModification> done =
        sim.ec2
            .volumes()
            .waitForModifications(
                List.of(id), WaitOptions.defaults().interval(Duration.ofSeconds(1)));
    assertThat(done)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.volumeId()).isEqualTo(id);
              assertThat(m.modificationState())
                  .isIn(VolumeModificationState.OPTIMIZING, VolumeModificationState.COMPLETED);
            });
    Volume after = sim.ec2.volumes().describe(id).get(0);
    assertThat(after.size()).isEqualTo(20);
    assertThat(after.volumeType()).isEqualTo("gp3");
    assertThat(after.iops()).isEqualTo(4000);

    sim.clock.advance(Duration.ofSeconds(10));
    assertThat(sim.ec2.volumes().describeModifications(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.modificationState()).isEqualTo(VolumeModificationState.COMPLETED);
              assertThat(m.progress()).isEqualTo(100);
              assertThat(m.endTime()).isNotNull();
            });
    assertThat(sim.ec2.volumes().describeModifications())
        .extracting("volumeId")
        .containsExactly(id);
  }

  @Test
  void ec2s_refusals_come_back_with_its_codes() {
    String id = availableVolume(VolumeSpec.ofSize(8));
    assertThatThrownBy(() -> sim.ec2.volumes().modify(id, VolumeChange.ofSize(4)))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    sim.ec2.volumes().modify(id, VolumeChange.ofSize(9));
    assertThatThrownBy(() -> sim.ec2.volumes().modify(id, VolumeChange.ofSize(10)))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("IncorrectModificationState"));
    String never = availableVolume(VolumeSpec.ofSize(1));
    assertThatThrownBy(() -> sim.ec2.volumes().describeModifications(never))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.code()).isEqualTo("InvalidVolumeModification.NotFound"));
  }

  @Test
  void a_wait_for_a_volume_never_modified_times_out_naming_it() {
    String id = availableVolume(VolumeSpec.ofSize(1));
    assertThatThrownBy(
            () ->
                sim.ec2
                    .volumes()
                    .waitForModifications(
                        List.of(id), WaitOptions.defaults().timeout(Duration.ofSeconds(10))))
        .isInstanceOfSatisfying(
            WaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WaitException.Reason.TIMEOUT);
              assertThat(e.getMessage()).contains(id, "optimizing");
            });
  }

  @Test
  void misuse_is_refused_before_anything_is_sent() {
    long before = sim.actions.size();
    assertThatThrownBy(() -> new VolumeChange(null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give a size, type, iops or throughput");
    assertThatThrownBy(() -> VolumeChange.ofSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sizeGiB must be 1 to 65536");
    assertThatThrownBy(() -> VolumeChange.ofType("gp4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("volumeType 'gp4'");
    assertThatThrownBy(() -> VolumeChange.ofType("st1").throughput(250))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("throughput applies to gp3");
    assertThatThrownBy(() -> VolumeChange.ofType("gp2").iops(3000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iops apply to gp3, io1 and io2");
    assertThatThrownBy(() -> sim.ec2.volumes().modify("vol-1", VolumeChange.ofSize(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("volumeId 'vol-1'");
    assertThatThrownBy(() -> sim.ec2.volumes().modify("vol-0123456789abcdef0", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("change");
    assertThatThrownBy(() -> sim.ec2.volumes().describeModifications("snap-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sim.actions).hasSize((int) before);
  }
}
