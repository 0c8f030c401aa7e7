package dev.ec2kit.local.internal;

import dev.ec2kit.internal.process.Spawns;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The other addresses, on one selector thread: binding, unbinding and accepting all happen on it,
 * in order, so an address unbound and bound again at once (a stop and a start) never finds its old
 * socket still registered. Accepted connections are served like the main socket's (by the {@link
 * WireServer} they belong to).
 */
final class AddressListeners {
  private final java.nio.channels.Selector selector;
  private final Map<String, java.nio.channels.ServerSocketChannel> bound =
      new java.util.HashMap<>();
  private final java.util.concurrent.BlockingQueue<Runnable> tasks =
      new java.util.concurrent.LinkedBlockingQueue<>();
  private final Thread thread;

  private final int port;
  private final java.util.function.Consumer<Socket> admit;
  private final Set<Socket> open;
  private final PrintStream log;
  private final java.util.function.BooleanSupplier closed;

  AddressListeners(
      int port,
      java.util.function.Consumer<Socket> admit,
      Set<Socket> open,
      PrintStream log,
      java.util.function.BooleanSupplier closed) {
    this.port = port;
    this.admit = admit;
    this.open = open;
    this.log = log;
    this.closed = closed;
    try {
      selector = java.nio.channels.Selector.open();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot open a selector", e);
    }
    thread = new Thread(this::loop, "ec2-local-accept-instances");
    thread.setDaemon(true);
    thread.start();
  }

  interface Task {
    void run() throws IOException;
  }

  /** Runs {@code task} on the selector thread and waits for it. */
  void run(Task task) throws IOException {
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    tasks.add(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    selector.wakeup();
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("the listener thread did not answer in 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while binding " + e.getMessage());
    }
  }

  void bind(String ip) throws IOException {
    if (bound.containsKey(ip)) {
      return;
    }
    java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open();
    try {
      ch.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(new InetSocketAddress(ip, port), 64);
      ch.configureBlocking(false);
      ch.register(selector, java.nio.channels.SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    bound.put(ip, ch);
  }

  void unbind(String ip) throws IOException {
    java.nio.channels.ServerSocketChannel ch = bound.remove(ip);
    if (ch != null) {
      ch.keyFor(selector).cancel();
      selector.selectNow(); // deregisters now, so the close below frees the port at once
      ch.close();
    }
    closeConnections(open, ip);
  }

  /** Closes the connections among {@code open} that reached {@code ip}. */
  static void closeConnections(Set<Socket> open, String ip) throws IOException {
    for (Socket s : open) {
      if (s.getLocalAddress().getHostAddress().equals(ip)) {
        s.close();
      }
    }
  }

  private void loop() {
    while (!closed.getAsBoolean()) {
      try {
        selector.select(1000);
        for (Runnable t; (t = tasks.poll()) != null; ) {
          t.run();
        }
        for (java.nio.channels.SelectionKey k : selector.selectedKeys()) {
          if (k.isValid() && k.isAcceptable()) {
            java.nio.channels.SocketChannel c =
                ((java.nio.channels.ServerSocketChannel) k.channel()).accept();
            if (c != null) {
              c.configureBlocking(true);
              admit.accept(c.socket());
            }
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException | RuntimeException e) {
        if (log != null && !closed.getAsBoolean()) {
          log.println("ec2-local: cannot accept connections at instance addresses: " + e);
        }
        pause();
      }
    }
    try {
      Spawns.closing(
          () -> {
            for (java.nio.channels.ServerSocketChannel ch : bound.values()) {
              ch.close();
            }
            selector.close();
          });
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Wakes the selector thread, so it sees the server closed and ends. */
  void wakeup() {
    selector.wakeup();
  }

  /** Waits up to {@code millis} for the selector thread to end, its sockets closed. */
  void awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
