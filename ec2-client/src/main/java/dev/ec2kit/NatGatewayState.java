package dev.ec2kit;

import java.util.Locale;

/**
 * The states of a NAT gateway, as EC2 names them: {@code pending} to {@code available} (or {@code
 * failed}), and once deleted {@code deleting} to {@code deleted}.
 */
public enum NatGatewayState {
  /** Being made. */
  PENDING,
  /** Could not be made: its failure code says why. */
  FAILED,
  /** Routing traffic. */
  AVAILABLE,
  /** Being deleted. */
  DELETING,
  /** Deleted; EC2 lists it for about an hour. */
  DELETED;

  /**
   * The name EC2 uses, such as {@code available}.
   *
   * @return the API's name
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state EC2 names so.
   *
   * @param name such as {@code available}
   * @return the state
   * @throws IllegalArgumentException when EC2 has no state of that name
   */
  public static NatGatewayState fromName(String name) {
    for (NatGatewayState s : values()) {
      if (s.apiName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown NAT gateway state '" + name + "'");
  }

  @Override
  public String toString() {
    return apiName();
  }
}
