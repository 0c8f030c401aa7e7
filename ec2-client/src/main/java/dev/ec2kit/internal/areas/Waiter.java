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

  /**
   * Waits for the instances, grouped by the identity (and so region) that can see them: the
   * generic loop below, with a poll that asks each group once and remembers each instance as
   * last seen.
   */
  public List<Instance> waitFor(Map<Identity, List<String>> byIdentity, InstanceState target, WaitOptions o) {
    List<String> ids = byIdentity.values().stream().flatMap(List::stream).toList();
    Map<String, Instance> latest = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    Set<String> fatal = new java.util.HashSet<>();
    for (InstanceState s : InstanceState.values()) {
      if (s.rulesOut(target)) {
        fatal.add(s.apiName());
      }
    }
    try {
      waitForStates(ids, batch -> {
        byIdentity.forEach((identity, group) -> {
          for (Instance fresh : poll(identity, group)) {
            latest.put(fresh.instanceId(), fresh);
            seen.put(fresh.instanceId(), fresh.state().apiName());
          }
        });
        return seen;
      }, target.apiName(), fatal, o, "instance");
    } catch (WaitException e) {
      Map<String, InstanceState> notReached = new LinkedHashMap<>();
      e.lastSeen().forEach((id, state) -> notReached.put(id, state == null ? null : InstanceState.fromName(state)));
      throw new InstanceWaitException(e.reason(), target, e.reachedIds().stream().map(latest::get).toList(), notReached);
    }
    return ids.stream().map(latest::get).toList();
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
