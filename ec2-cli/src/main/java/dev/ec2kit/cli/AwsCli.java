package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.internal.model.Model;
import dev.ec2kit.internal.model.Model.Member;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ec2 OPERATION [--member VALUE]...}: every operation of botocore's EC2 model as {@code aws
 * ec2 OPERATION} takes it, and {@code ec2 wait WAITER}. Parsed from the model itself (no picocli:
 * nothing to reflect over), called through the library's generic path ({@link
 * dev.ec2kit.Operations}), printed as the AWS CLI prints ({@link AwsOutput}). Its exit codes are
 * those of the AWS CLI v1 that the parity tests compare with (the AWS CLI v2 answers 254 for a
 * service error and 252 for a parameter it refuses).
 */
final class AwsCli {
  /** A service error, or a connection that failed: the AWS CLI v1's 255. */
  static final int EXIT_SERVICE = 255;

  /** A parameter botocore's validator or the argument unpacking refused: 255. */
  static final int EXIT_VALIDATION = 255;

  /** An argument argparse refused (a required one missing, an unknown command): 2. */
  static final int EXIT_USAGE = 2;

  /** A waiter that reached a failure state or ran out of attempts: 255. */
  static final int EXIT_WAITER = 255;

  /** Global options that take a value. */
  private static final Set<String> VALUED =
      Set.of(
          "--endpoint-url",
          "--output",
          "--query",
          "--profile",
          "--region",
          "--color",
          "--ca-bundle",
          "--cli-read-timeout",
          "--cli-connect-timeout",
          "--cli-binary-format",
          "--max-items",
          "--starting-token",
          "--page-size",
          "--cli-input-json");

  /** Global flags. */
  private static final Set<String> FLAGS =
      Set.of(
          "--debug",
          "--no-paginate",
          "--no-verify-ssl",
          "--no-sign-request",
          "--no-cli-pager",
          "--no-cli-auto-prompt",
          "--cli-auto-prompt");

  private AwsCli() {}

  /** Every operation by its AWS CLI name ({@code describe-vpcs}), read from the model. */
  private static final class Names {
    static final Map<String, String> OPERATIONS = operations();
    static final Map<String, String> WAITERS = waiters();

    private static Map<String, String> operations() {
      Map<String, String> m = new LinkedHashMap<>();
      Model.ec2().operations().keySet().forEach(n -> m.put(AwsParams.kebab(n), n));
      return m;
    }

    private static Map<String, String> waiters() {
      Map<String, String> m = new LinkedHashMap<>();
      Model.ec2().waiters().keySet().forEach(n -> m.put(AwsParams.kebab(n), n));
      return m;
    }
  }

  /** The model's operation for an AWS CLI name, or null. */
  static String operation(String cliName) {
    return cliName == null ? null : Names.OPERATIONS.get(cliName);
  }

  /** Every operation's AWS CLI name. */
  static Set<String> operationNames() {
    return Names.OPERATIONS.keySet();
  }

  /** Every waiter's AWS CLI name ({@code instance-running}). */
  static Set<String> waiterNames() {
    return Names.WAITERS.keySet();
  }

  /** The AWS CLI's arguments of the manual's commands' operations (aws-arguments.tsv). */
  private static final class Shared {
    static final Map<String, Set<String>> ARGUMENTS = read();

    private static Map<String, Set<String>> read() {
      Map<String, Set<String>> m = new java.util.HashMap<>();
      try (java.io.InputStream in = AwsCli.class.getResourceAsStream("aws-arguments.tsv")) {
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          int tab = line.indexOf('\t');
          if (!line.startsWith("#") && tab > 0) {
            m.put(line.substring(0, tab), Set.of(line.substring(tab + 1).split(" ")));
          }
        }
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("cannot read aws-arguments.tsv", e);
      }
      return m;
    }
  }

  /** The AWS CLI's arguments of a manual command's operation, from the small table: no model. */
  static Set<String> sharedArguments(String command) {
    return Shared.ARGUMENTS.getOrDefault(command, Set.of());
  }

  /**
   * Whether a line for a manual command's name is wholly the AWS CLI's: no positional argument
   * before the options, every option the operation's or a global one, and at least one of the
   * operation's ({@code --cli-input-json} and {@code --generate-cli-skeleton} among them). Decided
   * from a small table of names, without reading the model.
   */
  static boolean awsLine(String command, String[] args) {
    Set<String> arguments = null; // read at the first option: a bare command reads nothing
    boolean seen = false;
    boolean after = false;
    boolean own = false;
    for (String a : args) {
      if (!a.startsWith("--")) {
        if (!seen && a.equals(command)) {
          seen = true;
        } else if (seen && !after) {
          return false; // a positional argument: the manual's
        }
        continue;
      }
      after = seen;
      String n = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (arguments == null) {
        arguments = sharedArguments(command);
      }
      if (arguments.contains(n)
          || n.equals("--cli-input-json")
          || n.equals("--generate-cli-skeleton")) {
        own = true; // the operation's input given whole, or its skeleton, is the AWS CLI's too
      } else if (!VALUED.contains(n) && !FLAGS.contains(n)) {
        return false;
      }
    }
    return own;
  }

  /** One argument of an operation: the member it sets, and whether it is the negative flag. */
  record Arg(Member member, boolean negative) {}

  /** The operation's arguments by CLI name, with the AWS CLI's EC2 customizations. */
  static Map<String, Arg> table(String op) {
    Map<String, Arg> out = new LinkedHashMap<>();
    AwsParams.arguments(Model.ec2().operation(op))
        .forEach(
            (name, m) -> {
              out.put(name, new Arg(m, false));
              if (m.shape().type() == Model.Type.BOOLEAN) {
                out.put(AwsParams.flagName(op, "--no-" + name.substring(2)), new Arg(m, true));
              } else if (topBool(m)) {
                out.put("--no-" + name.substring(2), new Arg(m, true)); // after argrename
              }
            });
    AwsCustom.adjust(op, out);
    return out;
  }

  /**
   * Whether the AWS CLI offers a member as a top-level boolean
   * (awscli/customizations/toplevelbool.py): a structure whose one member is {@code Value} boolean,
   * given as {@code --flag} (with an optional value) or {@code --no-flag}.
   */
  static boolean topBool(Member m) {
    Model.Shape s = m.shape();
    return s.type() == Model.Type.STRUCTURE
        && s.members().size() == 1
        && s.members().containsKey("Value")
        && s.members().get("Value").shape().type() == Model.Type.BOOLEAN;
  }

  /** The parsed command line: globals, the command and its arguments in order. */
  static final class Line {
    final Map<String, String> globals = new LinkedHashMap<>();
    final Set<String> flags = new java.util.HashSet<>();
    String command;
    final List<String> positionals = new ArrayList<>();
    final Map<String, List<String>> args = new LinkedHashMap<>();
    final List<String> unknown = new ArrayList<>();
  }

  /**
   * Splits the line: global options wherever they are, the command, then its {@code --name
   * VALUE...} (a list takes every value up to the next option).
   */
  static Line split(String[] argv, Map<String, Arg> table) {
    Line line = new Line();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (!a.startsWith("--")) {
        if (line.command == null) {
          line.command = a;
        } else {
          line.positionals.add(a);
        }
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      String inline = eq > 0 ? a.substring(eq + 1) : null;
      if (name.equals("--generate-cli-skeleton")) {
        if (inline == null
            && i + 1 < argv.length
            && (argv[i + 1].equals("input") || argv[i + 1].equals("output"))) {
          i++;
        }
      } else if (FLAGS.contains(name)) {
        line.flags.add(name);
      } else if (VALUED.contains(name)) {
        String v = inline != null ? inline : i + 1 < argv.length ? argv[++i] : null;
        if (v == null) {
          throw new AwsParams.Refused(
              "aws: error: argument " + name + ": expected one argument", EXIT_USAGE);
        }
        line.globals.put(name, v);
      } else if (table != null && table.containsKey(name)) {
        Arg arg = table.get(name);
        List<String> values = line.args.computeIfAbsent(name, k -> new ArrayList<>());
        if (arg.member() != null && topBool(arg.member())) {
          if (!arg.negative()) { // argparse's nargs='?': the next word when it is no option
            if (inline != null) {
              values.add(inline);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
              values.add(argv[++i]);
            }
          }
        } else if (arg.member() == null && AwsCustom.arity(name) != 1) {
          values.clear();
          while (AwsCustom.arity(name) < 0
              && i + 1 < argv.length
              && !argv[i + 1].startsWith("--")) {
            values.add(argv[++i]);
          }
        } else if (arg.member() == null || arg.member().shape().type() != Model.Type.BOOLEAN) {
          boolean many = arg.member() != null && arg.member().shape().type() == Model.Type.LIST;
          values.clear();
          if (inline != null) {
            values.add(inline);
          } else {
            while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
              values.add(argv[++i]);
              if (!many) {
                break;
              }
            }
          }
          if (values.isEmpty()) {
            throw new AwsParams.Refused(
                "aws: error: argument "
                    + name
                    + ": expected "
                    + (many ? "at least one argument" : "one argument"),
                EXIT_USAGE);
          }
        }
      } else {
        line.unknown.add(a);
      }
    }
    return line;
  }

  /**
   * Runs an AWS CLI command line whose command is an operation or {@code wait}.
   *
   * @return the exit code, as the AWS CLI's
   */
  static int run(String[] argv, PrintWriter out, PrintWriter err, Map<String, String> env) {
    try {
      Line first = split(argv, null);
      String cli = first.command;
      if ("wait".equals(cli)) {
        return AwsWait.run(argv, first, out, err, env);
      }
      String op = operation(cli);
      if (op == null) {
        throw new AwsParams.Refused(
            "aws: error: argument operation: Invalid choice, valid choices are: "
                + String.join(" | ", operationNames()),
            EXIT_USAGE);
      }
      Map<String, Arg> table = table(op);
      Line line = split(argv, table);
      if (line.positionals.equals(List.of("help"))) {
        return AwsHelp.operation(op, table, out);
      }
      if (!line.unknown.isEmpty() || !line.positionals.isEmpty()) {
        List<String> all = new ArrayList<>(line.positionals);
        all.addAll(line.unknown);
        throw new AwsParams.Refused(
            "usage: ec2 [options] <command> <subcommand> [parameters]\nUnknown options: "
                + String.join(", ", all),
            EXIT_VALIDATION);
      }
      String skeleton = skeletonOf(argv);
      if (skeleton != null) {
        out.println(AwsSkeleton.of(op, skeleton));
        out.flush();
        return 0;
      }
      java.nio.file.Path home = dev.ec2kit.Settings.home(env);
      Map<String, Object> params = params(op, table, line, home);
      AwsOutput output = new AwsOutput(line, env, out);
      if (line.args.containsKey(AwsLaunchKey.ARGUMENT)) {
        java.nio.file.Path key =
            AwsLaunchKey.path(line.args.get(AwsLaunchKey.ARGUMENT).get(0), env, home);
        output.afterCall(answer -> AwsLaunchKey.decrypt(answer, key));
      }
      Ec2 ec2 = client(line, env, err);
      output.print(ec2.operations(), op, params);
      return 0;
    } catch (AwsParams.Refused e) {
      err.println(e.getMessage());
      err.flush();
      return e.exit;
    } catch (Ec2Exception e) {
      err.println();
      err.println(serviceError(e, e.getStackTrace().length > 0 ? opOf(argv) : "?"));
      err.flush();
      return EXIT_SERVICE;
    } catch (UncheckedIOException e) {
      err.println();
      err.println(Main.oneLine(e));
      err.flush();
      return EXIT_SERVICE;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println();
      err.println(Main.printable(e.getMessage()));
      err.flush();
      return EXIT_VALIDATION;
    } catch (RuntimeException | StackOverflowError e) { // last resort: one line, no stack trace
      err.println();
      err.println("ec2: cannot run this command (" + e.getClass().getSimpleName() + ")");
      err.flush();
      return EXIT_SERVICE;
    }
  }

  private static String opOf(String[] argv) {
    Line l = split(argv, null);
    String op = operation(l.command);
    return op != null ? op : l.command;
  }

  /** {@code An error occurred (Code) when calling the Op operation: message}, as botocore says. */
  static String serviceError(Ec2Exception e, String op) {
    return Main.printable(
        "An error occurred ("
            + e.code()
            + ") when calling the "
            + op
            + " operation: "
            + e.errorMessage());
  }

  /** --generate-cli-skeleton's value ({@code input} when alone), or null when not asked. */
  private static String skeletonOf(String[] argv) {
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--generate-cli-skeleton")) {
        return i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[i + 1] : "input";
      }
      if (argv[i].startsWith("--generate-cli-skeleton=")) {
        return argv[i].substring("--generate-cli-skeleton=".length());
      }
    }
    return null;
  }

  /** The client for the line's --region, --profile, --endpoint-url and --debug. */
  static Ec2 client(Line line, Map<String, String> env, PrintWriter err) {
    GlobalOptions g = new GlobalOptions();
    g.region = line.globals.get("--region");
    g.profile = line.globals.get("--profile");
    g.endpointUrl = line.globals.get("--endpoint-url");
    g.debug = line.flags.contains("--debug");
    g.query = line.globals.get("--query");
    g.output = GlobalOptions.Format.json; // printing is AwsOutput's
    return g.client(err, env, new Output()); // printing is AwsOutput's, from the answer
  }

  /** The operation's parameters from --cli-input-json and the arguments, typed by the model. */
  static Map<String, Object> params(
      String op, Map<String, Arg> table, Line line, java.nio.file.Path home) {
    Model.Operation operation = Model.ec2().operation(op);
    Map<String, Object> params = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    // the input's own problems; a required member it lacks may still come from the arguments
    // (run-instances --count gives MinCount and MaxCount), as botocore validates the merged input
    List<String> inputErrors = new ArrayList<>();
    String input = line.globals.get("--cli-input-json");
    if (input != null) {
      Object file = AwsParams.paramFile(input, "--cli-input-json", home);
      Object json = AwsParams.json("--cli-input-json", file instanceof String s ? s : input);
      Object typed = AwsParams.typed(operation.input(), json, "", false, inputErrors);
      if (typed instanceof Map<?, ?> m) {
        m.forEach((k, v) -> params.put((String) k, v));
      }
    } else {
      List<String> missing = new ArrayList<>();
      table.forEach(
          (name, arg) -> {
            if (arg.member() != null
                && arg.member().required()
                && !arg.negative()
                && !line.args.containsKey(name)
                && !AwsCustom.defaulted(op, arg.member().name())) {
              missing.add(name);
            }
          });
      if (!missing.isEmpty()) {
        throw new AwsParams.Refused(
            "aws: error: the following arguments are required: " + String.join(", ", missing),
            EXIT_USAGE);
      }
    }
    AwsCustom.check(op, line.args);
    List<Map.Entry<String, List<String>>> inOrder = new ArrayList<>(line.args.entrySet());
    // the model's arguments first, then the AWS CLI's added ones, as its argument table orders them
    inOrder.sort(java.util.Comparator.comparing(e -> table.get(e.getKey()).member() == null));
    for (Map.Entry<String, List<String>> e : inOrder) {
      Arg arg = table.get(e.getKey());
      if (arg.member() != null && topBool(arg.member()) && arg.negative()) {
        String positive = "--" + e.getKey().substring("--no-".length());
        if (line.args.containsKey(positive)) {
          throw new AwsParams.Refused(
              "Cannot specify both the \""
                  + positive
                  + "\" option and the \""
                  + e.getKey()
                  + "\" option.",
              EXIT_VALIDATION);
        }
      }
      if (arg.member() != null && topBool(arg.member()) && e.getValue().isEmpty()) {
        params.put(arg.member().name(), new LinkedHashMap<>(Map.of("Value", !arg.negative())));
        continue;
      }
      if (arg.member() == null) {
        AwsCustom.apply(op, e.getKey(), e.getValue(), params);
        continue;
      }
      Member m = arg.member();
      if (m.shape().type() == Model.Type.BOOLEAN) {
        params.put(m.name(), !arg.negative());
        continue;
      }
      // a file:// or fileb:// value is read once, here: a file that changes cannot be two values
      Object file =
          e.getValue().size() == 1
              ? AwsParams.paramFile(e.getValue().get(0), e.getKey(), home)
              : null;
      Object raw = AwsParams.unpack(m, e.getKey(), e.getValue(), file, home);
      String text = file instanceof String f ? f : e.getValue().get(0); // JSON from a file is JSON
      boolean json =
          !(raw instanceof String)
              && !(raw instanceof AwsParams.FileBytes)
              && text.strip().matches("(?s)^[\\[{].*");
      Object typed = AwsParams.typed(m.shape(), raw, m.name(), !json, errors);
      if (typed != null) {
        params.put(m.name(), typed);
      }
    }
    AwsCustom.defaults(op, params);
    String missing = "Missing required parameter in input: \"";
    List<String> kept = new ArrayList<>();
    for (String e : inputErrors) {
      if (!e.startsWith(missing)
          || !params.containsKey(e.substring(missing.length(), e.length() - 1))) {
        kept.add(e);
      }
    }
    errors.addAll(0, kept);
    if (!errors.isEmpty()) {
      throw new AwsParams.Refused(
          "\nParameter validation failed:\n" + String.join("\n", errors), EXIT_VALIDATION);
    }
    return params;
  }
}
