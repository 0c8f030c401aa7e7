package dev.ec2kit;

import java.util.Locale;

/** An EBS volume's state, as EC2 names it ({@code creating}, {@code in-use}, ...). */
public enum VolumeState {
  /** Being created: {@code creating}. */
  CREATING,
  /** Ready and not attached: {@code available}. */
  AVAILABLE,
  /** Attached to an instance: {@code in-use}. */
  IN_USE,
  /** Being deleted: {@code deleting}. */
  DELETING,
  /** Deleted: {@code deleted}. */
  DELETED,
  /** Failed: {@code error}. */
  ERROR;

  /**
   * The state's name as EC2 writes it.
   *
   * @return the lower-case name with {@code -}, such as {@code in-use}
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The state EC2 names so ({@code in-use}) or Java does ({@code IN_USE}); case and surrounding
   * spaces do not matter.
   *
   * @param name the name
   * @return the state of that name
   * @throws IllegalArgumentException when no state has that name; the message lists the known ones
   * @throws NullPointerException when {@code name} is null
   */
  public static VolumeState fromName(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown volume state '"
              + name
              + "': use creating, available, in-use, deleting, deleted or error");
    }
  }

  @Override
  public String toString() {
    return apiName();
  }
}
