package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.internal.process.Spawns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A profile's credential_process: the command run (split as botocore splits it), within a time and
 * an output limit, and its JSON (Version 1) read.
 */
final class ProcessSource {
  private ProcessSource() {}

  /**
   * The most a credential_process may print: the AWS SDK for Java v2's ProcessCredentialsProvider
   * default (its processOutputLimit); a few kilobytes are the norm.
   */
  static final int PROCESS_OUTPUT_LIMIT = 64_000;

  /** How long a credential_process may run in all, printing included. */
  static final Duration PROCESS_TIME_LIMIT = Duration.ofSeconds(60);

  /** Runs a profile's credential_process and reads its JSON (Version 1); stderr goes to ours. */
  static Credentials process(String profile, String command) {
    return process(profile, command, PROCESS_TIME_LIMIT, PROCESS_OUTPUT_LIMIT);
  }

  /**
   * As {@link #process(String, String)}, within these limits: past either, the process and its
   * descendants are killed. The output is never put in a message: it holds the secret key.
   */
  static Credentials process(String profile, String command, Duration timeLimit, int outputLimit) {
    List<String> argv = split(command);
    String what = "credential_process of profile '" + profile + "'";
    if (argv.isEmpty()) {
      throw new IllegalStateException(what + " is empty");
    }
    Process p;
    try {
      p = Spawns.start(new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT));
    } catch (IOException e) {
      throw new IllegalStateException(
          what + " cannot start " + argv.get(0) + ": " + e.getMessage());
    }
    String out = new String(output(p, what, timeLimit, outputLimit), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          what + " exited " + p.exitValue() + " (its own message is above on stderr)");
    }
    Map<String, Object> doc;
    try {
      doc = Json.object(out);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(what + " printed no JSON object: " + e.getMessage());
    }
    Object version = doc.get("Version");
    if (!(version instanceof Long v) || v != 1) {
      throw new IllegalStateException(
          what
              + " printed "
              + (version instanceof Long v ? "Version " + v : "no numeric Version")
              + "; only Version 1 is defined");
    }
    return Sources.credentials(
        doc,
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "Expiration",
        "credential_process (profile " + profile + ")");
  }

  /**
   * The process's standard output, read on a side thread so that the time limit holds while it
   * prints (or does not), and read no further than the size limit; the process has ended when this
   * returns.
   */
  private static byte[] output(Process p, String what, Duration timeLimit, int outputLimit) {
    long deadline = System.nanoTime() + timeLimit.toNanos();
    String stopped = " (it was stopped)";
    CompletableFuture<byte[]> printed = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (java.io.InputStream in = p.getInputStream()) {
                printed.complete(in.readNBytes(outputLimit + 1));
              } catch (IOException | RuntimeException e) {
                printed.completeExceptionally(e);
              }
            },
            "ec2kit-credential-process");
    reader.setDaemon(true);
    reader.start();
    try {
      p.getOutputStream().close();
      byte[] out = printed.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (out.length > outputLimit) {
        kill(p);
        throw new IllegalStateException(
            what + " printed more than " + outputLimit + " bytes" + stopped);
      }
      if (!p.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException();
      }
      return out;
    } catch (TimeoutException e) {
      kill(p);
      throw new IllegalStateException(
          what + " did not finish within " + readable(timeLimit) + stopped);
    } catch (ExecutionException e) {
      kill(p);
      throw new IllegalStateException(
          what + "'s output cannot be read: " + e.getCause().getMessage() + stopped);
    } catch (IOException e) {
      kill(p);
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
      throw new IllegalStateException("interrupted running " + what + stopped);
    }
  }

  private static String readable(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Kills the process and what it started (listed first: once it is gone, they are orphans). */
  private static void kill(Process p) {
    List<ProcessHandle> family = p.descendants().toList();
    p.destroyForcibly();
    family.forEach(ProcessHandle::destroyForcibly);
  }

  /** Splits a command line as botocore does (shlex): spaces, with single and double quotes. */
  static List<String> split(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean in = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
          cur.append(command.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        in = true;
      } else if (Character.isWhitespace(c)) {
        if (in) {
          out.add(cur.toString());
          cur.setLength(0);
          in = false;
        }
      } else if (c == '\\' && i + 1 < command.length()) {
        cur.append(command.charAt(++i));
        in = true;
      } else {
        cur.append(c);
        in = true;
      }
    }
    if (quote != 0) {
      throw new IllegalStateException("credential_process has an unclosed quote: " + command);
    }
    if (in) {
      out.add(cur.toString());
    }
    return out;
  }
}
