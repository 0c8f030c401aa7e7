package dev.ec2kit;

import java.util.Locale;

/** An EBS volume's state. */
public enum VolumeState {
  CREATING,
  AVAILABLE,
  IN_USE,
  DELETING,
  DELETED,
  ERROR;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

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
