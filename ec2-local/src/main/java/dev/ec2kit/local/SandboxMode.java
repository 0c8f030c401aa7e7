package dev.ec2kit.local;

/**
 * Whether emulated instances are sandboxes (Linux): each its own mount, UTS, PID and IPC
 * namespaces, a root filesystem of its own over this machine's programs, its own hostname, users
 * and processes; or, where that cannot be, a directory of the emulator's machine per instance,
 * which the emulator says at start-up and in each instance's console output.
 *
 * <pre>{@code
 * Ec2Local.builder().sandbox(SandboxMode.ON).build().start(); // fails where it cannot be had
 * }</pre>
 */
public enum SandboxMode {
  /** Sandboxes where this machine allows them (Linux, as root), else directories, said so. */
  AUTO,
  /** Sandboxes, or the emulator does not start, saying why. */
  ON,
  /** Directories of this machine, as the emulator's user: no isolation. */
  OFF
}
