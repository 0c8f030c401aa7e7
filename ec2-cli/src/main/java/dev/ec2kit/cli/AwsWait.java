package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.OperationWaitException;
import dev.ec2kit.WaitException;
import dev.ec2kit.internal.model.Model;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code ec2 wait WAITER [--member VALUE]...}: one of the model's waiters, by the AWS CLI's name
 * ({@code instance-running}), with its operation's arguments; polls with the waiter's own delay and
 * attempts and prints nothing on success. A failure state or the attempts running out is {@code
 * Waiter NAME failed: ...} on stderr and exit 255, as the AWS CLI says it.
 */
final class AwsWait {
  private AwsWait() {}

  static int run(
      String[] argv, AwsCli.Line first, PrintWriter out, PrintWriter err, Map<String, String> env) {
    String cli = first.positionals.isEmpty() ? null : first.positionals.get(0);
    String waiter = null;
    for (String name : Model.ec2().waiters().keySet()) {
      if (AwsParams.kebab(name).equals(cli)) {
        waiter = name;
      }
    }
    if (waiter == null) {
      throw new AwsParams.Refused(
          "aws: error: argument subcommand: Invalid choice, valid choices are: "
              + String.join(" | ", AwsCli.waiterNames()),
          AwsCli.EXIT_USAGE);
    }
    String op = Model.ec2().waiters().get(waiter).operation();
    Map<String, AwsCli.Arg> table = AwsCli.table(op);
    AwsCli.Line line = AwsCli.split(argv, table);
    if (line.positionals.size() == 2 && line.positionals.get(1).equals("help")) {
      return AwsHelp.operation(op, table, out);
    }
    if (line.positionals.size() > 1 || !line.unknown.isEmpty()) {
      java.util.List<String> all =
          new java.util.ArrayList<>(line.positionals.subList(1, line.positionals.size()));
      all.addAll(line.unknown);
      throw new AwsParams.Refused(
          "usage: ec2 [options] <command> <subcommand> [parameters]\nUnknown options: "
              + String.join(", ", all),
          AwsCli.EXIT_VALIDATION);
    }
    Map<String, Object> params = AwsCli.params(op, table, line, dev.ec2kit.Settings.home(env));
    Ec2 ec2 = AwsCli.client(line, env, err);
    try {
      ec2.operations().waiter(waiter).waitFor(params);
      return 0;
    } catch (OperationWaitException e) {
      err.println();
      err.println(
          "Waiter "
              + waiter
              + " failed: "
              + (e.reason() == WaitException.Reason.TIMEOUT
                  ? "Max attempts exceeded"
                  : "Waiter encountered a terminal failure state: "
                      + explanation(e.failureState())));
      err.flush();
      return AwsCli.EXIT_WAITER;
    } catch (dev.ec2kit.Ec2Exception e) { // an error no acceptor expects
      err.println();
      err.println(
          "Waiter "
              + waiter
              + " failed: "
              + Main.printable("An error occurred (" + e.code() + "): " + e.errorMessage()));
      err.flush();
      return AwsCli.EXIT_WAITER;
    }
  }

  /**
   * The library's acceptor ({@code pathAny Reservations[].Instances[].State.Name == "terminated"})
   * in botocore's words ({@code For expression "..." we matched expected path: "terminated" at
   * least once}).
   */
  static String explanation(String acceptor) {
    if (acceptor.startsWith("HTTP status ")) {
      return "Matched expected HTTP status code: " + acceptor.substring("HTTP status ".length());
    }
    if (acceptor.startsWith("error ")) {
      return "Matched expected service error code: " + acceptor.substring("error ".length());
    }
    if (acceptor.equals("any error") || acceptor.equals("no error")) {
      return "Matched expected service error code: "
          + (acceptor.equals("any error") ? "True" : "False");
    }
    int space = acceptor.indexOf(' ');
    int eq = acceptor.lastIndexOf(" == ");
    if (space < 0 || eq < space) {
      return acceptor;
    }
    String matcher = acceptor.substring(0, space);
    String argument = acceptor.substring(space + 1, eq);
    String expected = acceptor.substring(eq + 4);
    if (expected.startsWith("\"") && expected.endsWith("\"") && expected.length() >= 2) {
      expected = expected.substring(1, expected.length() - 1);
    } else if (expected.equals("true") || expected.equals("false")) {
      expected = expected.equals("true") ? "True" : "False";
    }
    String head = "For expression \"" + argument + "\" ";
    return switch (matcher) {
      case "path" -> head + "we matched expected path: \"" + expected + "\"";
      case "pathAll" -> head + "all members matched expected path: \"" + expected + "\"";
      case "pathAny" -> head + "we matched expected path: \"" + expected + "\" at least once";
      default -> acceptor;
    };
  }
}
