package dev.ec2kit.local.internal.sandbox;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.ec2kit.internal.process.Spawns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One instance's running sandbox: {@code unshare} holding new mount, UTS, IPC and PID namespaces,
 * whose child is the sandbox's PID 1 (an init that only reaps); sessions join it with {@link
 * #HELPER}, statically linked so that nothing of the instance's (its loader, {@code
 * /etc/ld.so.preload}, NSS) runs before the capabilities are cut to {@link #ROOT_CAPABILITIES}.
 * Killing {@code unshare} kills that init ({@code --kill-child}), which takes every process of the
 * PID namespace with it, and with the last of them the mount namespace and its mounts go: nothing
 * is mounted in the emulator's own namespace, so nothing can be left mounted.
 */
final class Sandbox {
  private static final long BOOT_SECONDS = 30;

  /**
   * What the sandbox's root (through sudo) may do: Docker's default capabilities less {@code
   * mknod}, since no device cgroup stands behind it here. Without {@code sys_admin}, {@code
   * sys_module}, {@code sys_rawio} and the like, root inside owns the sandbox's files but cannot
   * mount this machine's disks, make their device nodes or change its kernel.
   */
  static final String ROOT_CAPABILITIES =
      "-all,+chown,+dac_override,+fowner,+fsetid,+kill,+setgid,+setuid,+setpcap,"
          + "+net_bind_service,+net_raw,+sys_chroot,+audit_write,+setfcap";

  /** The helper's name, in the directory of the sandboxes (built there by {@code Probe}). */
  static final String HELPER = "sandbox-enter";

  private final Guest guest;
  private final Process unshare;
  private final ProcessHandle init;
  private final String initStart;
  private final Path helper;
  private final Limits.Group group;

  private Sandbox(
      Guest guest,
      Process unshare,
      ProcessHandle init,
      String initStart,
      Path helper,
      Limits.Group group) {
    this.guest = guest;
    this.unshare = unshare;
    this.init = init;
    this.initStart = initStart;
    this.helper = helper;
    this.group = group;
  }

  /** The helper of the sandboxes whose directory is {@code root}. */
  static Path helper(Path root) {
    return root.resolve(".helper").resolve(HELPER);
  }

  /**
   * Boots a sandbox over {@code layers} (overlayfs lower directories, highest first) with its
   * writable layer in {@code dir}. The process is made on {@code launcher}, a thread that lives as
   * long as the emulator, because {@code setpriv --pdeathsig} ties it to the thread that made it:
   * if the emulator dies, even by SIGKILL, so do its sandboxes.
   */
  static Sandbox boot(
      Guest g,
      String layers,
      Path dir,
      Path shims,
      Limits.Group group,
      Pools pools,
      java.util.function.Consumer<Process> onStart)
      throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("boot.log");
    Path helper = helper(shims.getParent());
    List<String> argv = new ArrayList<>(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
    if (group != null) {
      argv.addAll(
          group.join(helper)); // every process of the sandbox is in its groups from the first
    }
    argv.addAll(Scripts.UNSHARE);
    argv.addAll(
        List.of(
            "--kill-child",
            "--",
            "/bin/sh",
            "-c",
            Scripts.BOOT,
            "ec2-local-boot",
            layers,
            dir.toString(),
            g.hostname(),
            g.privateDns(),
            g.privateIp(),
            g.home(),
            shims.toString(),
            helper.toString(),
            ROOT_CAPABILITIES,
            Scripts.BOOT_INSIDE));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectError(log.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    if (g.authorizedKey() != null) {
      pb.environment().put("EC2_LOCAL_KEY", g.authorizedKey());
    }
    Process p;
    try {
      p = pools.launcher().submit(() -> Spawns.start(pb)).get();
    } catch (ExecutionException e) {
      throw new IOException("cannot start the sandbox of " + g.instanceId(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted starting the sandbox of " + g.instanceId(), e);
    }
    onStart.accept(p); // a halt from now on kills it, and the boot ends at once
    p.getOutputStream().close();
    // read here, bounded by a timer that kills a boot that says nothing (its output then ends)
    ScheduledFuture<?> bound = pools.timer().schedule(p::destroyForcibly, BOOT_SECONDS, SECONDS);
    String line;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      line = r.readLine();
    } catch (IOException e) {
      line = null;
    } finally {
      bound.cancel(false);
    }
    ProcessHandle init = p.toHandle().children().findFirst().orElse(null);
    String started = init == null ? null : startTime(init);
    if (!"ready".equals(line) || started == null) {
      stop(p, init);
      String why = Files.exists(log) ? Files.readString(log).strip() : "";
      throw new IOException(
          "the sandbox of "
              + g.instanceId()
              + " did not boot"
              + (why.isEmpty() ? "" : ": " + why.lines().reduce((a, b) -> b).orElse(why)));
    }
    return new Sandbox(g, p, init, started, helper, group);
  }

  /**
   * When {@code p} started (field 22 of its {@code /proc/PID/stat}, after its name, which may hold
   * spaces), which the helper compares so as never to enter another process that took its PID; null
   * when it is gone.
   */
  private static String startTime(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return fields.length > 19 ? fields[19] : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  Guest guest() {
    return guest;
  }

  /** Its init's PID, for {@link #HELPER}'s commands on it (with {@link #initStart}). */
  long initPid() {
    return init.pid();
  }

  /** Its init's start time, which the helper checks so as never to act on a reused PID. */
  String initStart() {
    return initStart;
  }

  /** The helper of its sandboxes. */
  Path helperPath() {
    return helper;
  }

  boolean alive() {
    return unshare.isAlive() && init.isAlive();
  }

  /**
   * A session's process: {@code argv} run inside, as the guest's user with that user's groups, from
   * the user's home, with no capability beyond {@link #ROOT_CAPABILITIES} even through sudo; its
   * shell ends with the session's helper (as a parent-death signal), its own children as they would
   * after an SSH disconnection.
   */
  ProcessBuilder session(List<String> argv) {
    return enter(guest.uid(), argv);
  }

  /**
   * A process of the sandbox's own (its user data): {@code argv} as the sandbox's root, from {@code
   * /root}, bounded by {@link #ROOT_CAPABILITIES} as root through sudo is.
   */
  ProcessBuilder asRoot(List<String> argv) {
    return enter("0", argv);
  }

  /**
   * {@code argv} inside, as {@code uid} with its own group as its only one (numbers: the instance's
   * NSS is never asked), from {@code /} (the init's directory) before {@link Scripts#SESSION} goes
   * home, bounded by {@link #ROOT_CAPABILITIES}, killed with the helper's parent.
   */
  private ProcessBuilder enter(String uid, List<String> argv) {
    List<String> all = new ArrayList<>(group == null ? List.of() : group.join(helper));
    all.addAll(
        List.of(
            helper.toString(),
            "enter",
            Long.toString(init.pid()),
            initStart,
            uid,
            uid,
            ROOT_CAPABILITIES,
            "--",
            "/bin/sh",
            "-c",
            Scripts.SESSION,
            "sh"));
    all.addAll(argv);
    return new ProcessBuilder(all);
  }

  /**
   * The sandbox's end: the exit status of its init, {@link Scripts#POWEROFF} or {@link
   * Scripts#REBOOT} when the system inside asked for it, another when it was killed.
   */
  java.util.concurrent.CompletableFuture<Integer> ended() {
    return unshare.onExit().thenApply(Process::exitValue);
  }

  /** Its groups (bounds and freezer), or null where this machine has none. */
  Limits.Group group() {
    return group;
  }

  /** Kills it and waits (a few seconds at most) for its processes to be gone. */
  void kill() {
    stop(unshare, init);
  }

  /**
   * Sends its init SIGKILL, which takes every process of its PID namespace with it, without waiting
   * ({@link #kill} waits).
   */
  void signal() {
    if (init != null) {
      init.destroyForcibly();
    } else {
      unshare.destroyForcibly();
    }
  }

  private static void stop(Process unshare, ProcessHandle init) {
    // init first: unshare, its parent, reaps it at once and ends. Killed the other way round, init
    // is orphaned to this machine's PID 1, and some of those (a container's init) reap only about
    // once a second, which every kill then waited for.
    if (init != null) {
      init.destroyForcibly();
    }
    try {
      if (!unshare.waitFor(init != null ? 1 : 0, TimeUnit.SECONDS)) {
        unshare.destroyForcibly(); // --kill-child takes init with it
        unshare.waitFor(5, TimeUnit.SECONDS);
      }
      if (init != null) {
        init.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // gone or going: the kernel finishes what SIGKILL started
    }
  }
}
