package dev.ec2kit.local.internal.sandbox;

import dev.ec2kit.local.SandboxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where the emulated instances' commands run: a sandbox per instance where this machine allows (see
 * {@link Sandbox}), else a directory per instance on this machine, which is said once at start-up
 * and in each instance's console output. A sandbox boots when its instance launches, starts or
 * reboots (the instance is running once it is up); its writable layer lives under {@code
 * root/INSTANCE-ID}, kept when the instance stops and removed when it terminates; images' layers
 * under {@code root/.layers}.
 */
public final class Sandboxes implements AutoCloseable {
  private static final List<String> SFTP_SERVERS =
      List.of(
          "/usr/lib/openssh/sftp-server",
          "/usr/libexec/openssh/sftp-server",
          "/usr/lib/ssh/sftp-server");

  /** The directories of a login's PATH, which sudo's secure_path and user data have too. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Told when the system inside an instance powers off or reboots; called on no lock of ours. */
  public interface Listener {
    /** {@code reboot}: it rebooted (boot it again); else it powered off. */
    void ended(String instanceId, boolean reboot);
  }

  private static final long BOOT_WAIT_SECONDS = 120;

  private final Path root;
  private final String unavailable;

  /** Each instance's latest boot, up, booting or ended; gone when the instance terminates. */
  private final Map<String, Machine> machines = new ConcurrentHashMap<>();

  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final ExecutorService launcher;
  private final ExecutorService boots;
  private final ExecutorService userData;
  private final ExecutorService events;
  private volatile Listener listener = (id, reboot) -> {};
  private volatile boolean closed;
  private final BlockDevices blockDevices;

  private Sandboxes(Path root, String unavailable) {
    this.root = root;
    this.unavailable = unavailable;
    this.blockDevices = BlockDevices.create(root, unavailable, this::directory);
    boolean on = unavailable == null;
    this.launcher = on ? Executors.newSingleThreadExecutor(daemons("ec2-local-sandboxes")) : null;
    this.boots = on ? Executors.newFixedThreadPool(4, daemons("ec2-local-boot")) : null;
    this.userData = on ? Executors.newCachedThreadPool(daemons("ec2-local-cloud-init")) : null;
    this.events = on ? Executors.newSingleThreadExecutor(daemons("ec2-local-guest-events")) : null;
  }

  private static java.util.concurrent.ThreadFactory daemons(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
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
    String why = mode == SandboxMode.OFF ? "turned off" : Probe.unavailable(root);
    if (mode == SandboxMode.ON && why != null) {
      throw new IllegalStateException("sandboxes for instances were asked for, but " + why);
    }
    if (why == null) {
      try {
        Path shims = Files.createDirectories(root.resolve(".shims"));
        for (Map.Entry<String, String> e : Scripts.SHIMS.entrySet()) {
          Path f = shims.resolve(e.getKey());
          Files.writeString(f, e.getValue());
          Files.setPosixFilePermissions(
              f, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the sandboxes' programs", e);
      }
    }
    return new Sandboxes(root, why);
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
    if (!enabled()) {
      return "ec2-local: instances are NOT sandboxed ("
          + unavailable
          + "): commands over SSH run on this machine as "
          + System.getProperty("user.name")
          + ", each instance in a directory of its own; this is not isolation; EBS volumes are"
          + " not block devices in them";
    }
    boolean complete = true;
    StringBuilder s =
        new StringBuilder(
            "ec2-local: instances are sandboxes: own mount, UTS, PID and IPC namespaces, an"
                + " overlayfs root (this machine's programs read-only, a copy of /etc, a writable"
                + " layer each), the image's user with sudo");
    if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) {
      complete = false;
      s.append(
          "; sudo is not installed on this machine, so not in instances (apt-get install sudo)");
    }
    if (sftpServer() == null) {
      complete = false;
      s.append(
          "; no sftp-server on this machine, so no sftp into instances (apt-get install"
              + " openssh-sftp-server)");
    }
    if (blockDevices.unavailable() != null) {
      complete = false;
      s.append("; EBS volumes attach in the API only, no block devices inside: ")
          .append(blockDevices.unavailable());
    }
    return complete ? null : s.toString();
  }

  /** The line each instance's console output carries about what it is. */
  public String consoleNote() {
    return enabled()
        ? "ec2-local: this instance is a sandbox (namespaces, overlayfs root)"
        : "ec2-local: this instance is NOT sandboxed ("
            + unavailable
            + "): commands over SSH run on the emulator's machine, in a directory of its own;"
            + " EBS volumes are not block devices in it";
  }

  /** The path of OpenSSH's sftp-server on this machine, which sandboxes see too, or null. */
  public String sftpServer() {
    for (String s : SFTP_SERVERS) {
      if (Files.isExecutable(Path.of(s))) {
        return s;
      }
    }
    return null;
  }

  /** An instance's directory: its home without sandboxes, its writable layer's parent with them. */
  public Path directory(String instanceId) {
    return root.resolve(safe(instanceId));
  }

  /**
   * Boots an instance's sandbox (it launched, started or rebooted) on a thread of the sandboxes',
   * its user data run at its first boot; see {@link #bootFailure} to wait for it. Nothing without
   * sandboxes.
   */
  public void boot(Guest g, byte[] userDataBytes) {
    if (!enabled()) {
      return;
    }
    synchronized (lock(g.instanceId())) {
      if (closed) {
        return;
      }
      Machine old = machines.get(g.instanceId());
      if (old != null) {
        old.halt();
      }
      Machine m = new Machine(g, userDataBytes);
      m.onUp(s -> blockDevices.up(g.instanceId(), s));
      machines.put(g.instanceId(), m);
      boots.execute(
          () ->
              m.boot(
                  () -> layers(g.imageId(), g.user()),
                  directory(g.instanceId()),
                  root.resolve(".shims"),
                  launcher,
                  userData,
                  events,
                  (id, how) -> listener.ended(id, how == Machine.End.REBOOT)));
    }
  }

  /**
   * Waits for the instance's boot under way: null when its sandbox is up (or it has none), else why
   * it did not boot.
   */
  public String bootFailure(String instanceId) {
    Machine m = machines.get(instanceId);
    return m == null ? null : m.failure(BOOT_WAIT_SECONDS);
  }

  /**
   * A session's process in the instance's sandbox: {@code argv} as the guest's user from the user's
   * home, once the sandbox is up; the caller sets the environment. An instance whose system ended
   * without the emulator (killed from outside) answers no sessions until it reboots.
   */
  public ProcessBuilder session(Guest g, List<String> argv) throws IOException {
    Machine m = machines.get(g.instanceId());
    if (closed || m == null) {
      throw new IOException("the instance " + g.instanceId() + " has no system running");
    }
    Sandbox s = m.await(BOOT_WAIT_SECONDS);
    if (s == null || !m.alive()) {
      throw new IOException(
          "the system of "
              + g.instanceId()
              + " is not running (it did not boot, or ended: reboot the instance)");
    }
    return s.session(argv);
  }

  /** The lines the instance's latest boot wrote to its console, or null without sandboxes. */
  public List<String> console(String instanceId) {
    if (!enabled()) {
      return null;
    }
    Machine m = machines.get(instanceId);
    return m == null ? List.of() : volumeNotes(instanceId, m.console());
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
   * Kills an instance's sandbox (it stopped, rebooted or terminated), waiting for a boot under way;
   * with {@code discard} (it terminated) its writable layer goes too. Without sandboxes, {@code
   * discard} removes its directory.
   */
  public void halt(String instanceId, boolean discard) {
    synchronized (lock(instanceId)) {
      Machine m = discard ? machines.remove(instanceId) : machines.get(instanceId);
      if (m != null) {
        m.halt();
      }
      blockDevices.down(instanceId, discard);
      if (discard) {
        deleteTree(directory(instanceId));
        locks.remove(instanceId);
      }
    }
  }

  /**
   * CreateImage's part: the instance's writable layer copied (whiteouts and all, as overlayfs keeps
   * them) as the layer of {@code imageId} over {@code sourceImageId}'s, so its instances see the
   * instance's files. Nothing without sandboxes.
   */
  public void capture(String instanceId, String sourceImageId, String imageId) throws IOException {
    if (!enabled()) {
      return;
    }
    Path layers = root.resolve(".layers");
    Path captured = layers.resolve(safe(imageId) + ".captured");
    synchronized (lock(instanceId)) {
      Path upper = directory(instanceId).resolve("upper");
      Files.createDirectories(upper);
      Files.createDirectories(layers);
      Probe.run(
          List.of(
              "/bin/sh",
              "-c",
              "set -e; rm -rf \"$2.tmp\"; cp -a \"$1\" \"$2.tmp\"; mv \"$2.tmp\" \"$2\"",
              "ec2-local-capture",
              upper.toString(),
              captured.toString()),
          "the disk of " + instanceId);
      Files.writeString(layers.resolve(safe(imageId) + ".parent"), safe(sourceImageId) + "\n");
    }
  }

  /** How many sandboxes are up now. */
  public int running() {
    return (int) machines.values().stream().filter(Machine::alive).count();
  }

  private Object lock(String instanceId) {
    return locks.computeIfAbsent(instanceId, k -> new Object());
  }

  /**
   * An image's lower layers for its user, highest first, as overlayfs takes them: what CreateImage
   * captured of an instance over its source image's layers, down to a public image's layer (made at
   * the first boot of one of its instances).
   */
  private String layers(String imageId, String user) throws IOException {
    Path layers = root.resolve(".layers");
    Path captured = layers.resolve(safe(imageId) + ".captured");
    Path parent = layers.resolve(safe(imageId) + ".parent");
    if (Files.isDirectory(captured) && Files.exists(parent)) {
      return captured + ":" + layers(Files.readString(parent).strip(), user);
    }
    Path layer = layers.resolve(safe(imageId) + "-" + user);
    synchronized (lock(layer.toString())) {
      if (!Files.isDirectory(layer)) {
        Files.createDirectories(layers);
        Probe.run(
            List.of(
                "/bin/sh", "-c", Scripts.IMAGE_LAYER, "ec2-local-layer", layer.toString(), user),
            "the layer of image " + imageId);
      }
    }
    return layer.toString();
  }

  private static String safe(String id) {
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
      throw new IllegalArgumentException("not an id for a directory: " + id);
    }
    return id;
  }

  /** Kills every sandbox and removes every instance's files. */
  @Override
  public void close() {
    closed = true; // nothing boots after this
    for (String id : List.copyOf(machines.keySet())) {
      halt(id, false);
    }
    blockDevices.close();
    for (ExecutorService e : java.util.Arrays.asList(boots, userData, events, launcher)) {
      if (e != null) {
        e.shutdownNow();
      }
    }
    deleteTree(root);
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

  /** What this machine offers, tried rather than assumed. */
  static final class Probe {
    private Probe() {}

    /** Why sandboxes cannot be had here, or null when they can. */
    static String unavailable(Path root) {
      String os = System.getProperty("os.name", "");
      if (!os.equals("Linux")) {
        return "this is " + os + ", not Linux";
      }
      for (String tool : List.of("/usr/bin/unshare", "/usr/bin/setpriv")) {
        if (!Files.isExecutable(Path.of(tool))) {
          return tool + " is missing (util-linux)";
        }
      }
      if (!effectiveRoot()) {
        return "the emulator does not run as root, and sandboxes in a user namespace are not"
            + " built yet";
      }
      String helper = buildHelper(root);
      if (helper != null) {
        return helper;
      }
      Path trial = root.resolve(".probe");
      try {
        Files.createDirectories(trial);
        List<String> argv = new java.util.ArrayList<>(Scripts.UNSHARE);
        argv.addAll(
            List.of(
                "/bin/sh",
                "-c",
                "set -e; cd \"$1\"; mkdir l u w m;"
                    + " mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m",
                "ec2-local-probe",
                trial.toString()));
        run(argv, "namespaces and overlayfs");
        return null;
      } catch (IOException e) {
        return e.getMessage();
      } finally {
        deleteTree(trial);
      }
    }

    /**
     * Builds {@link Sandbox#HELPER}, the way into sandboxes, statically linked (no loader, no
     * preload, no NSS of the instance's can run in it): null when built, else why not.
     */
    static String buildHelper(Path root) {
      String install = " (apt-get install gcc libc6-dev)";
      if (!Files.isExecutable(Path.of("/usr/bin/cc"))) {
        return "no C compiler to build the sandboxes' statically linked entry helper" + install;
      }
      Path out = Sandbox.helper(root);
      try (java.io.InputStream in = Sandbox.class.getResourceAsStream(Sandbox.HELPER + ".c")) {
        if (in == null) {
          return "the sandboxes' entry helper's source is missing from ec2-local";
        }
        Files.createDirectories(out.getParent());
        Path src = out.resolveSibling(Sandbox.HELPER + ".c");
        Files.write(src, in.readAllBytes());
        run(
            List.of("/usr/bin/cc", "-static", "-O2", "-o", out.toString(), src.toString()),
            "building the sandboxes' statically linked entry helper" + install);
        return null;
      } catch (IOException e) {
        return e.getMessage();
      }
    }

    private static boolean effectiveRoot() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("Uid:")) {
            String[] ids = line.substring(4).trim().split("\\s+");
            return ids.length > 1 && ids[1].equals("0");
          }
        }
      } catch (IOException e) {
        return false;
      }
      return false;
    }

    /** Runs a short command as the emulator; its last line of errors in the exception. */
    static void run(List<String> argv, String what) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException(what + ": no answer in 60 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException(what + ": interrupted", e);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            what
                + " refused"
                + (out.isEmpty() ? "" : ": " + out.lines().reduce((a, b) -> b).orElse(out)));
      }
    }
  }
}
