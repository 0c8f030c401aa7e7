package dev.ec2kit.local.internal.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each sandbox's bounds, by its instance type: memory (the type's MiB), processes (one per MiB, 512
 * to 32768) and CPU (a quota of the type's vCPUs), and a freezer that stops its processes while
 * CreateImage copies its disk without a reboot. Through cgroup v2 where the emulator's own cgroup
 * can hand memory, pids and cpu to a group of its own, else the cgroup v1 hierarchies at {@code
 * /sys/fs/cgroup/{memory,pids,cpu,freezer}}; each group a child of the emulator's own cgroup, so
 * whatever bounds the emulator bounds its instances too. What cannot be had is said (see {@link
 * #missing}), never silently left out.
 */
final class Limits {
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");
  private static final long PERIOD_US = 100_000;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** One sandbox's groups: the directories its processes join, and its freezer. */
  record Group(List<Path> dirs, Path freezer, boolean v2, List<String> problems) {
    /** The helper's words that put what follows into the groups. */
    List<String> join(Path helper) {
      List<String> argv = new ArrayList<>(List.of(helper.toString(), "cgroup"));
      dirs.forEach(d -> argv.add(d.toString()));
      argv.add("--");
      return argv;
    }

    /** Stops every process of the sandbox (false where there is no freezer), waiting for it. */
    boolean freeze() {
      if (freezer == null) {
        return false;
      }
      try {
        if (v2) {
          Files.writeString(freezer.resolve("cgroup.freeze"), "1");
          for (int i = 0; i < 200; i++) {
            if (Files.readString(freezer.resolve("cgroup.events")).contains("frozen 1")) {
              return true;
            }
            Thread.sleep(10);
          }
        } else {
          for (int i = 0; i < 200; i++) {
            Files.writeString(freezer.resolve("freezer.state"), "FROZEN");
            if (Files.readString(freezer.resolve("freezer.state")).strip().equals("FROZEN")) {
              return true;
            }
            Thread.sleep(10);
          }
        }
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thaw();
      return false;
    }

    /** Lets its processes run again. */
    void thaw() {
      if (freezer == null) {
        return;
      }
      try {
        if (v2) {
          Files.writeString(freezer.resolve("cgroup.freeze"), "0");
        } else {
          Files.writeString(freezer.resolve("freezer.state"), "THAWED");
        }
      } catch (IOException e) {
        // gone with its processes
      }
    }
  }

  private final boolean v2;

  /** Controller name (memory, pids, cpu, freezer) to the emulator's own group for it. */
  private final Map<String, Path> bases;

  private final String missing;

  private Limits(boolean v2, Map<String, Path> bases, String missing) {
    this.v2 = v2;
    this.bases = bases;
    this.missing = missing;
  }

  /** What this machine offers, tried: groups made under the emulator's own cgroups. */
  static Limits probe() {
    String name = "ec2-local-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Map<String, String> own = ownCgroups();
    String[] why = new String[1];
    Limits v2 = tryV2(own.get(""), name, why);
    if (v2 != null) {
      return v2;
    }
    if (why[0] != null) {
      return new Limits(false, Map.of(), why[0]);
    }
    Map<String, Path> bases = new LinkedHashMap<>();
    List<String> absent = new ArrayList<>();
    for (String c : List.of("memory", "pids", "cpu", "freezer")) {
      Path mount = CGROUP.resolve(c);
      String path = own.get(c);
      if (path == null || !Files.isRegularFile(mount.resolve("cgroup.procs"))) {
        absent.add(c);
        continue;
      }
      Path base = mount.resolve(path.substring(1)).resolve(name);
      try {
        Files.createDirectories(base);
        bases.put(c, base);
      } catch (IOException e) {
        absent.add(c);
      }
    }
    String missing =
        absent.isEmpty()
            ? null
            : "no cgroup "
                + String.join(", ", absent)
                + " controller here (v2 or v1): "
                + (absent.contains("memory") ? "memory, " : "")
                + (absent.contains("pids") ? "processes, " : "")
                + (absent.contains("cpu") ? "CPU, " : "")
                + "not bounded per instance"
                + (absent.contains("freezer")
                    ? "; CreateImage with NoReboot copies a disk in use"
                    : "");
    return new Limits(false, bases, missing);
  }

  /**
   * cgroup v2, where the emulator's own cgroup can give memory, pids and cpu to a child; null
   * otherwise, with {@code why[0]} set where v2 has them but will not hand them down.
   */
  private static Limits tryV2(String own, String name, String[] why) {
    Path mount = null;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" - ", 2);
        if (f.length == 2 && f[1].startsWith("cgroup2 ")) {
          mount = Path.of(f[0].split(" ")[4]);
          break;
        }
      }
      if (mount == null || own == null) {
        return null;
      }
      Path mine = mount.resolve(own.substring(1));
      String controllers = Files.readString(mine.resolve("cgroup.controllers"));
      for (String c : List.of("memory", "pids", "cpu")) {
        if (!(" " + controllers.strip() + " ").contains(" " + c + " ")) {
          return null;
        }
      }
      Path base = Files.createDirectories(mine.resolve(name));
      try {
        Files.writeString(mine.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
        Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
      } catch (IOException e) {
        Files.deleteIfExists(base);
        why[0] =
            "cgroup v2's memory, pids and cpu controllers cannot be handed to instances from the"
                + " emulator's cgroup "
                + own
                + " (it holds processes; run the emulator in a cgroup of its own, e.g. systemd-run"
                + " --scope -p Delegate=yes): memory, processes and CPU not bounded per instance;"
                + " CreateImage with NoReboot copies a disk in use";
        return null;
      }
      Map<String, Path> bases = new LinkedHashMap<>();
      for (String c : List.of("memory", "pids", "cpu", "freezer")) {
        bases.put(c, base);
      }
      return new Limits(true, bases, null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The emulator's cgroups from {@code /proc/self/cgroup}: controller (v2: "") to its path. */
  private static Map<String, String> ownCgroups() {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        String[] f = line.split(":", 3);
        if (f.length == 3) {
          for (String c : f[1].split(",")) {
            out.put(c, f[2]);
          }
        }
      }
    } catch (IOException e) {
      // none
    }
    return out;
  }

  /** Why some bounds are not had here, or null when all are. */
  String missing() {
    return missing;
  }

  /** Processes an instance of {@code memoryMib} may run at once. */
  static long pids(long memoryMib) {
    return Math.max(512, Math.min(32768, memoryMib));
  }

  /**
   * The groups of an instance (made, or found from an earlier boot) bounded for its type; null when
   * none can be had.
   */
  Group group(String instanceId, long memoryMib, int vcpus) {
    if (bases.isEmpty()) {
      return null;
    }
    long bytes = memoryMib * 1024 * 1024;
    List<Path> dirs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Path freezer = null;
    for (Map.Entry<String, Path> e : bases.entrySet()) {
      Path dir = e.getValue().resolve(instanceId);
      try {
        if (!dirs.contains(dir)) {
          Files.createDirectories(dir);
          dirs.add(dir);
        }
        switch (e.getKey()) {
          case "memory" -> write(dir, v2 ? "memory.max" : "memory.limit_in_bytes", bytes);
          case "pids" -> write(dir, "pids.max", pids(memoryMib));
          case "cpu" -> {
            if (v2) {
              Files.writeString(dir.resolve("cpu.max"), vcpus * PERIOD_US + " " + PERIOD_US);
            } else {
              write(dir, "cpu.cfs_period_us", PERIOD_US);
              write(dir, "cpu.cfs_quota_us", vcpus * PERIOD_US);
            }
          }
          default -> freezer = dir;
        }
      } catch (IOException x) {
        problems.add("ec2-local: its " + e.getKey() + " is not bounded: " + x.getMessage());
      }
    }
    return new Group(List.copyOf(dirs), freezer, v2, List.copyOf(problems));
  }

  private static void write(Path dir, String file, long value) throws IOException {
    Files.writeString(dir.resolve(file), Long.toString(value));
  }

  /** Removes an instance's groups (its processes are gone). */
  void remove(String instanceId) {
    for (Path base : new java.util.LinkedHashSet<>(bases.values())) {
      rmdir(base.resolve(instanceId));
    }
  }

  /** Removes the emulator's groups (every sandbox is gone). */
  void close() {
    for (Path base : new java.util.LinkedHashSet<>(bases.values())) {
      try (var children = Files.list(base)) {
        children.filter(Files::isDirectory).forEach(Limits::rmdir);
      } catch (IOException e) {
        // gone already
      }
      rmdir(base);
    }
  }

  /** A cgroup goes with rmdir once its last process has gone, which may take a moment. */
  private static void rmdir(Path dir) {
    for (int i = 0; i < 50 && Files.isDirectory(dir); i++) {
      try {
        Files.delete(dir);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
