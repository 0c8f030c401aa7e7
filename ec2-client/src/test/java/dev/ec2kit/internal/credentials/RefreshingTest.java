package dev.ec2kit.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Renewal in botocore's windows with a clock the test moves: valid credentials survive a failed
 * renewal, the loader is not hammered, and nobody waits for a renewal while credentials are good.
 */
class RefreshingTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** A clock the test sets. */
  private static final class TestClock extends Clock {
    volatile Instant now = START;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A loader that answers hour-long credentials, or fails, as the test says; it counts calls. */
  private static final class Loader implements Supplier<Credentials> {
    final TestClock clock;
    final AtomicInteger calls = new AtomicInteger();
    volatile RuntimeException failure;
    volatile CountDownLatch gate;

    Loader(TestClock clock) {
      this.clock = clock;
    }

    @Override
    public Credentials get() {
      int n = calls.incrementAndGet();
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failure != null) {
        throw failure;
      }
      return new Credentials("ASIA" + n, "s", "t", clock.now.plus(Duration.ofHours(1)), "test");
    }
  }

  private final TestClock clock = new TestClock();
  private final Loader loader = new Loader(clock);
  private final Refreshing provider = new Refreshing(loader, clock);
  private final ExecutorService pool = Executors.newFixedThreadPool(50);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void a_failed_renewal_with_14_minutes_left_keeps_the_credentials_and_backs_off() {
    Credentials first = provider.resolve();
    clock.advance(Duration.ofMinutes(46)); // 14 minutes left: the advisory window
    loader.failure = new IllegalStateException("STS is down");
    for (int i = 0; i < 100; i++) {
      assertThat(provider.resolve()).isSameAs(first);
    }
    assertThat(loader.calls).hasValue(2); // one try, then no more during the backoff
    clock.advance(Refreshing.BACKOFF.plusSeconds(1));
    assertThat(provider.resolve()).isSameAs(first);
    assertThat(loader.calls).hasValue(3);
    loader.failure = null;
    clock.advance(Refreshing.BACKOFF.plusSeconds(1));
    assertThat(provider.resolve().accessKeyId()).isEqualTo("ASIA4");
  }

  @Test
  void a_failed_renewal_in_the_mandatory_window_keeps_credentials_until_they_expire() {
    Credentials first = provider.resolve();
    clock.advance(Duration.ofMinutes(51)); // 9 minutes left
    loader.failure = new IllegalStateException("STS is down");
    assertThat(provider.resolve()).isSameAs(first);
    assertThat(provider.resolve()).isSameAs(first);
    assertThat(loader.calls).hasValue(2);
    clock.advance(Duration.ofMinutes(9)); // expired: never handed out
    assertThatThrownBy(provider::resolve).hasMessage("STS is down");
    assertThatThrownBy(provider::resolve).hasMessage("STS is down");
    assertThat(loader.calls).hasValue(4); // with nothing valid, each call tries again
  }

  @Test
  void fifty_threads_with_valid_credentials_are_not_held_up_by_a_slow_renewal() throws Exception {
    Credentials first = provider.resolve();
    clock.advance(Duration.ofMinutes(46));
    loader.gate = new CountDownLatch(1);
    Future<Credentials> renewing = pool.submit(provider::resolve);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (loader.calls.get() < 2 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(loader.calls).as("the renewal has started").hasValue(2);
    List<Future<Credentials>> others = new ArrayList<>();
    for (int i = 0; i < 49; i++) {
      others.add(pool.submit(provider::resolve));
    }
    for (Future<Credentials> f : others) {
      assertThat(f.get(2, TimeUnit.SECONDS)).isSameAs(first);
    }
    loader.gate.countDown();
    assertThat(renewing.get(2, TimeUnit.SECONDS).accessKeyId()).isEqualTo("ASIA2");
    assertThat(provider.resolve().accessKeyId()).isEqualTo("ASIA2");
    assertThat(loader.calls).hasValue(2);
  }

  @Test
  void callers_without_credentials_wait_for_one_loader_call_and_share_its_failure()
      throws Exception {
    loader.gate = new CountDownLatch(1);
    loader.failure = new IllegalStateException("no role");
    List<Future<Credentials>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(pool.submit(provider::resolve));
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (loader.calls.get() < 1 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    Thread.sleep(200); // let the others queue behind the one loading
    loader.gate.countDown();
    for (Future<Credentials> f : all) {
      assertThatThrownBy(() -> f.get(2, TimeUnit.SECONDS)).hasRootCauseMessage("no role");
    }
    assertThat(loader.calls.get()).isLessThan(5);
  }
}
