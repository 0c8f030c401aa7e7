package dev.ec2kit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A model waiter ({@link OperationWaiter}) that ended without success: a failure acceptor matched
 * ({@link WaitException.Reason#UNREACHABLE_STATE}, with the acceptor named, such as {@code pathAny
 * Reservations[].Instances[].State.Name == "terminated"}), or its attempts ran out ({@link
 * WaitException.Reason#TIMEOUT}).
 *
 * <pre>{@code
 * try {
 *   ops.waiter("InstanceRunning").waitFor(Map.of("InstanceIds", List.of(id)));
 * } catch (OperationWaitException e) {
 *   System.err.println(e.getMessage()); // InstanceRunning failed after 3 attempts: ...
 * }
 * }</pre>
 */
public final class OperationWaitException extends WaitException {
  private static final long serialVersionUID = 1L;

  /** The failure acceptor that matched, or null when the attempts ran out. */
  private final String failureState;

  /** The number of polls. */
  private final int attempts;

  /** The time from the first poll to the end. */
  private final Duration elapsed;

  private final transient Map<String, Object> lastAnswer;

  OperationWaitException(
      Reason reason,
      String waiter,
      String failureState,
      int attempts,
      Duration elapsed,
      Map<String, Object> lastAnswer,
      Ec2Exception lastError) {
    super(reason, waiter, List.of(), Map.of());
    this.failureState = failureState;
    this.attempts = attempts;
    this.elapsed = elapsed;
    this.lastAnswer = lastAnswer;
    if (lastError != null) {
      initCause(lastError);
    }
  }

  /**
   * The failure acceptor that matched, as a person reads it.
   *
   * @return such as {@code pathAny Reservations[].Instances[].State.Name == "terminated"}, or
   *     {@code error InvalidNetworkInterfaceID.NotFound}; null when the attempts ran out
   */
  public String failureState() {
    return failureState;
  }

  /**
   * How many times the operation was called.
   *
   * @return the number of polls
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The last answer polled.
   *
   * @return the answer's tree; empty when the last poll was an error (the cause)
   */
  public Map<String, Object> lastAnswer() {
    return lastAnswer == null ? Map.of() : lastAnswer;
  }

  @Override
  public String getMessage() {
    String head = wantedState() + (reason() == Reason.TIMEOUT ? " timed out" : " failed");
    String polls = " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
    String time = " (" + elapsed.toSeconds() + " s)";
    return reason() == Reason.TIMEOUT
        ? head + polls + time + ": no success or failure state was reached"
        : head + polls + time + ": reached the failure state " + failureState;
  }
}
