package dev.ec2kit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wait for instances ended without all of them in the wanted state (see {@link WaitException}),
 * with the fresh instances that did reach it and the states of the others.
 *
 * <pre>{@code
 * try {
 *   ec2.instances().waitFor(launched, InstanceState.RUNNING, WaitOptions.defaults());
 * } catch (InstanceWaitException e) {
 *   ec2.instances().terminate(e.reached());   // keep nothing half-started
 * }
 * }</pre>
 */
public final class InstanceWaitException extends WaitException {
  private static final long serialVersionUID = 1L;

  private final transient List<Instance> reached;
  private final transient Map<String, InstanceState> notReached;

  /** The state waited for. */
  private final InstanceState wanted;

  /**
   * A wait for instances that ended for {@code reason}.
   *
   * @param reason why the wait ended
   * @param wanted the state waited for
   * @param reached fresh copies of the instances that reached it; copied
   * @param notReached the others' ids, each with the state it was last seen in ({@code null}: not
   *     visible yet); copied in order
   * @throws NullPointerException when an argument is null
   */
  public InstanceWaitException(
      Reason reason,
      InstanceState wanted,
      List<Instance> reached,
      Map<String, InstanceState> notReached) {
    super(
        reason,
        wanted.apiName(),
        reached.stream().map(Instance::instanceId).toList(),
        names(notReached));
    this.wanted = wanted;
    this.reached = List.copyOf(reached);
    this.notReached = Collections.unmodifiableMap(new LinkedHashMap<>(notReached));
  }

  private static Map<String, String> names(Map<String, InstanceState> states) {
    Map<String, String> out = new LinkedHashMap<>();
    states.forEach((k, v) -> out.put(k, v == null ? null : v.apiName()));
    return out;
  }

  /**
   * The state that was waited for.
   *
   * @return the state
   */
  public InstanceState wanted() {
    return wanted;
  }

  /**
   * The instances that reached the wanted state. Not kept when the exception is serialized.
   *
   * @return fresh copies of them, unmodifiable; empty when none did
   */
  public List<Instance> reached() {
    return reached;
  }

  /**
   * The instances that did not reach the wanted state. Not kept when the exception is serialized.
   *
   * @return instance id to the state it was last seen in ({@code null}: not visible yet),
   *     unmodifiable, in the order waited for
   */
  public Map<String, InstanceState> notReached() {
    return notReached;
  }
}
