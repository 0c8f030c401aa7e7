package dev.ec2kit.local.internal;

import java.util.Locale;

/**
 * The states of images and snapshots as EC2 names them ({@code pending}, {@code available}, ...).
 */
enum ResourceState {
  PENDING,
  AVAILABLE,
  COMPLETED,
  FAILED;

  /**
   * EC2's name, which is also what {@link #toString()} gives, so answers and messages read right.
   */
  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return apiName();
  }
}
