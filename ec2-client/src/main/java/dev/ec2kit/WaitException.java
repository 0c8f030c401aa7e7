package dev.ec2kit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A wait for resources (instances, volumes, snapshots) ended without all of them in the wanted
 * state: the time ran out, or one reached a state from which the wanted one cannot come. It tells,
 * per resource, which reached the state and where the others were last seen.
 */
public class WaitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the wait ended. */
  public enum Reason {
    TIMEOUT,
    UNREACHABLE_STATE
  }

  private final Reason reason;
  private final String wantedState;
  private final List<String> reachedIds;
  private final Map<String, String> lastSeen;

  public WaitException(
      Reason reason, String wantedState, List<String> reachedIds, Map<String, String> lastSeen) {
    super(message(reason, wantedState, reachedIds, lastSeen));
    this.reason = reason;
    this.wantedState = wantedState;
    this.reachedIds = List.copyOf(reachedIds);
    this.lastSeen = Collections.unmodifiableMap(new LinkedHashMap<>(lastSeen));
  }

  private static String message(
      Reason reason, String wanted, List<String> reached, Map<String, String> notReached) {
    String others =
        notReached.entrySet().stream()
            .map(e -> e.getKey() + " " + (e.getValue() == null ? "not visible yet" : e.getValue()))
            .collect(Collectors.joining(", "));
    String head =
        reason == Reason.TIMEOUT
            ? "timed out waiting for " + wanted + ": "
            : "cannot reach " + wanted + ": ";
    return head + others + (reached.isEmpty() ? "" : "; " + reached.size() + " reached " + wanted);
  }

  public Reason reason() {
    return reason;
  }

  public String wantedState() {
    return wantedState;
  }

  /** The ids that reached the wanted state. */
  public List<String> reachedIds() {
    return reachedIds;
  }

  /** The others, with the state each was last seen in ({@code null}: not visible yet). */
  public Map<String, String> lastSeen() {
    return lastSeen;
  }
}
