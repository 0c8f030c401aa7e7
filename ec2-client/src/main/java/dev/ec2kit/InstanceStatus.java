package dev.ec2kit;

/** The manual's {@code query-status}: the instance's state and a fresh copy of it. */
public record InstanceStatus(InstanceState state, Instance instance) {}
