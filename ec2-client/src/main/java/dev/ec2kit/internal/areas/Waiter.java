package dev.ec2kit.internal.areas;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceWaitException;
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
import java.util.function.Consumer;

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
        throw new InstanceWaitException(InstanceWaitException.Reason.UNREACHABLE_STATE, target, reached, notReached);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new InstanceWaitException(InstanceWaitException.Reason.TIMEOUT, target, reached, notReached);
      }
      Duration left = Duration.between(now, deadline);
      sleep(interval.compareTo(left) < 0 ? interval : left);
      long next = Math.round(interval.toMillis() * o.backoff());
      interval = Duration.ofMillis(Math.min(next, o.maxInterval().toMillis()));
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
