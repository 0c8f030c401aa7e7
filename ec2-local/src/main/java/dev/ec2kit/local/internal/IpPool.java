package dev.ec2kit.local.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Public addresses for emulated instances and Elastic IPs: one loopback address each, so that an
 * instance can answer SSH on its own address. Released addresses are reused last.
 */
public final class IpPool {
  private final Deque<String> released = new ArrayDeque<>();
  private final Set<String> inUse = new HashSet<>();
  // Each emulator starts at its own place in 127.0.0.0/8 (one of some 50,000 blocks of 254), so
  // two running side by side (./ec2 local and ./ec2 tour, say) practically never meet.
  private int next = 1 + 254 * new java.util.Random().nextInt(254 * 200);

  public synchronized String allocate() {
    String ip = null;
    while (ip == null && next < 254 * 254 * 254) {
      int n = next++;
      String candidate =
          "127." + (1 + n / (254 * 254)) + "." + (n / 254) % 254 + "." + (1 + n % 254);
      if (!inUse.contains(candidate)) { // one taken back after a restart is skipped
        ip = candidate;
      }
    }
    if (ip == null && !released.isEmpty()) {
      ip = released.poll();
    }
    if (ip == null) {
      throw new Ec2Error(
          "InsufficientAddressCapacity", "The emulator has no public addresses left.", 503);
    }
    inUse.add(ip);
    return ip;
  }

  /** An address in use again after a restart (an instance's or Elastic IP's kept address). */
  public synchronized void taken(String ip) {
    if (ip != null) {
      inUse.add(ip);
      released.remove(ip);
    }
  }

  public synchronized void release(String ip) {
    if (ip != null && inUse.remove(ip)) {
      released.add(ip);
    }
  }
}
