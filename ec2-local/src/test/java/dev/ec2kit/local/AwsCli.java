package dev.ec2kit.local;

import dev.ec2kit.internal.process.Spawns;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * An AWS CLI, its own code in its own python, run by a long-lived python process per caller at a
 * time ({@code aws_cli_driver.py}): a command line costs what the CLI does, not a python start and
 * its imports (about 1.5 s of CPU each). Each command line gets a new driver and botocore session,
 * only the environment given, and its own output, as {@code aws} run as a process would. The
 * processes end when this JVM does (their input closes). ec2-cli's tests use it too (its pom copies
 * this file and the script).
 */
public final class AwsCli {
  /** What a command line ended with. */
  public record Run(int exit, String out, String err) {}

  /**
   * The AWS CLI v1 of the python3 first on PATH (pyenv's, whose botocore has the model our shapes
   * were made from).
   */
  public static final AwsCli V1 = new AwsCli("python3", "aws-cli/1.");

  /** Debian's AWS CLI v2: {@code /usr/bin/aws} is this python running its awscli. */
  public static final AwsCli V2 = new AwsCli("/usr/bin/python3", "aws-cli/2.");

  private static final long TIMEOUT_SECONDS = 120;

  private final String python;
  private final String version;
  private final Queue<Driver> idle = new ConcurrentLinkedQueue<>();

  private AwsCli(String python, String version) {
    this.python = python;
    this.version = version;
  }

  /**
   * The AWS settings of a client of the emulator: its test access key with {@code secret}, region
   * us-east-1, no config or credentials file, no pager.
   */
  public static Map<String, String> emulatorSettings(String secret) {
    return Map.of(
        "AWS_ACCESS_KEY_ID",
        "test",
        "AWS_SECRET_ACCESS_KEY",
        secret,
        "AWS_DEFAULT_REGION",
        "us-east-1",
        "AWS_CONFIG_FILE",
        "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE",
        "/dev/null",
        "AWS_PAGER",
        "");
  }

  /** Runs {@code aws ARGV} with exactly {@code env} as its AWS_ settings. */
  public Run run(Map<String, String> env, List<String> argv) {
    Driver d = idle.poll();
    if (d == null) {
      d = start();
    }
    Run r = d.call(env, argv);
    idle.add(d);
    return r;
  }

  private Driver start() {
    try {
      Path script = Files.createTempFile("aws-cli-driver", ".py");
      script.toFile().deleteOnExit();
      try (var in = AwsCli.class.getResourceAsStream("/aws_cli_driver.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path log = Files.createTempFile("aws-cli-driver", ".log");
      log.toFile().deleteOnExit();
      ProcessBuilder pb = new ProcessBuilder(python, script.toString()).redirectError(log.toFile());
      pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      Driver d = new Driver(Spawns.start(pb), log);
      Run v = d.call(Map.of(), List.of("--version"));
      if (v.exit() != 0 || !v.out().startsWith(version)) {
        d.process.destroyForcibly();
        throw new IllegalStateException(
            python + " runs no " + version + "x AWS CLI: " + v.out() + v.err());
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(python + " cannot run the AWS CLI", e);
    }
  }

  private static final class Driver {
    final Process process;
    final Path log;
    final OutputStream to;
    final InputStream from;

    Driver(Process process, Path log) {
      this.process = process;
      this.log = log;
      this.to = process.getOutputStream();
      this.from = new BufferedInputStream(process.getInputStream());
    }

    Run call(Map<String, String> env, List<String> argv) {
      StringBuilder request = new StringBuilder("{\"argv\": [");
      for (int i = 0; i < argv.size(); i++) {
        request.append(i == 0 ? "" : ", ").append(quote(argv.get(i)));
      }
      request.append("], \"env\": {");
      String comma = "";
      for (Map.Entry<String, String> e : env.entrySet()) {
        request.append(comma).append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
        comma = ", ";
      }
      request.append("}}\n");
      // a command that hangs ends its driver, which ends the wait below
      CompletableFuture<Void> watchdog =
          CompletableFuture.runAsync(
              process::destroyForcibly,
              CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      try {
        to.write(request.toString().getBytes(StandardCharsets.UTF_8));
        to.flush();
        String[] header = line().split(" ");
        String out = text(Integer.parseInt(header[1]));
        String err = text(Integer.parseInt(header[2]));
        return new Run(Integer.parseInt(header[0]), out, err);
      } catch (IOException e) {
        process.destroyForcibly();
        throw new UncheckedIOException(
            "the AWS CLI's driver ended (or ran past "
                + TIMEOUT_SECONDS
                + " s) on aws "
                + String.join(" ", argv)
                + ": "
                + logged(),
            e);
      } finally {
        watchdog.cancel(false);
      }
    }

    private String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = from.read(); c != '\n'; c = from.read()) {
        if (c < 0) {
          throw new IOException("end of its output");
        }
        b.write(c);
      }
      return b.toString(StandardCharsets.UTF_8);
    }

    private String text(int bytes) throws IOException {
      byte[] b = from.readNBytes(bytes);
      if (b.length < bytes) {
        throw new IOException("end of its output");
      }
      return new String(b, StandardCharsets.UTF_8);
    }

    private String logged() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "";
      }
    }

    private static String quote(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('"').toString();
    }
  }
}
