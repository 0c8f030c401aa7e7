package dev.ec2kit;

import java.util.Locale;

/** Where a volume attachment is: {@code attaching}, {@code attached}, {@code detaching}, ... */
public enum AttachmentState {
  /** Being attached: {@code attaching}. */
  ATTACHING,
  /** Attached and usable by the instance: {@code attached}. */
  ATTACHED,
  /** Being detached: {@code detaching}. */
  DETACHING,
  /** No longer attached: {@code detached}. */
  DETACHED,
  /** Attached and in use, so that EC2 cannot detach it yet: {@code busy}. */
  BUSY;

  /**
   * The state's name as EC2 writes it.
   *
   * @return the lower-case name, such as {@code attached}
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state EC2 names so; case and surrounding spaces do not matter.
   *
   * @param name the name as EC2 writes it, such as {@code attached}
   * @return the state of that name
   * @throws IllegalArgumentException when no state has that name; the message lists the known ones
   * @throws NullPointerException when {@code name} is null
   */
  public static AttachmentState fromName(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown attachment state '"
              + name
              + "': use attaching, attached, detaching, detached or busy");
    }
  }

  /**
   * As EC2 writes it.
   *
   * @return {@link #apiName()}
   */
  @Override
  public String toString() {
    return apiName();
  }
}
