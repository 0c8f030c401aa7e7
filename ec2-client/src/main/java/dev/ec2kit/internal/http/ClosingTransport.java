package dev.ec2kit.internal.http;

import dev.ec2kit.Transport;
import java.io.IOException;

/**
 * The transport of one {@code Ec2} client: refuses to send once the client is closed, and closes
 * the transport underneath only when the client made it (one it was given belongs to the caller).
 */
public final class ClosingTransport implements Transport {
  private final Transport delegate;
  private final boolean owned;
  private volatile boolean closed;

  public ClosingTransport(Transport delegate, boolean owned) {
    this.delegate = delegate;
    this.owned = owned;
  }

  @Override
  public Response send(Request request) throws IOException {
    if (closed) {
      throw new IllegalStateException(
          "this Ec2 client is closed; build another with Ec2.builder()");
    }
    return delegate.send(request);
  }

  /** Whether {@link #close} has been called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (owned) {
      delegate.close();
    }
  }
}
