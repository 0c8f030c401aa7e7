package dev.ec2kit.cli;

import dev.ec2kit.Ec2Exception;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code ec2} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs one command line; returns its exit code (0 ok, 1 EC2 or I/O error, 2 usage). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, reading settings from {@code env}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new Ec2Command(env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          int code;
          if (e instanceof Ec2Exception ec2) {
            w.println(ec2.getMessage());
            code = 1;
          } else if (e instanceof UncheckedIOException io) {
            w.println("ec2: " + io.getCause().getMessage());
            code = 1;
          } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            w.println("ec2: " + e.getMessage());
            code = 2;
          } else {
            throw e;
          }
          w.flush();
          return code;
        });
    return cl.execute(args);
  }
}
