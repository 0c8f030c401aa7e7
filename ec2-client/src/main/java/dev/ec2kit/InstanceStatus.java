package dev.ec2kit;

/**
 * The manual's {@code query-status}: the instance's state and a fresh copy of it.
 *
 * <pre>{@code
 * InstanceStatus s = ec2.instances().status(instance);
 * if (s.state() == InstanceState.RUNNING) { ... }
 * }</pre>
 *
 * @param state the state now ({@link InstanceState#TERMINATED} when EC2 no longer lists it)
 * @param instance a fresh copy, or the copy given when EC2 no longer lists it
 */
public record InstanceStatus(InstanceState state, Instance instance) {}
