package dev.ec2kit.local.internal.sandbox;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instance's console, across its boots; a terminated instance's kept after its end steps
 * (which may write to it), as EC2 shows a terminated instance's console a while: the latest {@link
 * #KEPT} of them.
 */
final class Consoles {
  /** How many terminated instances' consoles are kept. */
  static final int KEPT = 100;

  private final Map<String, Console> consoles = new ConcurrentHashMap<>();

  /** The terminated instances whose consoles are kept, oldest first; guarded by itself. */
  private final ArrayDeque<String> ended = new ArrayDeque<>();

  /** The instance's console, made at its first boot. */
  Console of(String instanceId) {
    return consoles.computeIfAbsent(instanceId, k -> new Console());
  }

  /** The instance's console, or null before its first boot (or long after its termination). */
  Console get(String instanceId) {
    return consoles.get(instanceId);
  }

  /** A terminated instance's console is kept, the oldest kept one dropped past {@link #KEPT}. */
  void ended(String instanceId) {
    synchronized (ended) {
      ended.addLast(instanceId);
      while (ended.size() > KEPT) {
        consoles.remove(ended.removeFirst());
      }
    }
  }
}
