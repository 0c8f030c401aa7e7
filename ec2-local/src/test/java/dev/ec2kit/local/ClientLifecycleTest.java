package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Region;
import dev.ec2kit.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * An {@link Ec2} is closed like any resource: the threads and connections of the transport it made
 * end, calls after close fail plainly, clients made from it share it, and a transport it was given
 * stays its owner's.
 */
@Isolated
@Emulated
class ClientLifecycleTest {
  /** The live threads of java.net.http clients (ours are named ec2kit-http-N-M). */
  private static java.util.Set<Thread> clientThreads() {
    java.util.Set<Thread> out = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()
          && (t.getName().startsWith("ec2kit-http-") || t.getName().startsWith("HttpClient-"))) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void twenty_closed_clients_leave_no_thread_behind(Ec2Local local) throws Exception {
    java.util.Set<Thread> before = clientThreads();
    List<Ec2> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
      assertThat(ec2.regions().describe("us-east-1")).hasSize(1);
      clients.add(ec2);
    }
    java.util.Set<Thread> made = clientThreads();
    made.removeAll(before);
    assertThat(made).hasSizeGreaterThanOrEqualTo(20);
    clients.forEach(Ec2::close);
    clients.clear();
    // on JDK 17 a closed HttpClient's selector thread ends once the client is collected
    for (int i = 0; i < 100 && made.stream().anyMatch(Thread::isAlive); i++) {
      System.gc();
      Thread.sleep(100);
    }
    assertThat(made).noneMatch(Thread::isAlive);
  }

  @Test
  void a_closed_client_and_those_made_from_it_refuse_calls(Ec2Local local) {
    Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
    Ec2 west = ec2.withRegion(Region.of("us-west-2").withUri(local.endpoint()));
    west.close(); // shares the first one's connections: closing it closes nothing
    assertThat(ec2.regions().describe("us-east-1")).hasSize(1);
    assertThat(west.regions().describeZones()).isNotEmpty();
    ec2.close();
    ec2.close(); // twice is harmless
    assertThatThrownBy(() -> ec2.regions().describe())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> west.regions().describe()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_transport_given_to_the_builder_stays_open(Ec2Local local) throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    Transport mine =
        Transport.urlConnection(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
    Transport watched =
        new Transport() {
          @Override
          public Response send(Request request) throws java.io.IOException {
            return mine.send(request);
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
    try (Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).transport(watched).build()) {
      assertThat(ec2.regions().describe("us-east-1")).hasSize(1);
    }
    assertThat(closed).isFalse();
  }
}
