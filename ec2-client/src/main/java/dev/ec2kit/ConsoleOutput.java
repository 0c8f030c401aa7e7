package dev.ec2kit;

import java.time.Instant;
import java.util.Optional;

/**
 * An instance's console output, decoded, and when it was last updated (the manual's pair of time
 * and text). The text is empty while the instance has written nothing yet.
 *
 * <pre>{@code
 * ConsoleOutput out = ec2.instances().consoleOutput(instance);
 * System.out.println(out.output());
 * }</pre>
 *
 * @param instanceId the instance it came from
 * @param timestamp when EC2 last updated it, or {@code null} when it did not say
 * @param output the text, decoded from base64 as UTF-8; empty when there is none yet
 */
public record ConsoleOutput(String instanceId, Instant timestamp, String output) {
  /**
   * When the output was last updated.
   *
   * @return the time EC2 gave, or empty when it gave none (nothing written yet)
   */
  public Optional<Instant> updated() {
    return Optional.ofNullable(timestamp);
  }

  @Override
  public String toString() {
    return "ConsoleOutput[" + instanceId + " " + timestamp + " " + output.length() + " chars]";
  }
}
