package dev.ec2kit.ssh;

import dev.ec2kit.Ec2;
import dev.ec2kit.Image;
import dev.ec2kit.Instance;
import dev.ec2kit.Sleeper;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.ssh.internal.Commands;
import dev.ec2kit.ssh.internal.Fleet;
import dev.ec2kit.ssh.internal.HostKeys;
import dev.ec2kit.ssh.internal.Sessions;
import dev.ec2kit.ssh.internal.Transfers;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
  private final Sessions sessions;
  private final Commands commands;
  private final Transfers transfers;
  private final Fleet fleet;

  private Ssh(Builder b) {
    Path home = dev.ec2kit.Settings.home(b.environment);
    Path knownHosts =
        b.knownHosts != null ? b.knownHosts : home.resolve(".ec2").resolve("known_hosts");
    this.sessions =
        new Sessions(new HostKeys(b.check, knownHosts, b.ec2), b.connectTimeout, b.ec2, home);
    this.commands = new Commands(sessions, b.connectTimeout, b.commandTimeout);
    this.transfers = new Transfers(sessions, b.commandTimeout);
    this.fleet = new Fleet(sessions, b.concurrency, b.clock, b.sleeper);
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
    return Sessions.defaultUser(image);
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
    return commands.run(instance, command);
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
    return commands.run(instance, command, input, timeout);
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
    return commands.load(instance);
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
    return commands.memory(instance);
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
    transfers.upload(instance, local, remote, preserveTime, recurse);
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
    transfers.download(instance, remote, local, preserveTime, recurse);
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
    return fleet.onEach(instances, call);
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
    fleet.awaitSsh(instances, options);
  }

  /** Closes every open session and stops the SSH client; the helper cannot be used after. */
  @Override
  public void close() {
    sessions.close();
    transfers.close();
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
