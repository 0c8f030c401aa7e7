package dev.ec2kit.local.internal.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances where this machine gives no sandboxes (or they were turned off): each is a directory
 * under {@code root}, its commands run on this machine as the emulator's user, which is said at
 * start-up and in each instance's console; its power commands reach the emulator through {@link
 * DirectoryPower} (where this machine has named pipes), told to the listener with the instance's
 * latest boot's generation, so an event of an earlier boot is known for stale.
 */
final class DirectoryMode implements AutoCloseable {
  private final String why;

  /** Where instances' power commands go (null where they cannot be had). */
  private final DirectoryPower power;

  /** Each instance's latest boot's generation (see {@link Sandboxes#current}). */
  private final Map<String, Long> generations = new ConcurrentHashMap<>();

  /** {@code why}: why instances are not sandboxes, as the notes say it. */
  DirectoryMode(Path root, String why, Sandboxes.Listener listener) {
    this.why = why;
    this.power =
        DirectoryPower.start(
            root, (id, reboot) -> listener.ended(id, reboot, generations.getOrDefault(id, 0L)));
  }

  /** The start-up line: commands run on this machine, no isolation, no block devices. */
  String startupNote() {
    return "ec2-local: instances are NOT sandboxed ("
        + why
        + "): commands over SSH run on this machine as "
        + System.getProperty("user.name")
        + ", each instance in a directory of its own; this is not isolation; EBS volumes are"
        + " not block devices in them"
        + (power == null ? DirectoryPower.unavailable() : "");
  }

  /** The line each instance's console output carries about what it is. */
  String consoleNote() {
    return "ec2-local: this instance is NOT sandboxed ("
        + why
        + "): commands over SSH run on the emulator's machine, in a directory of its own;"
        + " EBS volumes are not block devices in it";
  }

  /** The PATH of an instance's commands: its power programs first, then a login's directories. */
  String path(String instanceId) {
    return power == null ? Sandboxes.PATH : power.path(instanceId) + ":" + Sandboxes.PATH;
  }

  /** An instance booted (launched, started or rebooted) as boot {@code generation}. */
  void booted(String instanceId, long generation) {
    generations.put(instanceId, generation);
  }

  /** The generation of an instance's latest boot (0 before its first). */
  long generation(String instanceId) {
    return generations.getOrDefault(instanceId, 0L);
  }

  /** An instance terminated: its power programs and its generations go. */
  void forget(String instanceId) {
    generations.remove(instanceId);
    if (power != null) {
      power.forget(instanceId);
    }
  }

  @Override
  public void close() {
    if (power != null) {
      power.close();
    }
  }
}
