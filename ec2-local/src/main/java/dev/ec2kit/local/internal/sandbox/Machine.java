package dev.ec2kit.local.internal.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One boot of an instance: its sandbox coming up, then, at the instance's first boot, its user data
 * run as cloud-init would, every line of it in the console output. The boot runs on a thread of its
 * own; the emulator waits for {@link #up} (under its region's lock, so an instance is never {@code
 * running} before its sandbox is) and learns of the sandbox's end through the listener.
 */
final class Machine {
  /** Why a sandbox ended on its own: the system inside powered off or rebooted. */
  enum End {
    POWEROFF,
    REBOOT
  }

  /** Told when the system inside a sandbox ends itself; called on no lock of the sandboxes'. */
  interface Listener {
    void ended(String instanceId, End how);
  }

  static final String PREFIX = "cloud-init[1490]: ";

  /** EC2 keeps the last 64 KB of a console; this keeps a boot's first lines, as many, at most. */
  private static final long MAX_CONSOLE_LINES = 1000;

  private static final int MAX_LINE = 1024;
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

  final Guest guest;
  private final byte[] userData;
  final CompletableFuture<Sandbox> up = new CompletableFuture<>();
  private final CompletableFuture<Void> settled = new CompletableFuture<>();
  private final List<String> console = new ArrayList<>();
  private Sandbox sandbox; // guarded by this
  private boolean halted; // guarded by this
  private boolean booting; // guarded by this
  private final long started = System.nanoTime();

  Machine(Guest guest, byte[] userData) {
    this.guest = guest;
    this.userData = userData;
  }

  /**
   * Boots (on the calling thread): the sandbox, then the user data once per instance (a mark in
   * {@code dir} says it ran). {@code userDataRunner} takes the user data's part, so boots are not
   * held up by a long script.
   */
  void boot(
      java.util.concurrent.Callable<String> layers,
      Path dir,
      Path shims,
      java.util.concurrent.ExecutorService launcher,
      java.util.concurrent.Executor userDataRunner,
      java.util.concurrent.Executor events,
      Listener listener) {
    synchronized (this) {
      if (halted) {
        return; // halted before its turn came: halt() has settled it
      }
      booting = true;
    }
    Sandbox s;
    try {
      s = Sandbox.boot(guest, layers.call(), dir, shims, launcher);
    } catch (Exception e) {
      say("ec2-local: the sandbox did not boot: " + e.getMessage());
      up.completeExceptionally(e);
      settled.complete(null);
      return;
    }
    synchronized (this) {
      if (halted) {
        s.kill();
        up.completeExceptionally(new IOException("the instance " + guest.instanceId() + " halted"));
        settled.complete(null);
        return;
      }
      sandbox = s;
    }
    s.ended().thenAcceptAsync(status -> ended(status, listener), events);
    whenUp(s);
    up.complete(s);
    settled.complete(null);
    Path mark = dir.resolve("user-data.ran");
    boolean first = !Files.exists(mark);
    try {
      Files.writeString(
          mark, ""); // once per instance, even when it fails, as cloud-init's semaphore
    } catch (IOException e) {
      first = false;
      say("ec2-local: user data not run: " + e.getMessage());
    }
    boolean runIt = first;
    userDataRunner.execute(() -> cloudInit(s, runIt));
  }

  private volatile java.util.function.Consumer<Sandbox> onUp = s -> {};

  /** What is done once its sandbox is up, before anyone is told (its EBS volumes plugged in). */
  void onUp(java.util.function.Consumer<Sandbox> action) {
    this.onUp = action;
  }

  private void whenUp(Sandbox s) {
    try {
      onUp.accept(s);
    } catch (RuntimeException e) {
      say("ec2-local: " + e.getMessage());
    }
  }

  private void cloudInit(Sandbox s, boolean first) {
    say(
        PREFIX
            + "Cloud-init v. 22.2.2 running 'modules:final' at "
            + RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC))
            + ". Up "
            + uptime()
            + " seconds.");
    if (first) {
      UserData.Plan plan = UserData.of(userData);
      plan.notes().forEach(n -> say(PREFIX + n));
      for (UserData.Step step : plan.steps()) {
        if (isHalted()) {
          return;
        }
        run(s, step);
      }
    }
    if (!isHalted()) {
      say(
          PREFIX
              + "Cloud-init v. 22.2.2 finished at "
              + RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC))
              + ". Datasource DataSourceEc2.  Up "
              + uptime()
              + " seconds");
    }
  }

  private void run(Sandbox s, UserData.Step step) {
    ProcessBuilder pb = s.asRoot(step.argv()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", Sandboxes.PATH);
    pb.environment().put("HOME", "/root");
    pb.environment().put("USER", "root");
    pb.environment().put("LOGNAME", "root");
    pb.environment().put("SHELL", "/bin/sh");
    try {
      Process p = pb.start();
      CompletableFuture.runAsync(
          () -> {
            try (OutputStream in = p.getOutputStream()) {
              in.write(step.input());
            } catch (IOException e) {
              // the step did not read all of it: its own output says so
            }
          });
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        // line by line, each cut at MAX_LINE as it is read: a script's endless line costs nothing
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        for (int c = out.read(); c != -1; c = out.read()) {
          if (c == '\n') {
            say(line + (cut ? "..." : ""));
            line.setLength(0);
            cut = false;
          } else if (c == '\r') {
            continue; // the console's own line ends are \r\n
          } else if (line.length() < MAX_LINE) {
            line.append((char) c);
          } else {
            cut = true;
          }
        }
        if (!line.isEmpty()) {
          say(line + (cut ? "..." : ""));
        }
      }
      int status = p.waitFor();
      if (status != 0 && !isHalted()) {
        say(
            PREFIX
                + "util.py[WARNING]: Failed running "
                + step.what()
                + " [exit status "
                + status
                + "]");
      }
    } catch (IOException e) {
      say(PREFIX + "util.py[WARNING]: Failed running " + step.what() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String uptime() {
    return String.format(
        java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1_000_000_000.0);
  }

  private void ended(int status, Listener listener) {
    synchronized (this) {
      if (halted) {
        return; // the emulator ended it
      }
      halted = true;
    }
    End how =
        status == Scripts.POWEROFF ? End.POWEROFF : status == Scripts.REBOOT ? End.REBOOT : null;
    if (how != null) {
      listener.ended(guest.instanceId(), how); // the console's power-down lines are the record's
    } else {
      say("ec2-local: the sandbox ended (exit status " + status + "): reboot the instance");
    }
  }

  /** The sandbox once it is up, waiting (a while) for a boot under way; null if it failed. */
  Sandbox await(long seconds) {
    try {
      return up.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Why its boot failed, or null when it is up (waiting for a boot under way). */
  String failure(long seconds) {
    try {
      up.get(seconds, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "the sandbox did not boot in " + seconds + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Whether it is up and its processes alive. */
  synchronized boolean alive() {
    return !halted && sandbox != null && sandbox.alive();
  }

  /** Ends it: its sandbox killed, or, mid-boot, killed as the boot ends (waited for). */
  void halt() {
    Sandbox s;
    synchronized (this) {
      halted = true;
      s = sandbox;
      if (!booting) {
        up.completeExceptionally(new IOException("the instance " + guest.instanceId() + " halted"));
        settled.complete(null);
        return;
      }
    }
    if (s != null) {
      s.kill();
    } else {
      try {
        settled.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // left to the boot's own end
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized boolean isHalted() {
    return halted;
  }

  /** The lines this boot has written to the console, in order. */
  List<String> console() {
    synchronized (console) {
      return List.copyOf(console);
    }
  }

  private void say(String line) {
    synchronized (console) {
      if (console.size() < MAX_CONSOLE_LINES) {
        console.add(line);
      }
    }
  }
}
