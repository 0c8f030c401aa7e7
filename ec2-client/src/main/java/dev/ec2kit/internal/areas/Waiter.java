package dev.ec2kit.internal.areas;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceWaitException;
import dev.ec2kit.Sleeper;
import dev.ec2kit.WaitException;
import dev.ec2kit.WaitOptions;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Waits for instances to reach a state: one DescribeInstances per region and identity per poll,
 * whatever the number of instances.
 */
public final class Waiter {
  static final int MAX_FILTER_VALUES = 200;

  private final InstanceCalls instances;
  private final Clock clock;
  private final Sleeper sleeper;

  public Waiter(InstanceCalls instances, Clock clock, Sleeper sleeper) {
    this.instances = instances;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A waiter's rule, after the AWS SDK's {@code WaiterAcceptor}: a typed predicate on the latest
   * copy of a resource, and whether matching it means the wait succeeded for that resource or can
   * no longer succeed.
   */
  public record Acceptor<T>(Predicate<T> matches, boolean success) {
    public static <T> Acceptor<T> success(Predicate<T> matches) {
      return new Acceptor<>(matches, true);
    }

    public static <T> Acceptor<T> failure(Predicate<T> matches) {
      return new Acceptor<>(matches, false);
    }
  }

  /**
   * Waits for the instances, grouped by the identity (and so region) that can see them: one poll
   * asks each group once; success is the target state, failure a state it cannot come from.
   */
  public List<Instance> waitFor(
      Map<Identity, List<String>> byIdentity, InstanceState target, WaitOptions o) {
    return waitFor(byIdentity, Map.of(), target, o);
  }

  /**
   * As {@link #waitFor(Map, InstanceState, WaitOptions)}, knowing some instances' reservations (id
   * to reservation id, as RunInstances returned them): more than 200 instances of at most 200
   * reservations are then asked for by reservation, a page of 1,000 per call, instead of 200 ids
   * per call. Reservations seen in a poll are used by the next.
   */
  public List<Instance> waitFor(
      Map<Identity, List<String>> byIdentity,
      Map<String, String> reservations,
      InstanceState target,
      WaitOptions o) {
    List<String> ids = byIdentity.values().stream().flatMap(List::stream).toList();
    Map<String, String> reservationOf = new HashMap<>(reservations);
    Map<String, Instance> latest = new LinkedHashMap<>();
    try {
      latest =
          waitTyped(
              ids,
              batch -> {
                Map<String, Instance> seen = new LinkedHashMap<>();
                byIdentity.forEach(
                    (identity, group) ->
                        poll(identity, group, reservationOf)
                            .forEach(
                                i -> {
                                  seen.put(i.instanceId(), i);
                                  if (i.reservationId() != null) {
                                    reservationOf.put(i.instanceId(), i.reservationId());
                                  }
                                }));
                return seen;
              },
              i -> i.state().apiName(),
              List.of(
                  Acceptor.success(i -> i.state() == target),
                  Acceptor.failure(i -> i.state().rulesOut(target))),
              target.apiName(),
              o,
              "instance");
    } catch (TypedWaitException e) {
      @SuppressWarnings("unchecked")
      Map<String, Instance> last = (Map<String, Instance>) e.latest;
      Map<String, InstanceState> notReached = new LinkedHashMap<>();
      e.failure
          .lastSeen()
          .keySet()
          .forEach(id -> notReached.put(id, last.get(id) == null ? null : last.get(id).state()));
      throw new InstanceWaitException(
          e.failure.reason(),
          target,
          e.failure.reachedIds().stream().map(last::get).toList(),
          notReached);
    }
    Map<String, Instance> found = latest;
    return ids.stream().map(found::get).toList();
  }

  /** A WaitException with the typed copies last seen, for waits that report them typed. */
  private static final class TypedWaitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient WaitException failure;
    final transient Map<String, ?> latest;

    TypedWaitException(WaitException failure, Map<String, ?> latest) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
      this.latest = latest;
    }
  }

  /**
   * A poll for {@link #waitFor(List, Function, Function, List, String, WaitOptions, String)} from a
   * describe call that takes a batch of ids (as a filter) and answers the resources it sees.
   */
  public static <T> Function<List<String>, Map<String, T>> byId(
      Function<List<String>, List<T>> describe, Function<T, String> id) {
    return batch -> {
      Map<String, T> seen = new LinkedHashMap<>();
      describe.apply(batch).forEach(t -> seen.put(id.apply(t), t));
      return seen;
    };
  }

  /**
   * Waits until an acceptor decides for every id, polling {@code poll} (ids to their latest copies;
   * an id it leaves out is not visible yet) once per interval: all successes end the wait, any
   * failure ends it at once with a WaitException, the timeout likewise. Returns the latest copies.
   */
  public <T> Map<String, T> waitFor(
      List<String> ids,
      Function<List<String>, Map<String, T>> poll,
      Function<T, String> stateName,
      List<Acceptor<T>> acceptors,
      String wanted,
      WaitOptions o,
      String noun) {
    try {
      return waitTyped(ids, poll, stateName, acceptors, wanted, o, noun);
    } catch (TypedWaitException e) {
      throw e.failure;
    }
  }

  private <T> Map<String, T> waitTyped(
      List<String> ids,
      Function<List<String>, Map<String, T>> poll,
      Function<T, String> stateName,
      List<Acceptor<T>> acceptors,
      String wanted,
      WaitOptions o,
      String noun) {
    Consumer<String> progress = o.progress() == null ? s -> {} : o.progress();
    Instant deadline = clock.instant().plus(o.timeout());
    Duration interval = o.interval();
    Map<String, T> latest = new LinkedHashMap<>();
    while (true) {
      latest.putAll(poll.apply(ids));
      List<String> reached = new ArrayList<>();
      Map<String, String> notReached = new LinkedHashMap<>();
      boolean impossible = false;
      for (String id : ids) {
        T t = latest.get(id);
        Boolean decided = null;
        for (Acceptor<T> a : acceptors) {
          if (t != null && a.matches().test(t)) {
            decided = a.success();
            break;
          }
        }
        if (Boolean.TRUE.equals(decided)) {
          reached.add(id);
        } else {
          String s = t == null ? null : stateName.apply(t);
          notReached.put(id, s);
          impossible |= Boolean.FALSE.equals(decided);
          progress.accept(
              "; waiting for "
                  + noun
                  + " "
                  + id
                  + " to enter :"
                  + wanted
                  + " state"
                  + (s == null ? " (not visible yet)" : " (now " + s + ")")
                  + ".");
        }
      }
      if (notReached.isEmpty()) {
        return latest;
      }
      if (impossible) {
        throw new TypedWaitException(
            new WaitException(WaitException.Reason.UNREACHABLE_STATE, wanted, reached, notReached),
            latest);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new TypedWaitException(
            new WaitException(WaitException.Reason.TIMEOUT, wanted, reached, notReached), latest);
      }
      Duration left = Duration.between(now, deadline);
      sleep(interval.compareTo(left) < 0 ? interval : left);
      interval =
          Duration.ofMillis(
              Math.min(Math.round(interval.toMillis() * o.backoff()), o.maxInterval().toMillis()));
    }
  }

  /**
   * The instances' current view. Asked by filter rather than by id, so that an instance EC2 does
   * not show yet (just after its launch) is simply absent instead of failing the whole call.
   */
  private List<Instance> poll(
      Identity identity, List<String> ids, Map<String, String> reservationOf) {
    Set<String> reservations = ids.size() > MAX_FILTER_VALUES ? new LinkedHashSet<>() : null;
    for (int i = 0; reservations != null && i < ids.size(); i++) {
      String r = reservationOf.get(ids.get(i));
      if (r == null || (reservations.add(r) && reservations.size() > MAX_FILTER_VALUES)) {
        reservations = null;
      }
    }
    if (reservations != null) {
      // Many instances of few reservations: pages of 1,000 by reservation, not 200 ids a call.
      Set<String> wanted = new HashSet<>(ids);
      return instances
          .describeInstances(
              identity,
              InstanceQuery.builder()
                  .allStates()
                  .filter("reservation-id", reservations.toArray(String[]::new))
                  .build())
          .stream()
          .filter(i -> wanted.contains(i.instanceId()))
          .toList();
    }
    try {
      List<Instance> out = new ArrayList<>();
      // EC2 takes at most 200 values in one filter: one call per 200 instances.
      for (int from = 0; from < ids.size(); from += MAX_FILTER_VALUES) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_FILTER_VALUES));
        out.addAll(
            instances.describeInstances(
                identity,
                InstanceQuery.builder()
                    .allStates()
                    .filter("instance-id", chunk.toArray(String[]::new))
                    .build()));
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
      throw new UncheckedIOException(
          new InterruptedIOException("interrupted while waiting for instances"));
    }
  }
}
