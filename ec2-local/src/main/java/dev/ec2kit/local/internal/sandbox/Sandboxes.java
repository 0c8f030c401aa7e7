package dev.ec2kit.local.internal.sandbox;

import dev.ec2kit.local.SandboxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the emulated instances' commands run: a sandbox per instance where this machine allows (see
 * {@link Sandbox}), else a directory per instance on this machine, which is said once at start-up
 * and in each instance's console output. A sandbox boots when its instance launches, starts or
 * reboots; its writable layer lives under {@code root/INSTANCE-ID}, kept when the instance stops
 * and removed when it terminates; images' layers under {@code root/.layers}.
 *
 * <p>Nothing here makes a caller wait for a boot or a copy: each instance has a line of work (its
 * boots, kills, disk copies and removal, run in the order they were asked for on the sandboxes' own
 * threads; a kill or removal with nothing before it, a matter of milliseconds, is done at once),
 * and the emulator's records ask where it is ({@link #phase}, {@link #settled}) when their region
 * is brought up to now.
 */
public final class Sandboxes implements AutoCloseable {
  /** The directories of a login's PATH, which sudo's secure_path and user data have too. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /**
   * Told when the system inside an instance powers off or reboots, with the boot's generation (see
   * {@link #current}); called on no lock of ours.
   */
  public interface Listener {
    /** {@code reboot}: it rebooted (boot it again); else it powered off. */
    void ended(String instanceId, boolean reboot, long generation);
  }

  /** Where an instance's latest boot is. */
  public enum Phase {
    /** Under way (or waiting its turn). */
    BOOTING,
    /** Up, or no sandbox to wait for. */
    UP,
    /** It did not boot: see {@link #bootFailure}. */
    FAILED
  }

  private static final long SESSION_WAIT_SECONDS = 120;

  /**
   * How long an ended instance's processes may outlive their kill (which waits some seconds itself)
   * before its stop or termination settles without them.
   */
  private static final long QUIET_SECONDS = 20;

  private final Path root;
  private final String unavailable;

  /** Each instance's latest boot, up, booting or ended; gone when the instance terminates. */
  private final Map<String, Machine> machines = new ConcurrentHashMap<>();

  /** Each instance's console, across its boots, and terminated instances' a while. */
  private final Consoles consoles = new Consoles();

  /** EBS volumes' data and their block devices inside instances. */
  private final BlockDevices blockDevices;

  /** Each instance's latest boot that was halted, until its processes are gone. */
  private final Map<String, Machine> halted = new ConcurrentHashMap<>();

  /**
   * Each stopped instance whose stop settled with processes of it still alive (they could not be
   * killed), until they end: it boots again on its disk only then (a start before is a failed
   * launch, as EC2's Server.InternalError), never beside them.
   */
  private final Map<String, Machine> stuck = new ConcurrentHashMap<>();

  /** Each instance's line of work: what was asked of its sandbox and disk, in order. */
  private final WorkLines work = new WorkLines();

  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong();
  private final Pools pools;
  private final Limits limits;
  private volatile Listener listener = (id, reboot, generation) -> {};
  private volatile java.util.function.Consumer<String> log = line -> {};
  private volatile boolean closed;

  /** Its close, run once: by its owner, or at the JVM's exit if its owner did not. */
  private final ExitHook exitHook;

  private final boolean keep;

  /** Without sandboxes, the instances' directories' own parts (null with sandboxes). */
  private final DirectoryMode directories;

  private Sandboxes(Path root, String unavailable, boolean keep) {
    this.root = root;
    this.unavailable = unavailable;
    this.keep = keep;
    this.blockDevices = BlockDevices.create(root, unavailable, this::directory);
    boolean on = unavailable == null;
    this.pools = on ? Pools.create() : null;
    this.limits = on ? Limits.probe() : null;
    this.directories =
        on
            ? null
            : new DirectoryMode(
                root,
                unavailable,
                (id, reboot, generation) -> listener.ended(id, reboot, generation));
    this.exitHook = ExitHook.register(this::closeOnce);
  }

  /** Where what goes wrong in an instance's end is told (the emulator's log). */
  public void log(java.util.function.Consumer<String> out) {
    this.log = out;
  }

  /** Who hears of instances powering off or rebooting from inside. */
  public void listen(Listener l) {
    this.listener = l;
  }

  /**
   * Decides, once, what instances are here: sandboxes where {@code mode} wants them and this
   * machine allows them (tried, not assumed), else directories under {@code root}.
   *
   * @throws IllegalStateException when {@code mode} is {@link SandboxMode#ON} and they cannot be
   */
  public static Sandboxes create(SandboxMode mode, Path root) {
    return create(mode, root, false);
  }

  /**
   * As {@link #create(SandboxMode, Path)}; with {@code keep}, {@link #close} leaves the instances'
   * files under {@code root} (the emulator keeps its world there across restarts).
   */
  public static Sandboxes create(SandboxMode mode, Path root, boolean keep) {
    String why = mode == SandboxMode.OFF ? "turned off" : Probe.unavailable(root);
    if (mode == SandboxMode.ON && why != null) {
      throw new IllegalStateException("sandboxes for instances were asked for, but " + why);
    }
    if (why == null) {
      try {
        Shims.install(root.resolve(".shims"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the sandboxes' programs", e);
      }
    }
    return new Sandboxes(root, why, keep);
  }

  /** Whether its close has begun: nothing boots or ends on its lines of work after. */
  public boolean closed() {
    return closed;
  }

  /** Whether instances are sandboxes. */
  public boolean enabled() {
    return unavailable == null;
  }

  /**
   * What the emulator says of its instances once, at start-up, or null when there is nothing to
   * warn of: instances are sandboxes with everything they need (a program embedding the emulator
   * prints nothing then; {@code ec2 local} says it in its own start-up lines).
   */
  public String startupNote() {
    return enabled() ? Probe.missing(limits, blockDevices) : directories.startupNote();
  }

  /** The line each instance's console output carries about what it is. */
  public String consoleNote() {
    if (!enabled()) {
      return directories.consoleNote();
    }
    return "ec2-local: this instance is a sandbox (namespaces, overlayfs root"
        + (limits.missing() == null
            ? ", its memory, processes and CPU bounded by its type)"
            : "); " + limits.missing());
  }

  /** The path of OpenSSH's sftp-server on this machine, which sandboxes see too, or null. */
  public String sftpServer() {
    return Probe.sftpServer();
  }

  /**
   * Without sandboxes, the PATH of an instance's commands: its power programs first (see {@link
   * DirectoryPower}), then a login's directories.
   */
  public String directoryPath(String instanceId) {
    return directories == null ? PATH : directories.path(safe(instanceId));
  }

  /** An instance's directory: its home without sandboxes, its writable layer's parent with them. */
  public Path directory(String instanceId) {
    return root.resolve(safe(instanceId));
  }

  /**
   * Asks for an instance's sandbox to boot (it launched, started or rebooted), its user data run at
   * its first boot, after whatever its line of work holds; returns at once. Nothing without
   * sandboxes.
   */
  public void boot(Guest g, byte[] userDataBytes) {
    String id = g.instanceId();
    synchronized (lock(id)) {
      long generation = generations.incrementAndGet();
      if (!enabled() || closed) {
        machines.remove(id);
        if (directories != null) {
          directories.booted(id, generation);
        }
        return;
      }
      Machine old = machines.get(id);
      if (old != null) {
        old.halt();
        halted.put(id, old);
        work.then(id, old::kill, pools.ends());
      }
      Console console = consoles.of(id);
      Machine m = new Machine(g, generation, userDataBytes, console);
      m.onUp(s -> blockDevices.up(id, s));
      machines.put(id, m);
      work.then(
          id,
          () -> {
            Limits.Group group = limits.group(id, g.memoryMib(), g.vcpus());
            if (group != null) {
              group.problems().forEach(console::say);
            }
            m.boot(
                () -> {
                  refuseOverStuck(id);
                  return Layers.of(root, g.imageId(), g.user(), this::lock);
                },
                directory(id),
                root.resolve(".shims"),
                group,
                pools,
                (i, how, gen) -> listener.ended(i, how == Machine.End.REBOOT, gen));
          },
          pools.boots());
    }
  }

  /**
   * A boot's first step: refused while processes of the instance's earlier boot that could not be
   * killed are alive: its disk is still theirs.
   */
  private void refuseOverStuck(String instanceId) {
    Machine left = stuck.get(instanceId);
    if (left == null) {
      return;
    }
    if (!left.quiet()) {
      throw new IllegalStateException(
          "processes of its earlier boot could not be killed and still use its disk: it can start"
              + " again once they have ended");
    }
    stuck.remove(instanceId, left);
  }

  /** The generation of an instance's latest boot (0 before its first). */
  private long generation(String instanceId) {
    Machine m = machines.get(instanceId);
    if (m != null) {
      return m.generation;
    }
    return directories == null ? 0 : directories.generation(instanceId);
  }

  /**
   * Whether {@code generation} is the instance's latest boot: an event of an earlier one (its power
   * off heard after the instance rebooted) is stale. Asked under the lock its boots are asked
   * under.
   */
  public boolean current(String instanceId, long generation) {
    return generation(instanceId) == generation;
  }

  /** Where the instance's latest boot is, without waiting. */
  public Phase phase(String instanceId) {
    Machine m = machines.get(instanceId);
    if (m == null) {
      return Phase.UP;
    }
    return switch (m.phase()) {
      case BOOTING -> Phase.BOOTING;
      case UP -> Phase.UP;
      case FAILED -> Phase.FAILED;
    };
  }

  /**
   * Waits (two minutes at most; the caller holds no lock) for the instance's latest boot to end:
   * whether it came up.
   */
  public boolean awaitBoot(String instanceId) {
    Machine m = machines.get(instanceId);
    return m != null && m.await(SESSION_WAIT_SECONDS) != null;
  }

  /** Why the instance's latest boot failed, or null. */
  public String bootFailure(String instanceId) {
    Machine m = machines.get(instanceId);
    return m == null ? null : m.failure();
  }

  /**
   * Whether what an instance's halt (it stopped or terminated) asked for is done, without waiting:
   * no process of it left, its loop devices released and, terminated, its cgroups and disk gone.
   */
  public boolean settled(String instanceId) {
    Machine m = halted.get(instanceId);
    return work.ended(instanceId) && (m == null || m.quiet());
  }

  /**
   * A session's process in the instance's sandbox: {@code argv} as the guest's user from the user's
   * home, once the sandbox is up (waited for: a session holds no lock); the caller sets the
   * environment. An instance whose system ended without the emulator (killed from outside) answers
   * no sessions until it reboots.
   */
  public ProcessBuilder session(Guest g, List<String> argv) throws IOException {
    Machine m = machines.get(g.instanceId());
    if (closed || m == null) {
      throw new IOException("the instance " + g.instanceId() + " has no system running");
    }
    Sandbox s = m.await(SESSION_WAIT_SECONDS);
    if (s == null || !m.alive()) {
      throw new IOException(
          "the system of "
              + g.instanceId()
              + " is not running (it did not boot, or ended: reboot the instance)");
    }
    return s.session(argv);
  }

  /** The instance's console (the last 64 KB, over its boots), or null without sandboxes. */
  public List<String> console(String instanceId) {
    if (!enabled()) {
      return null;
    }
    Console c = consoles.get(instanceId);
    return volumeNotes(instanceId, c == null ? List.of() : c.lines());
  }

  /** The console's lines, then what its EBS volumes' block devices had to say. */
  private List<String> volumeNotes(String instanceId, List<String> console) {
    List<String> notes = blockDevices.notes(instanceId);
    if (notes.isEmpty()) {
      return console;
    }
    List<String> all = new java.util.ArrayList<>(console);
    all.addAll(notes);
    return all;
  }

  /** The EBS volumes' block devices in the instances. */
  public BlockDevices blockDevices() {
    return blockDevices;
  }

  /**
   * Ends an instance's sandbox (it stopped, rebooted or terminated): its processes are signalled at
   * once, and what waits (their end, its block devices' release and, with {@code discard}, its
   * cgroups and writable layer removed) follows on its line of work, on threads that end many
   * instances side by side, never in the caller, which holds its region's lock; {@link #settled}
   * says when that is done; its console keeps what those steps tell (terminated too). Without
   * sandboxes, {@code discard} removes its directory at once.
   */
  public void halt(String instanceId, boolean discard) {
    synchronized (lock(instanceId)) {
      Machine m = discard ? machines.remove(instanceId) : machines.get(instanceId);
      Console console = consoles.get(instanceId);
      if (!enabled()) {
        blockDevices.down(instanceId, discard);
        if (discard) {
          deleteTree(directory(instanceId));
          directories.forget(safe(instanceId));
        }
        return;
      }
      if (m != null) {
        m.halt();
        halted.put(instanceId, m);
      }
      EndSteps steps = new EndSteps(instanceId, console, log);
      work.end(
          instanceId,
          () -> {
            if (m != null) {
              steps.run("the kill of its processes", m::kill);
              if (!m.awaitQuiet(QUIET_SECONDS)) {
                // as EC2's forced stop: it settles, what could not be killed is left (and told)
                steps.tell(
                    "some of its processes could not be killed; its "
                        + (discard ? "termination" : "stop")
                        + " goes on without them");
                halted.remove(instanceId, m);
                if (!discard) {
                  stuck.put(instanceId, m);
                }
              }
            }
            steps.run(
                "the release of its loop devices", () -> blockDevices.down(instanceId, discard));
            if (discard) {
              steps.run("the removal of its cgroups", () -> limits.remove(instanceId));
              steps.run("the removal of its disk", () -> deleteTree(directory(instanceId)));
              if (m != null) {
                halted.remove(instanceId, m);
              }
              consoles.ended(instanceId);
              stuck.remove(instanceId);
            }
          },
          pools.ends(),
          discard);
    }
  }

  /**
   * CreateImage's part, on the instance's line of work: its writable layer copied as the layer of
   * {@code imageId} over {@code sourceImageId}'s (see {@link Layers#capture}), from a disk at rest:
   * stopped, or, while its sandbox runs (NoReboot), with every process of it frozen. The future
   * ends when the layer is whole, or with why not. Done at once without sandboxes.
   */
  public CompletableFuture<Void> capture(String instanceId, String sourceImageId, String imageId) {
    if (!enabled()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock(instanceId)) {
      Machine m = machines.get(instanceId);
      work.then(
          instanceId,
          () -> {
            Sandbox live = m == null ? null : m.sandbox();
            Limits.Group group = live == null ? null : live.group();
            boolean frozen = group != null && group.freeze();
            try {
              Layers.capture(root, directory(instanceId), sourceImageId, imageId);
              done.complete(null);
            } catch (IOException | RuntimeException e) {
              done.completeExceptionally(e);
            } finally {
              if (frozen) {
                group.thaw();
              }
            }
          },
          pools.copies());
    }
    return done;
  }

  /** CopyImage's part: the copy's layers are the source's (see {@link Layers#copy}). */
  public void copyImage(String sourceImageId, String imageId) throws IOException {
    if (enabled()) {
      Layers.copy(root, sourceImageId, imageId);
    }
  }

  /** How many sandboxes are up now. */
  public int running() {
    return (int) machines.values().stream().filter(Machine::alive).count();
  }

  Object lock(String key) {
    return locks.computeIfAbsent(key, k -> new Object());
  }

  static String safe(String id) {
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
      throw new IllegalArgumentException("not an id for a directory: " + id);
    }
    return id;
  }

  /** Kills every sandbox and removes every instance's files (unless they are kept). */
  @Override
  public void close() {
    exitHook.run();
  }

  /**
   * Each step on its own: one that throws does not keep the rest from running (it is thrown after).
   */
  private void closeOnce() {
    closed = true; // nothing boots after this
    List<Runnable> steps =
        List.of(
            this::haltAll,
            blockDevices::close,
            () -> {
              if (directories != null) {
                directories.close();
              }
            },
            () -> {
              if (pools != null) {
                pools.shutdown();
              }
            },
            () -> {
              if (limits != null) {
                limits.close();
              }
            },
            () -> {
              if (!keep) {
                deleteTree(root);
              }
            });
    RuntimeException failed = null;
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        failed = first(failed, e);
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Close's first step: every instance halted, each on its own (one whose halt throws is told in
   * the log, the others still halted; the first failure is thrown after), then their ends waited
   * for, a minute at most (what is left then is killed with the pools' threads).
   */
  private void haltAll() {
    RuntimeException failed = null;
    for (String id : List.copyOf(machines.keySet())) {
      try {
        halt(id, false);
      } catch (RuntimeException e) {
        log.accept("ec2-local: " + id + ": its halt at the emulator's close failed: " + e);
        failed = first(failed, e);
      }
    }
    work.awaitAll(60);
    if (failed != null) {
      throw failed;
    }
  }

  /** {@code e} if it is the first failure, else {@code failed} with {@code e} suppressed in it. */
  private static RuntimeException first(RuntimeException failed, RuntimeException e) {
    if (failed == null) {
      return e;
    }
    failed.addSuppressed(e);
    return failed;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // what cannot be removed (a file made immutable inside, say) stays; nothing else depends on
      // it
    }
  }
}
