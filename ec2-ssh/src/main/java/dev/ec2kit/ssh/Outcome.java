package dev.ec2kit.ssh;

import dev.ec2kit.Instance;
import java.util.Optional;

/** The result of one call on one instance among many: a value, or the error it met. */
public record Outcome<T>(Instance instance, T value, Exception error) {
  public boolean ok() {
    return error == null;
  }

  public Optional<T> result() {
    return Optional.ofNullable(value);
  }

  @Override
  public String toString() {
    return instance.instanceId()
        + ": "
        + (ok() ? String.valueOf(value) : "error: " + error.getMessage());
  }
}
