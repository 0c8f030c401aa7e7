package dev.ec2kit;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A wait for instances ended without all of them in the wanted state: the time ran out, or an
 * instance reached a state from which the wanted one cannot come. It tells, per instance, which
 * reached the state and where the others were last seen.
 */
public final class InstanceWaitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the wait ended. */
  public enum Reason { TIMEOUT, UNREACHABLE_STATE }

  private final transient List<Instance> reached;
  private final transient Map<String, InstanceState> notReached;
  private final InstanceState wanted;
  private final Reason reason;

  public InstanceWaitException(
      Reason reason, InstanceState wanted, List<Instance> reached, Map<String, InstanceState> notReached) {
    super(message(reason, wanted, reached, notReached));
    this.reason = reason;
    this.wanted = wanted;
    this.reached = List.copyOf(reached);
    this.notReached = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notReached));
  }

  private static String message(
      Reason reason, InstanceState wanted, List<Instance> reached, Map<String, InstanceState> notReached) {
    String others = notReached.entrySet().stream()
        .map(e -> e.getKey() + " " + (e.getValue() == null ? "not visible yet" : e.getValue()))
        .collect(Collectors.joining(", "));
    String head = reason == Reason.TIMEOUT
        ? "timed out waiting for " + wanted + ": "
        : "cannot reach " + wanted + ": ";
    return head + others + (reached.isEmpty() ? "" : "; " + reached.size() + " reached " + wanted);
  }

  public Reason reason() {
    return reason;
  }

  public InstanceState wanted() {
    return wanted;
  }

  /** Fresh copies of the instances that reached the wanted state. */
  public List<Instance> reached() {
    return reached;
  }

  /** The others, with the state each was last seen in ({@code null}: not visible yet). */
  public Map<String, InstanceState> notReached() {
    return notReached;
  }
}
