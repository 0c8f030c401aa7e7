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
 *
 * <pre>{@code
 * try {
 *   ec2.volumes().waitFor(List.of(volumeId), VolumeState.AVAILABLE, WaitOptions.defaults());
 * } catch (WaitException e) {
 *   System.err.println(e.reason() + ": " + e.lastSeen());   // TIMEOUT: {vol-...=creating}
 * }
 * }</pre>
 */
public class WaitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the wait ended. */
  public enum Reason {
    /** The wait's timeout passed before every resource reached the state. */
    TIMEOUT,
    /** A resource reached a state from which the wanted one cannot come (such as an error). */
    UNREACHABLE_STATE
  }

  /** Why the wait ended. */
  private final Reason reason;

  /** The state waited for, as EC2 names it. */
  private final String wantedState;

  /** The ids that reached it. */
  private final List<String> reachedIds;

  /** The others, with the state each was last seen in. */
  private final Map<String, String> lastSeen;

  /**
   * A wait that ended for {@code reason}; the message names the wanted state, the resources that
   * did not reach it with their last state, and how many did.
   *
   * @param reason why the wait ended
   * @param wantedState the state waited for, as EC2 names it (such as {@code available})
   * @param reachedIds the ids that reached it; copied
   * @param lastSeen the others, each with the state it was last seen in ({@code null}: not visible
   *     yet); copied in order
   * @throws NullPointerException when a list or map is null
   */
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

  /**
   * Why the wait ended.
   *
   * @return {@link Reason#TIMEOUT} or {@link Reason#UNREACHABLE_STATE}
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The state that was waited for.
   *
   * @return its name as EC2 writes it, such as {@code running} or {@code completed}
   */
  public String wantedState() {
    return wantedState;
  }

  /**
   * The resources that reached the wanted state.
   *
   * @return their ids, unmodifiable; empty when none did
   */
  public List<String> reachedIds() {
    return reachedIds;
  }

  /**
   * The resources that did not reach the wanted state.
   *
   * @return id to the state each was last seen in ({@code null}: not visible yet), unmodifiable, in
   *     the order waited for
   */
  public Map<String, String> lastSeen() {
    return lastSeen;
  }
}
