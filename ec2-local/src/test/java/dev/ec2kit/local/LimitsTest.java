package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RetryPolicy;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The emulator's resources are bounded: live instances have a ceiling checked before anything is
 * made, SSH listens exactly while an instance is pending or running, and terminated instances are
 * capped in number.
 */
@Order(7)
@SharesSandboxes // its SSH test launches an instance, a sandbox as root
class LimitsTest {
  private static Ec2 client(Ec2Local local, String region) {
    return Ec2.builder().identity(local.identity(region)).retryPolicy(RetryPolicy.none()).build();
  }

  private static String linux(Ec2 ec2) {
    return ec2.images()
        .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  /** The SSH banner at the instance's address, or the exception that refused it. */
  private static String banner(String ip, int port) throws Exception {
    return SshBanner.at(new InetSocketAddress(ip, port));
  }

  @Test
  void
      twenty_thousand_launch_attempts_across_regions_leave_it_answering_and_every_running_instance_on_ssh()
          throws Exception {
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .sandbox(SandboxMode.OFF) // 1,500 directories: SSH's limits, not sandboxes', are tested
            .maxInstances(1500)
            .log(null)
            .build()
            .start()) {
      Ec2 first = client(local, "us-east-1");
      List<String> regions =
          first.regions().describe().stream().map(r -> r.regionName()).limit(20).toList();
      assertThat(regions).hasSize(20);
      int launched = 0;
      int refused = 0;
      for (String region : regions) {
        Ec2 ec2 = client(local, region);
        try {
          launched += ec2.instances().run(linux(ec2), 1, 1000).size();
        } catch (Ec2Exception e) {
          assertThat(e.code()).isEqualTo("InstanceLimitExceeded");
          assertThat(e.getMessage()).contains("--max-instances");
          refused++;
        }
      }
      assertThat(launched).isEqualTo(1500);
      assertThat(refused).isEqualTo(18);
      assertThat(local.liveInstances()).isEqualTo(1500);
      List<String> ips = new ArrayList<>();
      for (String region : regions) {
        for (Instance i : client(local, region).instances().describe()) {
          assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
          ips.add(i.publicIpAddress());
        }
      }
      assertThat(ips).hasSize(1500).doesNotHaveDuplicates();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<String>> banners = new ArrayList<>();
        for (String ip : ips) {
          banners.add(pool.submit(() -> banner(ip, local.sshPort())));
        }
        for (Future<String> b : banners) {
          assertThat(b.get()).startsWith("SSH-2.0");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(first.regions().describe()).isNotEmpty();
      assertThat(local.internalErrors()).isZero();
    }
  }

  @Test
  void the_ceiling_refuses_a_launch_before_anything_is_made() {
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .ssh(false)
            .maxInstances(5)
            .build()
            .start()) {
      Ec2 ec2 = client(local, "us-east-1");
      String ami = linux(ec2);
      assertThat(ec2.instances().run(ami, 1, 4)).hasSize(4);
      assertThatThrownBy(() -> ec2.instances().run(ami, 2, 3))
          .isInstanceOfSatisfying(
              Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InstanceLimitExceeded"));
      assertThat(ec2.instances().describe()).hasSize(4);
      assertThat(ec2.volumes().describe()).hasSize(4); // no root volume made for the refused launch
      assertThat(ec2.instances().run(ami, 1, 3))
          .hasSize(1); // as much as there is room for, at least MinCount
      ec2.instances().terminate(ec2.instances().describe());
      assertThat(local.liveInstances()).isZero();
      assertThat(ec2.instances().run(ami, 5, 5)).hasSize(5);
    }
  }

  @Test
  void ssh_stops_listening_the_moment_an_instance_stops_and_listens_again_when_it_starts()
      throws Exception {
    try (Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ofSeconds(30)).build().start()) {
      Ec2 ec2 = client(local, "us-east-1");
      Instance i = ec2.instances().run(linux(ec2), 1, 1).get(0);
      String ip = i.publicIpAddress();
      assertThat(banner(ip, local.sshPort())).startsWith("SSH-2.0"); // listening while pending
      assertThatThrownBy(() -> ec2.instances().stop(i.instanceId()))
          .isInstanceOfSatisfying(
              Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("IncorrectInstanceState"));
      ec2.instances().terminate(i.instanceId());
      // shutting-down for 30 s more, but SSH is closed now, not at the end of the transition
      assertThat(ec2.instances().find(i.instanceId()).orElseThrow().state())
          .isEqualTo(InstanceState.SHUTTING_DOWN);
      assertThatThrownBy(() -> banner(ip, local.sshPort())).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void stop_closes_ssh_at_once_and_start_opens_it_at_the_new_address() throws Exception {
    try (Sim sim = new Sim(Duration.ofSeconds(3))) {
      Ec2 ec2 = sim.ec2;
      Instance i = ec2.instances().run(linux(ec2), 1, 1).get(0);
      sim.clock.advance(Duration.ofSeconds(5));
      String before = ec2.instances().find(i.instanceId()).orElseThrow().publicIpAddress();
      assertThat(banner(before, sim.local.sshPort())).startsWith("SSH-2.0");
      ec2.instances().stop(i.instanceId());
      assertThatThrownBy(() -> banner(before, sim.local.sshPort()))
          .isInstanceOf(ConnectException.class);
      sim.clock.advance(Duration.ofSeconds(5));
      ec2.instances().start(i.instanceId());
      String after = ec2.instances().find(i.instanceId()).orElseThrow().publicIpAddress();
      assertThat(after).isNotEqualTo(before);
      assertThat(banner(after, sim.local.sshPort())).startsWith("SSH-2.0");
    }
  }

  @Test
  void terminated_instances_are_capped_per_region_oldest_forgotten_first() {
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .ssh(false)
            .instanceLimit(1200)
            .build()
            .start()) {
      Ec2 ec2 = client(local, "us-east-1");
      String ami = linux(ec2);
      List<Instance> firstBatch = ec2.instances().run(ami, 600, 600);
      ec2.instances().terminate(firstBatch);
      List<Instance> second = ec2.instances().run(ami, 600, 600);
      ec2.instances().terminate(second);
      List<Instance> terminated =
          ec2.instances().describe(InstanceQuery.builder().allStates().build());
      assertThat(terminated).hasSize(1000).allMatch(i -> i.state() == InstanceState.TERMINATED);
      assertThat(terminated)
          .extracting(Instance::instanceId)
          .containsAll(second.stream().map(Instance::instanceId).toList());
    }
  }
}
