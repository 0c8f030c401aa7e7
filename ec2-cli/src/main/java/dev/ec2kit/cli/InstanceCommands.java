package dev.ec2kit.cli;

import dev.ec2kit.ConsoleOutput;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.InstanceState;
import dev.ec2kit.InstanceStatus;
import dev.ec2kit.RunOptions;
import dev.ec2kit.WaitOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 5.0 and the instance parts of 10.0 and 11.0. */
final class InstanceCommands {
  private InstanceCommands() {}

  /** INSTANCE-ID... as positionals or as the AWS CLI's {@code --instance-ids}; at least one. */
  static final class InstanceIds {
    @Parameters(paramLabel = "INSTANCE-ID", arity = "0..*")
    List<String> positional = List.of();

    @Option(
        names = "--instance-ids",
        paramLabel = "INSTANCE-ID",
        arity = "1..*",
        description = "The AWS CLI's spelling of INSTANCE-ID...")
    List<String> option = List.of();

    List<String> list() {
      List<String> all = new java.util.ArrayList<>(positional);
      all.addAll(option);
      if (all.isEmpty()) {
        throw new IllegalArgumentException("give INSTANCE-ID... (or --instance-ids)");
      }
      return all;
    }

    String[] array() {
      return list().toArray(String[]::new);
    }
  }

  /** The manual's wait keywords: --sleep, --timeout, --verbose. */
  static final class WaitFlags {
    @Option(
        names = "--sleep",
        paramLabel = "SECONDS",
        description = "Seconds between polls (default: 2).")
    double sleep = 2;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        description = "Give up after this long: 600, 90s, 10m (default: 10m).")
    String timeout = "10m";

    @Option(names = "--verbose", description = "Print each poll, as the manual's :verbose does.")
    boolean verbose;

    WaitOptions options(PrintWriter err) {
      if (!(sleep > 0)) {
        throw new IllegalArgumentException("--sleep must be more than 0 seconds, got " + sleep);
      }
      WaitOptions o =
          WaitOptions.defaults()
              .interval(Duration.ofMillis(Math.round(sleep * 1000)))
              .timeout(duration("--timeout", timeout));
      Consumer<String> progress = null;
      if (verbose) {
        progress =
            line -> {
              err.println(line);
              err.flush();
            };
      } else if (System.console() != null) {
        progress =
            line -> {
              err.print("\r\033[K" + line.replaceFirst("^; ", ""));
              err.flush();
            };
      }
      return o.progress(progress);
    }

    static void endProgressLine(PrintWriter err, boolean verbose) {
      if (!verbose && System.console() != null) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }

  static Duration duration(String option, String text) {
    try {
      String t = text.strip().toLowerCase(java.util.Locale.ROOT);
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a duration: write 600, 90s, 10m or 1h");
    }
  }

  @Command(
      name = "run-instances",
      mixinStandardHelpOptions = true,
      description = "Run MIN to MAX instances of IMAGE-ID (none if MIN cannot be had).")
  static final class Run extends ApiCommand {
    @Parameters(index = "0", paramLabel = "IMAGE-ID", arity = "0..1")
    String imageId;

    @Parameters(index = "1", paramLabel = "MIN", defaultValue = "1")
    int min;

    @Parameters(index = "2", paramLabel = "MAX", defaultValue = "1")
    int max;

    @Option(
        names = "--image-id",
        paramLabel = "IMAGE-ID",
        description = "The AWS CLI's spelling of IMAGE-ID.")
    String imageIdOption;

    @Option(
        names = "--count",
        paramLabel = "N[:M]",
        description = "The AWS CLI's spelling of MIN and MAX: N, or at least N and at most M.")
    String count;

    /** IMAGE-ID, MIN and MAX, however they were written. */
    private void aliases() {
      if (imageIdOption != null) {
        if (imageId != null) {
          throw new IllegalArgumentException("give IMAGE-ID or --image-id, not both");
        }
        imageId = imageIdOption;
      }
      if (imageId == null) {
        throw new IllegalArgumentException("run-instances needs IMAGE-ID (or --image-id)");
      }
      if (count != null) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(\\d+)(?::(\\d+))?").matcher(count.strip());
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "--count '" + count + "' must be N or N:M, such as 2 or 1:3");
        }
        min = Integer.parseInt(m.group(1));
        max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
        return; // the AWS CLI's --count is sent as given, and EC2 judges it
      }
      if (min < 1) {
        throw new IllegalArgumentException("minCount must be at least 1, got " + min);
      }
      if (max < min) {
        throw new IllegalArgumentException(
            "maxCount must be at least minCount (" + min + "), got " + max);
      }
    }

    @Option(names = "--wait", description = "Return when all are running.")
    boolean waitUntilRunning;

    @picocli.CommandLine.Mixin WaitFlags waitFlags;

    @Option(
        names = "--instance-type",
        description = "Default: " + RunOptions.DEFAULT_INSTANCE_TYPE + ".")
    String instanceType;

    @Option(names = "--kernel-id")
    String kernelId;

    @Option(names = "--ramdisk-id")
    String ramdiskId;

    @Option(names = "--availability-zone")
    String availabilityZone;

    @Option(names = "--key-name", description = "Key pair to launch with.")
    String keyName;

    @Option(names = "--security-groups", paramLabel = "NAME", arity = "1..*")
    List<String> securityGroups = List.of();

    @Option(names = "--security-group-ids", paramLabel = "ID", arity = "1..*")
    List<String> securityGroupIds = List.of();

    @Option(names = "--subnet-id")
    String subnetId;

    @Option(
        names = "--user-data",
        paramLabel = "TEXT",
        description = "User data text (sent base64-encoded).")
    String userData;

    @Option(names = "--user-data-file", paramLabel = "FILE")
    Path userDataFile;

    @Option(
        names = "--tag",
        paramLabel = "KEY=VALUE",
        description = "A tag on each instance, such as Name=web.")
    List<String> tags = List.of();

    @Option(
        names = "--client-token",
        description = "Idempotency token: the same token runs the launch once.")
    String clientToken;

    @Override
    public Integer call() throws IOException {
      aliases();
      RunOptions.Builder b = RunOptions.builder();
      if (instanceType != null) {
        b.instanceType(instanceType);
      }
      if (kernelId != null) {
        b.kernelId(kernelId);
      }
      if (ramdiskId != null) {
        b.ramdiskId(ramdiskId);
      }
      if (availabilityZone != null) {
        b.availabilityZone(availabilityZone);
      }
      if (keyName != null) {
        b.keyName(keyName);
      }
      securityGroups.forEach(b::securityGroup);
      securityGroupIds.forEach(b::securityGroupId);
      if (subnetId != null) {
        b.subnetId(subnetId);
      }
      if (userData != null && userDataFile != null) {
        throw new IllegalArgumentException("give --user-data or --user-data-file, not both");
      }
      if (userDataFile != null) {
        try {
          b.userData(Files.readString(userDataFile));
        } catch (java.nio.file.NoSuchFileException e) {
          throw new IllegalArgumentException(
              "--user-data-file " + userDataFile + " does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new IllegalArgumentException(
              "--user-data-file " + userDataFile + " is not UTF-8 text");
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "--user-data-file " + userDataFile + " cannot be read: " + e.getMessage());
        }
      } else if (userData != null) {
        b.userData(userData);
      }
      for (String t : tags) {
        int eq = t.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--tag '" + t + "' must be KEY=VALUE");
        }
        b.tag(t.substring(0, eq), t.substring(eq + 1));
      }
      if (clientToken != null) {
        b.clientToken(clientToken);
      }
      if (waitUntilRunning) {
        b.waitUntilRunning().waitOptions(waitFlags.options(err()));
      }
      if (waitFlags.verbose) {
        b.verbose(
            line -> {
              err().println(line);
              err().flush();
            });
      }
      List<Instance> instances = ec2().instances().run(imageId, min, max, b.build());
      WaitFlags.endProgressLine(err(), waitFlags.verbose);
      if (waitUntilRunning
          && format() != GlobalOptions.Format.table
          && output().fromModel(out(), format(), this::asLastSeen)) {
        return 0;
      }
      Tables.INSTANCES.print(output(), out(), format(), instances);
      return 0;
    }

    /**
     * RunInstances' answer with each instance as the wait last described it (running), not as it
     * was launched (pending): what {@code --wait} promises.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> asLastSeen(Map<String, Object> launched) {
      Map<Object, Object> latest = new HashMap<>();
      for (Captured.Answer a : output().answers()) {
        if (a.action().equals("DescribeInstances")) {
          Map<String, Object> page =
              ModelJson.answer("DescribeInstances", List.of(Tree.parse(a.body())));
          for (Object r : (List<Object>) page.getOrDefault("Reservations", List.of())) {
            for (Object i : (List<Object>) ((Map<String, Object>) r).get("Instances")) {
              latest.put(((Map<String, Object>) i).get("InstanceId"), i);
            }
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>(launched);
      List<Object> instances = new ArrayList<>();
      for (Object i : (List<Object>) launched.getOrDefault("Instances", List.of())) {
        instances.add(latest.getOrDefault(((Map<String, Object>) i).get("InstanceId"), i));
      }
      out.put("Instances", instances);
      return out;
    }
  }

  @Command(
      name = "describe-instances",
      mixinStandardHelpOptions = true,
      description =
          "List instances: by default those pending, running or shutting down (the manual's default).")
  static final class Describe extends ApiCommand {
    @Parameters(
        paramLabel = "INSTANCE-ID",
        arity = "0..*",
        description = "Only these (whatever their state).")
    List<String> ids = List.of();

    @Option(
        names = "--instance-ids",
        paramLabel = "INSTANCE-ID",
        arity = "1..*",
        description = "The AWS CLI's spelling of INSTANCE-ID...")
    List<String> idsOption = List.of();

    @Option(
        names = "--states",
        paramLabel = "STATE",
        arity = "1..*",
        description = "pending, running, shutting-down, terminated, stopping, stopped.")
    List<String> states = List.of();

    @Option(names = "--all-states", description = "Every state, terminated and stopped included.")
    boolean allStates;

    @Option(
        names = {"--filter", "--filters"},
        paramLabel = "NAME=V1,V2",
        description =
            "An EC2 filter, such as tag:Name=web, Name=tag:Name,Values=web or the AWS CLI's JSON form.")
    List<String> filters = List.of();

    @Override
    public Integer call() {
      InstanceQuery.Builder q =
          InstanceQuery.builder()
              .instanceIds(
                  java.util.stream.Stream.concat(ids.stream(), idsOption.stream()).toList());
      if (allStates) {
        q.allStates();
      } else if (!states.isEmpty()) {
        q.states(states.stream().map(InstanceState::fromName).toList());
      }
      for (Map.Entry<String, List<String>> f : filters(filters).entrySet()) {
        q.filter(f.getKey(), f.getValue().toArray(String[]::new));
      }
      Tables.INSTANCES.print(output(), out(), format(), ec2().instances().describe(q.build()));
      return 0;
    }
  }

  @Command(
      name = "terminate-instances",
      mixinStandardHelpOptions = true,
      description = "Terminate instances.")
  static final class Terminate extends ApiCommand {
    @Mixin InstanceIds instanceIds;

    @Override
    public Integer call() {
      Tables.STATE_CHANGES.print(
          output(), out(), format(), ec2().instances().terminate(instanceIds.array()));
      return 0;
    }
  }

  @Command(
      name = "stop-instances",
      mixinStandardHelpOptions = true,
      description = "Stop EBS-backed instances.")
  static final class Stop extends ApiCommand {
    @Mixin InstanceIds instanceIds;

    @Option(names = "--force", description = "Skip the orderly shutdown of the guest.")
    boolean force;

    @Override
    public Integer call() {
      Tables.STATE_CHANGES.print(
          output(),
          out(),
          format(),
          force
              ? ec2().instances().forceStop(instanceIds.array())
              : ec2().instances().stop(instanceIds.array()));
      return 0;
    }
  }

  @Command(
      name = "start-instances",
      mixinStandardHelpOptions = true,
      description = "Start stopped instances.")
  static final class Start extends ApiCommand {
    @Mixin InstanceIds instanceIds;

    @Override
    public Integer call() {
      Tables.STATE_CHANGES.print(
          output(), out(), format(), ec2().instances().start(instanceIds.array()));
      return 0;
    }
  }

  @Command(
      name = "reboot-instances",
      mixinStandardHelpOptions = true,
      description = "Reboot instances; they stay running.")
  static final class Reboot extends ApiCommand {
    @Mixin InstanceIds instanceIds;

    @Override
    public Integer call() {
      ec2().instances().reboot(instanceIds.array());
      for (String id : instanceIds.list()) {
        IdOutput.print(output(), out(), format(), "InstanceId", id);
      }
      return 0;
    }
  }

  @Command(
      name = "wait-for-instances",
      mixinStandardHelpOptions = true,
      description =
          "Wait until the instances are in STATE (default running); one call per poll for all of them.")
  static final class WaitFor extends ApiCommand {
    @Mixin InstanceIds instanceIds;

    @Option(names = "--state", paramLabel = "STATE", description = "Default: running.")
    String state = "running";

    @picocli.CommandLine.Mixin WaitFlags waitFlags;

    @Override
    public Integer call() {
      InstanceState target = InstanceState.fromName(state);
      List<Instance> done =
          ec2().instances().waitForIds(instanceIds.list(), target, waitFlags.options(err()));
      WaitFlags.endProgressLine(err(), waitFlags.verbose);
      Tables.INSTANCES.print(output(), out(), format(), done);
      return 0;
    }
  }

  @Command(
      name = "query-status",
      mixinStandardHelpOptions = true,
      description = "An instance's state, and its details now.")
  static final class QueryStatus extends ApiCommand {
    @Parameters(paramLabel = "INSTANCE-ID")
    String id;

    static final Table<InstanceStatus> TABLE =
        new Table<InstanceStatus>("Statuses")
            .column("InstanceId", s -> s.instance().instanceId())
            .column("State", s -> s.state().apiName())
            .column("StateCode", s -> s.state().code())
            .column("PublicDnsName", s -> s.instance().publicDnsName())
            .column("PublicIpAddress", s -> s.instance().publicIpAddress());

    @Override
    public Integer call() {
      var ec2 = ec2();
      TABLE.print(
          output(),
          out(),
          format(),
          List.of(
              ec2.instances()
                  .status(
                      ec2.instances().find(id).orElseThrow(() -> SshFlags.notListed(ec2, id)))));
      return 0;
    }
  }

  @Command(
      name = "get-console-output",
      mixinStandardHelpOptions = true,
      description = "An instance's console output, decoded, and when it was last updated.")
  static final class GetConsoleOutput extends ApiCommand {
    @Parameters(paramLabel = "INSTANCE-ID")
    String id;

    @Override
    public Integer call() {
      ConsoleOutput o = ec2().instances().consoleOutput(id);
      PrintWriter out = out();
      if (format() == GlobalOptions.Format.json) {
        out.println(
            "{\n    \"InstanceId\": "
                + Json.quote(o.instanceId())
                + ",\n    \"Timestamp\": "
                + Json.value(o.timestamp() == null ? null : o.timestamp().toString())
                + ",\n    \"Output\": "
                + Json.quote(o.output())
                + "\n}");
      } else {
        if (format() == GlobalOptions.Format.table) {
          out.println("# " + o.instanceId() + " console output, last updated " + o.timestamp());
        }
        out.print(o.output().replace("\r\n", "\n"));
      }
      out.flush();
      return 0;
    }
  }
}
