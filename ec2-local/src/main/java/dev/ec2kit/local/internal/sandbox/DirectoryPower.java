package dev.ec2kit.local.internal.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * How the power commands of instances that are directories of this machine reach the emulator: each
 * instance's PATH starts with a directory of {@link Shims#directory()} named for it, whose programs
 * write "INSTANCE-ID poweroff|reboot" to one named pipe that a thread of the emulator reads.
 * Without it, {@code sudo poweroff} in an instance of an emulator running as root would power off
 * this machine.
 */
final class DirectoryPower implements AutoCloseable {
  /** Told of a request; called on the reader's thread, under no lock. */
  interface Listener {
    void asked(String instanceId, boolean reboot);
  }

  private final Path dir;
  private final RandomAccessFile pipe;
  private final Thread reader;
  private volatile boolean closed;

  private DirectoryPower(Path dir, RandomAccessFile pipe, Listener listener) {
    this.dir = dir;
    this.pipe = pipe;
    this.reader = new Thread(() -> read(listener), "ec2-local-power-requests");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Makes the pipe under {@code root} and starts reading it; null where this machine has no named
   * pipes ({@code mkfifo}), which {@link #unavailable} then says.
   */
  static DirectoryPower start(Path root, Listener listener) {
    Path dir = root.resolve(".power");
    Path fifo = dir.resolve("requests");
    try {
      Files.createDirectories(dir);
      Probe.run(List.of("/usr/bin/mkfifo", "-m", "600", fifo.toString()), "making the power pipe");
      // read and write: the open does not wait for a writer, and reads never end for want of one
      return new DirectoryPower(dir, new RandomAccessFile(fifo.toFile(), "rw"), listener);
    } catch (IOException e) {
      return null;
    }
  }

  /** What the start-up line says when the pipe cannot be had. */
  static String unavailable() {
    return "; WARNING: this machine has no named pipes (mkfifo), so poweroff, reboot, shutdown and"
        + " sudo inside an instance run this machine's own";
  }

  /** The directory first in the instance's PATH, its programs written on first use. */
  String path(String instanceId) {
    Path bin = dir.resolve(instanceId);
    if (!Files.isDirectory(bin)) {
      try {
        Files.createDirectories(bin);
        for (Map.Entry<String, String> e : Shims.directory().entrySet()) {
          Path f = bin.resolve(e.getKey());
          Files.writeString(f, e.getValue());
          Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the power programs of " + instanceId, e);
      }
    }
    return bin.toString();
  }

  /** Removes an instance's programs (it terminated). */
  void forget(String instanceId) {
    Sandboxes.deleteTree(dir.resolve(instanceId));
  }

  private void read(Listener listener) {
    while (!closed) {
      String line;
      try {
        line = pipe.readLine();
      } catch (IOException e) {
        return;
      }
      if (line == null || closed) {
        return;
      }
      // bytes as the shims wrote them: an id and a word, else nothing
      String[] f =
          new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
              .strip()
              .split(" ");
      if (f.length == 2
          && f[0].matches("i-[0-9a-f]{1,32}")
          && (f[1].equals("poweroff") || f[1].equals("reboot"))) {
        try {
          listener.asked(f[0], f[1].equals("reboot"));
        } catch (RuntimeException e) {
          // the request is dropped; the reader goes on
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      pipe.write('\n'); // wakes the reader, which sees it closed
      pipe.close();
    } catch (IOException e) {
      // the reader ends with the pipe
    }
  }
}
