package dev.ec2kit.cli;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.WaitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      out.println(Ec2Command.VERSION); // before the parser is built: it would be most of the time
      out.flush();
      return 0;
    }
    if (Arrays.asList(args).contains(Quick.COMMAND)) {
      int code = Quick.run(args, out, err, env);
      if (code != Quick.DECLINED) {
        return code;
      }
    }
    return parse(args, out, err, env);
  }

  /** The line through picocli's parser (every line {@link Quick} does not read wholly). */
  static int parse(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    Output output = new Output(); // this line's own: lines run at once in one JVM share nothing
    String invoked = Ec2Command.invoked(args);
    if (invoked != null && aws(invoked, args)) {
      return AwsCli.run(args, out, err, env);
    }
    if (invoked != null
        && !Output.PAGED.contains(invoked)
        && java.util.Arrays.stream(args)
            .anyMatch(a -> a.startsWith("--max-items") || a.startsWith("--starting-token"))) {
      err.println(
          "ec2: --max-items and --starting-token page the answers of "
              + String.join(", ", new java.util.TreeSet<>(Output.PAGED))
              + ", not "
              + invoked);
      err.flush();
      return 2;
    }
    String[] original = args;
    try {
      args = AwsSpellings.rewrite(args);
    } catch (IllegalArgumentException e) {
      err.println("ec2: " + printable(e.getMessage()));
      err.flush();
      return 2;
    }
    // A line in the AWS CLI's spellings prints what the AWS CLI prints: JSON unless told.
    output.fallback(args == original ? GlobalOptions.Format.table : GlobalOptions.Format.json);
    CommandLine cl = new CommandLine(new Ec2Command(env, output));
    Ec2Command.addSubcommands(cl, args);
    boolean awsLine =
        invoked != null
            && Ec2Command.COMMANDS.containsKey(invoked)
            && AwsCli.awsLine(invoked, original);
    output.awsLine(awsLine); // its --output table is the AWS CLI's
    if (awsLine
        && (args != original
            || !knowsAll(cl, invoked, args)
            || java.util.Arrays.asList(original).contains("--count"))) {
      // Wholly the AWS CLI's line, in spellings the manual's command does not have as its own
      // (or run-instances' --count, which the AWS CLI sends as given for EC2 to judge, where the
      // library refuses a count below 1 before sending): the AWS CLI's parser, answer, paging,
      // errors and exit codes.
      return AwsCli.run(original, out, err, env);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          if (awsLine && e instanceof Ec2Exception ec2) {
            // the AWS CLI's line answered by EC2 with an error: worded and exited as the AWS CLI
            w.println();
            w.println(AwsCli.serviceError(ec2, AwsCli.operation(invoked)));
            w.flush();
            return AwsCli.EXIT_SERVICE;
          }
          if (awsLine && e instanceof AwsTable.Failed table) {
            // its --output table failed as the AWS CLI's does: as AwsCli.run says and exits
            w.println();
            w.println(printable(table.getMessage()));
            w.flush();
            return AwsCli.EXIT_VALIDATION;
          }
          w.println(oneLine(e));
          w.flush();
          return exitCode(e);
        });
    return cl.execute(args);
  }

  /**
   * Whether the line is the AWS CLI's for an operation no manual command has ({@code create-vpc},
   * {@code wait}), or asks for an operation's help ({@code describe-vpcs help}). A manual command's
   * name is its own unless its parse fails on AWS CLI arguments (see the parameter handler).
   */
  private static boolean aws(String invoked, String[] args) {
    if (invoked.equals("wait")) {
      return true;
    }
    boolean help = args.length > 0 && args[args.length - 1].equals("help");
    if (Ec2Command.COMMANDS.containsKey(invoked) && !help) {
      return false;
    }
    return AwsCli.operation(invoked) != null;
  }

  /** Whether the manual's command has every option of the line as its own. */
  private static boolean knowsAll(CommandLine cl, String invoked, String[] args) {
    CommandLine sub = cl.getSubcommands().get(invoked);
    if (sub == null) {
      return true;
    }
    java.util.Set<String> known = sub.getCommandSpec().optionsMap().keySet();
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.startsWith("--")
          && !known.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every failure as one line naming what to fix: EC2's own error as it gave it, anything else
   * after {@code ec2: }. Text that came from a server has its control characters escaped, so a
   * hostile endpoint cannot drive the terminal.
   */
  static String oneLine(Throwable e) {
    if (e instanceof Ec2Exception ec2) {
      return printable(ec2.getMessage());
    }
    if (e instanceof UncheckedIOException io) {
      return "ec2: " + printable(ioMessage(io));
    }
    if (e instanceof IOException io) {
      return "ec2: " + printable(io.getMessage() == null ? io.toString() : io.getMessage());
    }
    if (e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof WaitException
        || e instanceof dev.ec2kit.ssh.SshException) {
      return "ec2: " + printable(asFlags(e.getMessage()));
    }
    return "ec2: unexpected "
        + e.getClass().getName()
        + ": "
        + printable(String.valueOf(e.getMessage()))
        + " (a bug: run again with --debug and report it)";
  }

  /**
   * The library's messages name its own settings (the builder methods); on the command line the
   * same settings are flags.
   */
  static String asFlags(String message) {
    if (message == null) {
      return null;
    }
    return message
        .replace("Ec2.Builder.profile", "--profile")
        .replace("Ec2.Builder.region", "--region")
        .replace("Ec2.Builder.endpoint", "--endpoint-url");
  }

  /** 1 for EC2, I/O, wait and SSH failures; 2 for usage and settings errors; 70 for a bug. */
  static int exitCode(Throwable e) {
    if (e instanceof Ec2Exception
        || e instanceof UncheckedIOException
        || e instanceof IOException
        || e instanceof WaitException
        || e instanceof dev.ec2kit.ssh.SshException) {
      return 1;
    }
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return 2;
    }
    return 70;
  }

  private static String ioMessage(UncheckedIOException io) {
    IOException cause = io.getCause();
    String own = io.getMessage();
    if (own == null || (cause != null && own.equals(cause.toString()))) {
      return cause == null || cause.getMessage() == null
          ? String.valueOf(cause)
          : cause.getMessage();
    }
    return own;
  }

  /** Control characters (C0, DEL, C1) written as escapes; one line, whatever the text held. */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
        out.append(
            switch (c) {
              case '\n' -> "\\n";
              case '\r' -> "\\r";
              case '\t' -> "\\t";
              default -> String.format("\\x%02x", (int) c);
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
