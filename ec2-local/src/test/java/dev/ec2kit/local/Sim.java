package dev.ec2kit.local;

import dev.ec2kit.Ec2;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An emulator and a client sharing one simulated clock: the client's sleeper moves the clock, so
 * lifecycle and waiter tests run without sleeping, and every request's action is recorded.
 */
final class Sim implements AutoCloseable {
  /** A clock that moves only when told. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.now();

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

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final MutableClock clock = new MutableClock();
  final Ec2Local local;
  final List<String> actions = Collections.synchronizedList(new ArrayList<>());
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  final Ec2 ec2;

  Sim(Duration transition) {
    this(transition, Transport.jdk());
  }

  Sim(Duration transition, Transport transport) {
    // the API's behaviour, up to a thousand instances: directories, not sandboxes, are enough
    local =
        Ec2Local.builder()
            .port(0)
            .clock(clock)
            .transition(transition)
            .sandbox(SandboxMode.OFF)
            .build()
            .start();
    Transport recording =
        request -> {
          String body = new String(request.body(), StandardCharsets.UTF_8);
          actions.add(body.substring("Action=".length(), body.indexOf('&')));
          return transport.send(request);
        };
    ec2 =
        Ec2.builder()
            .identity(local.identity("us-east-1"))
            .transport(recording)
            .clock(clock)
            .sleeper(
                d -> {
                  sleeps.add(d);
                  clock.advance(d);
                })
            .retryPolicy(RetryPolicy.standard())
            .build();
  }

  /** The id of the emulator's Amazon Linux 2023 x86_64 image. */
  String ami() {
    return ec2.images()
        .describe(dev.ec2kit.ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  long count(String action) {
    synchronized (actions) {
      return actions.stream().filter(action::equals).count();
    }
  }

  @Override
  public void close() {
    local.close();
  }
}
