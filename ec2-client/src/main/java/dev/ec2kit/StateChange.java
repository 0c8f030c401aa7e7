package dev.ec2kit;

import java.util.Objects;

/**
 * What TerminateInstances, StopInstances and StartInstances answer for each instance, as the manual
 * prints it: {@code (:instanceId "i-e21aa58b" :shutdownState-name "shutting-down"
 * :previousState-name "running")}.
 */
public record StateChange(
    String instanceId, InstanceState currentState, InstanceState previousState) {
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
