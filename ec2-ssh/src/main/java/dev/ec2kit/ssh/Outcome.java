package dev.ec2kit.ssh;

import dev.ec2kit.Instance;
import java.util.Optional;

/**
 * The result of one call on one instance among many: a value, or the error it met.
 *
 * <pre>{@code
 * for (Outcome<Load> o : ssh.queryLoad(fleet)) {
 *   System.out.println(o);   // i-0123456789abcdef0: 0.0 0.05 0.02, or i-...: error: ...
 * }
 * }</pre>
 *
 * @param <T> the type of the call's value
 * @param instance the instance the call ran on
 * @param value what the call returned, or {@code null} when it failed
 * @param error the exception the call ended with, or {@code null} when it succeeded
 */
public record Outcome<T>(Instance instance, T value, Exception error) {
  /**
   * Whether the call succeeded.
   *
   * @return {@code true} when it ended without an exception
   */
  public boolean ok() {
    return error == null;
  }

  /**
   * What the call returned.
   *
   * @return the value, or empty when the call failed (or returned {@code null})
   */
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
