package dev.ec2kit.internal.areas;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceWaitException;
import dev.ec2kit.WaitException;
import dev.ec2kit.Sleeper;
import dev.ec2kit.WaitOptions;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Waits for instances to reach a state: one DescribeInstances per region and identity per poll,
 * whatever the number of instances.
 */
public final class Waiter {
  static final int MAX_FILTER_VALUES = 200;

  private final Instances instances;
  private final Clock clock;
  private final Sleeper sleeper;

  public Waiter(Instances instances, Clock clock, Sleeper sleeper) {
    this.instances = instances;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits for the instances, grouped by the identity (and so region) that can see them. */
  public List<Instance> waitFor(Map<Identity, List<String>> byIdentity, InstanceState target, WaitOptions o) {
    Map<String, Instance> latest = new LinkedHashMap<>();
    Map<String, InstanceState> seen = new LinkedHashMap<>();
    byIdentity.values().forEach(ids -> ids.forEach(id -> seen.put(id, null)));
    Consumer<String> progress = o.progress() == null ? s -> {} : o.progress();
    Instant deadline = clock.instant().plus(o.timeout());
    Duration interval = o.interval();
    while (true) {
      for (Map.Entry<Identity, List<String>> group : byIdentity.entrySet()) {
        for (Instance fresh : poll(group.getKey(), group.getValue())) {
          latest.put(fresh.instanceId(), fresh);
          seen.put(fresh.instanceId(), fresh.state());
        }
      }
      List<Instance> reached = new ArrayList<>();
      Map<String, InstanceState> notReached = new LinkedHashMap<>();
      boolean impossible = false;
      for (Map.Entry<String, InstanceState> e : seen.entrySet()) {
        InstanceState s = e.getValue();
        if (s == target) {
          reached.add(latest.get(e.getKey()));
        } else {
          notReached.put(e.getKey(), s);
          impossible |= s != null && s.rulesOut(target);
          progress.accept("; waiting for instance " + e.getKey() + " to enter :" + target + " state"
              + (s == null ? " (not visible yet)" : " (now " + s + ")") + ".");
        }
      }
      if (notReached.isEmpty()) {
        return reached;
      }
      if (impossible) {
        throw new InstanceWaitException(WaitException.Reason.UNREACHABLE_STATE, target, reached, notReached);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new InstanceWaitException(WaitException.Reason.TIMEOUT, target, reached, notReached);
      }
      Duration left = Duration.between(now, deadline);
      sleep(interval.compareTo(left) < 0 ? interval : left);
      long next = Math.round(interval.toMillis() * o.backoff());
      interval = Duration.ofMillis(Math.min(next, o.maxInterval().toMillis()));
    }
  }

  /**
   * Waits until every id is in {@code target}, polling {@code poll} (ids to their states; an id
   * it leaves out is not visible yet) once per interval; fails fast on a state in {@code fatal}.
   */
  public Map<String, String> waitForStates(List<String> ids, Function<List<String>, Map<String, String>> poll,
      String target, Set<String> fatal, WaitOptions o, String noun) {
    Consumer<String> progress = o.progress() == null ? s -> {} : o.progress();
    Instant deadline = clock.instant().plus(o.timeout());
    Duration interval = o.interval();
    while (true) {
      Map<String, String> seen = poll.apply(ids);
      List<String> reached = new ArrayList<>();
      Map<String, String> notReached = new LinkedHashMap<>();
      boolean impossible = false;
      for (String id : ids) {
        String s = seen.get(id);
        if (target.equals(s)) {
          reached.add(id);
        } else {
          notReached.put(id, s);
          impossible |= s != null && fatal.contains(s);
          progress.accept("; waiting for " + noun + " " + id + " to enter :" + target + " state"
              + (s == null ? " (not visible yet)" : " (now " + s + ")") + ".");
        }
      }
      if (notReached.isEmpty()) {
        return seen;
      }
      if (impossible) {
        throw new WaitException(WaitException.Reason.UNREACHABLE_STATE, target, reached, notReached);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new WaitException(WaitException.Reason.TIMEOUT, target, reached, notReached);
      }
      Duration left = Duration.between(now, deadline);
      sleep(interval.compareTo(left) < 0 ? interval : left);
      interval = Duration.ofMillis(Math.min(Math.round(interval.toMillis() * o.backoff()), o.maxInterval().toMillis()));
    }
  }

  /**
   * The instances' current view. Asked by filter rather than by id, so that an instance EC2 does
   * not show yet (just after its launch) is simply absent instead of failing the whole call.
   */
  private List<Instance> poll(Identity identity, List<String> ids) {
    try {
      List<Instance> out = new ArrayList<>();
      // EC2 takes at most 200 values in one filter: one call per 200 instances.
      for (int from = 0; from < ids.size(); from += MAX_FILTER_VALUES) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_FILTER_VALUES));
        out.addAll(instances.describeInstances(identity,
            InstanceQuery.builder().allStates().filter("instance-id", chunk.toArray(String[]::new)).build()));
      }
      return out;
    } catch (Ec2Exception e) {
      if (e.code().equals("InvalidInstanceID.NotFound")) {
        return List.of(); // not visible yet: eventual consistency right after a launch
      }
      throw e;
    }
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for instances"));
    }
  }
}
