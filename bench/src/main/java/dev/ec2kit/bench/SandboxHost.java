package dev.ec2kit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What sandboxes cost this machine and what they leave on it, for {@link SandboxBenchmark}: the
 * memory of idle sandboxes, and after they ended, their processes, mounts, loop devices,
 * directories and this JVM's file descriptors.
 */
final class SandboxHost {
  private SandboxHost() {}

  /** OpenSSH's options for a client with {@code key} that trusts any host key, on {@code port}. */
  static String openssh(Path key, int port) {
    return "ssh -i "
        + key
        + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes"
        + " -o LogLevel=ERROR -o ConnectTimeout=2 -o Port="
        + port;
  }

  /** Loop devices attached on this machine. */
  static int loopDevices() throws Exception {
    String out = Shell.run("losetup -a 2>/dev/null || true").strip();
    return out.isEmpty() ? 0 : (int) out.lines().count();
  }

  /** This JVM and the machine before a batch. */
  record Before(long heapBytes, long rssKib, long availableKib, int fds) {}

  static Before before() throws InterruptedException {
    return new Before(
        EmulatorMemory.usedAfterGc(),
        HostMemory.selfRssKib(),
        HostMemory.availableKib(),
        HostMemory.selfFds());
  }

  /**
   * One idle sandbox's memory, each figure per instance (KiB): its processes' proportional set size
   * and page tables, its in-memory filesystems, the heap the emulator holds for it; for the record,
   * not summed: the emulator's resident set growth (which holds the heap's), the machine's
   * available memory fall (everything on it, noisy on a shared machine) and the writable layers'
   * disk use. {@code dirs}: the instances' directories.
   */
  record Memory(
      int n,
      double processesPerSandbox,
      double processKib,
      double tmpfsKib,
      double heapKib,
      double rssKib,
      double availableKib,
      double diskKib,
      List<Path> dirs) {
    double perInstanceKib() {
      return processKib + tmpfsKib + heapKib;
    }

    String parts() {
      return String.format(
          "processes %.0f, tmpfs %.0f, emulator heap %.0f", processKib, tmpfsKib, heapKib);
    }

    List<String> rows(Memory peer) {
      List<String> out = new ArrayList<>();
      out.add(row("processes per sandbox", processesPerSandbox, peer.processesPerSandbox));
      out.add(row("their PSS + page tables", processKib, peer.processKib));
      out.add(row("in-memory filesystems (tmpfs)", tmpfsKib, peer.tmpfsKib));
      out.add(row("heap held by the JVM (emulator / benchmark)", heapKib, peer.heapKib));
      out.add(row("**sum**", perInstanceKib(), peer.perInstanceKib()));
      out.add(
          row(
              "for the record: JVM resident set growth (emulator and this benchmark's SSH client)",
              rssKib,
              peer.rssKib));
      out.add(
          row(
              "for the record: machine MemAvailable fall (all of it: noisy where other work runs)",
              availableKib,
              peer.availableKib));
      out.add(row("for the record: writable layer on disk", diskKib, peer.diskKib));
      return out;
    }

    private static String row(String what, double ours, double peer) {
      return String.format("| %s | %.1f | %.1f |", what, ours, peer);
    }
  }

  /**
   * The emulator's sandboxes, all running and idle: the processes under this JVM ({@code unshare}
   * and everything under it), each sandbox's {@code /run}, {@code /dev} and {@code /dev/shm} seen
   * from its init, its writable layer (the {@code upper} of the directory that its {@code unshare}
   * was given).
   */
  static Memory memory(Before before, int n) throws Exception {
    List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
    long tmpfs = 0;
    List<Path> dirs = new ArrayList<>();
    for (ProcessHandle p : all) {
      List<String> argv = argv(p);
      int boot = argv.indexOf("ec2-local-boot");
      if (!argv.isEmpty() && argv.get(0).endsWith("unshare") && boot > 0) {
        dirs.add(Path.of(argv.get(boot + 2)));
        ProcessHandle init = p.children().findFirst().orElse(null);
        if (init != null) {
          tmpfs += HostMemory.usedKib(init.pid(), List.of("/run", "/dev", "/dev/shm"));
        }
      }
    }
    if (dirs.size() != n) {
      throw new IllegalStateException(dirs.size() + " sandboxes running, not " + n);
    }
    return measure(
        before, n, all, tmpfs, dirs.stream().map(d -> d.resolve("upper")).toList(), dirs);
  }

  /** The peer's sandboxes, all running and idle. */
  static Memory peerMemory(Before before, SandboxPeer peer, int n) throws Exception {
    long tmpfs = 0;
    for (long init : peer.inits()) {
      tmpfs += HostMemory.usedKib(init, List.of("/run"));
    }
    return measure(before, n, peer.processes(), tmpfs, peer.uppers(), List.of());
  }

  private static Memory measure(
      Before before,
      int n,
      List<ProcessHandle> processes,
      long tmpfsKib,
      List<Path> uppers,
      List<Path> dirs)
      throws Exception {
    Thread.sleep(2000); // idle: what booted has settled
    HostMemory.Usage u = HostMemory.of(processes);
    long heap = EmulatorMemory.usedAfterGc();
    long rss = HostMemory.selfRssKib();
    long available = HostMemory.availableKib();
    return new Memory(
        n,
        u.processes() / (double) n,
        u.totalKib() / (double) n,
        tmpfsKib / (double) n,
        (heap - before.heapBytes()) / 1024.0 / n,
        (rss - before.rssKib()) / (double) n,
        (before.availableKib() - available) / (double) n,
        HostMemory.diskKib(uppers) / (double) n,
        dirs);
  }

  /**
   * Waits (a minute at most) for every process under this JVM, this machine's mounts of instances,
   * loop devices beyond {@code loopsBefore} and instance directories of {@code memory} to be gone
   * after a terminate started {@code since} (System.nanoTime), then says what is left of them and
   * of this JVM's file descriptors beyond {@code fdsBefore}; "none left" first when nothing is.
   */
  static String gone(Memory memory, int loopsBefore, int fdsBefore, long since) throws Exception {
    long deadline = since + 60_000_000_000L;
    long processes;
    long mounts;
    int loops;
    long dirs;
    do { // processes first, then their mounts, loop devices and directories: all of it is the end
      Thread.sleep(20);
      processes = ProcessHandle.current().descendants().count();
      mounts =
          Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
              .filter(l -> l.contains("ec2-local-instances"))
              .count();
      loops = loopDevices() - loopsBefore;
      dirs = memory.dirs().stream().filter(Files::exists).count();
    } while ((processes > 0 || mounts > 0 || loops > 0 || dirs > 0)
        && System.nanoTime() < deadline);
    long ms = (System.nanoTime() - since) / 1_000_000;
    Thread.sleep(1000); // the SSH front's listeners closing
    int fds = HostMemory.selfFds() - fdsBefore;
    boolean none = processes == 0 && mounts == 0 && loops <= 0 && dirs == 0 && fds <= 0;
    return String.format(
        "%sall gone %d ms after TerminateInstances' call; left: %d processes, %d mounts, %d loop"
            + " devices, %d instance directories, %+d file descriptors of the emulator",
        none ? "none left: " : "", ms, processes, mounts, Math.max(0, loops), dirs, fds);
  }

  private static List<String> argv(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      List<String> out = new ArrayList<>();
      int from = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          out.add(new String(raw, from, i - from, java.nio.charset.StandardCharsets.UTF_8));
          from = i + 1;
        }
      }
      return out;
    } catch (java.io.IOException e) {
      return List.of();
    }
  }
}
