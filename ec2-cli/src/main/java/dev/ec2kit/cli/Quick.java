package dev.ec2kit.cli;

import dev.ec2kit.Ec2Exception;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commonest line, {@code ec2 [OPTION...] describe-regions [NAME...] [--all-regions]
 * [OPTION...]}, read without picocli: building picocli's parser (reflection over the commands'
 * annotations, its converters) is about a third of a short command's time. Only a line this reads
 * wholly is run here, by the same code and with the same errors and exit codes as the full parser
 * would run it; anything else (help, {@code --version}, an unknown or repeated option, a value that
 * looks like an option, an {@code @file}, an empty argument, the AWS CLI's spellings) is left to
 * the full parser, which answers it in its own words.
 */
final class Quick {
  private Quick() {}

  static final String COMMAND = "describe-regions";

  /** The global options that take a value (the rest of {@link GlobalOptions}' go to picocli). */
  private static final Set<String> VALUED =
      Set.of("--region", "--profile", "--endpoint-url", "--output", "--query");

  /** Not a line this reads: the full parser takes it. */
  static final int DECLINED = -1;

  /** Runs the line and returns its exit code, or {@link #DECLINED} without doing anything. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    GlobalOptions g = new GlobalOptions();
    List<String> names = new ArrayList<>();
    Set<String> given = new HashSet<>();
    boolean all = false;
    boolean seen = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.charAt(0) == '@') {
        return DECLINED; // picocli reads @FILE as more arguments
      }
      if (a.charAt(0) != '-') {
        if (seen) {
          names.add(a);
        } else if (a.equals(COMMAND)) {
          seen = true;
        } else {
          return DECLINED;
        }
        continue;
      }
      if (!given.add(a.contains("=") ? a.substring(0, a.indexOf('=')) : a)) {
        return DECLINED; // repeated: picocli's error
      }
      if (a.equals("--debug")) {
        g.debug = true;
        continue;
      }
      if (a.equals("--all-regions") && seen) {
        all = true;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (!VALUED.contains(name) || (eq < 0 && i + 1 == args.length)) {
        return DECLINED;
      }
      String value = eq < 0 ? args[++i] : a.substring(eq + 1);
      if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') {
        return DECLINED;
      }
      switch (name) {
        case "--region" -> g.region = value;
        case "--profile" -> g.profile = value;
        case "--endpoint-url" -> g.endpointUrl = value;
        case "--query" -> g.query = value;
        default -> {
          g.output = format(value);
          if (g.output == null) {
            return DECLINED;
          }
        }
      }
    }
    if (!seen || names.contains("help")) {
      return DECLINED; // "describe-regions help": the AWS CLI's help for the operation
    }
    try {
      return DescribeRegionsCommand.describe(g, new Output(), env, out, err, names, all);
    } catch (Exception e) {
      // as Main's handler for picocli's run of the same line
      if (e instanceof Ec2Exception ec2 && AwsCli.awsLine(COMMAND, args)) {
        err.println();
        err.println(AwsCli.serviceError(ec2, AwsCli.operation(COMMAND)));
        err.flush();
        return AwsCli.EXIT_SERVICE;
      }
      err.println(Main.oneLine(e));
      err.flush();
      return Main.exitCode(e);
    }
  }

  /** {@code --output}'s value as picocli reads it (case-insensitive), or null. */
  private static GlobalOptions.Format format(String value) {
    for (GlobalOptions.Format f : GlobalOptions.Format.values()) {
      if (f.name().equalsIgnoreCase(value)) {
        return f;
      }
    }
    return null;
  }
}
