package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An emulator with a state directory killed after it kept an instance as shutting down or
 * terminated, before that instance's files went, removes them when it starts again (the state is
 * kept before the removal runs; without its redo they stayed forever).
 */
class KeptInstanceEndsTest {
  @TempDir Path dir;

  private Ec2Local start(Path state) {
    return Ec2Local.builder()
        .port(0)
        .sshPort(0)
        .sandbox(SandboxMode.OFF)
        .transition(Duration.ZERO)
        .state(state)
        .log(null)
        .build()
        .start();
  }

  @Test
  void a_terminated_instance_s_files_left_by_a_killed_emulator_go_at_the_next_start()
      throws Exception {
    Path state = dir.resolve("world");
    String id;
    try (Ec2Local local = start(state)) {
      Ec2 ec2 = Ec2.builder().identity(local.identity("eu-west-1")).build();
      String ami =
          ec2.images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      id = ec2.instances().run(ami, 1, 1).get(0).instanceId();
      ec2.instances().terminate(id);
      assertThat(ec2.instances().find(id).orElseThrow().state())
          .isEqualTo(InstanceState.TERMINATED);
    }
    // what a kill between keeping the state and removing the files leaves
    Path left = Files.createDirectories(state.resolve("instances").resolve(id).resolve("home"));
    Files.writeString(left.resolve("data"), "left");
    try (Ec2Local local = start(state)) {
      Ec2 ec2 = Ec2.builder().identity(local.identity("eu-west-1")).build();
      assertThat(ec2.instances().find(id).orElseThrow().state())
          .isEqualTo(InstanceState.TERMINATED);
      assertThat(state.resolve("instances").resolve(id)).doesNotExist();
    }
  }
}
