package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.ConsoleOutput;
import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceStatus;
import dev.ec2kit.RunOptions;
import dev.ec2kit.StateChange;
import dev.ec2kit.Transport;
import dev.ec2kit.WaitOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instances through our client against the emulator, on a simulated clock. */
class InstancesTest {
  private Sim sim;

  @AfterEach
  void close() {
    if (sim != null) {
      sim.close();
    }
  }

  private static String image(Ec2 ec2, String namePattern) {
    return ec2.images()
        .describe(ImageQuery.builder().filter("name", namePattern).build())
        .get(0)
        .imageId();
  }

  private static String linux(Ec2 ec2) {
    return image(ec2, "al2023-ami-*-x86_64");
  }

  @Test
  void run_two_with_wait_and_verbose_as_the_manual_shows() {
    sim = new Sim(Duration.ofSeconds(10));
    List<String> lines = new ArrayList<>();
    List<Instance> instances =
        sim.ec2
            .instances()
            .run(
                linux(sim.ec2),
                2,
                2,
                RunOptions.builder().waitUntilRunning().verbose(lines::add).build());
    assertThat(instances)
        .hasSize(2)
        .allSatisfy(
            i -> {
              assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
              assertThat(i.state().code()).isEqualTo(16);
              assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
              assertThat(i.reservationId()).matches("r-[0-9a-f]{17}");
              assertThat(i.instanceType()).isEqualTo(RunOptions.DEFAULT_INSTANCE_TYPE);
              assertThat(i.availabilityZone()).startsWith("us-east-1");
              assertThat(i.ownerId()).isEqualTo(Ec2Local.DEFAULT_ACCOUNT);
              assertThat(i.publicDnsName())
                  .matches("ec2-127-\\d+-\\d+-\\d+\\.compute-1\\.amazonaws\\.com");
              assertThat(i.privateDnsName()).endsWith(".ec2.internal");
              assertThat(i.region().name()).isEqualTo("us-east-1");
              assertThat(i.identity()).isEqualTo(sim.ec2.identity());
            });
    assertThat(instances).extracting(Instance::amiLaunchIndex).containsExactlyInAnyOrder(0, 1);
    assertThat(lines)
        .anyMatch(
            l -> l.matches("; waiting for instance i-[0-9a-f]{17} to enter :running state.*"));
    assertThat(sim.sleeps).allMatch(d -> d.equals(Duration.ofSeconds(2)));
  }

  @Test
  void describe_by_default_shows_pending_running_and_shutting_down_only() {
    sim = new Sim(Duration.ofSeconds(5));
    List<Instance> launched = sim.ec2.instances().run(linux(sim.ec2), 3, 3);
    assertThat(launched).allMatch(i -> i.state() == InstanceState.PENDING);
    assertThat(sim.ec2.instances().describe()).hasSize(3);
    List<StateChange> changes = sim.ec2.instances().terminate(launched.subList(0, 1));
    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.currentState()).isEqualTo(InstanceState.SHUTTING_DOWN);
              assertThat(c.previousState()).isEqualTo(InstanceState.PENDING);
            });
    assertThat(sim.ec2.instances().describe()).hasSize(3);
    sim.clock.advance(Duration.ofSeconds(6));
    assertThat(sim.ec2.instances().describe())
        .hasSize(2)
        .allMatch(i -> i.state() == InstanceState.RUNNING);
    assertThat(sim.ec2.instances().describe(InstanceQuery.builder().allStates().build()))
        .hasSize(3);
    Instance gone = sim.ec2.instances().describe(launched.subList(0, 1)).get(0);
    assertThat(gone.state()).isEqualTo(InstanceState.TERMINATED);
    assertThat(gone.stateReason()).contains("User initiated");
    assertThat(gone.publicIpAddress()).isNull();
    sim.clock.advance(Duration.ofHours(2));
    assertThat(sim.ec2.instances().describe(InstanceQuery.builder().allStates().build()))
        .hasSize(2);
  }

  @Test
  void terminate_as_the_manual_prints_it() {
    sim = new Sim(Duration.ZERO);
    List<Instance> instances = sim.ec2.instances().run(linux(sim.ec2), 2, 2);
    List<StateChange> changes = sim.ec2.instances().terminate(instances);
    assertThat(changes)
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.previousState()).isEqualTo(InstanceState.RUNNING);
              assertThat(c.currentState().code()).isIn(32, 48);
            });
    assertThat(sim.ec2.instances().terminate(instances.get(0).instanceId()))
        .singleElement()
        .satisfies(c -> assertThat(c.currentState()).isEqualTo(InstanceState.TERMINATED));
  }

  @Test
  void a_retried_launch_whose_first_answer_was_lost_launches_once() {
    AtomicBoolean lost = new AtomicBoolean();
    Transport jdk = Transport.jdk();
    Transport losing =
        request -> {
          Transport.Response r = jdk.send(request);
          String body = new String(request.body(), StandardCharsets.UTF_8);
          if (body.startsWith("Action=RunInstances") && lost.compareAndSet(false, true)) {
            throw new IOException("connection reset: the answer was lost on the way back");
          }
          return r;
        };
    sim = new Sim(Duration.ZERO, losing);
    List<Instance> launched = sim.ec2.instances().run(linux(sim.ec2), 2, 2);
    assertThat(sim.count("RunInstances")).isEqualTo(2);
    assertThat(sim.ec2.instances().describe())
        .hasSize(2)
        .extracting(Instance::instanceId)
        .containsExactlyInAnyOrderElementsOf(launched.stream().map(Instance::instanceId).toList());
  }

  @Test
  void the_same_client_token_with_other_parameters_is_a_mismatch() {
    sim = new Sim(Duration.ZERO);
    String ami = linux(sim.ec2);
    List<Instance> first =
        sim.ec2.instances().run(ami, 1, 1, RunOptions.builder().clientToken("launch-1").build());
    List<Instance> again =
        sim.ec2.instances().run(ami, 1, 1, RunOptions.builder().clientToken("launch-1").build());
    assertThat(again)
        .extracting(Instance::instanceId)
        .isEqualTo(first.stream().map(Instance::instanceId).toList());
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(
                        ami,
                        1,
                        1,
                        RunOptions.builder()
                            .clientToken("launch-1")
                            .instanceType("t3.small")
                            .build()))
        .isInstanceOf(Ec2Exception.class)
        .hasMessageStartingWith("IdempotentParameterMismatch");
  }

  @Test
  void counts_are_checked_before_anything_is_sent() {
    sim = new Sim(Duration.ZERO);
    assertThatThrownBy(() -> sim.ec2.instances().run("ami-0123456789abcdef0", 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxCount");
    assertThatThrownBy(() -> sim.ec2.instances().run("ami-0123456789abcdef0", 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minCount");
    assertThatThrownBy(() -> sim.ec2.instances().run("fedora-8", 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imageId");
    assertThat(sim.actions).isEmpty();
  }

  @Test
  void run_instances_checks_what_ec2_checks() {
    sim = new Sim(Duration.ZERO);
    String ami = linux(sim.ec2);
    String arm = image(sim.ec2, "al2023-ami-*-arm64");
    assertThatThrownBy(() -> sim.ec2.instances().run("ami-0123456789abcdef0", 1, 1))
        .hasMessageStartingWith("InvalidAMIID.NotFound");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(ami, 1, 1, RunOptions.builder().instanceType("t9.huge").build()))
        .hasMessageStartingWith("InvalidParameterValue")
        .hasMessageContaining("t9.huge");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(arm, 1, 1, RunOptions.builder().instanceType("t3.micro").build()))
        .hasMessageStartingWith("InvalidParameterValue")
        .hasMessageContaining("architecture");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(ami, 1, 1, RunOptions.builder().availabilityZone("us-east-1z").build()))
        .hasMessageStartingWith("InvalidParameterValue")
        .hasMessageContaining("us-east-1z");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(ami, 1, 1, RunOptions.builder().keyName("nosuchkey").build()))
        .hasMessageStartingWith("InvalidKeyPair.NotFound")
        .hasMessageContaining("nosuchkey");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(ami, 1, 1, RunOptions.builder().securityGroup("nosuchgroup").build()))
        .hasMessageStartingWith("InvalidGroup.NotFound");
    assertThat(
            sim.ec2
                .instances()
                .run(
                    arm,
                    1,
                    1,
                    RunOptions.builder()
                        .instanceType("t4g.micro")
                        .availabilityZone("us-east-1c")
                        .tag("Name", "web")
                        .userData("#!/bin/sh\necho hi\n")
                        .build()))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.architecture()).isEqualTo("arm64");
              assertThat(i.availabilityZone()).isEqualTo("us-east-1c");
              assertThat(i.tags()).containsEntry("Name", "web");
              assertThat(i.securityGroups())
                  .extracting(g -> g.groupName())
                  .containsExactly("default");
              assertThat(i.vpcId()).startsWith("vpc-");
              assertThat(i.subnetId()).startsWith("subnet-");
              assertThat(i.rootDeviceType()).isEqualTo("ebs");
              assertThat(i.blockDeviceMappings())
                  .singleElement()
                  .satisfies(b -> assertThat(b.volumeId()).startsWith("vol-"));
            });
  }

  @Test
  void filters_select_by_tag_type_and_zone() {
    sim = new Sim(Duration.ZERO);
    String ami = linux(sim.ec2);
    sim.ec2.instances().run(ami, 2, 2, RunOptions.builder().tag("env", "test").build());
    sim.ec2
        .instances()
        .run(
            ami,
            1,
            1,
            RunOptions.builder()
                .tag("env", "prod")
                .instanceType("t3.small")
                .availabilityZone("us-east-1b")
                .build());
    assertThat(
            sim.ec2.instances().describe(InstanceQuery.builder().filter("tag:env", "test").build()))
        .hasSize(2);
    assertThat(
            sim.ec2
                .instances()
                .describe(InstanceQuery.builder().filter("instance-type", "t3.small").build()))
        .hasSize(1);
    assertThat(
            sim.ec2
                .instances()
                .describe(
                    InstanceQuery.builder().filter("availability-zone", "us-east-1b").build()))
        .singleElement()
        .satisfies(i -> assertThat(i.tags()).containsEntry("env", "prod"));
    assertThat(
            sim.ec2.instances().describe(InstanceQuery.builder().filter("tag-key", "env").build()))
        .hasSize(3);
  }

  @Test
  void stop_and_start_move_through_their_states_and_change_the_public_address() {
    sim = new Sim(Duration.ofSeconds(4));
    Instance i =
        sim.ec2
            .instances()
            .run(linux(sim.ec2), 1, 1, RunOptions.builder().waitUntilRunning().build())
            .get(0);
    String firstIp = i.publicIpAddress();
    assertThat(sim.ec2.instances().stop(List.of(i), false))
        .singleElement()
        .isEqualTo(new StateChange(i.instanceId(), InstanceState.STOPPING, InstanceState.RUNNING));
    Instance stopped =
        sim.ec2.instances().waitFor(i, InstanceState.STOPPED, WaitOptions.defaults());
    assertThat(stopped.publicIpAddress()).isNull();
    assertThat(stopped.dnsName()).isEmpty();
    assertThat(sim.ec2.instances().start(List.of(i)))
        .singleElement()
        .isEqualTo(new StateChange(i.instanceId(), InstanceState.PENDING, InstanceState.STOPPED));
    Instance again = sim.ec2.instances().waitFor(i, InstanceState.RUNNING, WaitOptions.defaults());
    assertThat(again.publicIpAddress()).isNotNull().isNotEqualTo(firstIp);
    assertThat(sim.ec2.instances().start(i.instanceId()))
        .singleElement()
        .isEqualTo(new StateChange(i.instanceId(), InstanceState.RUNNING, InstanceState.RUNNING));
    sim.ec2.instances().terminate(List.of(i));
    assertThatThrownBy(() -> sim.ec2.instances().start(i.instanceId()))
        .hasMessageStartingWith("IncorrectInstanceState");
  }

  @Test
  void an_instance_store_instance_cannot_be_stopped() {
    sim = new Sim(Duration.ZERO);
    Instance i = sim.ec2.instances().run(image(sim.ec2, "fedora-8-*"), 1, 1).get(0);
    assertThat(i.kernelId()).startsWith("aki-");
    assertThat(i.ramdiskId()).startsWith("ari-");
    assertThat(i.rootDeviceType()).isEqualTo("instance-store");
    assertThatThrownBy(() -> sim.ec2.instances().stop(i.instanceId()))
        .hasMessageStartingWith("UnsupportedOperation");
  }

  @Test
  void query_status_gives_the_state_and_a_fresh_copy() {
    sim = new Sim(Duration.ofSeconds(3));
    Instance i = sim.ec2.instances().run(linux(sim.ec2), 1, 1).get(0);
    assertThat(sim.ec2.instances().status(i).state()).isEqualTo(InstanceState.PENDING);
    sim.clock.advance(Duration.ofSeconds(3));
    InstanceStatus s = sim.ec2.instances().status(i);
    assertThat(s.state()).isEqualTo(InstanceState.RUNNING);
    assertThat(s.instance().instanceId()).isEqualTo(i.instanceId());
    assertThat(s.instance().state()).isEqualTo(InstanceState.RUNNING);
    // terminated, then forgotten by EC2 (NotFound for its id): terminated all the same
    sim.ec2.instances().terminate(i.instanceId());
    sim.clock.advance(Duration.ofHours(2));
    assertThat(sim.ec2.instances().status(i).state()).isEqualTo(InstanceState.TERMINATED);
  }

  @Test
  void console_output_grows_as_the_instance_boots_and_restarts_on_reboot() {
    sim = new Sim(Duration.ofSeconds(10));
    Instance i = sim.ec2.instances().run(linux(sim.ec2), 1, 1).get(0);
    ConsoleOutput early = sim.ec2.instances().consoleOutput(i);
    sim.clock.advance(Duration.ofSeconds(5));
    ConsoleOutput half = sim.ec2.instances().consoleOutput(i);
    sim.clock.advance(Duration.ofSeconds(5));
    ConsoleOutput booted = sim.ec2.instances().consoleOutput(i);
    assertThat(early.output()).isEmpty();
    assertThat(half.output()).contains("Linux version").doesNotContain("login:");
    assertThat(booted.output()).startsWith(half.output().substring(0, 40)).contains("login:");
    assertThat(booted.output().length()).isGreaterThan(half.output().length());
    assertThat(booted.timestamp()).isAfter(half.timestamp());
    sim.ec2.instances().reboot(List.of(i));
    assertThat(sim.ec2.instances().status(i).state()).isEqualTo(InstanceState.RUNNING);
    assertThat(sim.ec2.instances().consoleOutput(i.instanceId()).output()).contains("login:");
  }

  @Test
  void unknown_and_malformed_ids_are_ec2s_errors() {
    sim = new Sim(Duration.ZERO);
    assertThatThrownBy(
            () -> sim.ec2.instances().terminate("i-0123456789abcdef0", "i-0123456789abcdef1"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidInstanceID.NotFound");
              assertThat(e.errorMessage()).contains("i-0123456789abcdef0, i-0123456789abcdef1");
            });
    assertThatThrownBy(() -> sim.ec2.instances().find("i-0123456789abcdef0").orElseThrow())
        .hasMessageStartingWith("InvalidInstanceID.NotFound");
  }

  @Test
  void dry_run_launches_nothing() throws Exception {
    sim = new Sim(Duration.ZERO);
    String ami = linux(sim.ec2);
    java.net.http.HttpResponse<String> r =
        Raw.signed(
            sim.local,
            sim.clock.instant(),
            "Action=RunInstances&Version=2016-11-15&ImageId="
                + ami
                + "&MinCount=1&MaxCount=1&DryRun=true");
    assertThat(r.statusCode()).isEqualTo(412);
    assertThat(r.body()).contains("DryRunOperation");
    assertThat(sim.ec2.instances().describe()).isEmpty();
  }

  @Test
  void pages_follow_next_token_and_max_results_is_refused_with_ids() throws Exception {
    sim = new Sim(Duration.ZERO);
    List<Instance> twelve = sim.ec2.instances().run(linux(sim.ec2), 12, 12);
    String first =
        Raw.signed(
                sim.local,
                sim.clock.instant(),
                "Action=DescribeInstances&Version=2016-11-15&MaxResults=5")
            .body();
    assertThat(first.split("<instanceId>").length - 1).isEqualTo(5);
    String token =
        first.substring(first.indexOf("<nextToken>") + 11, first.indexOf("</nextToken>"));
    String second =
        Raw.signed(
                sim.local,
                sim.clock.instant(),
                "Action=DescribeInstances&Version=2016-11-15&MaxResults=5&NextToken=" + token)
            .body();
    assertThat(second.split("<instanceId>").length - 1).isEqualTo(5);
    assertThat(sim.ec2.instances().describe()).hasSize(12);
    String both =
        Raw.signed(
                sim.local,
                sim.clock.instant(),
                "Action=DescribeInstances&Version=2016-11-15&MaxResults=5"
                    + "&InstanceId.1="
                    + twelve.get(0).instanceId())
            .body();
    assertThat(both).contains("InvalidParameterCombination");
  }

  @Test
  void for_each_instance_hands_over_each_page_before_asking_for_the_next() {
    try (Ec2Local local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .instanceLimit(2500)
            .ssh(false)
            .log(null)
            .build()
            .start()) {
      List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
      Transport jdk = Transport.jdk();
      Ec2 ec2 =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .transport(
                  r -> {
                    calls.add(new String(r.body(), StandardCharsets.UTF_8));
                    return jdk.send(r);
                  })
              .build();
      String ami = linux(ec2);
      for (int n : new int[] {1000, 1000, 500}) {
        ec2.instances().run(ami, n, n);
      }
      calls.clear();
      List<Integer> callsMadeWhenSeen = new ArrayList<>();
      java.util.Set<String> ids = new java.util.HashSet<>();
      ec2.instances()
          .forEach(
              InstanceQuery.builder().allStates().build(),
              i -> {
                ids.add(i.instanceId());
                callsMadeWhenSeen.add(calls.size());
              });
      assertThat(ids).hasSize(2500);
      assertThat(calls).hasSize(3).allMatch(c -> c.contains("MaxResults=1000"));
      assertThat(callsMadeWhenSeen.get(0)).isEqualTo(1); // the first page, before the second call
      assertThat(callsMadeWhenSeen.get(1999)).isEqualTo(2);
      assertThat(callsMadeWhenSeen.get(2499)).isEqualTo(3);
    }
  }
}
