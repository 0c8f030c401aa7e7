package dev.ec2kit.local.internal.sandbox;

import dev.ec2kit.internal.process.Spawns;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One boot of an instance: its sandbox coming up, then, at the instance's first boot, its user data
 * run as cloud-init would, every line of it in the instance's console. {@link #boot} and {@link
 * #kill} run in turn on the instance's own line of work (see {@link Sandboxes}); the emulator never
 * waits for them: its records ask {@link #phase} and hear of the sandbox's end, with this boot's
 * generation, through the listener.
 */
class Machine { // not final: a test has one whose halt throws
  /** Why a sandbox ended on its own: the system inside powered off or rebooted. */
  enum End {
    POWEROFF,
    REBOOT
  }

  /** Where a boot is. */
  enum Phase {
    BOOTING,
    UP,
    FAILED
  }

  /** Told when the system inside a sandbox ends itself; called on no lock of the sandboxes'. */
  interface Listener {
    void ended(String instanceId, End how, long generation);
  }

  static final String PREFIX = "cloud-init[1490]: ";

  private static final int MAX_LINE = 1024;
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

  final Guest guest;
  final long generation;
  private final byte[] userData;
  private final Console console;
  final CompletableFuture<Sandbox> up = new CompletableFuture<>();
  private Sandbox sandbox; // guarded by this
  private boolean halted; // guarded by this
  private Process booting; // guarded by this: the boot's process until it is up
  private final long started = System.nanoTime();

  Machine(Guest guest, long generation, byte[] userData, Console console) {
    this.guest = guest;
    this.generation = generation;
    this.userData = userData;
    this.console = console;
  }

  /**
   * Boots (on the calling thread): the sandbox, then the user data once per instance (a mark in
   * {@code dir} says it ran) on a thread of {@code pools.userData()}, so boots are not held up by a
   * long script. {@code limits} places the sandbox's processes.
   */
  void boot(
      Callable<String> layers,
      Path dir,
      Path shims,
      Limits.Group group,
      Pools pools,
      Listener listener) {
    synchronized (this) {
      if (halted) {
        up.completeExceptionally(halted());
        return;
      }
    }
    Sandbox s;
    try {
      String lower = layers.call(); // an image's first layer may take seconds to make
      synchronized (this) {
        if (halted) {
          up.completeExceptionally(halted());
          return;
        }
      }
      s = Sandbox.boot(guest, lower, dir, shims, group, pools, this::booting);
    } catch (Exception e) {
      say("ec2-local: the sandbox did not boot: " + e.getMessage());
      up.completeExceptionally(e);
      return;
    }
    synchronized (this) {
      if (halted) {
        s.kill();
        up.completeExceptionally(halted());
        return;
      }
      sandbox = s;
    }
    s.ended().thenAcceptAsync(status -> ended(status, listener), pools.events());
    whenUp(s);
    up.complete(s);
    Path mark = dir.resolve("user-data.ran");
    boolean first = !Files.exists(mark);
    try {
      // once per instance, even when it fails, as cloud-init's semaphore
      Files.writeString(mark, "");
    } catch (IOException e) {
      first = false;
      say("ec2-local: user data not run: " + e.getMessage());
    }
    boolean runIt = first;
    pools.userData().execute(() -> cloudInit(s, runIt, pools));
  }

  private IOException halted() {
    return new IOException("the instance " + guest.instanceId() + " halted");
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

  private void cloudInit(Sandbox s, boolean first, Pools pools) {
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
        run(s, step, pools);
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

  private void run(Sandbox s, UserData.Step step, Pools pools) {
    ProcessBuilder pb = s.asRoot(step.argv()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", Sandboxes.PATH);
    pb.environment().put("HOME", "/root");
    pb.environment().put("USER", "root");
    pb.environment().put("LOGNAME", "root");
    pb.environment().put("SHELL", "/bin/sh");
    try {
      Process p = Spawns.start(pb);
      pools
          .userData()
          .execute(
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
      // the console's power-down lines are the record's
      listener.ended(guest.instanceId(), how, generation);
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

  /** Where its boot is, without waiting. */
  Phase phase() {
    if (!up.isDone()) {
      return Phase.BOOTING;
    }
    return up.isCompletedExceptionally() ? Phase.FAILED : Phase.UP;
  }

  /** Why its boot failed, or null when it has not (yet). */
  String failure() {
    if (!up.isCompletedExceptionally()) {
      return null;
    }
    try {
      up.join();
      return null;
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException e) {
      return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }
  }

  /** Whether it is up and its processes alive. */
  synchronized boolean alive() {
    return !halted && sandbox != null && sandbox.alive();
  }

  /**
   * Ends it at once, never waiting (the caller may hold its region's lock): its sandbox's processes
   * signalled if it is up, a boot under way cut short (its process signalled, so its line of work
   * goes on at once), one not begun never begun. {@link #kill} waits for their end.
   */
  void halt() {
    Sandbox s;
    Process p;
    synchronized (this) {
      halted = true;
      s = sandbox;
      p = sandbox == null ? booting : null;
    }
    if (p != null) {
      p.destroyForcibly();
    }
    if (s != null) {
      s.signal();
    }
  }

  /**
   * Whether it is halted and none of its processes is left: its boot's process ended (killed by
   * {@link #halt}, or never started) and its sandbox, if it came up, killed.
   */
  synchronized boolean quiet() {
    return halted
        && (booting == null || !booting.isAlive())
        && (sandbox == null || !sandbox.alive());
  }

  /** Waits, {@code seconds} at most, until it is {@link #quiet}: whether it is. */
  boolean awaitQuiet(long seconds) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!quiet()) {
      if (System.nanoTime() - until > 0) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return quiet();
      }
    }
    return true;
  }

  private synchronized void booting(Process p) {
    booting = p;
    if (halted) {
      p.destroyForcibly();
    }
  }

  /**
   * Kills its sandbox, if it came up, and waits for its boot's process and sandbox to end (on its
   * instance's line of work, after {@link #halt}).
   */
  void kill() {
    Sandbox s;
    Process p;
    synchronized (this) {
      s = sandbox;
      // once the sandbox is up, booting is its unshare process: killed before its init ended, init
      // would be left to the host's PID 1 (the sandbox's kill ends both, in order)
      p = sandbox == null ? booting : null;
    }
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (s != null) {
      s.kill();
    }
  }

  /** The sandbox while it is up (for freezing its processes), or null. */
  synchronized Sandbox sandbox() {
    return halted ? null : sandbox;
  }

  private synchronized boolean isHalted() {
    return halted;
  }

  private void say(String line) {
    console.say(line);
  }
}
