package dev.ec2kit.cli;

import io.burt.jmespath.Expression;
import io.burt.jmespath.jcf.JcfRuntime;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Output from EC2's answer, as the AWS CLI prints it: {@code --output json} is the answer shaped by
 * botocore's model ({@link ModelJson}); {@code --output text} is that answer by the AWS CLI's text
 * rules; {@code --query} is JMESPath on it, with every output format. {@code --output table} is our
 * readable summary instead.
 *
 * <p>One instance per command line ({@link Main} makes it): its settings (--query, paging, whether
 * the line is the AWS CLI's) and the answers it captured are that line's alone, so lines run at
 * once in one JVM (tests, the shell) cannot see each other's.
 */
final class Output {
  /** Built on the first --query only: the runtime's start-up is felt by every command. */
  private static final class Jmes {
    static final JcfRuntime PATH = new JcfRuntime();
  }

  /** JSON text as the values --query works on (maps, lists, strings, numbers). */
  static Object parseJson(String json) {
    return Jmes.PATH.parseString(json);
  }

  private volatile String query;
  private volatile boolean awsLine;
  private volatile boolean asked = true;
  private volatile Integer maxItems;
  private volatile Integer startAt;
  private volatile GlobalOptions.Format fallback = GlobalOptions.Format.table;
  private volatile Captured captured;

  /** The {@code --query} of the command being run (null: none); checked before anything is sent. */
  void query(String expression) {
    if (expression != null) {
      try {
        Jmes.PATH.compile(expression);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "--query '" + expression + "' is not JMESPath: " + e.getMessage());
      }
    }
    query = expression;
  }

  /**
   * Prints the command's answer from the model when JSON, text or a query is asked for and the
   * answer's shape is known; false when the caller should print its own table.
   */
  boolean fromModel(
      PrintWriter out,
      GlobalOptions.Format format,
      java.util.function.UnaryOperator<Map<String, Object>> adjust) {
    String q = query;
    // the AWS CLI's table where the line is wholly the AWS CLI's and a table was asked for; a
    // manual command's line (the same words) printing by default keeps the manual's table
    boolean theirs = awsLine && asked;
    if (format == GlobalOptions.Format.table && q == null && !theirs) {
      return false; // the readable table, ours
    }
    List<Captured.Answer> pages = first();
    if (pages.isEmpty() || !ModelJson.knows(pages.get(0).action())) {
      return false;
    }
    List<Tree> trees = new ArrayList<>();
    pages.forEach(p -> trees.add(Tree.parse(p.body())));
    Map<String, Object> answer = adjust.apply(ModelJson.answer(pages.get(0).action(), trees));
    answer.remove("KeyMaterial"); // a private key is saved by its command, never printed
    if (format == GlobalOptions.Format.table && theirs) {
      AwsOutput.table(out, pages.get(0).action(), queried(paged(answer)), "auto");
    } else {
      emit(out, format, paged(answer));
    }
    return true;
  }

  /** Whether the output format was asked for (--output, AWS_DEFAULT_OUTPUT, the profile). */
  void asked(boolean given) {
    asked = given;
  }

  /**
   * Whether this command line is wholly the AWS CLI's (its arguments the operation's): its table is
   * then the AWS CLI's ({@link AwsTable}), else the manual command's own.
   */
  void awsLine(boolean theirs) {
    awsLine = theirs;
  }

  /**
   * The format when no setting names one: table for the manual's spellings, JSON for a line in the
   * AWS CLI's (as the AWS CLI prints it).
   */
  void fallback(GlobalOptions.Format format) {
    fallback = format;
  }

  GlobalOptions.Format fallback() {
    return fallback;
  }

  /** A transport keeping this command's answers (the latest made is the one printed from). */
  Captured capture(dev.ec2kit.Transport transport) {
    Captured c = Captured.around(transport);
    captured = c;
    return c;
  }

  /** This command's answers, or none. */
  List<Captured.Answer> answers() {
    Captured c = captured;
    return c == null ? List.of() : c.answers();
  }

  /** The first action's answer, all its pages ({@link Captured#first}), or none. */
  List<Captured.Answer> first() {
    Captured c = captured;
    return c == null ? List.of() : c.first();
  }

  /** The commands whose answers --max-items and --starting-token page, as the AWS CLI's do. */
  static final java.util.Set<String> PAGED =
      java.util.Set.of(
          "describe-instances",
          "describe-volumes",
          "describe-snapshots",
          "describe-images",
          "describe-tags",
          "describe-security-groups");

  /** This command's --max-items and --starting-token (null: none); the token is checked here. */
  void paging(Integer max, String token) {
    if (max != null && max < 1) {
      throw new IllegalArgumentException("--max-items must be 1 or more, not " + max);
    }
    maxItems = max;
    startAt = token == null ? null : offset(token);
  }

  /** A token's position: base64 of {"boto_truncate_amount": N}, as the AWS CLI writes its own. */
  static int offset(String token) {
    try {
      Object json =
          parseJson(
              new String(
                  java.util.Base64.getDecoder().decode(token),
                  java.nio.charset.StandardCharsets.UTF_8));
      if (json instanceof Map<?, ?> m
          && m.get("NextToken") == null
          && m.get("boto_truncate_amount") instanceof Number n
          && n.longValue() >= 0
          && n.longValue() < Integer.MAX_VALUE) {
        return n.intValue();
      }
    } catch (RuntimeException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "--starting-token: not a NextToken that ec2 printed with --max-items");
  }

  static String token(int offset) {
    return java.util.Base64.getEncoder()
        .encodeToString(
            ("{\"boto_truncate_amount\": " + offset + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The answer's list (its first list member) from --starting-token, --max-items long. */
  private Map<String, Object> paged(Map<String, Object> answer) {
    Integer max = maxItems;
    Integer from = startAt;
    if (max == null && from == null) {
      return answer;
    }
    for (Map.Entry<String, Object> e : answer.entrySet()) {
      if (e.getValue() instanceof List<?> items) {
        int start = Math.min(from == null ? 0 : from, items.size());
        int end = max == null ? items.size() : (int) Math.min(items.size(), (long) start + max);
        Map<String, Object> out = new java.util.LinkedHashMap<>(answer);
        out.put(e.getKey(), new ArrayList<>(items.subList(start, end)));
        if (end < items.size()) {
          out.put("NextToken", token(end));
        }
        return out;
      }
    }
    return answer;
  }

  /** Whether this command has a --query. */
  boolean queried() {
    return query != null;
  }

  /**
   * Prints a value (maps, lists, scalars, as JSON reads) after the command's --query: JSON, or text
   * by the AWS CLI's rules (for --output table too, as the AWS CLI's table is not ours).
   */
  void emit(PrintWriter out, GlobalOptions.Format format, Object answer) {
    Object value = queried(answer);
    if (format == GlobalOptions.Format.json) {
      if (value instanceof Map<?, ?> m && m.isEmpty()) {
        out.flush(); // the AWS CLI prints nothing for an empty answer
        return;
      }
      out.println(ModelJson.write(value));
    } else {
      List<String> lines = new ArrayList<>();
      text(format == GlobalOptions.Format.table ? escaped(value) : value, lines);
      lines.forEach(out::println);
    }
    out.flush();
  }

  /** A value after the command's --query: the value itself when there is none. */
  Object queried(Object answer) {
    String q = query;
    if (q == null) {
      return answer;
    }
    Expression<Object> e = Jmes.PATH.compile(q);
    return e.search(answer);
  }

  /**
   * The value with every string (keys too) escaped as a table's cells are ({@link Table#escaped}):
   * --output table is for people. Text stays as EC2 gave it, as the AWS CLI's does.
   */
  private static Object escaped(Object value) {
    if (value instanceof String s) {
      return Table.escaped(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(Table.escaped(String.valueOf(k)), escaped(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(Output::escaped).toList();
    }
    return value;
  }

  /**
   * The AWS CLI's text rules (awscli/text.py, rule for rule): a scalar on its own line; a list of
   * scalars on one line, tab-separated, or one per line after its key in capitals when nested; a
   * record's scalars on one line in key order (after its key in capitals when nested), then each of
   * its lists and records under its own key; the records of one list share the union of their
   * scalar keys, an absent one written as an empty field.
   */
  static void text(Object value, List<String> lines) {
    text(value, null, null, lines);
  }

  private static void text(Object value, String key, List<String> scalarKeys, List<String> lines) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      List<String> scalars = new ArrayList<>();
      List<String> rest = new ArrayList<>();
      if (scalarKeys == null) {
        sorted.forEach(
            (k, v) -> {
              if (scalar(v)) {
                scalars.add(scalarText(v));
              } else {
                rest.add(k);
              }
            });
      } else {
        for (String k : scalarKeys) {
          scalars.add(sorted.containsKey(k) ? scalarText(sorted.get(k)) : "");
        }
        sorted.keySet().stream().filter(k -> !scalarKeys.contains(k)).forEach(rest::add);
      }
      if (!scalars.isEmpty()) {
        if (key != null) {
          scalars.add(0, key.toUpperCase(java.util.Locale.ROOT));
        }
        lines.add(String.join("\t", scalars));
      }
      for (String k : rest) {
        text(sorted.get(k), k, null, lines);
      }
    } else if (value instanceof List<?> l) {
      if (l.isEmpty()) {
        return;
      }
      if (l.stream().anyMatch(e -> e instanceof Map)) {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        for (Object e : l) {
          if (e instanceof Map<?, ?> m) {
            m.forEach(
                (k, v) -> {
                  if (scalar(v)) {
                    keys.add(String.valueOf(k));
                  }
                });
          }
        }
        List<String> all = List.copyOf(keys);
        l.forEach(e -> text(e, key, all, lines));
      } else {
        List<Object> scalars = l.stream().filter(Output::scalar).map(o -> (Object) o).toList();
        if (!scalars.isEmpty()) {
          if (key != null) {
            String k = key.toUpperCase(java.util.Locale.ROOT);
            scalars.forEach(e -> lines.add(k + "\t" + scalarText(e)));
          } else {
            lines.add(String.join("\t", scalars.stream().map(Output::scalarText).toList()));
          }
        }
        l.stream().filter(e -> !scalar(e)).forEach(e -> text(e, key, null, lines));
      }
    } else {
      lines.add(scalarText(value));
    }
  }

  private static boolean scalar(Object v) {
    return !(v instanceof List) && !(v instanceof Map);
  }

  private static String scalarText(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }
}
