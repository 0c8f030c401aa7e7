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
 * botocore's model ({@link ModelJson}); {@code --query} is JMESPath on that JSON, with every output
 * format; {@code --output text} follows the AWS CLI's text rules (a list of scalars on one line,
 * tab-separated; each record on its own line, its keys sorted). Without either, commands print
 * their readable table.
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

  private static volatile String query;

  private Output() {}

  /** The {@code --query} of the command being run (null: none); checked before anything is sent. */
  static void query(String expression) {
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
  static boolean fromModel(
      PrintWriter out,
      GlobalOptions.Format format,
      java.util.function.UnaryOperator<Map<String, Object>> adjust) {
    String q = query;
    if (format != GlobalOptions.Format.json && q == null) {
      return false; // the readable table, and our own tab-separated text, when nothing is queried
    }
    List<Captured.Answer> pages = Captured.first();
    if (pages.isEmpty() || !ModelJson.knows(pages.get(0).action())) {
      return false;
    }
    List<Tree> trees = new ArrayList<>();
    pages.forEach(p -> trees.add(Tree.parse(p.body())));
    Object value = adjust.apply(ModelJson.answer(pages.get(0).action(), trees));
    if (q != null) {
      Expression<Object> e = Jmes.PATH.compile(q);
      value = e.search(value);
    }
    if (format == GlobalOptions.Format.json) {
      if (value instanceof Map<?, ?> m && m.isEmpty()) {
        out.flush(); // the AWS CLI prints nothing for an empty answer
        return true;
      }
      out.println(ModelJson.write(value));
    } else {
      List<String> lines = new ArrayList<>();
      text(value, lines);
      lines.forEach(out::println);
    }
    out.flush();
    return true;
  }

  /** The AWS CLI's text rules, in short. */
  static void text(Object value, List<String> lines) {
    if (value == null) {
      lines.add("None");
    } else if (value instanceof List<?> l) {
      if (l.stream().allMatch(Output::scalar)) {
        if (!l.isEmpty()) {
          lines.add(String.join("\t", l.stream().map(Output::scalarText).toList()));
        }
      } else {
        for (Object o : l) {
          text(o, lines);
        }
      }
    } else if (value instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      List<String> scalars = new ArrayList<>();
      sorted.forEach(
          (k, v) -> {
            if (scalar(v)) {
              scalars.add(scalarText(v));
            }
          });
      if (!scalars.isEmpty()) {
        lines.add(String.join("\t", scalars));
      }
      sorted.forEach(
          (k, v) -> {
            if (!scalar(v)) {
              List<String> nested = new ArrayList<>();
              text(v, nested);
              nested.forEach(n -> lines.add(k.toUpperCase(java.util.Locale.ROOT) + "\t" + n));
            }
          });
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
