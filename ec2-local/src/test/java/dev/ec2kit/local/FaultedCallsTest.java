package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.SecurityGroup;
import dev.ec2kit.UnknownOutcomeException;
import dev.ec2kit.Volume;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A thousand calls of each kind through the library against the emulator's fault injection (answers
 * dropped after the work was done, 500s, throttling, latency): calls that carry a ClientToken are
 * retried into exactly one result each; calls that do not are never sent twice, and a lost answer
 * is the clear may-have-taken-effect error. Nothing duplicated, nothing lost.
 */
@Order(8)
class FaultedCallsTest {
  private static final int N = 1000;
  private static final String FAULTS =
      "seed=2026,drop=0.1,error=0.05,throttle=0.05,latency=0-1,actions=RunInstances+CreateVolume+AllocateAddress"
          + "+CreateSecurityGroup";

  private static Ec2Local local;
  private static Ec2 ec2;

  /** What became of each call. */
  private static final class Tally {
    int ok;
    int unknown;
    int failed;
    final Set<String> codes = new HashSet<>();

    void run(IntConsumer call) {
      for (int i = 0; i < N; i++) {
        try {
          call.accept(i);
          ok++;
        } catch (UnknownOutcomeException e) {
          assertThat(e.getMessage()).contains("may have taken effect", "check with Describe");
          unknown++;
        } catch (Ec2Exception e) {
          codes.add(e.code());
          failed++;
        }
      }
    }

    @Override
    public String toString() {
      return ok
          + " returned, "
          + unknown
          + " may have taken effect, "
          + failed
          + " failed "
          + codes;
    }
  }

  @BeforeAll
  static void start() {
    local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .ssh(false)
            .instanceLimit(5000)
            .faults(FAULTS)
            .log(null)
            .build()
            .start();
    // Ten attempts, waits skipped: the faults, not the backoff, are what is under test here.
    ec2 =
        Ec2.builder()
            .identity(local.identity("us-east-1"))
            .retryPolicy(RetryPolicy.legacy().withMaxAttempts(10))
            .sleeper(d -> {})
            .build();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void a_thousand_faulted_launches_make_exactly_a_thousand_reservations() {
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    Tally t = new Tally();
    t.run(i -> ec2.instances().run(ami, 1, 1));
    assertThat(t.ok).as(t.toString()).isEqualTo(N);
    List<Instance> all = ec2.instances().describe(InstanceQuery.builder().allStates().build());
    assertThat(all).hasSize(N);
    assertThat(all.stream().map(Instance::reservationId).distinct()).hasSize(N);
    System.out.println("FaultedCallsTest RunInstances: " + t);
  }

  @Test
  void a_thousand_faulted_volume_creations_make_exactly_a_thousand_volumes() {
    Tally t = new Tally();
    Set<String> ids = new HashSet<>();
    t.run(i -> ids.add(ec2.volumes().create("us-east-1a", 1).volumeId()));
    assertThat(t.ok).as(t.toString()).isEqualTo(N);
    List<Volume> volumes =
        ec2.volumes().describe().stream()
            .filter(v -> v.size() == 1 && v.attachments().isEmpty())
            .toList();
    assertThat(volumes).hasSize(N);
    assertThat(ids).hasSize(N);
    System.out.println("FaultedCallsTest CreateVolume: " + t);
  }

  @Test
  void a_thousand_faulted_address_allocations_never_allocate_twice() {
    Tally t = new Tally();
    t.run(i -> ec2.addresses().allocate());
    assertThat(t.unknown).as(t.toString()).isPositive();
    assertThat(t.codes).isSubsetOf("InternalError");
    // every success and every lost answer is one address; nothing else was made
    assertThat(ec2.addresses().describe()).hasSize(t.ok + t.unknown);
    System.out.println("FaultedCallsTest AllocateAddress: " + t);
  }

  @Test
  void a_thousand_faulted_group_creations_never_create_twice() {
    Tally t = new Tally();
    t.run(i -> ec2.securityGroups().create("faulted-" + i, "group " + i));
    assertThat(t.unknown).as(t.toString()).isPositive();
    assertThat(t.codes).isSubsetOf("InternalError");
    List<SecurityGroup> made =
        ec2.securityGroups().describe().stream()
            .filter(g -> g.groupName().startsWith("faulted-"))
            .toList();
    assertThat(made).hasSize(t.ok + t.unknown);
    System.out.println("FaultedCallsTest CreateSecurityGroup: " + t);
  }
}
