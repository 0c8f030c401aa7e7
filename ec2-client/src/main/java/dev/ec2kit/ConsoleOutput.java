package dev.ec2kit;

import java.time.Instant;
import java.util.Optional;

/**
 * An instance's console output, decoded, and when it was last updated (the manual's pair of time
 * and text). The text is empty while the instance has written nothing yet.
 */
public record ConsoleOutput(String instanceId, Instant timestamp, String output) {
  public Optional<Instant> updated() {
    return Optional.ofNullable(timestamp);
  }

  @Override
  public String toString() {
    return "ConsoleOutput[" + instanceId + " " + timestamp + " " + output.length() + " chars]";
  }
}
