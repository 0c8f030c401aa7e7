package dev.ec2kit.ssh.internal;

import dev.ec2kit.Instance;
import dev.ec2kit.Sleeper;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.ssh.Outcome;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Calls on many instances for {@code Ssh}: each on a pool thread, a bounded number at once, one
 * outcome per instance; and the wait until all of them accept an SSH login.
 */
public final class Fleet {
  private final Sessions sessions;
  private final int concurrency;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Calls on the helper's sessions.
   *
   * @param sessions the sessions
   * @param concurrency how many instances are worked on at once
   * @param clock what times the wait
   * @param sleeper what waits between tries
   */
  public Fleet(Sessions sessions, int concurrency, Clock clock, Sleeper sleeper) {
    this.sessions = sessions;
    this.concurrency = concurrency;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Runs the call on each instance (see {@code Ssh.onEach}).
   *
   * @param <T> what the call returns
   * @param instances the instances
   * @param call what to do on one
   * @return one outcome per instance, in their order
   */
  public <T> List<Outcome<T>> onEach(Collection<Instance> instances, Function<Instance, T> call) {
    if (instances.isEmpty()) {
      return List.of();
    }
    boolean keepSessions = instances.size() <= concurrency;
    Map<String, Integer> working = new ConcurrentHashMap<>(); // session key -> calls using it
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(concurrency, instances.size()),
            r -> {
              Thread t = new Thread(r, "ec2-ssh");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<Instance, Future<T>> futures = new LinkedHashMap<>();
      for (Instance i : instances) {
        futures.put(
            i, pool.submit(() -> keepSessions ? call.apply(i) : thenClosed(i, call, working)));
      }
      List<Outcome<T>> out = new ArrayList<>();
      for (Map.Entry<Instance, Future<T>> f : futures.entrySet()) {
        try {
          out.add(new Outcome<>(f.getKey(), f.getValue().get(), null));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          out.add(
              new Outcome<>(
                  f.getKey(),
                  null,
                  cause instanceof Exception ex ? ex : new RuntimeException(cause)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(
              new java.io.InterruptedIOException("interrupted waiting for SSH commands"));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs the call, then closes the instance's session unless another call still uses it. */
  private <T> T thenClosed(Instance i, Function<Instance, T> call, Map<String, Integer> working) {
    String k = Sessions.key(i);
    working.merge(k, 1, Integer::sum);
    try {
      return call.apply(i);
    } finally {
      working.computeIfPresent(
          k,
          (key, n) -> {
            if (n > 1) {
              return n - 1;
            }
            sessions.close(key);
            return null;
          });
    }
  }

  /**
   * Waits until every instance accepts an SSH login (see {@code Ssh.waitForSsh}).
   *
   * @param instances the instances
   * @param options how often to try, and for how long
   */
  public void awaitSsh(Collection<Instance> instances, WaitOptions options) {
    Instant deadline = clock.instant().plus(options.timeout());
    List<Instance> left = new ArrayList<>(instances);
    Duration interval = options.interval();
    while (true) {
      List<Outcome<Boolean>> tried =
          onEach(
              left,
              i -> {
                sessions.session(i);
                return true;
              });
      left.clear();
      Map<String, String> errors = new LinkedHashMap<>();
      for (Outcome<Boolean> o : tried) {
        if (!o.ok() && o.error() instanceof IllegalStateException setup) {
          throw setup; // no key to log in with: it will not come by waiting
        }
        if (!o.ok()) {
          left.add(o.instance());
          errors.put(o.instance().instanceId(), o.error().getMessage());
          if (options.progress() != null) {
            options
                .progress()
                .accept(
                    "; waiting for SSH on "
                        + o.instance().instanceId()
                        + ": "
                        + o.error().getMessage());
          }
        }
      }
      if (left.isEmpty()) {
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        List<String> ready =
            instances.stream()
                .map(Instance::instanceId)
                .filter(id -> !errors.containsKey(id))
                .toList();
        Map<String, String> lastSeen = new LinkedHashMap<>();
        errors.forEach((id, why) -> lastSeen.put(id, "not accepting SSH (" + why + ")"));
        throw new dev.ec2kit.WaitException(
            dev.ec2kit.WaitException.Reason.TIMEOUT, "SSH ready", ready, lastSeen);
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(
            new java.io.InterruptedIOException("interrupted waiting for SSH"));
      }
      interval =
          Duration.ofMillis(
              Math.min(
                  Math.round(interval.toMillis() * options.backoff()),
                  options.maxInterval().toMillis()));
    }
  }
}
