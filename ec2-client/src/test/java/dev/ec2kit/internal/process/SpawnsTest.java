package dev.ec2kit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A listening socket closed through {@link Spawns#closing} refuses connections and frees its port
 * the moment the close returns, while other threads start processes through {@link Spawns#start} as
 * fast as they can (each of which, while it starts, holds a copy of every socket of the JVM).
 */
class SpawnsTest {
  @Test
  void a_closed_listener_refuses_at_once_and_its_port_binds_again_beside_starting_processes()
      throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    AtomicBoolean going = new AtomicBoolean(true);
    AtomicInteger started = new AtomicInteger();
    ExecutorService spawning = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = spawning.submit(() -> spawn(going, started));
      Future<?> b = spawning.submit(() -> spawn(going, started));
      ServerSocket listener = new ServerSocket(0, 50, loopback);
      int port = listener.getLocalPort();
      for (int round = 0; round < 300; round++) {
        ServerSocket closing = listener;
        Spawns.closing(closing::close);
        assertThatThrownBy(() -> connect(new InetSocketAddress(loopback, port)))
            .as("a connection right after close %d", round)
            .isInstanceOf(ConnectException.class);
        listener = new ServerSocket(port, 50, loopback); // "Address already in use" if it lived on
      }
      listener.close();
      going.set(false);
      a.get(30, TimeUnit.SECONDS);
      b.get(30, TimeUnit.SECONDS);
    } finally {
      going.set(false);
      spawning.shutdownNow();
    }
    assertThat(started.get()).as("processes started beside the closes").isGreaterThan(30);
  }

  private static Void spawn(AtomicBoolean going, AtomicInteger started) throws Exception {
    while (going.get()) {
      Spawns.start(new ProcessBuilder("/bin/true")).waitFor();
      started.incrementAndGet();
    }
    return null;
  }

  private static void connect(InetSocketAddress at) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(at, 2000);
    }
  }
}
