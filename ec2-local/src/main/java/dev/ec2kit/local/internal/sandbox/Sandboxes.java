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
 * and in each instance's console output. Sandboxes start at an instance's first SSH session; their
 * writable layers live under {@code root/INSTANCE-ID}, kept when the instance stops and removed
 * when it terminates; images' layers under {@code root/.layers}.
 */
public final class Sandboxes implements AutoCloseable {
  private static final List<String> SFTP_SERVERS =
      List.of(
          "/usr/lib/openssh/sftp-server",
          "/usr/libexec/openssh/sftp-server",
          "/usr/lib/ssh/sftp-server");

  private final Path root;
  private final String unavailable;
  private final Map<String, Sandbox> running = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final ExecutorService launcher;
  private volatile boolean closed;

  private Sandboxes(Path root, String unavailable) {
    this.root = root;
    this.unavailable = unavailable;
    this.launcher =
        unavailable != null
            ? null
            : Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "ec2-local-sandboxes");
                  t.setDaemon(true);
                  return t;
                });
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
          + ", each instance in a directory of its own; this is not isolation";
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
    return complete ? null : s.toString();
  }

  /** The line each instance's console output carries about what it is. */
  public String consoleNote() {
    return enabled()
        ? "ec2-local: this instance is a sandbox (namespaces, overlayfs root)"
        : "ec2-local: this instance is NOT sandboxed ("
            + unavailable
            + "): commands over SSH run on the emulator's machine, in a directory of its own";
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
   * A session's process in the instance's sandbox, booting the sandbox first if it is not running:
   * {@code argv} as the guest's user from the user's home; the caller sets the environment.
   */
  public ProcessBuilder session(Guest g, List<String> argv) throws IOException {
    synchronized (lock(g.instanceId())) {
      if (closed) {
        throw new IOException("the emulator is closing");
      }
      Sandbox s = running.get(g.instanceId());
      if (s == null || !s.alive()) {
        if (s != null) {
          s.kill();
        }
        s = Sandbox.boot(g, layer(g), directory(g.instanceId()), launcher);
        running.put(g.instanceId(), s);
      }
      return s.session(argv);
    }
  }

  /**
   * Kills an instance's sandbox (it stopped, rebooted or terminated); with {@code discard} (it
   * terminated) its writable layer goes too. Without sandboxes, {@code discard} removes its
   * directory.
   */
  public void halt(String instanceId, boolean discard) {
    synchronized (lock(instanceId)) {
      Sandbox s = running.remove(instanceId);
      if (s != null) {
        s.kill();
      }
      if (discard) {
        deleteTree(directory(instanceId));
        locks.remove(instanceId);
      }
    }
  }

  /** How many sandboxes are running now. */
  public int running() {
    return running.size();
  }

  private Object lock(String instanceId) {
    return locks.computeIfAbsent(instanceId, k -> new Object());
  }

  /** The image's layer for its user, made at the first boot of one of its instances. */
  private Path layer(Guest g) throws IOException {
    Path layer = root.resolve(".layers").resolve(safe(g.imageId()) + "-" + g.user());
    synchronized (lock(layer.toString())) {
      if (!Files.isDirectory(layer)) {
        Files.createDirectories(layer.getParent());
        Probe.run(
            List.of(
                "/bin/sh",
                "-c",
                Scripts.IMAGE_LAYER,
                "ec2-local-layer",
                layer.toString(),
                g.user()),
            "the layer of image " + g.imageId());
      }
    }
    return layer;
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
    closed = true; // no session boots one after this
    // every id a session may be booting for (it holds that id's lock), not only those running
    for (String id : List.copyOf(locks.keySet())) {
      halt(id, false);
    }
    if (launcher != null) {
      launcher.shutdownNow();
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
      for (String tool : List.of("/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/setpriv")) {
        if (!Files.isExecutable(Path.of(tool))) {
          return tool + " is missing (util-linux)";
        }
      }
      if (!effectiveRoot()) {
        return "the emulator does not run as root, and sandboxes in a user namespace are not"
            + " built yet";
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
