package dev.ec2kit.local.internal.sandbox;

import java.util.function.Consumer;

/**
 * The steps of an instance's end (its processes' end, its loop devices' release, its groups' and
 * disk's removal), each run on its own: one that fails is told, in the emulator's log and the
 * instance's console, and the steps after it still run.
 */
final class EndSteps {
  private final String instanceId;
  private final Console console;
  private final Consumer<String> log;

  EndSteps(String instanceId, Console console, Consumer<String> log) {
    this.instanceId = instanceId;
    this.console = console;
    this.log = log;
  }

  /**
   * Runs {@code step}, named by {@code what} ("the release of its loop devices"), telling of it
   * failing.
   */
  void run(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      tell(what + " failed: " + e);
    }
  }

  /** A line about the instance's end, in the emulator's log and in its console. */
  void tell(String line) {
    String said = "ec2-local: " + instanceId + ": " + line;
    log.accept(said);
    if (console != null) {
      console.say(said);
    }
  }
}
