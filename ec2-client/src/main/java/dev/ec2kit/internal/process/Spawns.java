package dev.ec2kit.internal.process;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Starting processes and closing listening sockets, kept apart. The JDK opens sockets without
 * close-on-exec: a process being started holds a copy of every descriptor of this JVM until it
 * closes them itself, just before its program runs. A listening socket closed meanwhile lives on in
 * that copy: it takes connections into its backlog (reset a moment later, when the copy is closed)
 * and its address cannot be bound again until then. So the emulator starts every process through
 * {@link #start} and closes the listening sockets at instances' addresses through {@link #closing}:
 * when {@code closing} returns, the address refuses connections and is free to bind. (The JDK's
 * {@code ProcessBuilder.start} returns once the new program runs, its copies closed.)
 */
public final class Spawns {
  private static final ReentrantReadWriteLock STARTS = new ReentrantReadWriteLock();

  private Spawns() {}

  /** A closing of sockets, which may fail as a socket's close does. */
  @FunctionalInterface
  public interface Closing<E extends Exception> {
    void run() throws E;
  }

  /** {@code pb.start()}, never beside a {@link #closing}. */
  public static Process start(ProcessBuilder pb) throws IOException {
    STARTS.readLock().lock();
    try {
      return pb.start();
    } finally {
      STARTS.readLock().unlock();
    }
  }

  /** Runs {@code close} while no process is being started (see the class's note). */
  public static <E extends Exception> void closing(Closing<E> close) throws E {
    STARTS.writeLock().lock();
    try {
      close.run();
    } finally {
      STARTS.writeLock().unlock();
    }
  }
}
