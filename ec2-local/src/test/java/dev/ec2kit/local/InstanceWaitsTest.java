package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceWaitException;
import dev.ec2kit.WaitOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for instances' states through our client against the emulator, on a simulated clock. */
class InstanceWaitsTest {
  private Sim sim;

  @AfterEach
  void close() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void waiting_for_fifty_instances_makes_one_call_per_poll() {
    sim = new Sim(Duration.ofSeconds(9));
    List<Instance> fifty = sim.ec2.instances().run(sim.ami(), 50, 50);
    long before = sim.count("DescribeInstances");
    List<Instance> running =
        sim.ec2.instances().waitFor(fifty, InstanceState.RUNNING, WaitOptions.defaults());
    long polls = sim.count("DescribeInstances") - before;
    assertThat(running).hasSize(50).allMatch(i -> i.state() == InstanceState.RUNNING);
    assertThat(polls)
        .isEqualTo(sim.sleeps.size() + 1)
        .isEqualTo(6); // 0, 2, 4, 6, 8 s pending; 10 s running
  }

  @Test
  void waiting_for_1000_instances_of_two_launches_asks_one_page_of_1000_per_poll() {
    sim = new Sim(Duration.ofSeconds(3));
    String ami = sim.ami();
    List<Instance> all = new java.util.ArrayList<>(sim.ec2.instances().run(ami, 600, 600));
    all.addAll(sim.ec2.instances().run(ami, 400, 400));
    long before = sim.count("DescribeInstances");
    List<Instance> running =
        sim.ec2.instances().waitFor(all, InstanceState.RUNNING, WaitOptions.defaults());
    assertThat(running).hasSize(1000).allMatch(i -> i.state() == InstanceState.RUNNING);
    long polls = sim.sleeps.size() + 1;
    assertThat(polls).isEqualTo(3); // 0, 2 s pending; 4 s running
    assertThat(sim.count("DescribeInstances") - before).isEqualTo(polls); // not 1000/200 = 5 a poll

    // Named by id only: the first poll asks 200 ids a call, later ones by the reservations seen.
    sim.sleeps.clear();
    List<String> ids = all.stream().map(Instance::instanceId).toList();
    sim.ec2.instances().stop(ids.toArray(String[]::new));
    before = sim.count("DescribeInstances");
    assertThat(sim.ec2.instances().waitForIds(ids, InstanceState.STOPPED, WaitOptions.defaults()))
        .hasSize(1000)
        .allMatch(i -> i.state() == InstanceState.STOPPED);
    assertThat(sim.sleeps).isNotEmpty();
    assertThat(sim.count("DescribeInstances") - before)
        .isEqualTo(5 + sim.sleeps.size()); // 1000/200, then one a poll
  }

  @Test
  void waiting_backs_off_and_times_out_saying_which_instances_did_not_make_it() {
    sim = new Sim(Duration.ofMinutes(30));
    List<Instance> two = sim.ec2.instances().run(sim.ami(), 2, 2);
    WaitOptions o =
        WaitOptions.defaults().backoff(2.0, Duration.ofSeconds(10)).timeout(Duration.ofSeconds(60));
    assertThatThrownBy(() -> sim.ec2.instances().waitFor(two, InstanceState.RUNNING, o))
        .isInstanceOfSatisfying(
            InstanceWaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InstanceWaitException.Reason.TIMEOUT);
              assertThat(e.reached()).isEmpty();
              assertThat(e.notReached())
                  .containsOnlyKeys(two.get(0).instanceId(), two.get(1).instanceId())
                  .containsValues(InstanceState.PENDING);
              assertThat(e.getMessage())
                  .contains("timed out waiting for running", two.get(0).instanceId(), "pending");
            });
    assertThat(sim.sleeps)
        .startsWith(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
  }

  @Test
  void waiting_for_running_on_a_terminated_instance_fails_fast() {
    sim = new Sim(Duration.ZERO);
    List<Instance> two = sim.ec2.instances().run(sim.ami(), 2, 2);
    sim.ec2.instances().terminate(two.subList(1, 2));
    assertThatThrownBy(
            () -> sim.ec2.instances().waitFor(two, InstanceState.RUNNING, WaitOptions.defaults()))
        .isInstanceOfSatisfying(
            InstanceWaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InstanceWaitException.Reason.UNREACHABLE_STATE);
              assertThat(e.reached())
                  .extracting(Instance::instanceId)
                  .containsExactly(two.get(0).instanceId());
              assertThat(e.notReached())
                  .containsEntry(two.get(1).instanceId(), InstanceState.TERMINATED);
            });
    assertThat(sim.sleeps).isEmpty();
  }

  @Test
  void an_instance_not_visible_yet_is_waited_for_not_failed() {
    sim = new Sim(Duration.ZERO);
    Instance real = sim.ec2.instances().run(sim.ami(), 1, 1).get(0);
    Instance notYet =
        new Instance(
            "i-0123456789abcdef0",
            real.imageId(),
            InstanceState.PENDING,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            List.of(),
            java.util.Map.of(),
            null,
            real.identity());
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .waitFor(
                        List.of(real, notYet),
                        InstanceState.RUNNING,
                        WaitOptions.defaults().timeout(Duration.ofSeconds(6))))
        .isInstanceOfSatisfying(
            InstanceWaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InstanceWaitException.Reason.TIMEOUT);
              assertThat(e.notReached()).containsEntry("i-0123456789abcdef0", null);
              assertThat(e.getMessage()).contains("i-0123456789abcdef0 not visible yet");
            });
  }
}
