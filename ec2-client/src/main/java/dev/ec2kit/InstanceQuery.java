package dev.ec2kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which instances {@link Ec2#describeInstances(InstanceQuery)} returns. With no ids and no states,
 * the manual's default applies: pending, running and shutting-down. Asking by id returns the
 * instances whatever their state unless states are given.
 *
 * <pre>{@code
 * InstanceQuery.builder().states(InstanceState.STOPPED).filter("tag:env", "test").build()
 * }</pre>
 */
public final class InstanceQuery {
  /** The manual's default states. */
  public static final Set<InstanceState> DEFAULT_STATES =
      Set.copyOf(
          EnumSet.of(InstanceState.PENDING, InstanceState.RUNNING, InstanceState.SHUTTING_DOWN));

  private final List<String> instanceIds;
  private final Set<InstanceState> states;
  private final Map<String, List<String>> filters;

  private InstanceQuery(Builder b) {
    instanceIds = List.copyOf(b.instanceIds);
    Set<InstanceState> s = b.states;
    if (s == null) {
      s = instanceIds.isEmpty() ? DEFAULT_STATES : Set.of();
    }
    states = Set.copyOf(s);
    filters = Map.copyOf(b.filters);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The manual's default: instances pending, running or shutting down. */
  public static InstanceQuery defaults() {
    return builder().build();
  }

  public List<String> instanceIds() {
    return instanceIds;
  }

  /** The states to include; empty means every state. */
  public Set<InstanceState> states() {
    return states;
  }

  public Map<String, List<String>> filters() {
    return filters;
  }

  /** Builds an {@link InstanceQuery}. */
  public static final class Builder {
    private final List<String> instanceIds = new ArrayList<>();
    private Set<InstanceState> states;
    private final Map<String, List<String>> filters = new LinkedHashMap<>();

    private Builder() {}

    public Builder instanceIds(Collection<String> ids) {
      for (String id : ids) {
        Ids.check("instanceId", id, "i-");
        instanceIds.add(id);
      }
      return this;
    }

    public Builder instanceIds(String... ids) {
      return instanceIds(List.of(ids));
    }

    /** These instances, by their ids (their region must be the client's). */
    public Builder instances(Collection<Instance> instances) {
      for (Instance i : instances) {
        instanceIds.add(i.instanceId());
      }
      return this;
    }

    public Builder states(InstanceState... values) {
      return states(List.of(values));
    }

    public Builder states(Collection<InstanceState> values) {
      this.states = values.isEmpty() ? Set.of() : EnumSet.copyOf(values);
      return this;
    }

    /** Every state, terminated and stopped included. */
    public Builder allStates() {
      this.states = Set.of();
      return this;
    }

    /**
     * An EC2 filter, such as {@code filter("tag:Name", "web")} or {@code filter("instance-type",
     * "t3.micro")}.
     */
    public Builder filter(String name, String... values) {
      if (name == null || name.isBlank() || values.length == 0) {
        throw new IllegalArgumentException(
            "a filter needs a name and at least one value, such as filter(\"instance-type\", \"t3.micro\")");
      }
      filters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    public InstanceQuery build() {
      if (states != null && !states.isEmpty() && filters.containsKey("instance-state-name")) {
        throw new IllegalArgumentException(
            "give states or an instance-state-name filter, not both");
      }
      return new InstanceQuery(this);
    }
  }
}
