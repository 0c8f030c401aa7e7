package dev.ec2kit;

import java.util.Locale;

/** Where a volume attachment is: {@code attaching}, {@code attached}, {@code detaching}, ... */
public enum AttachmentState {
  ATTACHING,
  ATTACHED,
  DETACHING,
  DETACHED,
  BUSY;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state EC2 names so; an unknown name is an IllegalArgumentException listing the known ones.
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

  @Override
  public String toString() {
    return apiName();
  }
}
