package dev.ec2kit;

import dev.ec2kit.internal.model.Acceptors;
import dev.ec2kit.internal.model.Model;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One of the model's waiters ({@link Operations#waiter}): polls its operation every {@link
 * #delay()} up to {@link #maxAttempts()} times, and applies its acceptors to each answer or error
 * in order, as botocore and the AWS CLI do (the first matching acceptor decides: success ends the
 * wait, failure ends it with an {@link OperationWaitException} naming the state, retry polls
 * again). An error no acceptor expects is thrown as it came.
 *
 * <pre>{@code
 * Map<String, Object> answer =
 *     ec2.operations()
 *         .waiter("InstanceRunning")
 *         .delay(Duration.ofSeconds(5))
 *         .maxAttempts(60)
 *         .waitFor(Map.of("InstanceIds", List.of("i-0123456789abcdef0")));
 * }</pre>
 *
 * <p>The client's clock and sleeper time the wait, so a test can run it without sleeping.
 */
public final class OperationWaiter {
  private final Operations operations;
  private final Model.WaiterSpec spec;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration delay;
  private final Integer maxAttempts;

  OperationWaiter(
      Operations operations,
      Model.WaiterSpec spec,
      Clock clock,
      Sleeper sleeper,
      Duration delay,
      Integer maxAttempts) {
    this.operations = operations;
    this.spec = spec;
    this.clock = clock;
    this.sleeper = sleeper;
    this.delay = delay;
    this.maxAttempts = maxAttempts;
  }

  /**
   * The waiter's name.
   *
   * @return the name, such as {@code InstanceRunning}
   */
  public String name() {
    return spec.name();
  }

  /**
   * The operation it polls.
   *
   * @return the operation's name, such as {@code DescribeInstances}
   */
  public String operation() {
    return spec.operation();
  }

  /**
   * The time between polls: the model's unless set.
   *
   * @return the delay
   */
  public Duration delay() {
    return delay != null ? delay : Duration.ofSeconds(spec.delaySeconds());
  }

  /**
   * How many polls at most: the model's unless set.
   *
   * @return the number of attempts
   */
  public int maxAttempts() {
    return maxAttempts != null ? maxAttempts : spec.maxAttempts();
  }

  /**
   * This waiter polling every {@code value}.
   *
   * @param value the delay between polls; zero or more
   * @return a new waiter
   * @throws IllegalArgumentException when {@code value} is negative
   */
  public OperationWaiter delay(Duration value) {
    Objects.requireNonNull(value, "delay");
    if (value.isNegative()) {
      throw new IllegalArgumentException(
          spec.name() + ": delay must not be negative, got " + value);
    }
    return new OperationWaiter(operations, spec, clock, sleeper, value, maxAttempts);
  }

  /**
   * This waiter giving up after {@code value} polls.
   *
   * @param value the number of attempts; at least 1
   * @return a new waiter
   * @throws IllegalArgumentException when {@code value} is below 1
   */
  public OperationWaiter maxAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          spec.name() + ": maxAttempts must be at least 1, got " + value);
    }
    return new OperationWaiter(operations, spec, clock, sleeper, delay, value);
  }

  /**
   * Polls until an acceptor says success.
   *
   * @param params the operation's parameters (the instances to wait for, say)
   * @return the answer that matched the success acceptor; empty when an error was the success
   *     (VolumeDeleted's {@code InvalidVolume.NotFound})
   * @throws IllegalArgumentException when a parameter does not fit the operation; nothing was sent
   * @throws OperationWaitException a failure acceptor matched, or the attempts ran out
   * @throws Ec2Exception an error no acceptor expects
   */
  public Map<String, Object> waitFor(Map<String, ?> params) {
    Model.Operation op = Model.ec2().operation(spec.operation());
    Map<String, String> form = operations.writer().write(op, params);
    Instant start = clock.instant();
    int attempts = maxAttempts();
    for (int attempt = 1; ; attempt++) {
      Map<String, Object> answer = Map.of();
      Ec2Exception error = null;
      try {
        answer = operations.send(op, form);
      } catch (Ec2Exception e) {
        error = e;
      }
      Model.Acceptor matched = Acceptors.match(spec, answer, error);
      String state = matched == null ? "retry" : matched.state();
      if (matched == null && error != null) {
        throw error;
      }
      Duration took = Duration.between(start, clock.instant());
      if (state.equals("success")) {
        return answer;
      }
      if (state.equals("failure")) {
        throw new OperationWaitException(
            WaitException.Reason.UNREACHABLE_STATE,
            spec.name(),
            Acceptors.describe(matched),
            attempt,
            took,
            answer,
            error);
      }
      if (attempt >= attempts) {
        throw new OperationWaitException(
            WaitException.Reason.TIMEOUT, spec.name(), null, attempt, took, answer, error);
      }
      try {
        sleeper.sleep(delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(
            new InterruptedIOException("interrupted while waiting for " + spec.name()));
      }
    }
  }

  @Override
  public String toString() {
    return "OperationWaiter["
        + spec.name()
        + " polls "
        + spec.operation()
        + " every "
        + delay().toSeconds()
        + " s, "
        + maxAttempts()
        + " times]";
  }
}
