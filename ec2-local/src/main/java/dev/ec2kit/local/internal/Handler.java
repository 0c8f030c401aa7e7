package dev.ec2kit.local.internal;

/** Answers one EC2 action: returns the response document, or throws {@link Ec2Error}. */
@FunctionalInterface
public interface Handler {
  String handle(Call call);
}
