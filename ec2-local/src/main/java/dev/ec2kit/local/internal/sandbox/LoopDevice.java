package dev.ec2kit.local.internal.sandbox;

import dev.ec2kit.internal.process.Spawns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loop device of this machine over a volume's file ({@code losetup}), the block device an
 * instance sees at its volume's device name. Released with {@link #release}: detached at once, or,
 * where a mount still holds it, as the last one ends (the kernel's autoclear), so none outlives the
 * emulator's use of it.
 *
 * <p>The emulator holds it open ({@code held}) while an instance has it: the loop driver lets
 * whoever may open a loop device detach it ({@code LOOP_CLR_FD} asks no capability), and root
 * inside may; with a second opener the kernel only marks it to be cleared when the last one closes,
 * so its number cannot be handed to another volume (or another program of this machine) while a
 * node inside still names it.
 */
record LoopDevice(String path, int major, int minor, java.io.Closeable held) {
  private static final long SECONDS = 60;

  /** A free loop device over {@code file}, set up. */
  static LoopDevice attach(Path file) throws IOException {
    String dev = run(List.of("/usr/sbin/losetup", "--find", "--show", file.toString()), "losetup");
    LoopDevice l = of(dev.strip());
    try {
      return new LoopDevice(
          l.path, l.major, l.minor, java.nio.channels.FileChannel.open(Path.of(l.path)));
    } catch (IOException e) {
      l.release();
      throw e;
    }
  }

  /** The loop device at {@code path} ({@code /dev/loopN}), its numbers read from sysfs. */
  static LoopDevice of(String path) throws IOException {
    if (!path.matches("/dev/loop[0-9]+")) {
      throw new IOException("losetup answered no loop device: " + path);
    }
    String nums =
        Files.readString(Path.of("/sys/block", path.substring("/dev/".length()), "dev")).strip();
    String[] mm = nums.split(":");
    if (mm.length != 2 || !mm[0].matches("[0-9]{1,9}") || !mm[1].matches("[0-9]{1,9}")) {
      throw new IOException("unreadable numbers of " + path + ": " + nums);
    }
    return new LoopDevice(path, Integer.parseInt(mm[0]), Integer.parseInt(mm[1]), null);
  }

  /**
   * Detaches it (while held, that is autoclear: cleared as the last opener closes), then lets go of
   * it; what fails is said, not thrown.
   */
  String release() {
    String failed = null;
    try {
      run(List.of("/usr/sbin/losetup", "--detach", path), "losetup --detach " + path);
    } catch (IOException e) {
      failed = e.getMessage();
    }
    if (held != null) {
      try {
        held.close();
      } catch (IOException e) {
        failed = e.getMessage();
      }
    }
    return failed;
  }

  /** Its numbers as mountinfo prints them. */
  String numbers() {
    return major + ":" + minor;
  }

  /**
   * The loop devices of this machine set up over files that {@code owned} accepts (the backing
   * file's path as sysfs prints it, {@code " (deleted)"} at its end when removed).
   */
  static List<LoopDevice> over(java.util.function.Predicate<String> owned) {
    List<LoopDevice> found = new ArrayList<>();
    try (DirectoryStream<Path> blocks = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
      for (Path b : blocks) {
        Path backing = b.resolve("loop").resolve("backing_file");
        if (Files.isReadable(backing) && owned.test(Files.readString(backing).strip())) {
          found.add(of("/dev/" + b.getFileName()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no sysfs, or a device gone while read: nothing of ours to find there
    }
    return found;
  }

  /** A program that did not end in its time: it was killed. */
  static final class NoAnswer extends IOException {
    NoAnswer(String message) {
      super(message);
    }
  }

  /**
   * Runs a program of this machine (never one inside a sandbox) with a clean environment: its
   * standard output, or an IOException with the last line of its errors ({@link NoAnswer}, the
   * program killed, when it has not ended in 60 s).
   */
  static String run(List<String> argv, String what) throws IOException {
    return run(argv, what, SECONDS);
  }

  /** As {@link #run(List, String)}, with {@code seconds} for the program to end. */
  static String run(List<String> argv, String what, long seconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    pb.environment().put("LC_ALL", "C");
    Process p = Spawns.start(pb);
    p.getOutputStream().close();
    // both read beside the wait, so that a program that never ends is waited for no longer
    CompletableFuture<byte[]> out = all(p.getInputStream());
    CompletableFuture<byte[]> err = all(p.getErrorStream());
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        killed(p);
        throw new NoAnswer(what + ": no answer in " + seconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killed(p);
      throw new IOException(what + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      String e = new String(rest(err, what), StandardCharsets.UTF_8).strip();
      throw new IOException(
          e.isEmpty()
              ? what + ": exit status " + p.exitValue()
              : e.lines().reduce((a, b) -> b).orElse(e));
    }
    return new String(rest(out, what), StandardCharsets.UTF_8);
  }

  /** Kills the program and waits (5 s at most) until it is gone, so it holds no device after. */
  private static void killed(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly); // listed while they are its own
    p.destroyForcibly();
    try {
      p.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // the kernel has the kill; nothing more to do from here
    }
  }

  /**
   * The rest of an ended program's output: a child of it that keeps the pipe open is waited for 5 s
   * at most.
   */
  private static byte[] rest(CompletableFuture<byte[]> stream, String what) throws IOException {
    try {
      return stream.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // not a NoAnswer: the program ended; something it started holds its output
      throw new IOException(what + ": ended, but its output was still held open 5 s after");
    }
  }

  /** What {@code in} gives until its end, read on a thread of its own. */
  private static CompletableFuture<byte[]> all(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return in.readAllBytes();
          } catch (IOException e) {
            return new byte[0];
          }
        },
        r -> {
          Thread t = new Thread(r, "ec2-local-program-output");
          t.setDaemon(true);
          t.start();
        });
  }
}
