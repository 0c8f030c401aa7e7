package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Temporary credentials kept and renewed before they expire, in botocore's two windows. With less
 * than {@link #MARGIN} left (advisory), one thread renews while the others go on with the current
 * credentials without waiting; with less than {@link #MANDATORY} left, or none yet, callers wait
 * for one loader call (so a hundred threads of one client make one STS call, not a hundred), and a
 * failure of that call reaches every caller that waited for it. A failed renewal keeps credentials
 * that have not yet expired, as the AWS SDK for Java v2 does, and the loader is not tried again
 * until {@link #BACKOFF} has passed; expired credentials are never handed out.
 */
public final class Refreshing implements CredentialsProvider {
  /** Renew this long before expiry, without making callers wait (botocore's advisory refresh). */
  public static final Duration MARGIN = Duration.ofMinutes(15);

  /** Callers wait for renewal this long before expiry (botocore's mandatory refresh). */
  public static final Duration MANDATORY = Duration.ofMinutes(10);

  /** After a failed renewal of credentials still valid, how long to go on with them untried. */
  public static final Duration BACKOFF = Duration.ofMinutes(1);

  private final Supplier<Credentials> loader;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Credentials current;
  private volatile Instant retryAfter;
  private volatile RuntimeException lastFailure;
  private volatile long loads; // loader calls ended, written under the lock

  public Refreshing(Supplier<Credentials> loader, Clock clock) {
    this.loader = loader;
    this.clock = clock;
  }

  @Override
  public Credentials resolve() {
    Credentials c = current;
    Instant now = clock.instant();
    if (c != null && !c.expiresWithin(MARGIN, now)) {
      return c;
    }
    if (c != null && !c.expiresWithin(MANDATORY, now)) {
      if (backingOff(now) || !lock.tryLock()) {
        return c; // someone renews already, or tried a moment ago: these are good for minutes
      }
      try {
        return load(MARGIN);
      } finally {
        lock.unlock();
      }
    }
    if (c != null && !expired(c, now) && backingOff(now)) {
      return c;
    }
    long seen = loads;
    lock.lock();
    try {
      c = current;
      now = clock.instant();
      if (loads != seen) {
        // a loader call ended while this thread waited: its outcome is this thread's too
        RuntimeException failure = lastFailure;
        if (failure != null && (c == null || expired(c, now))) {
          throw failure;
        }
        return c;
      }
      return load(MANDATORY);
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: calls the loader unless the credentials have more than {@code window} left. */
  private Credentials load(Duration window) {
    Credentials c = current;
    if (c != null && !c.expiresWithin(window, clock.instant())) {
      return c;
    }
    try {
      Credentials fresh = loader.get();
      current = fresh;
      retryAfter = null;
      lastFailure = null;
      return fresh;
    } catch (RuntimeException e) {
      lastFailure = e;
      Instant now = clock.instant();
      if (c != null && !expired(c, now)) {
        retryAfter = now.plus(BACKOFF);
        return c;
      }
      throw e;
    } finally {
      loads++;
    }
  }

  private boolean backingOff(Instant now) {
    Instant after = retryAfter;
    return after != null && now.isBefore(after);
  }

  private static boolean expired(Credentials c, Instant now) {
    return c.expiresWithin(Duration.ZERO, now);
  }
}
