package dev.ec2kit;

import java.util.Locale;

/**
 * Where a volume's modification is ({@link VolumeModification#modificationState()}), as EC2 names
 * it: {@code modifying}, then {@code optimizing} (the new size is usable from here), then {@code
 * completed}; or {@code failed}.
 */
public enum VolumeModificationState {
  /** Being changed: {@code modifying}. */
  MODIFYING,
  /** Changed and being optimized; the new settings are in use: {@code optimizing}. */
  OPTIMIZING,
  /** Done: {@code completed}. */
  COMPLETED,
  /** Failed; the volume keeps its settings: {@code failed}. */
  FAILED;

  /**
   * The state's name as EC2 writes it.
   *
   * @return the lower-case name, such as {@code optimizing}
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state EC2 names so ({@code optimizing}) or Java does ({@code OPTIMIZING}).
   *
   * @param name the name
   * @return the state of that name
   * @throws IllegalArgumentException when no state has that name; the message lists the known ones
   * @throws NullPointerException when {@code name} is null
   */
  public static VolumeModificationState fromName(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown modification state '"
              + name
              + "': use modifying, optimizing, completed or failed");
    }
  }

  @Override
  public String toString() {
    return apiName();
  }
}
