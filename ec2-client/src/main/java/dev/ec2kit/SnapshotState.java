package dev.ec2kit;

import java.util.Locale;

/** An EBS snapshot's state, as EC2 names it ({@code pending}, {@code completed}, ...). */
public enum SnapshotState {
  /** Being taken: {@code pending}. */
  PENDING,
  /** Complete and usable: {@code completed}. */
  COMPLETED,
  /** Failed: {@code error}. */
  ERROR,
  /** {@code recoverable}, as EC2 reports it. */
  RECOVERABLE,
  /** {@code recovering}, as EC2 reports it. */
  RECOVERING;

  /**
   * The state's name as EC2 writes it.
   *
   * @return the lower-case name, such as {@code completed}
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state EC2 names so; case and surrounding spaces do not matter.
   *
   * @param name the name as EC2 writes it, such as {@code completed}
   * @return the state of that name
   * @throws IllegalArgumentException when no state has that name; the message lists the known ones
   * @throws NullPointerException when {@code name} is null
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
