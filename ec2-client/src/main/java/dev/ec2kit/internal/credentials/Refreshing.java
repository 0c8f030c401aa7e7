package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Temporary credentials kept and renewed before they expire: one thread at a time fetches (so a
 * hundred threads of one client make one STS call, not a hundred), and every client built from the
 * same provider shares them. Renewed when less than {@link #MARGIN} is left, as the SDKs do.
 */
public final class Refreshing implements CredentialsProvider {
  /** Renew this long before expiry (botocore's advisory refresh is 15 minutes). */
  public static final Duration MARGIN = Duration.ofMinutes(15);

  private final Supplier<Credentials> loader;
  private final Clock clock;
  private volatile Credentials current;

  public Refreshing(Supplier<Credentials> loader, Clock clock) {
    this.loader = loader;
    this.clock = clock;
  }

  @Override
  public Credentials resolve() {
    Credentials c = current;
    if (c != null && !c.expiresWithin(MARGIN, clock.instant())) {
      return c;
    }
    synchronized (this) {
      c = current;
      if (c == null || c.expiresWithin(MARGIN, clock.instant())) {
        c = loader.get();
        current = c;
      }
      return c;
    }
  }
}
