package dev.ec2kit.ssh.internal;

import static dev.ec2kit.ssh.internal.Commands.human;
import static dev.ec2kit.ssh.internal.Sessions.describe;

import dev.ec2kit.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.scp.client.ScpClient;

/**
 * scp copies to and from one instance for {@code Ssh}, each within the command timeout: past it a
 * watchdog thread closes the session under the copy.
 */
public final class Transfers implements AutoCloseable {
  private final Sessions sessions;
  private final Duration commandTimeout;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ec2-ssh-timeouts");
            t.setDaemon(true);
            return t;
          });

  /**
   * Copies on the helper's sessions.
   *
   * @param sessions the sessions
   * @param commandTimeout how long one copy may take
   */
  public Transfers(Sessions sessions, Duration commandTimeout) {
    this.sessions = sessions;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Copies a local file or directory to the instance (see {@code Ssh.sshCopyFile}).
   *
   * @param instance the instance
   * @param local the file or directory
   * @param remote where to put it
   * @param preserveTime scp's -p
   * @param recurse scp's -r
   */
  public void upload(
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
   * Copies a file or directory from the instance, checking the names it sends (see {@code
   * Ssh.sshCopyFileFrom}).
   *
   * @param instance the instance
   * @param remote the file or directory there (a glob is allowed)
   * @param local where to put it
   * @param preserveTime scp's -p
   * @param recurse scp's -r
   */
  public void download(
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
    ClientSession session = sessions.session(instance);
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
      sessions.forget(instance, session);
      String why = describe(instance) + ": " + what + " timed out after " + human(commandTimeout);
      throw new UncheckedIOException(why, new IOException(why, failed));
    }
    if (failed != null) {
      throw new UncheckedIOException(
          describe(instance) + ": " + what + ": " + failed.getMessage(), failed);
    }
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

  /** Stops the watchdog thread. */
  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
