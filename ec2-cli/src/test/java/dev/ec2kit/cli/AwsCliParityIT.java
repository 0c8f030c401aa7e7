package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.cli.ParityScenario.Line;
import dev.ec2kit.local.Ec2Local;
import io.burt.jmespath.jcf.JcfRuntime;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ec2} runs the AWS CLI's command lines unchanged: every line of {@code
 * parity/aws-ec2-lines.txt} (over 150 lines, over 100 of the emulator's actions, errors and {@code
 * --dry-run} among them, JSON and {@code --output text}, {@code --query}, {@code
 * --max-items}/{@code --starting-token}/{@code --page-size}, waiters) runs first through the AWS
 * CLI, then through {@code ./ec2} as a process, on one emulator; both must exit alike and print the
 * same stdout. A line marked {@code ! Code} must fail on the AWS CLI with EC2's error {@code Code}
 * (which holds the emulator to EC2's answer) and {@code ./ec2}'s stderr must name it; a line marked
 * {@code ! 255} (a number) must exit so on the AWS CLI without EC2 saying no (the AWS CLI's own
 * errors), and the last line of {@code ./ec2}'s stderr must be the AWS CLI's; any other line must
 * succeed on the AWS CLI.
 *
 * <p>The peer is the AWS CLI v1 under pyenv's python3, not Debian's v2 at /usr/bin/aws: its
 * botocore is the version whose EC2 model the project compiles ({@code
 * ec2-client/src/model/botocore/VERSION}, checked here), so both tools know the same operations,
 * parameters, shapes, waiters and paginators; v2.9's older model lacks members ours prints. Its
 * exit codes are v1's too (255 for an EC2 error, where v2 exits 254).
 *
 * <p>Each tool makes resources of its own (named or tagged {@code $ME}: pty-aws, pty-ec2) and keeps
 * its own bindings ({@code VPC=create-vpc ...}); world reads (regions, zones, images, instance
 * types, the default VPC) see the same world. Stdout is compared exactly after {@link ParityAlike}
 * has replaced what must differ: times, each tool's name, and each tool's own new ids, addresses,
 * MACs, key fingerprints, private keys and UUIDs (aliased in the order the tool printed them).
 *
 * <p>Speed: the AWS CLI runs in one Python process ({@code parity/awscli_driver.py}), a new driver
 * per line over one loaded model (about 0.1 s a line, where an {@code aws} process costs over a
 * second); {@code ./ec2} runs as the process users run. Every difference is listed in {@code
 * target/aws-cli-parity.md} and in the failure; none is skipped.
 */
@Order(1)
class AwsCliParityIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String REGION = "eu-west-1";
  static final Path REPORT = Path.of("target", "aws-cli-parity.md");
  private static final JcfRuntime JSON = new JcfRuntime();

  /** The AWS CLI's waiters poll every 15 s; with instant transitions its lines need one poll. */
  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);

  /**
   * ./ec2 past this is a difference (a waiter polling for what its earlier lines failed to make).
   */
  private static final Duration EC2_TIMEOUT = Duration.ofSeconds(30);

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void ready() throws Exception {
    Ec2Script.ready();
  }

  @Test
  void the_aws_clis_command_lines_print_the_same_with_ec2(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("key.pub"),
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl parity\n");
    List<Line> lines =
        ParityScenario.parse(
            new String(
                AwsCliParityIT.class
                    .getResourceAsStream("/parity/aws-ec2-lines.txt")
                    .readAllBytes(),
                StandardCharsets.UTF_8));
    Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).ssh(false).build().start();
    Map<String, String> env = environment(local);
    List<String> problems = new ArrayList<>(); // the AWS CLI's side: the emulator or the line
    List<String> diffs = new ArrayList<>(); // ./ec2's side
    Set<String> actions = new TreeSet<>();
    long[] nanos = new long[2]; // the AWS CLI's, ./ec2's
    try (local;
        AwsCli aws = AwsCli.start(env)) {
      Run version = aws.run(List.of("--version"));
      String pinned =
          Files.readString(ROOT.resolve("ec2-client/src/model/botocore/VERSION")).strip();
      assertThat(version.out() + version.err())
          .startsWith("aws-cli/1.")
          .containsPattern("botocore/" + java.util.regex.Pattern.quote(pinned) + "\\s");
      Map<String, String> theirBindings = bindings("pty-aws", dir);
      Map<String, String> ourBindings = bindings("pty-ec2", dir);
      ParityAlike theirsAlike = new ParityAlike("pty-aws");
      ParityAlike oursAlike = new ParityAlike("pty-ec2");
      for (Line line : lines) {
        if (line.action() != null) {
          actions.add(line.action());
        }
        List<String> theirWords = args(line, theirBindings);
        if (theirWords == null) {
          problems.add(problem(line, "not run: a binding is missing", null));
          continue;
        }
        long start = System.nanoTime();
        Run theirs = aws.run(theirWords);
        nanos[0] += System.nanoTime() - start;
        String unmet = unmet(line, theirs);
        if (unmet != null) {
          problems.add(problem(line, "the AWS CLI " + unmet, theirs));
        }
        bind(line, theirs, theirBindings);
        List<String> words = args(line, ourBindings);
        if (words == null) {
          diffs.add(problem(line, "./ec2 not run: a binding is missing", null));
          continue;
        }
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("ec2").toString()));
        command.addAll(words.subList(1, words.size()));
        start = System.nanoTime();
        Run ours = ec2(command, env, dir);
        nanos[1] += System.nanoTime() - start;
        bind(line, ours, ourBindings);
        String a = theirsAlike.alike(theirs.out(), ParityAlike.tokens(ours.out()));
        String b = oursAlike.alike(ours.out(), ParityAlike.tokens(theirs.out()));
        String diff = compare(line, theirs, a, ours, b);
        if (diff != null) {
          diffs.add(diff);
        }
      }
      assertThat(local.internalErrors()).as("500 InternalError answers").isZero();
    } finally {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, report(lines.size(), actions, nanos, problems, diffs));
    }
    assertThat(lines).hasSizeGreaterThanOrEqualTo(150);
    assertThat(actions).hasSizeGreaterThanOrEqualTo(100);
    assertThat(Ec2Local.supportedActions()).containsAll(actions);
    assertThat(problems).as("lines the AWS CLI did not run as expected").isEmpty();
    assertThat(diffs)
        .as("lines where ./ec2 differs from the AWS CLI (see " + REPORT + ")")
        .isEmpty();
  }

  private static Map<String, String> environment(Ec2Local local) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_REGION", REGION);
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("AWS_ENDPOINT_URL", local.endpoint().toString());
    env.put("AWS_DEFAULT_OUTPUT", "json");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    return env;
  }

  private static Map<String, String> bindings(String me, Path dir) {
    return new HashMap<>(Map.of("ME", me, "DIR", dir.toString(), "REGION", REGION));
  }

  /** {@code ec2} and the line's words; null when it names a binding the tool has not made. */
  private static List<String> args(Line line, Map<String, String> bindings) {
    try {
      List<String> words = new ArrayList<>(List.of("ec2"));
      words.addAll(ParityScenario.words(line.command(), bindings));
      return words;
    } catch (IllegalArgumentException unbound) {
      return null;
    }
  }

  /** What the AWS CLI's run of the line did not do as the line says, or null. */
  private static String unmet(Line line, Run run) {
    if (line.error() == null) {
      return run.exit() == 0 ? null : "failed (exit " + run.exit() + ")";
    }
    if (run.exit() == 0) {
      return "succeeded where " + line.error() + " was expected";
    }
    if (exitCode(line)) {
      return String.valueOf(run.exit()).equals(line.error())
          ? null
          : "exited " + run.exit() + " where " + line.error() + " was expected";
    }
    return run.err().contains("(" + line.error() + ")")
        ? null
        : "failed otherwise than with " + line.error();
  }

  /** Binds the line's name to the run's stdout: stripped, a JSON string unquoted. */
  private static void bind(Line line, Run run, Map<String, String> bindings) {
    String value = run.out().strip();
    if (line.bind() == null || run.exit() != 0 || value.isEmpty()) {
      return;
    }
    bindings.put(line.bind(), value.startsWith("\"") ? (String) JSON.parseString(value) : value);
  }

  private static String compare(Line line, Run theirs, String a, Run ours, String b) {
    List<String> what = new ArrayList<>();
    if (ours.exit() != theirs.exit()) {
      what.add("exit " + ours.exit() + ", the AWS CLI's " + theirs.exit());
    }
    if (!a.equals(b)) {
      what.add("stdout differs" + (sameJson(a, b) ? " (same JSON, other order or layout)" : ""));
    }
    if (exitCode(line)) {
      if (!lastLine(ours.err()).equals(lastLine(theirs.err()))) {
        what.add("stderr's last line is not the AWS CLI's: " + lastLine(theirs.err()));
      }
    } else if (line.error() != null && !ours.err().contains(line.error())) {
      what.add("stderr does not name " + line.error());
    }
    if (what.isEmpty()) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    s.append("### line ").append(line.number()).append(": `").append(line).append("`\n");
    s.append(String.join("; ", what)).append("\n\n");
    if (!a.equals(b)) {
      s.append("the AWS CLI (made alike):\n```\n").append(cut(a)).append("\n```\n");
      s.append("./ec2 (made alike):\n```\n").append(cut(b)).append("\n```\n");
    }
    if (ours.exit() != 0 && !ours.err().isBlank()) {
      s.append("./ec2's stderr:\n```\n").append(cut(ours.err())).append("\n```\n");
    }
    return s.toString();
  }

  /** Whether the line's {@code !} names an exit code (the AWS CLI's own error), not EC2's code. */
  private static boolean exitCode(Line line) {
    return line.error() != null && line.error().chars().allMatch(Character::isDigit);
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static boolean sameJson(String a, String b) {
    try {
      return !a.isBlank() && JSON.parseString(a).equals(JSON.parseString(b));
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  private static String cut(String s) {
    String[] lines = s.strip().split("\n", -1);
    if (lines.length <= 60) {
      return s.strip();
    }
    return String.join("\n", List.of(lines).subList(0, 60))
        + "\n... ("
        + (lines.length - 60)
        + " more lines)";
  }

  private static String problem(Line line, String what, Run run) {
    String s = "### line " + line.number() + ": `" + line + "`\n" + what + "\n";
    if (run != null) {
      s += "```\n" + cut(run.out() + run.err()) + "\n```\n";
    }
    return s;
  }

  private static String report(
      int lines, Set<String> actions, long[] nanos, List<String> problems, List<String> diffs) {
    return "# AwsCliParityIT\n\n"
        + lines
        + " command lines, "
        + actions.size()
        + " actions (the AWS CLI "
        + TimeUnit.NANOSECONDS.toSeconds(nanos[0])
        + " s, ./ec2 "
        + TimeUnit.NANOSECONDS.toSeconds(nanos[1])
        + " s); "
        + problems.size()
        + " lines the AWS CLI did not run as the line says, "
        + diffs.size()
        + " lines where ./ec2 differs.\n\n## The AWS CLI's side\n\n"
        + String.join("\n", problems)
        + "\n## ./ec2's side\n\n"
        + String.join("\n", diffs);
  }

  /** Runs ./ec2 as a process, its output in files (no pipe to fill); exit -1 past EC2_TIMEOUT. */
  private static Run ec2(List<String> command, Map<String, String> env, Path dir) throws Exception {
    Path out = dir.resolve("ec2.out");
    Path err = dir.resolve("ec2.err");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(EC2_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new Run(
          -1, Files.readString(out), "(stopped after " + EC2_TIMEOUT.toSeconds() + " s)");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The AWS CLI v1 in one Python process: {@code parity/awscli_driver.py}. */
  private static final class AwsCli implements AutoCloseable {
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private AwsCli(Process process) {
      this.process = process;
      this.in =
          new BufferedWriter(
              new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static AwsCli start(Map<String, String> env) throws Exception {
      Path driver = Files.createTempFile("awscli_driver", ".py");
      try (var script = AwsCliParityIT.class.getResourceAsStream("/parity/awscli_driver.py")) {
        Files.write(driver, script.readAllBytes());
      }
      driver.toFile().deleteOnExit();
      // python3 first on PATH: pyenv's, whose `aws` is the AWS CLI v1 (its version is checked)
      ProcessBuilder pb =
          new ProcessBuilder("python3", driver.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
      pb.environment().putAll(env);
      return new AwsCli(pb.start());
    }

    Run run(List<String> argv) throws Exception {
      StringBuilder json = new StringBuilder("[");
      for (String arg : argv) {
        json.append(json.length() > 1 ? "," : "").append(quote(arg));
      }
      in.write(json.append("]\n").toString());
      in.flush();
      Future<String> answer = reader.submit(out::readLine);
      String line = answer.get(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(line).as("the AWS CLI driver's answer to %s", argv).isNotNull();
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) JSON.parseString(line);
      return new Run(
          ((Number) m.get("rc")).intValue(), (String) m.get("out"), (String) m.get("err"));
    }

    private static String quote(String s) {
      StringBuilder q = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          q.append('\\').append(c);
        } else if (c < 0x20) {
          q.append(String.format("\\u%04x", (int) c));
        } else {
          q.append(c);
        }
      }
      return q.append('"').toString();
    }

    @Override
    public void close() throws Exception {
      in.close();
      reader.shutdownNow();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
