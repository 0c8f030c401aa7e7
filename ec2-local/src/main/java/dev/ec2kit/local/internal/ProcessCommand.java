package dev.ec2kit.local.internal;

import dev.ec2kit.internal.process.Spawns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH channel's command as a process of this machine, prepared and run on threads of its own:
 * preparing may boot the instance's sandbox, which must not hold up MINA's I/O threads (other
 * sessions' channels would time out meanwhile). Its streams are the channel's, its exit status the
 * channel's; a command that cannot be prepared says why on the channel's stderr and exits 255, as
 * OpenSSH's sshd does for a command it cannot run. The environment is made from nothing by {@code
 * environment}, from what the client sent, so nothing of the emulator's own leaks in.
 */
final class ProcessCommand implements Command {
  /** What makes the process, on the command's own thread. */
  interface Preparation {
    ProcessBuilder prepare() throws IOException;
  }

  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ec2-local-ssh-command");
            t.setDaemon(true);
            return t;
          });

  private final Preparation preparation;
  private final Function<Map<String, String>, Map<String, String>> environment;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private volatile Process process;
  private volatile boolean destroyed;

  ProcessCommand(
      Preparation preparation, Function<Map<String, String>, Map<String, String>> environment) {
    this.preparation = preparation;
    this.environment = environment;
  }

  @Override
  public void setInputStream(InputStream value) {
    this.in = value;
  }

  @Override
  public void setOutputStream(OutputStream value) {
    this.out = value;
  }

  @Override
  public void setErrorStream(OutputStream value) {
    this.err = value;
  }

  @Override
  public void setExitCallback(ExitCallback value) {
    this.exit = value;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    Map<String, String> fromClient = Map.copyOf(env.getEnv());
    THREADS.execute(() -> run(fromClient));
  }

  private void run(Map<String, String> fromClient) {
    Process p;
    try {
      ProcessBuilder pb = preparation.prepare();
      pb.environment().clear(); // nothing of the emulator's own environment (its secrets)
      pb.environment().putAll(environment.apply(fromClient));
      p = Spawns.start(pb);
    } catch (IOException | RuntimeException e) {
      fail(e);
      return;
    }
    process = p;
    if (destroyed) {
      p.destroy();
    }
    THREADS.execute(() -> feed(p));
    Future<?> stdout = THREADS.submit(() -> pump(p.getInputStream(), out));
    Future<?> stderr = THREADS.submit(() -> pump(p.getErrorStream(), err));
    int code;
    try {
      code = p.waitFor();
      stdout.get();
      stderr.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      code = 255;
    } catch (java.util.concurrent.ExecutionException e) {
      code = 255;
    }
    exit.onExit(code);
  }

  private void fail(Exception e) {
    try {
      err.write(("ec2-local: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException ignored) {
      // the channel went first; the exit status below is all there is to say
    }
    exit.onExit(255, String.valueOf(e.getMessage()));
  }

  /** The channel's input to the process, its end closing the process's standard input. */
  private void feed(Process p) {
    try (OutputStream stdin = p.getOutputStream()) {
      byte[] buf = new byte[32 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        stdin.write(buf, 0, n);
        stdin.flush();
      }
    } catch (IOException e) {
      // the process or the channel ended: nothing more to feed
    }
  }

  private static Void pump(InputStream from, OutputStream to) throws IOException {
    byte[] buf = new byte[32 * 1024];
    try (from) {
      for (int n; (n = from.read(buf)) >= 0; ) {
        to.write(buf, 0, n);
        to.flush();
      }
    } catch (IOException e) {
      // the channel closed under it: the process's output has nowhere to go
    }
    return null;
  }

  @Override
  public void destroy(ChannelSession channel) {
    destroyed = true;
    Process p = process;
    if (p != null) {
      p.destroy();
    }
  }
}
