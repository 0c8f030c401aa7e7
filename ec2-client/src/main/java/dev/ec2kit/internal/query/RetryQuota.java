package dev.ec2kit.internal.query;

/**
 * The SDKs' retry quota for standard and adaptive modes: a bucket of 500 shared by a client's
 * calls; a retry takes 5 (10 after a timeout), a call that succeeds gives back what its retries
 * took (1 when it needed none). An empty bucket means no more retries until calls succeed again, so
 * a client does not multiply the load on a service that is down.
 */
final class RetryQuota {
  static final int CAPACITY = 500;
  static final int RETRY_COST = 5;
  static final int TIMEOUT_COST = 10;
  static final int NO_RETRY_REFUND = 1;

  private int available = CAPACITY;

  /** Takes the cost of a retry; false when the bucket cannot pay it. */
  synchronized boolean take(int cost) {
    if (available < cost) {
      return false;
    }
    available -= cost;
    return true;
  }

  synchronized void refund(int amount) {
    available = Math.min(CAPACITY, available + amount);
  }

  synchronized int available() {
    return available;
  }
}
