package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.internal.process.Spawns;
import dev.ec2kit.ssh.CommandResult;
import dev.ec2kit.ssh.Load;
import dev.ec2kit.ssh.Memory;
import dev.ec2kit.ssh.Outcome;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 10.0 on the command line: ssh, scp, query-load, query-memory, top. */
final class SshCommands {
  private SshCommands() {}

  /** --filter and --concurrency of the commands that work on many instances at once. */
  static final class Many {
    @Option(
        names = "--filter",
        paramLabel = "NAME=VALUE",
        description = "Every running instance that matches (repeatable), e.g. tag:Role=web.")
    List<String> filters = List.of();

    @Option(
        names = "--concurrency",
        paramLabel = "N",
        description = "Hosts at a time when working on many (default: ${DEFAULT-VALUE}).")
    int concurrency = 16;

    /** The running instances --filter selects; refused when none does. */
    List<Instance> running(Ec2 ec2) {
      dev.ec2kit.InstanceQuery.Builder q =
          dev.ec2kit.InstanceQuery.builder().states(InstanceState.RUNNING);
      ApiCommand.filters(filters).forEach((k, v) -> q.filter(k, v.toArray(String[]::new)));
      List<Instance> found = ec2.instances().describe(q.build());
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no running instance matches " + filters);
      }
      return found;
    }

    /** 0, or 1 after a line naming the instances that failed and why. */
    int exit(java.io.PrintWriter err, List<String> failed, int of) {
      if (failed.isEmpty()) {
        return 0;
      }
      err.println(
          "ec2: failed on " + failed.size() + " of " + of + ": " + String.join(", ", failed));
      err.flush();
      return 1;
    }
  }

  @Command(
      name = "ssh",
      mixinStandardHelpOptions = true,
      description =
          "Run a command on an instance (exit status is the remote one), or log in when none is given.")
  static final class Shell extends ApiCommand {
    @Parameters(
        paramLabel = "INSTANCE-ID... [-- COMMAND]",
        arity = "0..*",
        description = "One or more instance ids, then after --: the command to run.")
    List<String> args = List.of();

    @Mixin Many many;

    @Mixin SshFlags flags;

    @Override
    public Integer call() throws Exception {
      List<String> ids = new ArrayList<>();
      List<String> command = new ArrayList<>();
      for (String a : args) {
        if (command.isEmpty() && a.matches("i-[0-9a-f]{8,17}")) {
          ids.add(a);
        } else {
          command.add(a);
        }
      }
      Ec2 ec2 = ec2();
      if (many.filters.isEmpty() && ids.size() == 1) {
        Instance i = flags.target(ec2, ids.get(0));
        if (command.isEmpty()) {
          return interactive(i);
        }
        try (Ssh ssh = flags.ssh(ec2)) {
          CommandResult r = ssh.sshCommandOutput(i, String.join(" ", command));
          out().print(r.stdout());
          out().flush();
          err().print(r.stderr());
          err().flush();
          return r.exitStatus();
        }
      }
      if (ids.isEmpty() && many.filters.isEmpty()) {
        throw new IllegalArgumentException(
            "ssh needs an INSTANCE-ID (or several, or --filter NAME=VALUE)");
      }
      if (command.isEmpty()) {
        throw new IllegalArgumentException(
            "ssh on several instances needs a command: ec2 ssh i-1 i-2 -- uptime");
      }
      if (!many.filters.isEmpty()) {
        for (Instance i : many.running(ec2)) {
          if (!ids.contains(i.instanceId())) {
            ids.add(i.instanceId());
          }
        }
      }
      List<Instance> targets = new ArrayList<>();
      for (String id : ids) {
        targets.add(flags.target(ec2, id));
      }
      try (Ssh ssh = flags.ssh(ec2, many.concurrency)) {
        List<Outcome<CommandResult>> results =
            ssh.sshCommandOutput(targets, String.join(" ", command));
        return report(results);
      }
    }

    /** Each host's output, prefixed (or as JSON); exit 1 naming the hosts that failed. */
    private int report(List<Outcome<CommandResult>> results) {
      List<String> failed = new ArrayList<>();
      boolean structured = format() == GlobalOptions.Format.json || output().queried();
      if (structured) {
        List<Object> rows = new ArrayList<>();
        for (Outcome<CommandResult> o : results) {
          java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
          row.put("InstanceId", o.instance().instanceId());
          if (o.ok()) {
            row.put("ExitStatus", (long) o.value().exitStatus());
            row.put("Stdout", o.value().stdout());
            row.put("Stderr", o.value().stderr());
          } else {
            row.put("Error", Main.printable(o.error().getMessage()));
          }
          rows.add(row);
        }
        output().emit(out(), format(), java.util.Map.of("Results", rows));
      }
      for (Outcome<CommandResult> o : results) {
        String id = o.instance().instanceId();
        if (!o.ok()) {
          failed.add(id + " (" + Main.printable(o.error().getMessage()) + ")");
          continue;
        }
        if (o.value().exitStatus() != 0) {
          failed.add(id + " (exit " + o.value().exitStatus() + ")");
        }
        if (!structured) {
          o.value().stdout().lines().forEach(l -> out().println(id + ": " + l));
          o.value().stderr().lines().forEach(l -> err().println(id + ": " + l));
        }
      }
      out().flush();
      return many.exit(err(), failed, results.size());
    }

    /**
     * A login shell needs a terminal: OpenSSH's ssh gets the same user, key, port and known hosts.
     */
    private int interactive(Instance i) throws Exception {
      List<String> argv =
          new ArrayList<>(
              List.of(
                  "ssh",
                  "-i",
                  i.identity().sshIdentityFile().orElseThrow().toString(),
                  "-p",
                  Integer.toString(i.identity().sshPort()),
                  "-o",
                  "UserKnownHostsFile=" + flags.knownHosts(),
                  "-o",
                  "StrictHostKeyChecking="
                      + (flags.hostKeyCheck.equals("strict") ? "yes" : "accept-new"),
                  i.identity().sshUser().orElseThrow() + "@" + i.publicIpAddress()));
      return Spawns.start(new ProcessBuilder(argv).inheritIO()).waitFor();
    }
  }

  @Command(
      name = "scp",
      mixinStandardHelpOptions = true,
      description = {
        "Copy files to or from instances: ec2 scp FILE i-0123:path, ec2 scp i-0123:path FILE.",
        "To many at once: ec2 scp FILE i-1:path i-2:path, or ec2 scp FILE :path --filter"
            + " tag:Role=web; from many: ec2 scp i-1:path i-2:path DIR (each into DIR/INSTANCE-ID/)."
      })
  static final class Copy extends ApiCommand {
    @Parameters(
        paramLabel = "SOURCE DESTINATION",
        arity = "2..*",
        description = "A local path and INSTANCE-ID:PATHs (:PATH with --filter), either way round.")
    List<String> paths;

    @Option(
        names = {"-r", "--recurse"},
        description = "Copy directories.")
    boolean recurse;

    @Option(
        names = "--no-preserve-time",
        description = "Do not keep modification times (kept by default).")
    boolean noPreserveTime;

    @Mixin Many many;

    @Mixin SshFlags flags;

    private static final java.util.regex.Pattern REMOTE =
        java.util.regex.Pattern.compile("(i-[0-9a-f]{8,17})?:(.*)", java.util.regex.Pattern.DOTALL);

    /** One remote side: the instance (null: each that --filter selects) and the path on it. */
    private record Remote(String id, String path) {}

    private Remote remote(String arg) {
      java.util.regex.Matcher m = REMOTE.matcher(arg);
      if (!m.matches() || (m.group(1) == null && many.filters.isEmpty())) {
        return null;
      }
      return new Remote(m.group(1), m.group(2).isEmpty() ? "." : m.group(2));
    }

    @Override
    public Integer call() {
      boolean download = remote(paths.get(0)) != null;
      List<String> remotes =
          download ? paths.subList(0, paths.size() - 1) : paths.subList(1, paths.size());
      String local = download ? paths.get(paths.size() - 1) : paths.get(0);
      if (remote(local) != null) {
        throw new IllegalArgumentException(
            "one side must be a local path: ec2 scp FILE i-0123456789abcdef0:notes.txt");
      }
      java.util.Map<String, String> targets = new java.util.LinkedHashMap<>(); // id -> path
      Ec2 ec2 = ec2();
      for (String r : remotes) {
        Remote remote = remote(r);
        if (remote == null) {
          throw new IllegalArgumentException(
              "'"
                  + r
                  + "' is not INSTANCE-ID:PATH (or :PATH with --filter), such as"
                  + " i-0123456789abcdef0:notes.txt");
        }
        if (remote.id() != null) {
          targets.put(remote.id(), remote.path());
        } else {
          many.running(ec2).forEach(i -> targets.putIfAbsent(i.instanceId(), remote.path()));
        }
      }
      if (targets.size() == 1 && many.filters.isEmpty()) {
        java.util.Map.Entry<String, String> only = targets.entrySet().iterator().next();
        Instance i = flags.target(ec2, only.getKey());
        try (Ssh ssh = flags.ssh(ec2)) {
          copy(ssh, i, only.getValue(), Path.of(local), download);
        }
        return 0;
      }
      if (download && Files.exists(Path.of(local)) && !Files.isDirectory(Path.of(local))) {
        throw new IllegalArgumentException(
            "from several instances the destination must be a directory, not the file " + local);
      }
      List<Instance> instances = new ArrayList<>();
      for (String id : targets.keySet()) {
        instances.add(flags.target(ec2, id));
      }
      try (Ssh ssh = flags.ssh(ec2, many.concurrency)) {
        List<Outcome<Path>> results =
            ssh.onEach(
                instances,
                i -> {
                  Path into = download ? Path.of(local).resolve(i.instanceId()) : Path.of(local);
                  if (download) {
                    try {
                      Files.createDirectories(into);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }
                  copy(ssh, i, targets.get(i.instanceId()), into, download);
                  return into;
                });
        return report(results);
      }
    }

    private void copy(Ssh ssh, Instance i, String path, Path local, boolean download) {
      if (download) {
        ssh.sshCopyFileFrom(i, path, local, !noPreserveTime, recurse);
      } else {
        ssh.sshCopyFile(i, local, path, !noPreserveTime, recurse);
      }
    }

    /** Nothing on success (as scp); JSON per instance when asked; exit 1 naming the failures. */
    private int report(List<Outcome<Path>> results) {
      if (format() == GlobalOptions.Format.json || output().queried()) {
        List<Object> rows = new ArrayList<>();
        for (Outcome<Path> o : results) {
          java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
          row.put("InstanceId", o.instance().instanceId());
          if (o.ok()) {
            row.put("Copied", true);
          } else {
            row.put("Copied", false);
            row.put("Error", Main.printable(o.error().getMessage()));
          }
          rows.add(row);
        }
        output().emit(out(), format(), java.util.Map.of("Results", rows));
      }
      List<String> failed = new ArrayList<>();
      for (Outcome<Path> o : results) {
        if (!o.ok()) {
          failed.add(
              o.instance().instanceId() + " (" + Main.printable(o.error().getMessage()) + ")");
        }
      }
      return many.exit(err(), failed, results.size());
    }
  }

  static final Table<Outcome<Load>> LOADS =
      Table.<Outcome<Load>>ours("Loads")
          .column("InstanceId", o -> o.instance().instanceId())
          .column("Load1", o -> o.ok() ? o.value().oneMinute() : null)
          .column("Load5", o -> o.ok() ? o.value().fiveMinutes() : null)
          .column("Load15", o -> o.ok() ? o.value().fifteenMinutes() : null)
          .column("Error", o -> o.ok() ? null : o.error().getMessage());

  static final Table<Outcome<Memory>> MEMORY =
      Table.<Outcome<Memory>>ours("Memory")
          .column("InstanceId", o -> o.instance().instanceId())
          .column("UsedKiB", o -> o.ok() ? o.value().usedKiB() : null)
          .column("FreeKiB", o -> o.ok() ? o.value().freeKiB() : null)
          .column("TotalKiB", o -> o.ok() ? o.value().totalKiB() : null)
          .column("Error", o -> o.ok() ? null : o.error().getMessage());

  static List<Instance> targets(Ec2 ec2, SshFlags flags, List<String> ids) {
    List<Instance> out = new ArrayList<>();
    for (String id : ids) {
      out.add(flags.target(ec2, id));
    }
    return out;
  }

  /**
   * Runs one helper on each instance named and prints one row per instance; exit 1 if any failed.
   */
  static <T> int each(
      ApiCommand command,
      SshFlags flags,
      List<String> ids,
      Table<Outcome<T>> table,
      java.util.function.BiFunction<Ssh, List<Instance>, List<Outcome<T>>> helper) {
    Ec2 ec2 = command.ec2();
    try (Ssh ssh = flags.ssh(ec2)) {
      List<Outcome<T>> outcomes = helper.apply(ssh, targets(ec2, flags, ids));
      table.print(command.output(), command.out(), command.format(), outcomes);
      return outcomes.stream().allMatch(Outcome::ok) ? 0 : 1;
    }
  }

  @Command(
      name = "query-load",
      mixinStandardHelpOptions = true,
      description = "The load averages of instances (uptime).")
  static final class QueryLoad extends ApiCommand {
    @Parameters(paramLabel = "INSTANCE-ID", arity = "1..*")
    List<String> ids;

    @Mixin SshFlags flags;

    @Override
    public Integer call() {
      return each(this, flags, ids, LOADS, Ssh::queryLoad);
    }
  }

  @Command(
      name = "query-memory",
      mixinStandardHelpOptions = true,
      description = "Used and free memory of instances (free).")
  static final class QueryMemory extends ApiCommand {
    @Parameters(paramLabel = "INSTANCE-ID", arity = "1..*")
    List<String> ids;

    @Mixin SshFlags flags;

    @Override
    public Integer call() {
      return each(this, flags, ids, MEMORY, Ssh::queryMemory);
    }
  }

  @Command(
      name = "top",
      mixinStandardHelpOptions = true,
      description =
          "Load and memory of running instances, refreshed on a terminal (one table otherwise).")
  static final class Top extends ApiCommand {
    @Parameters(
        paramLabel = "INSTANCE-ID",
        arity = "0..*",
        description = "Default: every running instance.")
    List<String> ids = List.of();

    @Option(
        names = "--interval",
        paramLabel = "SECONDS",
        description = "Refresh period on a terminal (default: 2).")
    int interval = 2;

    @Mixin SshFlags flags;

    record Row(Outcome<Load> load, Outcome<Memory> memory) {}

    static final Table<Row> TABLE =
        Table.<Row>ours("Instances")
            .column("InstanceId", r -> r.load().instance().instanceId())
            .column("PublicIp", r -> r.load().instance().publicIpAddress())
            .column("Load1", r -> r.load().ok() ? r.load().value().oneMinute() : null)
            .column("Load5", r -> r.load().ok() ? r.load().value().fiveMinutes() : null)
            .column("Load15", r -> r.load().ok() ? r.load().value().fifteenMinutes() : null)
            .column("UsedKiB", r -> r.memory().ok() ? r.memory().value().usedKiB() : null)
            .column("FreeKiB", r -> r.memory().ok() ? r.memory().value().freeKiB() : null)
            .column(
                "Error",
                r ->
                    !r.load().ok()
                        ? r.load().error().getMessage()
                        : !r.memory().ok() ? r.memory().error().getMessage() : null);

    /** The helper's value on the instance, or the error it met. */
    private static <T> Outcome<T> attempt(Instance i, java.util.function.Function<Instance, T> f) {
      try {
        return new Outcome<>(i, f.apply(i), null);
      } catch (RuntimeException e) {
        return new Outcome<>(i, null, e);
      }
    }

    @Override
    public Integer call() throws InterruptedException {
      Ec2 ec2 = ec2();
      List<String> which = ids;
      if (which.isEmpty()) {
        which =
            ec2
                .instances()
                .describe(dev.ec2kit.InstanceQuery.builder().states(InstanceState.RUNNING).build())
                .stream()
                .map(Instance::instanceId)
                .toList();
      }
      List<Instance> targets = targets(ec2, flags, which);
      boolean terminal = System.console() != null && format() == GlobalOptions.Format.table;
      try (Ssh ssh = flags.ssh(ec2)) {
        do {
          // load and memory in one call per host, so that each host's session serves both
          List<Row> rows = new ArrayList<>();
          for (Outcome<Row> o :
              ssh.onEach(
                  targets,
                  i -> new Row(attempt(i, ssh::queryLoad), attempt(i, ssh::queryMemory)))) {
            rows.add(
                o.ok()
                    ? o.value()
                    : new Row(
                        new Outcome<>(o.instance(), null, o.error()),
                        new Outcome<>(o.instance(), null, o.error())));
          }
          if (terminal) {
            out().print("\033[H\033[2J");
            out()
                .println(
                    "ec2 top: "
                        + targets.size()
                        + " instances, every "
                        + interval
                        + " s (Ctrl-C stops)");
          }
          TABLE.print(output(), out(), format(), rows);
          if (terminal) {
            Thread.sleep(interval * 1000L);
          }
        } while (terminal);
      }
      return 0;
    }
  }
}
