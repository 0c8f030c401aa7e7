package dev.ec2kit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wait for instances ended without all of them in the wanted state (see {@link WaitException}),
 * with the fresh instances that did reach it and the states of the others.
 */
public final class InstanceWaitException extends WaitException {
  private static final long serialVersionUID = 1L;

  private final transient List<Instance> reached;
  private final transient Map<String, InstanceState> notReached;
  private final InstanceState wanted;

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
