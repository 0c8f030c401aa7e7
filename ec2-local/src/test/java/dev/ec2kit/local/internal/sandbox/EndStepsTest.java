package dev.ec2kit.local.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance's end runs each of its steps on its own: one that throws is told in the emulator's
 * log and the instance's console, and the steps after it still run (before, the loop devices,
 * groups and disk after a failing step were left with no trace).
 */
class EndStepsTest {
  @Test
  void a_failing_step_is_told_and_the_next_still_runs() {
    Console console = new Console();
    List<String> log = new ArrayList<>();
    EndSteps steps = new EndSteps("i-0123456789abcdef0", console, log::add);
    List<String> ran = new ArrayList<>();
    steps.run(
        "the release of its loop devices",
        () -> {
          throw new IllegalStateException("losetup: busy");
        });
    steps.run("the removal of its disk", () -> ran.add("disk"));
    assertThat(ran).containsExactly("disk");
    assertThat(log)
        .singleElement()
        .asString()
        .contains("i-0123456789abcdef0", "the release of its loop devices failed", "losetup: busy");
    assertThat(console.lines()).containsExactlyElementsOf(log);
  }
}
