package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Command lines run at once in one JVM (the shell, the tests, a program calling {@link Main#run})
 * print each its own answer: one line's --query, --max-items, output fallback and captured answers
 * are never another's.
 */
@ExtendWith(Ec2LocalExtension.class)
class CliConcurrentLinesTest {
  private static final int ROUNDS = 12;

  @Test
  void lines_run_at_once_keep_their_own_query_paging_and_answers(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String[][] lines = {
      {
        "describe-availability-zones",
        "--query",
        "AvailabilityZones[0].ZoneName",
        "--output",
        "text"
      },
      {"describe-availability-zones", "--output", "json"},
      {"describe-images", "--max-items", "1", "--output", "json"},
      {"describe-key-pairs"},
    };
    CyclicBarrier together = new CyclicBarrier(lines.length);
    ExecutorService pool = Executors.newFixedThreadPool(lines.length);
    try {
      List<Future<List<CliRunner.Run>>> runs = new ArrayList<>();
      for (String[] line : lines) {
        runs.add(
            pool.submit(
                () -> {
                  List<CliRunner.Run> out = new ArrayList<>();
                  for (int i = 0; i < ROUNDS; i++) {
                    together.await(30, TimeUnit.SECONDS);
                    out.add(cli.run(line));
                  }
                  return out;
                }));
      }
      for (CliRunner.Run r : runs.get(0).get(120, TimeUnit.SECONDS)) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("us-east-1a\n");
      }
      for (CliRunner.Run r : runs.get(1).get(120, TimeUnit.SECONDS)) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
            .startsWith("{\n    \"AvailabilityZones\": [")
            .doesNotContain("NextToken");
      }
      for (CliRunner.Run r : runs.get(2).get(120, TimeUnit.SECONDS)) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
            .startsWith("{\n    \"Images\": [")
            .contains("\"NextToken\"")
            .doesNotContain("AvailabilityZones");
        assertThat(r.out().split("\"ImageId\"", -1)).hasSize(2); // one image: its own --max-items
      }
      for (CliRunner.Run r : runs.get(3).get(120, TimeUnit.SECONDS)) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("KeyName").doesNotContain("{", "us-east-1a");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
