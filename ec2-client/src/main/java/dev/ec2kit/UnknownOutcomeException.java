package dev.ec2kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A call that is not safe to repeat was sent, and then its answer was lost (the connection dropped
 * or timed out): EC2 may or may not have acted on it. It was not sent again, so it cannot have
 * happened twice; look before trying again.
 *
 * <pre>{@code
 * try {
 *   ec2.addresses().allocate();
 * } catch (UnknownOutcomeException e) {
 *   System.err.println(e.getMessage()); // ... check with DescribeAddresses before trying again
 * }
 * }</pre>
 */
public final class UnknownOutcomeException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /** The action whose outcome is unknown. */
  private final String action;

  /** Where it was sent. */
  private final URI endpoint;

  /**
   * The outcome of {@code action} at {@code endpoint} is unknown; the message says so, quotes the
   * cause and names the call that tells what happened.
   *
   * @param action the action sent, such as {@code AllocateAddress}
   * @param endpoint where it was sent
   * @param check the call to look with before trying again, such as {@code DescribeAddresses}
   * @param cause how the answer was lost
   * @throws NullPointerException when {@code cause} is null
   */
  public UnknownOutcomeException(String action, URI endpoint, String check, IOException cause) {
    super(
        action
            + " may have taken effect: "
            + cause.getMessage()
            + ". It was not sent again, so it cannot"
            + " have happened twice; check with "
            + check
            + " before trying again",
        cause);
    this.action = action;
    this.endpoint = endpoint;
  }

  /**
   * The action whose outcome is unknown.
   *
   * @return its name, such as {@code AllocateAddress}
   */
  public String action() {
    return action;
  }

  /**
   * Where the action was sent.
   *
   * @return the endpoint's URI
   */
  public URI endpoint() {
    return endpoint;
  }
}
