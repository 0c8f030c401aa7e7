package dev.ec2kit.local.internal.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * An instance's console across its boots, as EC2 keeps it: the last 64 KB (each line counted with
 * its {@code \r\n}), older lines dropped as new ones come, nothing lost at a reboot.
 */
final class Console {
  /** EC2's GetConsoleOutput gives the last 64 KB. */
  static final int MAX_BYTES = 64 * 1024;

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private int bytes;

  synchronized void say(String line) {
    lines.addLast(line);
    bytes += size(line);
    while (bytes > MAX_BYTES && !lines.isEmpty()) {
      bytes -= size(lines.removeFirst());
    }
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  private static int size(String line) {
    return line.getBytes(StandardCharsets.UTF_8).length + 2;
  }
}
