package dev.ec2kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which instances {@link Instances#describe(InstanceQuery)} returns. With no ids and no states, the
 * manual's default applies: pending, running and shutting-down. Asking by id returns the instances
 * whatever their state unless states are given.
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

  /**
   * Starts a query; with nothing given it is {@link #defaults()}.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The manual's default: instances pending, running or shutting down.
   *
   * @return the query
   */
  public static InstanceQuery defaults() {
    return builder().build();
  }

  /**
   * The instances asked for by id.
   *
   * @return their ids, unmodifiable; empty for any instance
   */
  public List<String> instanceIds() {
    return instanceIds;
  }

  /**
   * The states to include.
   *
   * @return the states, unmodifiable; empty means every state
   */
  public Set<InstanceState> states() {
    return states;
  }

  /**
   * The EC2 filters, such as {@code tag:env} to {@code [test]}.
   *
   * @return filter name to its values, unmodifiable
   */
  public Map<String, List<String>> filters() {
    return filters;
  }

  /** Builds an {@link InstanceQuery}. */
  public static final class Builder {
    private final List<String> instanceIds = new ArrayList<>();
    private Set<InstanceState> states;
    private final Map<String, List<String>> filters = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds instances by id.
     *
     * @param ids instance ids, {@code i-} and 8 or 17 hex digits
     * @return this builder
     * @throws IllegalArgumentException when an id is not of that form
     */
    public Builder instanceIds(Collection<String> ids) {
      for (String id : ids) {
        Ids.check("instanceId", id, "i-");
        instanceIds.add(id);
      }
      return this;
    }

    /**
     * Adds instances by id.
     *
     * @param ids instance ids, {@code i-} and 8 or 17 hex digits
     * @return this builder
     * @throws IllegalArgumentException when an id is not of that form
     * @throws NullPointerException when {@code ids} is or holds null
     */
    public Builder instanceIds(String... ids) {
      return instanceIds(List.of(ids));
    }

    /**
     * Adds these instances, by their ids (their region must be the client's).
     *
     * @param instances the instances
     * @return this builder
     */
    public Builder instances(Collection<Instance> instances) {
      for (Instance i : instances) {
        instanceIds.add(i.instanceId());
      }
      return this;
    }

    /**
     * Only instances in these states; replaces states given before.
     *
     * @param values the states; none means every state
     * @return this builder
     * @throws NullPointerException when {@code values} is or holds null
     */
    public Builder states(InstanceState... values) {
      return states(List.of(values));
    }

    /**
     * Only instances in these states; replaces states given before.
     *
     * @param values the states; empty means every state
     * @return this builder
     */
    public Builder states(Collection<InstanceState> values) {
      this.states = values.isEmpty() ? Set.of() : EnumSet.copyOf(values);
      return this;
    }

    /**
     * Every state, terminated and stopped included; replaces states given before.
     *
     * @return this builder
     */
    public Builder allStates() {
      this.states = Set.of();
      return this;
    }

    /**
     * An EC2 filter, such as {@code filter("tag:Name", "web")} or {@code filter("instance-type",
     * "t3.micro")}; values given for the same name again are added to it.
     *
     * @param name the filter's name, such as {@code tag:Name} or {@code instance-type}
     * @param values the values, any of which matches
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or no value is given
     */
    public Builder filter(String name, String... values) {
      if (name == null || name.isBlank() || values.length == 0) {
        throw new IllegalArgumentException(
            "a filter needs a name and at least one value, such as filter(\"instance-type\", \"t3.micro\")");
      }
      filters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    /**
     * Builds the query. Without ids or states it asks for the {@link #DEFAULT_STATES}; with ids and
     * no states, for every state.
     *
     * @return the query
     * @throws IllegalArgumentException when both states and an {@code instance-state-name} filter
     *     are given
     */
    public InstanceQuery build() {
      if (states != null && !states.isEmpty() && filters.containsKey("instance-state-name")) {
        throw new IllegalArgumentException(
            "give states or an instance-state-name filter, not both");
      }
      return new InstanceQuery(this);
    }
  }
}
