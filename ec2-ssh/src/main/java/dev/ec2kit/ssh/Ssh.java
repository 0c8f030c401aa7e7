package dev.ec2kit.ssh;

import dev.ec2kit.Ec2;
import dev.ec2kit.Image;
import dev.ec2kit.Instance;
import dev.ec2kit.Sleeper;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.ssh.internal.HostKeys;
import dev.ec2kit.ssh.internal.ScpReceiveGuard;
import dev.ec2kit.ssh.internal.StrictScpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.scp.client.ScpClient;

/**
 * The manual's SSH helpers on instances: {@code query-load}, {@code query-memory}, {@code
 * ssh-command-output} and {@code ssh-copy-file}, on one instance or many at once. The user, key
 * file and port come from the instance's identity, as in the manual. One SSH client serves the
 * process; sessions stay open for repeated calls on the same instance, except that a call on more
 * instances than its concurrency closes each one's session when done there; host keys are checked;
 * every command and copy has the command timeout.
 *
 * <pre>{@code
 * try (Ssh ssh = Ssh.builder().build()) {
 *   Load load = ssh.queryLoad(instance);                        // 0.0 0.05 0.02
 *   CommandResult r = ssh.sshCommandOutput(instance, "df -h /");
 *   ssh.sshCopyFile(instance, Path.of("app.tar"), "app.tar", true, false);
 *   for (Outcome<Load> o : ssh.queryLoad(fleet)) { ... }       // concurrently, one result each
 * }
 * }</pre>
 */
public final class Ssh implements AutoCloseable {
  private static final Pattern LOAD =
      Pattern.compile("load averages?:\\s*([\\d.]+),?\\s+([\\d.]+),?\\s+([\\d.]+)");

  private final SshClient client;
  private final HostKeys hostKeys;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final int concurrency;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final Map<Path, KeyPair> keys = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ec2-ssh-timeouts");
            t.setDaemon(true);
            return t;
          });

  private final Ec2 ec2;
  private final Path home;
  private final Map<String, String> users = new ConcurrentHashMap<>();

  private Ssh(Builder b) {
    this.ec2 = b.ec2;
    this.home = dev.ec2kit.Settings.home(b.environment);
    Path knownHosts =
        b.knownHosts != null ? b.knownHosts : home.resolve(".ec2").resolve("known_hosts");
    this.hostKeys = new HostKeys(b.check, knownHosts, b.ec2);
    this.connectTimeout = b.connectTimeout;
    this.commandTimeout = b.commandTimeout;
    this.concurrency = b.concurrency;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(hostKeys);
    client.start();
  }

  /**
   * Starts configuring the helper: host keys checked {@link HostKeyCheck#ACCEPT_NEW} against {@code
   * $HOME/.ec2/known_hosts}, 15 s to connect, 5 minutes per command, 16 hosts at once.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The usual login of an image's distribution, as the EC2 documentation lists them: {@code ubuntu}
   * for Ubuntu, {@code admin} for Debian, {@code fedora}, {@code centos}, and {@code ec2-user} for
   * Amazon Linux, RHEL, SUSE and whatever is not known (or a null image: gone or private). The CLI
   * and this class use it when the identity names no {@code sshUser}.
   *
   * @param image the instance's image, or null when it cannot be described
   * @return the login name to try
   */
  public static String defaultUser(Image image) {
    if (image == null) {
      return "ec2-user"; // EC2's most common login
    }
    String name =
        (image.name() != null ? image.name() : String.valueOf(image.imageLocation()))
            .toLowerCase(java.util.Locale.ROOT);
    if (name.contains("ubuntu")) {
      return "ubuntu";
    }
    if (name.contains("debian")) {
      return "admin";
    }
    if (name.contains("fedora-8") || name.contains("fedora-7")) {
      return "root";
    }
    if (name.contains("fedora")) {
      return "fedora";
    }
    if (name.contains("centos")) {
      return "centos";
    }
    return "ec2-user";
  }

  /**
   * The login of an instance whose identity names none: its image's usual one, the image described
   * once per image with the {@link Builder#ec2} client or, without one, a client of the instance's
   * own identity.
   */
  private String loginOf(Instance instance) {
    String where = instance.identity().region().name() + "/" + instance.imageId();
    return users.computeIfAbsent(
        where,
        k -> {
          try {
            if (ec2 != null) {
              return defaultUser(ec2.findImage(instance.imageId()).orElse(null));
            }
            try (Ec2 own = Ec2.builder().identity(instance.identity()).build()) {
              return defaultUser(own.findImage(instance.imageId()).orElse(null));
            }
          } catch (dev.ec2kit.Ec2Exception e) {
            return defaultUser(null);
          }
        });
  }

  /** The private key of an instance whose identity names none: $HOME/.ssh/KEY-NAME.pem. */
  private Path keyOf(Instance instance) {
    if (instance.keyName() == null) {
      throw new IllegalStateException(
          describe(instance)
              + " was launched without a key pair and its identity names no sshIdentityFile:"
              + " no key can log in");
    }
    Path file = home.resolve(".ssh").resolve(instance.keyName() + ".pem");
    if (!Files.isReadable(file)) {
      throw new IllegalStateException(
          describe(instance)
              + ": no private key for key pair '"
              + instance.keyName()
              + "' at "
              + file
              + ": save it there, or set Identity.Builder.sshIdentityFile");
    }
    return file;
  }

  // ---- one instance ----

  /**
   * The manual's {@code ssh-command-output}: runs a command through the login shell, with no
   * standard input, within the command timeout. A non-zero exit is not an exception: the result
   * tells it.
   *
   * @param instance the instance, with the SSH user, key file and port of its identity
   * @param command the command line, as the shell reads it
   * @return what it printed and its exit status
   * @throws NullPointerException when {@code command} is null
   * @throws IllegalStateException when the instance's identity has no SSH user or identity file,
   *     the key file cannot be read as a private key, or the instance has no address yet
   * @throws UncheckedIOException when the host cannot be reached, the login or its host key is
   *     refused, or the command does not finish within the command timeout; the message names the
   *     instance
   */
  public CommandResult sshCommandOutput(Instance instance, String command) {
    return sshCommandOutput(instance, command, null, commandTimeout);
  }

  /**
   * As {@link #sshCommandOutput(Instance, String)}, with standard input and a time limit.
   *
   * @param instance the instance, with the SSH user, key file and port of its identity
   * @param command the command line, as the shell reads it
   * @param input what to write to its standard input (UTF-8), or {@code null} for nothing
   * @param timeout how long it may run; past it the call fails
   * @return what it printed and its exit status
   * @throws NullPointerException when {@code command} is null
   * @throws IllegalStateException when the instance's identity has no SSH user or identity file,
   *     the key file cannot be read as a private key, or the instance has no address yet
   * @throws UncheckedIOException when the host cannot be reached, the login or its host key is
   *     refused, or the command does not finish within {@code timeout}; the message names the
   *     instance
   */
  public CommandResult sshCommandOutput(
      Instance instance, String command, String input, Duration timeout) {
    Objects.requireNonNull(command, "command");
    ClientSession session = session(instance);
    try (ChannelExec channel = session.createExecChannel(command)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      channel.setOut(out);
      channel.setErr(err);
      channel.setIn(
          new ByteArrayInputStream(
              input == null ? new byte[0] : input.getBytes(StandardCharsets.UTF_8)));
      channel.open().verify(connectTimeout);
      var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (events.contains(ClientChannelEvent.TIMEOUT)) {
        throw new UncheckedIOException(
            new IOException(
                "`"
                    + command
                    + "` on "
                    + describe(instance)
                    + " did not finish in "
                    + human(timeout)));
      }
      Integer status = channel.getExitStatus();
      return new CommandResult(
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8),
          status == null ? -1 : status);
    } catch (IOException e) {
      sessions.remove(key(instance));
      throw new UncheckedIOException(describe(instance) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The manual's {@code query-load}: the three load averages of {@code uptime}.
   *
   * @param instance the instance, with the SSH user, key file and port of its identity
   * @return its load averages
   * @throws SshException when {@code uptime} exits non-zero or prints no load averages
   * @throws IllegalStateException when the instance's identity has no SSH user or identity file,
   *     the key file cannot be read as a private key, or the instance has no address yet
   * @throws UncheckedIOException when the host cannot be reached, the login or its host key is
   *     refused, or it does not finish within the command timeout; the message names the instance
   */
  public Load queryLoad(Instance instance) {
    CommandResult r = checked(instance, "uptime");
    Matcher m = LOAD.matcher(r.stdout());
    if (!m.find()) {
      throw new SshException(
          describe(instance),
          r.exitStatus(),
          r.stderr(),
          describe(instance) + ": uptime printed no load averages: " + r.stdout().strip());
    }
    return new Load(
        Double.parseDouble(m.group(1)),
        Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)));
  }

  /**
   * The manual's {@code query-memory}: total, used and free memory from {@code free} (KiB).
   *
   * @param instance the instance, with the SSH user, key file and port of its identity
   * @return its memory
   * @throws SshException when {@code free} exits non-zero or prints no readable {@code Mem:} line
   * @throws IllegalStateException when the instance's identity has no SSH user or identity file,
   *     the key file cannot be read as a private key, or the instance has no address yet
   * @throws UncheckedIOException when the host cannot be reached, the login or its host key is
   *     refused, or it does not finish within the command timeout; the message names the instance
   */
  public Memory queryMemory(Instance instance) {
    CommandResult r = checked(instance, "free");
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("Mem:")) {
        String[] f = line.trim().split("\\s+");
        try {
          return new Memory(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          throw new SshException(
              describe(instance),
              r.exitStatus(),
              r.stderr(),
              describe(instance) + ": free printed an unreadable Mem: line: " + line.strip());
        }
      }
    }
    throw new SshException(
        describe(instance),
        r.exitStatus(),
        r.stderr(),
        describe(instance) + ": free printed no Mem: line: " + r.stdout().strip());
  }

  private CommandResult checked(Instance instance, String command) {
    CommandResult r = sshCommandOutput(instance, command);
    if (!r.succeeded()) {
      throw new SshException(
          describe(instance),
          r.exitStatus(),
          r.stderr(),
          describe(instance)
              + ": `"
              + command
              + "` exited "
              + r.exitStatus()
              + ": "
              + r.stderr().strip());
    }
    return r;
  }

  /**
   * The manual's {@code ssh-copy-file}: copies a local file (a directory with {@code recurse}) to
   * {@code remote} on the instance, keeping times with {@code preserveTime} (scp's -p and -r),
   * within the command timeout.
   *
   * @param instance the instance, with the SSH user, key file and port of its identity
   * @param local the file or directory to copy
   * @param remote where to put it on the instance; relative to the user's home unless absolute
   * @param preserveTime whether to keep the modification and access times and modes
   * @param recurse whether to copy a directory and everything in it
   * @throws IllegalArgumentException when {@code local} does not exist, or is a directory without
   *     {@code recurse}, before connecting
   * @throws IllegalStateException when the instance's identity has no SSH user or identity file,
   *     the key file cannot be read as a private key, or the instance has no address yet
   * @throws UncheckedIOException when the host cannot be reached, the login or its host key is
   *     refused, or the copy fails or does not finish within the command timeout; the message names
   *     the instance
   */
  public void sshCopyFile(
      Instance instance, Path local, String remote, boolean preserveTime, boolean recurse) {
    if (!Files.exists(local)) {
      throw new IllegalArgumentException("local file " + local + " does not exist");
    }
    if (Files.isDirectory(local) && !recurse) {
      throw new IllegalArgumentException(local + " is a directory: copy it with recurse");
    }
    transfer(
        instance,
        "copying " + local + " to " + remote,
        session ->
            new StrictScpClient(session).upload(local, remote, options(preserveTime, recurse)));
  }

  /**
   * The reverse of {@link #sshCopyFile}: copies {@code remote} from the instance to {@code local}.
   * The names the instance sends are checked as OpenSSH's scp checks them: each must be a single
   * name (no {@code /}, not {@code ..}), and without {@code recurse} the one asked for (the last
   * part of {@code remote}, or what it matches as a glob); any other is refused with an {@link
   * UncheckedIOException} naming it, before anything is written under it. The copy has the command
   * timeout.
   *
   * @param instance the instance, with the SSH user, key file and port of its identity
   * @param remote the file or directory on the instance (a glob is allowed)
   * @param local where to put it
   * @param preserveTime whether to keep the modification and access times and modes
   * @param recurse whether to copy a directory and everything in it
   * @throws IllegalStateException when the instance's identity has no SSH user or identity file,
   *     the key file cannot be read as a private key, or the instance has no address yet
   * @throws UncheckedIOException when the host cannot be reached, the login or its host key is
   *     refused, or the copy fails, the instance sends a name not asked for, or it does not finish
   *     within the command timeout; the message names the instance
   */
  public void sshCopyFileFrom(
      Instance instance, String remote, Path local, boolean preserveTime, boolean recurse) {
    ScpReceiveGuard guard = new ScpReceiveGuard(remote, recurse);
    transfer(
        instance,
        "copying " + remote + " to " + local,
        session -> {
          try {
            new StrictScpClient(session, guard, guard)
                .download(remote, local, options(preserveTime, recurse));
          } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // MINA reads a malformed C or D line this way: the server's fault, not the caller's
            throw new IOException("the server's scp answer is unreadable: " + e.getMessage(), e);
          }
        });
  }

  /** One scp transfer on an open session. */
  private interface Transfer {
    void run(ClientSession session) throws IOException;
  }

  /**
   * Runs the transfer within the command timeout: past it the session is closed under it (a host
   * trickling a byte at a time would otherwise hold it for ever) and the failure says so.
   */
  private void transfer(Instance instance, String what, Transfer transfer) {
    ClientSession session = session(instance);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        watchdog.schedule(
            () -> {
              expired.set(true);
              session.close(true);
            },
            commandTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
    IOException failed = null;
    try {
      transfer.run(session);
    } catch (IOException e) {
      failed = e;
    } finally {
      alarm.cancel(false);
    }
    if (expired.get()) {
      sessions.remove(key(instance), session);
      String why = describe(instance) + ": " + what + " timed out after " + human(commandTimeout);
      throw new UncheckedIOException(why, new IOException(why, failed));
    }
    if (failed != null) {
      throw new UncheckedIOException(
          describe(instance) + ": " + what + ": " + failed.getMessage(), failed);
    }
  }

  /** 2 s, or 500 ms where it is not whole seconds. */
  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static ScpClient.Option[] options(boolean preserveTime, boolean recurse) {
    List<ScpClient.Option> o = new ArrayList<>();
    if (preserveTime) {
      o.add(ScpClient.Option.PreserveAttributes);
    }
    if (recurse) {
      o.add(ScpClient.Option.Recursive);
    }
    return o.toArray(ScpClient.Option[]::new);
  }

  // ---- many instances ----

  /**
   * Runs {@code call} on each instance, at most {@code concurrency} at a time, and returns one
   * outcome per instance in their order: a failing host does not sink the others. On more instances
   * than that, each one's session is closed when its call ends, so no more than {@code concurrency}
   * are open at once (on fewer, they stay open for the next call, as on one instance).
   *
   * <pre>{@code
   * List<Outcome<CommandResult>> up = ssh.onEach(fleet, i -> ssh.sshCommandOutput(i, "systemctl is-active app"));
   * }</pre>
   *
   * @param <T> what the call returns
   * @param instances the instances; any regions and identities
   * @param call what to do on one instance, called on a pool thread
   * @return one outcome per instance, in their order: the value or the exception the call threw;
   *     empty when there is no instance
   * @throws UncheckedIOException when the calling thread is interrupted while waiting for the calls
   */
  public <T> List<Outcome<T>> onEach(Collection<Instance> instances, Function<Instance, T> call) {
    if (instances.isEmpty()) {
      return List.of();
    }
    boolean keepSessions = instances.size() <= concurrency;
    Map<String, Integer> working = new ConcurrentHashMap<>(); // session key -> calls using it
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(concurrency, instances.size()),
            r -> {
              Thread t = new Thread(r, "ec2-ssh");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<Instance, Future<T>> futures = new LinkedHashMap<>();
      for (Instance i : instances) {
        futures.put(
            i, pool.submit(() -> keepSessions ? call.apply(i) : thenClosed(i, call, working)));
      }
      List<Outcome<T>> out = new ArrayList<>();
      for (Map.Entry<Instance, Future<T>> f : futures.entrySet()) {
        try {
          out.add(new Outcome<>(f.getKey(), f.getValue().get(), null));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          out.add(
              new Outcome<>(
                  f.getKey(),
                  null,
                  cause instanceof Exception ex ? ex : new RuntimeException(cause)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(
              new java.io.InterruptedIOException("interrupted waiting for SSH commands"));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs the call, then closes the instance's session unless another call still uses it. */
  private <T> T thenClosed(Instance i, Function<Instance, T> call, Map<String, Integer> working) {
    String k = key(i);
    working.merge(k, 1, Integer::sum);
    try {
      return call.apply(i);
    } finally {
      working.computeIfPresent(
          k,
          (key, n) -> {
            if (n > 1) {
              return n - 1;
            }
            ClientSession s = sessions.remove(key);
            if (s != null) {
              s.close(true);
            }
            return null;
          });
    }
  }

  /**
   * {@link #queryLoad(Instance)} on each instance, concurrently (see {@link #onEach}).
   *
   * @param instances the instances
   * @return one outcome per instance, in their order: its load, or the exception it met
   * @throws UncheckedIOException when the calling thread is interrupted while waiting
   */
  public List<Outcome<Load>> queryLoad(Collection<Instance> instances) {
    return onEach(instances, this::queryLoad);
  }

  /**
   * {@link #queryMemory(Instance)} on each instance, concurrently (see {@link #onEach}).
   *
   * @param instances the instances
   * @return one outcome per instance, in their order: its memory, or the exception it met
   * @throws UncheckedIOException when the calling thread is interrupted while waiting
   */
  public List<Outcome<Memory>> queryMemory(Collection<Instance> instances) {
    return onEach(instances, this::queryMemory);
  }

  /**
   * {@link #sshCommandOutput(Instance, String)} on each instance, concurrently (see {@link
   * #onEach}); a non-zero exit is a successful outcome whose result tells it.
   *
   * @param instances the instances
   * @param command the command line, as the shell reads it
   * @return one outcome per instance, in their order: what the command printed and its exit status,
   *     or the exception it met
   * @throws UncheckedIOException when the calling thread is interrupted while waiting
   */
  public List<Outcome<CommandResult>> sshCommandOutput(
      Collection<Instance> instances, String command) {
    return onEach(instances, i -> sshCommandOutput(i, command));
  }

  /**
   * Waits until every instance accepts an SSH login (usable, not just running), trying each that is
   * not ready yet once per interval; returns when all are, or throws naming those that are not. Any
   * failure to log in counts as not ready yet; a mistake of setup that waiting cannot mend (no
   * private key for the instance's key pair, an instance launched without one) fails at once.
   *
   * @param instances the instances, running (with an address)
   * @param options how often to try, and for how long; its {@code progress} gets a line per
   *     instance not ready yet
   * @throws dev.ec2kit.WaitException with {@link dev.ec2kit.WaitException.Reason#TIMEOUT} when the
   *     timeout passes first; it lists the instances that are ready and why the others are not
   * @throws UncheckedIOException when the thread is interrupted while waiting
   * @throws IllegalStateException at once when an instance has no private key to log in with
   * @throws NullPointerException when {@code options} is null
   */
  public void waitForSsh(Collection<Instance> instances, WaitOptions options) {
    Instant deadline = clock.instant().plus(options.timeout());
    List<Instance> left = new ArrayList<>(instances);
    Duration interval = options.interval();
    while (true) {
      List<Outcome<Boolean>> tried =
          onEach(
              left,
              i -> {
                session(i);
                return true;
              });
      left.clear();
      Map<String, String> errors = new LinkedHashMap<>();
      for (Outcome<Boolean> o : tried) {
        if (!o.ok() && o.error() instanceof IllegalStateException setup) {
          throw setup; // no key to log in with: it will not come by waiting
        }
        if (!o.ok()) {
          left.add(o.instance());
          errors.put(o.instance().instanceId(), o.error().getMessage());
          if (options.progress() != null) {
            options
                .progress()
                .accept(
                    "; waiting for SSH on "
                        + o.instance().instanceId()
                        + ": "
                        + o.error().getMessage());
          }
        }
      }
      if (left.isEmpty()) {
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        List<String> ready =
            instances.stream()
                .map(Instance::instanceId)
                .filter(id -> !errors.containsKey(id))
                .toList();
        Map<String, String> lastSeen = new LinkedHashMap<>();
        errors.forEach((id, why) -> lastSeen.put(id, "not accepting SSH (" + why + ")"));
        throw new dev.ec2kit.WaitException(
            dev.ec2kit.WaitException.Reason.TIMEOUT, "SSH ready", ready, lastSeen);
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(
            new java.io.InterruptedIOException("interrupted waiting for SSH"));
      }
      interval =
          Duration.ofMillis(
              Math.min(
                  Math.round(interval.toMillis() * options.backoff()),
                  options.maxInterval().toMillis()));
    }
  }

  // ---- sessions ----

  private static String key(Instance i) {
    return i.identity().sshUser().orElse("")
        + "@"
        + host(i)
        + ":"
        + i.identity().sshPort()
        + "/"
        + i.identity().sshIdentityFile().map(Path::toString).orElse("");
  }

  static String host(Instance i) {
    if (i.publicIpAddress() != null) {
      return i.publicIpAddress();
    }
    if (i.privateIpAddress() != null) {
      return i.privateIpAddress();
    }
    throw new IllegalStateException(
        i.instanceId()
            + " has no address (state "
            + i.state()
            + "): ask for a fresh copy once it runs");
  }

  private static String describe(Instance i) {
    return i.instanceId()
        + " ("
        + i.identity().sshUser().orElse("?")
        + "@"
        + (i.publicIpAddress() != null ? i.publicIpAddress() : i.privateIpAddress())
        + ":"
        + i.identity().sshPort()
        + ")";
  }

  /** An open, authenticated session to the instance, reused while it stays open. */
  ClientSession session(Instance instance) {
    String k = key(instance);
    ClientSession open = sessions.get(k);
    if (open != null && open.isOpen() && open.isAuthenticated()) {
      return open;
    }
    String user = instance.identity().sshUser().orElseGet(() -> loginOf(instance));
    Path keyFile = instance.identity().sshIdentityFile().orElseGet(() -> keyOf(instance));
    KeyPair keyPair = keys.computeIfAbsent(keyFile, Ssh::load);
    try {
      hostKeys.register(host(instance), instance.identity().sshPort(), instance);
      ClientSession s =
          client
              .connect(user, host(instance), instance.identity().sshPort())
              .verify(connectTimeout)
              .getSession();
      s.addPublicKeyIdentity(keyPair);
      try {
        s.auth().verify(connectTimeout);
      } catch (IOException e) {
        s.close(true);
        throw e;
      }
      ClientSession previous = sessions.put(k, s);
      if (previous != null && previous != s) {
        previous.close(true);
      }
      return s;
    } catch (IOException e) {
      String hint = hostKeys.explain(instance).orElse("");
      throw new UncheckedIOException(describe(instance) + ": " + e.getMessage() + hint, e);
    }
  }

  private static KeyPair load(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalStateException("ssh identity file " + file + " cannot be read");
    }
    try (InputStream in = Files.newInputStream(file)) {
      var found = SecurityUtils.loadKeyPairIdentities(null, () -> file.toString(), in, null);
      if (found == null || !found.iterator().hasNext()) {
        throw new IllegalStateException("ssh identity file " + file + " holds no private key");
      }
      return found.iterator().next();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "ssh identity file " + file + " cannot be read as a private key: " + e.getMessage());
    }
  }

  /** Closes every open session and stops the SSH client; the helper cannot be used after. */
  @Override
  public void close() {
    sessions.values().forEach(s -> s.close(true));
    sessions.clear();
    watchdog.shutdownNow();
    client.stop();
  }

  /** Configures an {@link Ssh}. */
  public static final class Builder {
    private HostKeyCheck check = HostKeyCheck.ACCEPT_NEW;
    private Path knownHosts; // $HOME/.ec2/known_hosts unless set
    private Map<String, String> environment = System.getenv();
    private Ec2 ec2;
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Duration commandTimeout = Duration.ofMinutes(5);
    private int concurrency = 16;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * How host keys are checked ({@link HostKeyCheck#ACCEPT_NEW} by default); {@link
     * HostKeyCheck#CONSOLE} needs {@link #ec2}.
     *
     * @param value the check
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder hostKeyCheck(HostKeyCheck value) {
      this.check = Objects.requireNonNull(value, "hostKeyCheck");
      return this;
    }

    /**
     * The known-hosts file (default .ec2/known_hosts under {@code $HOME}, else the JVM's {@code
     * user.home}, as the AWS settings are found; apart from OpenSSH's own).
     *
     * @param value the file; made when the first key is recorded
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder knownHosts(Path value) {
      this.knownHosts = Objects.requireNonNull(value, "knownHosts");
      return this;
    }

    /**
     * The environment variables whose {@code HOME} holds the default known-hosts file (default:
     * this process's).
     *
     * @param value variable name to value; copied
     * @return this builder
     * @throws NullPointerException when {@code value} is or holds null
     */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /**
     * The client to read console output with, for {@link HostKeyCheck#CONSOLE}.
     *
     * @param value the client, or {@code null}
     * @return this builder
     */
    public Builder ec2(Ec2 value) {
      this.ec2 = value;
      return this;
    }

    /**
     * How long connecting, logging in and opening a channel may each take (15 s).
     *
     * @param value the timeout
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /**
     * How long one command or one scp copy on a host may take (5 minutes).
     *
     * @param value the timeout
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder commandTimeout(Duration value) {
      this.commandTimeout = Objects.requireNonNull(value, "commandTimeout");
      return this;
    }

    /**
     * How many instances are worked on at once by the calls on many (16).
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is below 1
     */
    public Builder concurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, got " + value);
      }
      this.concurrency = value;
      return this;
    }

    /**
     * The clock that times {@link Ssh#waitForSsh} (the system's UTC clock by default).
     *
     * @param value the clock
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * What waits between tries in {@link Ssh#waitForSsh} ({@link Sleeper#system()} by default).
     *
     * @param value the sleeper
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * Builds the helper and starts its SSH client; close it when done.
     *
     * @return a new helper
     * @throws IllegalArgumentException when the check is {@link HostKeyCheck#CONSOLE} and no {@link
     *     #ec2} is given
     */
    public Ssh build() {
      dev.ec2kit.internal.logging.QuietLibraries.minaAtWarningUnlessConfigured();
      if (check == HostKeyCheck.CONSOLE && ec2 == null) {
        throw new IllegalArgumentException(
            "hostKeyCheck CONSOLE reads console output: give ec2(...) too");
      }
      return new Ssh(this);
    }
  }
}
