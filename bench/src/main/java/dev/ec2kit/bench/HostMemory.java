package dev.ec2kit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * This machine's memory as {@code /proc} tells it: what processes hold (proportional set size, so
 * pages shared with others count for their share, plus their page tables), what a tmpfs inside
 * another mount namespace holds, this JVM's own resident set, and the machine's available memory.
 */
final class HostMemory {
  private HostMemory() {}

  /** Processes' memory: proportional set size and page tables, in KiB, and how many. */
  record Usage(long pssKib, long pageTablesKib, int processes) {
    long totalKib() {
      return pssKib + pageTablesKib;
    }
  }

  /** The sum over {@code processes} that are still there (a gone one counts nothing). */
  static Usage of(Collection<ProcessHandle> processes) {
    long pss = 0;
    long pte = 0;
    int n = 0;
    for (ProcessHandle p : processes) {
      long a = field(p.pid(), "smaps_rollup", "Pss:");
      long b = field(p.pid(), "status", "VmPTE:");
      if (a >= 0) {
        pss += a;
        pte += Math.max(0, b);
        n++;
      }
    }
    return new Usage(pss, pte, n);
  }

  /** This JVM's resident set, in KiB. */
  static long selfRssKib() {
    return field(ProcessHandle.current().pid(), "status", "VmRSS:");
  }

  /** The machine's MemAvailable, in KiB. */
  static long availableKib() {
    try {
      return value(Files.readAllLines(Path.of("/proc/meminfo")), "MemAvailable:");
    } catch (IOException e) {
      return -1;
    }
  }

  /** This JVM's open file descriptors. */
  static int selfFds() {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * KiB used on the filesystems at {@code paths} as seen from the root of process {@code pid}
   * ({@code /proc/PID/root/...}, so a tmpfs of another mount namespace counts), by {@code statfs}.
   */
  static long usedKib(long pid, List<String> paths) throws Exception {
    StringBuilder script = new StringBuilder("stat -f -c '%b %f %S'");
    for (String p : paths) {
      script.append(" /proc/").append(pid).append("/root").append(p);
    }
    long kib = 0;
    for (String line : Shell.run(script + " 2>/dev/null || true").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        kib += (Long.parseLong(f[0]) - Long.parseLong(f[1])) * Long.parseLong(f[2]) / 1024;
      }
    }
    return kib;
  }

  /** KiB that the files under {@code dirs} take on disk ({@code du}). */
  static long diskKib(Collection<Path> dirs) throws Exception {
    if (dirs.isEmpty()) {
      return 0;
    }
    StringBuilder script = new StringBuilder("du -skc");
    for (Path d : dirs) {
      script.append(" '").append(d).append('\'');
    }
    String[] lines = Shell.run(script + " 2>/dev/null | tail -1").trim().split("\\s+");
    return Long.parseLong(lines[0]);
  }

  private static long field(long pid, String file, String name) {
    try {
      return value(Files.readAllLines(Path.of("/proc", Long.toString(pid), file)), name);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long value(List<String> lines, String name) {
    for (String line : lines) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }
}
