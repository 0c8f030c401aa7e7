package dev.ec2kit;

import java.util.Objects;

/**
 * What TerminateInstances, StopInstances and StartInstances answer for each instance, as the manual
 * prints it: {@code (:instanceId "i-e21aa58b" :shutdownState-name "shutting-down"
 * :previousState-name "running")}.
 *
 * <pre>{@code
 * for (StateChange c : ec2.instances().terminate(instances)) {
 *   System.out.println(c);   // i-0123456789abcdef0 running => shutting-down
 * }
 * }</pre>
 *
 * @param instanceId the instance
 * @param currentState its state after the call
 * @param previousState its state before the call
 */
public record StateChange(
    String instanceId, InstanceState currentState, InstanceState previousState) {
  /**
   * Checks that every part is given.
   *
   * @param instanceId the instance
   * @param currentState its state after the call
   * @param previousState its state before the call
   * @throws NullPointerException when a part is null
   */
  public StateChange {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(currentState, "currentState");
    Objects.requireNonNull(previousState, "previousState");
  }

  @Override
  public String toString() {
    return instanceId + " " + previousState + " => " + currentState;
  }
}
