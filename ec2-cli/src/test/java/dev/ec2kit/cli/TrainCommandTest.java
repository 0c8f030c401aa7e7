package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ec2 __train}, which {@code ./ec2}'s first run runs once to record the classes the common
 * commands load: its lines run (and succeed) against its own emulator, it leaves no process behind,
 * and an emulator that never says where it is cannot hold it up.
 */
@ExtendWith(Ec2LocalExtension.class)
class TrainCommandTest {
  @Test
  void every_training_line_runs_its_command_to_the_end(Ec2Local local) throws Exception {
    Map<String, Integer> exits = TrainCommand.train(local.endpoint().toString());

    assertThat(exits)
        .containsKeys(
            "describe-regions --output table",
            "describe-instances --output json",
            "describe-snapshots --output text",
            "describe-images --owner amazon",
            "find-region-by-name us-east",
            "describe-regions --help",
            "describe-vpcs --output text",
            "describe-subnets --filters Name=vpc-id,Values=vpc-1 --query Subnets[]");
    assertThat(exits).hasSize(3 * 8 + 3 + 2 + 2);
    // the one line that trains the AWS CLI's error path: EC2's not-found, exited as the AWS CLI
    assertThat(exits.remove("describe-vpcs --vpc-ids vpc-1")).isEqualTo(AwsCli.EXIT_SERVICE);
    assertThat(exits).allSatisfy((line, exit) -> assertThat(exit).as(line).isZero());
  }

  @Test
  void train_runs_against_its_own_emulator_and_stops_it() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = Main.run(new String[] {"__train"}, new PrintWriter(out), new PrintWriter(err));

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEmpty();
    assertThat(trainingEmulators()).isEmpty();
  }

  @Test
  void an_emulator_that_prints_no_endpoint_is_killed_after_the_bound() throws Exception {
    Process silent = new ProcessBuilder("sleep", "600").start();
    long start = System.nanoTime();
    try {
      assertThatThrownBy(() -> TrainCommand.endpoint(silent, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "the training emulator printed no endpoint in 1 s: stopped it;"
                  + " ./ec2 runs without the archive");
      assertThat(silent.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    } finally {
      silent.destroyForcibly();
    }
  }

  @Test
  void an_emulator_that_ends_without_an_endpoint_fails_the_training() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThatThrownBy(() -> TrainCommand.endpoint(ended, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the training emulator ended without printing its endpoint");
  }

  @Test
  void the_endpoint_is_the_first_line_the_emulator_prints() throws Exception {
    Process serving =
        new ProcessBuilder("sh", "-c", "echo http://127.0.0.1:4567/; echo more; sleep 600").start();
    try {
      assertThat(TrainCommand.endpoint(serving, Duration.ofSeconds(30)))
          .isEqualTo("http://127.0.0.1:4567/");
      assertThat(serving.isAlive()).as("a serving emulator is left to serve").isTrue();
    } finally {
      serving.destroyForcibly();
    }
  }

  /** This JVM's {@code __train --serve} children still running. */
  private static List<ProcessHandle> trainingEmulators() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> List.of(a).contains("__train") && List.of(a).contains("--serve"))
                    .orElse(false))
        .toList();
  }
}
