package dev.ec2kit.local.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Action name to handler: each area registers its own actions. A read-only action's DryRun is
 * answered after the handler has validated the call; an action that changes state checks DryRun
 * itself with {@link Call#checkDryRun()} before it changes anything.
 */
public final class ActionTable {
  /** A registered action. */
  public record Entry(Handler handler, boolean readOnly) {}

  private final Map<String, Entry> handlers = new HashMap<>();

  public void read(String action, Handler handler) {
    put(action, new Entry(handler, true));
  }

  public void write(String action, Handler handler) {
    put(action, new Entry(handler, false));
  }

  private void put(String action, Entry entry) {
    if (handlers.putIfAbsent(action, entry) != null) {
      throw new IllegalStateException(action + " is registered twice");
    }
  }

  /** Every registered action, sorted. */
  public java.util.SortedSet<String> names() {
    return new java.util.TreeSet<>(handlers.keySet());
  }

  public Entry get(String action) {
    return handlers.get(action);
  }
}
