package dev.ec2kit;

import java.util.Locale;

/** An EBS snapshot's state, as EC2 names it ({@code pending}, {@code completed}, ...). */
public enum SnapshotState {
  PENDING,
  COMPLETED,
  ERROR,
  RECOVERABLE,
  RECOVERING;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state EC2 names so; an unknown name is an IllegalArgumentException listing the known ones.
   */
  public static SnapshotState fromName(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown snapshot state '"
              + name
              + "': use pending, completed, error, recoverable or recovering");
    }
  }

  @Override
  public String toString() {
    return apiName();
  }
}
