package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Operations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a ClientToken counts, on the emulator's clock (moved by the test, never slept): as EC2
 * documents, at least 24 hours after its call, and for RunInstances at least 24 hours after its
 * instances' termination; a repeat meanwhile answers the first call's instances, terminated, also
 * after DescribeInstances has forgotten them (an hour after). After that the token is a new one.
 * Kept with its time across a restart on a state directory.
 */
class ClientTokenLifeTest {
  @TempDir Path dir;

  private static Object field(Object structure, String name) {
    return ((Map<?, ?>) structure).get(name);
  }

  private static List<?> list(Object o) {
    return (List<?>) o;
  }

  private static List<Object> ids(Map<String, Object> reservation) {
    return list(reservation.get("Instances")).stream()
        .map(i -> field(i, "InstanceId"))
        .map(Object.class::cast)
        .toList();
  }

  private static List<Object> states(Map<String, Object> reservation) {
    return list(reservation.get("Instances")).stream()
        .map(i -> field(field(i, "State"), "Name"))
        .map(Object.class::cast)
        .toList();
  }

  private static int described(Operations ops) {
    return list(ops.call("DescribeInstances", Map.of()).get("Reservations")).stream()
        .mapToInt(r -> list(field(r, "Instances")).size())
        .sum();
  }

  @Test
  void a_volume_token_counts_for_24_hours_then_makes_a_new_volume() {
    try (Sim sim = new Sim(Duration.ZERO)) {
      Operations ops = sim.ec2.operations();
      Map<String, Object> params =
          Map.of("AvailabilityZone", "us-east-1a", "Size", 2, "ClientToken", "vol-day");
      Object first = ops.call("CreateVolume", params).get("VolumeId");
      sim.clock.advance(Duration.ofHours(24).minusSeconds(1));
      assertThat(ops.call("CreateVolume", params).get("VolumeId")).isEqualTo(first);
      assertThatThrownBy(
              () ->
                  ops.call(
                      "CreateVolume",
                      Map.of(
                          "AvailabilityZone", "us-east-1a", "Size", 3, "ClientToken", "vol-day")))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> assertThat(e.code()).isEqualTo("IdempotentParameterMismatch"));
      sim.clock.advance(Duration.ofSeconds(1));
      Object second = ops.call("CreateVolume", params).get("VolumeId");
      assertThat(second).isNotEqualTo(first);
      // the token now names the new volume, for a day from its call
      assertThat(ops.call("CreateVolume", params).get("VolumeId")).isEqualTo(second);
    }
  }

  @Test
  void a_run_instances_token_counts_while_its_instances_live_and_24_hours_after_they_end() {
    try (Sim sim = new Sim(Duration.ZERO)) {
      Operations ops = sim.ec2.operations();
      Map<String, Object> params =
          Map.of("ImageId", sim.ami(), "MinCount", 2, "MaxCount", 2, "ClientToken", "run-long");
      Map<String, Object> first = ops.call("RunInstances", params);
      List<Object> ids = ids(first);
      // running three days: a repeat is still the same reservation, nothing new
      sim.clock.advance(Duration.ofDays(3));
      Map<String, Object> later = ops.call("RunInstances", params);
      assertThat(later.get("ReservationId")).isEqualTo(first.get("ReservationId"));
      assertThat(ids(later)).isEqualTo(ids);
      assertThat(described(ops)).isEqualTo(2);
      // terminated at day 3 + 6 h: the token now counts until a day after that, past day 4 (when
      // it was looked at last, running, it was to be looked at again)
      sim.clock.advance(Duration.ofHours(6));
      ops.call("TerminateInstances", Map.of("InstanceIds", ids));
      sim.clock.advance(Duration.ofSeconds(1)); // shutting-down to terminated
      assertThat(described(ops)).isEqualTo(2);
      // two hours on, Describe has forgotten them; a repeat answers them, terminated
      sim.clock.advance(Duration.ofHours(2));
      assertThat(described(ops)).isZero();
      Map<String, Object> gone = ops.call("RunInstances", params);
      assertThat(gone.get("ReservationId")).isEqualTo(first.get("ReservationId"));
      assertThat(ids(gone)).isEqualTo(ids);
      assertThat(states(gone)).containsOnly("terminated");
      assertThat(described(ops)).isZero();
      assertThatThrownBy(
              () ->
                  ops.call(
                      "RunInstances",
                      Map.of(
                          "ImageId",
                          sim.ami(),
                          "MinCount",
                          1,
                          "MaxCount",
                          1,
                          "ClientToken",
                          "run-long")))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> assertThat(e.code()).isEqualTo("IdempotentParameterMismatch"));
      // a second short of a day after they ended (day 4 + 6 h - 1 s): still the same answer
      sim.clock.advance(Duration.ofHours(22).minusSeconds(2));
      Map<String, Object> last = ops.call("RunInstances", params);
      assertThat(last.get("ReservationId")).isEqualTo(first.get("ReservationId"));
      assertThat(states(last)).containsOnly("terminated");
      // a day after they ended: the token is new, and launches
      sim.clock.advance(Duration.ofSeconds(1));
      Map<String, Object> fresh = ops.call("RunInstances", params);
      assertThat(fresh.get("ReservationId")).isNotEqualTo(first.get("ReservationId"));
      assertThat(ids(fresh)).doesNotContainAnyElementsOf(ids);
      assertThat(described(ops)).isEqualTo(2);
    }
  }

  /**
   * Forgotten instances are kept for their tokens' repeats up to a bound (2000 in all): beyond it
   * the oldest token keeping any is let go of, and its repeat launches anew, as after an expired
   * token; the later tokens still answer all their instances, terminated.
   */
  @Test
  void forgotten_instances_are_kept_for_repeats_up_to_a_bound_the_oldest_token_let_go_first() {
    try (Sim sim = new Sim(Duration.ZERO)) {
      Operations ops = sim.ec2.operations();
      List<Map<String, Object>> params = new java.util.ArrayList<>();
      List<Map<String, Object>> firsts = new java.util.ArrayList<>();
      for (String token : List.of("bound-a", "bound-b", "bound-c")) {
        Map<String, Object> p =
            Map.of("ImageId", sim.ami(), "MinCount", 1000, "MaxCount", 1000, "ClientToken", token);
        Map<String, Object> first = ops.call("RunInstances", p);
        ops.call("TerminateInstances", Map.of("InstanceIds", ids(first)));
        sim.clock.advance(Duration.ofSeconds(1)); // shutting-down to terminated
        assertThat(described(ops)).isEqualTo(1000);
        params.add(p);
        firsts.add(first);
      }
      sim.clock.advance(Duration.ofHours(2));
      assertThat(described(ops)).isZero();
      for (int i = 1; i < 3; i++) {
        Map<String, Object> again = ops.call("RunInstances", params.get(i));
        assertThat(again.get("ReservationId")).isEqualTo(firsts.get(i).get("ReservationId"));
        assertThat(ids(again)).isEqualTo(ids(firsts.get(i)));
        assertThat(states(again)).hasSize(1000).containsOnly("terminated");
      }
      assertThat(described(ops)).isZero();
      Map<String, Object> fresh = ops.call("RunInstances", params.get(0));
      assertThat(fresh.get("ReservationId")).isNotEqualTo(firsts.get(0).get("ReservationId"));
      assertThat(ids(fresh)).doesNotContainAnyElementsOf(ids(firsts.get(0)));
      assertThat(described(ops)).isEqualTo(1000);
    }
  }

  /** The bound never lets go of a token whose reservation still has an instance shown. */
  @Test
  void the_bound_keeps_the_token_of_a_reservation_with_a_live_instance() {
    try (Sim sim = new Sim(Duration.ZERO)) {
      Operations ops = sim.ec2.operations();
      Map<String, Object> kept =
          Map.of("ImageId", sim.ami(), "MinCount", 2, "MaxCount", 2, "ClientToken", "live-a");
      Map<String, Object> first = ops.call("RunInstances", kept);
      ops.call("TerminateInstances", Map.of("InstanceIds", List.of(ids(first).get(0))));
      sim.clock.advance(Duration.ofSeconds(1));
      for (String token : List.of("live-b", "live-c", "live-d")) {
        Map<String, Object> p = // 999: beside the live one, within the limit of 1000
            Map.of("ImageId", sim.ami(), "MinCount", 999, "MaxCount", 999, "ClientToken", token);
        ops.call("TerminateInstances", Map.of("InstanceIds", ids(ops.call("RunInstances", p))));
        sim.clock.advance(Duration.ofSeconds(1));
        described(ops); // a call: shutting-down to terminated now
      }
      sim.clock.advance(Duration.ofHours(2)); // 2998 forgotten: past the bound of 2000
      assertThat(described(ops)).isEqualTo(1);
      Map<String, Object> again = ops.call("RunInstances", kept);
      assertThat(again.get("ReservationId")).isEqualTo(first.get("ReservationId"));
      assertThat(ids(again)).isEqualTo(ids(first));
      assertThat(states(again)).containsExactly("terminated", "running");
    }
  }

  @Test
  void a_token_is_kept_with_its_time_across_a_restart() {
    Sim.MutableClock clock = new Sim.MutableClock();
    Path state = dir.resolve("world");
    Map<String, Object> params =
        Map.of("AvailabilityZone", "eu-west-1a", "Size", 1, "ClientToken", "kept-day");
    Object first;
    try (Ec2Local local = start(state, clock)) {
      first = client(local, clock).operations().call("CreateVolume", params).get("VolumeId");
    }
    clock.advance(Duration.ofHours(23));
    try (Ec2Local local = start(state, clock)) {
      assertThat(client(local, clock).operations().call("CreateVolume", params).get("VolumeId"))
          .isEqualTo(first);
    }
    clock.advance(Duration.ofHours(1));
    try (Ec2Local local = start(state, clock)) {
      assertThat(client(local, clock).operations().call("CreateVolume", params).get("VolumeId"))
          .isNotEqualTo(first);
    }
  }

  @Test
  void a_launch_token_keeps_its_forgotten_instances_across_a_restart() {
    Sim.MutableClock clock = new Sim.MutableClock();
    Path state = dir.resolve("forgotten");
    Map<String, Object> params;
    Map<String, Object> first;
    try (Ec2Local local = start(state, clock)) {
      Ec2 ec2 = client(local, clock);
      String ami =
          ec2.images()
              .describe(
                  dev.ec2kit.ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      params = Map.of("ImageId", ami, "MinCount", 2, "MaxCount", 2, "ClientToken", "kept-run");
      first = ec2.operations().call("RunInstances", params);
      ec2.operations().call("TerminateInstances", Map.of("InstanceIds", ids(first)));
      clock.advance(Duration.ofSeconds(1));
      assertThat(described(ec2.operations())).isEqualTo(2);
      clock.advance(Duration.ofHours(2));
      assertThat(described(ec2.operations())).isZero();
      ec2.keyPairs().create("saved-after-forgetting"); // a change: the region is written again
    }
    try (Ec2Local local = start(state, clock)) {
      Operations ops = client(local, clock).operations();
      Map<String, Object> again = ops.call("RunInstances", params);
      assertThat(again.get("ReservationId")).isEqualTo(first.get("ReservationId"));
      assertThat(ids(again)).isEqualTo(ids(first));
      assertThat(states(again)).containsOnly("terminated");
      assertThat(described(ops)).isZero();
    }
  }

  private static Ec2Local start(Path state, Sim.MutableClock clock) {
    return Ec2Local.builder()
        .port(0)
        .ssh(false)
        .clock(clock)
        .transition(Duration.ZERO)
        .state(state)
        .log(null)
        .build()
        .start();
  }

  /** A client signing on the emulator's clock (a day on, the machine's would be refused). */
  private static Ec2 client(Ec2Local local, Sim.MutableClock clock) {
    return Ec2.builder().identity(local.identity("eu-west-1")).clock(clock).build();
  }
}
