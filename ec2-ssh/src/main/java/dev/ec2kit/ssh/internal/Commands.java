package dev.ec2kit.ssh.internal;

import static dev.ec2kit.ssh.internal.Sessions.describe;

import dev.ec2kit.Instance;
import dev.ec2kit.ssh.CommandResult;
import dev.ec2kit.ssh.Load;
import dev.ec2kit.ssh.Memory;
import dev.ec2kit.ssh.SshException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * Commands on one instance for {@code Ssh}: a command line and what it printed, and the load and
 * memory read from {@code uptime} and {@code free}.
 */
public final class Commands {
  private static final Pattern LOAD =
      Pattern.compile("load averages?:\\s*([\\d.]+),?\\s+([\\d.]+),?\\s+([\\d.]+)");

  private final Sessions sessions;
  private final Duration connectTimeout;
  private final Duration commandTimeout;

  /**
   * Commands on the helper's sessions.
   *
   * @param sessions the sessions
   * @param connectTimeout how long opening a channel may take
   * @param commandTimeout how long a command may run unless the call says
   */
  public Commands(Sessions sessions, Duration connectTimeout, Duration commandTimeout) {
    this.sessions = sessions;
    this.connectTimeout = connectTimeout;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Runs a command through the login shell (see {@code Ssh.sshCommandOutput}).
   *
   * @param instance the instance
   * @param command the command line
   * @param input its standard input (UTF-8), or null for nothing
   * @param timeout how long it may run
   * @return what it printed and its exit status
   */
  public CommandResult run(Instance instance, String command, String input, Duration timeout) {
    Objects.requireNonNull(command, "command");
    ClientSession session = sessions.session(instance);
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
      sessions.forget(instance, session); // not one another thread has made since
      throw new UncheckedIOException(describe(instance) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a command with no input within the command timeout.
   *
   * @param instance the instance
   * @param command the command line
   * @return what it printed and its exit status
   */
  public CommandResult run(Instance instance, String command) {
    return run(instance, command, null, commandTimeout);
  }

  /**
   * The three load averages of {@code uptime} (see {@code Ssh.queryLoad}).
   *
   * @param instance the instance
   * @return its load
   */
  public Load load(Instance instance) {
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
   * Total, used and free memory from {@code free} (see {@code Ssh.queryMemory}).
   *
   * @param instance the instance
   * @return its memory
   */
  public Memory memory(Instance instance) {
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
    CommandResult r = run(instance, command);
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

  /** 2 s, or 500 ms where it is not whole seconds. */
  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
