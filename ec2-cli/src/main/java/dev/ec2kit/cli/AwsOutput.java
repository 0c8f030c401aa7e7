package dev.ec2kit.cli;

import dev.ec2kit.Operations;
import dev.ec2kit.internal.model.Model;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's answer as the AWS CLI v1 prints it: JSON of the output shape (times as EC2 wrote
 * them, bytes in base64), text by its text rules, {@code --query} on either; a paginated operation
 * read page after page and merged as botocore's {@code build_full_result} does, with {@code
 * --max-items}, {@code --starting-token} (botocore's own token format), {@code --page-size} and
 * {@code --no-paginate}.
 */
final class AwsOutput {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final AwsCli.Line line;
  private final PrintWriter out;
  private final GlobalOptions.Format format;

  /** An output setting the AWS CLI does not know, refused after the call as it does; or null. */
  private final String unknown;

  /** --color: on, off or auto (on when stdout is a terminal). */
  private final String colour;

  /** This line's --query (the answer is printed from the call's result, not captured). */
  private final Output run = new Output();

  /** What the AWS CLI's after-call handlers do to each answer (get-password-data's decryption). */
  private java.util.function.UnaryOperator<Map<String, Object>> afterCall = a -> a;

  void afterCall(java.util.function.UnaryOperator<Map<String, Object>> handler) {
    afterCall = handler;
  }

  AwsOutput(AwsCli.Line line, Map<String, String> env, PrintWriter out) {
    this.line = line;
    this.out = out;
    String f = line.globals.get("--output");
    if (f != null) {
      format = choice(f);
      if (format == null) {
        throw new AwsParams.Refused(
            "aws: error: argument --output: Invalid choice, valid choices are:\n\n"
                + "json | text | table",
            AwsCli.EXIT_USAGE);
      }
      unknown = null;
    } else {
      String setting = env.get("AWS_DEFAULT_OUTPUT");
      if (setting == null || setting.isBlank()) {
        setting =
            dev.ec2kit.Settings.profileValue(env, line.globals.get("--profile"), "output")
                .orElse("json");
      }
      GlobalOptions.Format chosen = choice(setting.strip());
      // the AWS CLI takes any setting and refuses it when printing, after the call
      format = chosen == null ? GlobalOptions.Format.json : chosen;
      unknown = chosen == null ? setting.strip() : null;
    }
    colour = line.globals.getOrDefault("--color", "auto");
    if (!List.of("on", "off", "auto").contains(colour)) {
      throw new AwsParams.Refused(
          "aws: error: argument --color: Invalid choice, valid choices are:\n\non | off | auto",
          AwsCli.EXIT_USAGE);
    }
    try {
      run.query(line.globals.get("--query"));
    } catch (IllegalArgumentException e) {
      throw new AwsParams.Refused(
          "aws: error: argument --query: invalid jmespath_type value: "
              + line.globals.get("--query"),
          AwsCli.EXIT_USAGE);
    }
  }

  /** An output format by its exact name, as the AWS CLI's choices are; null for another. */
  private static GlobalOptions.Format choice(String name) {
    for (GlobalOptions.Format f : GlobalOptions.Format.values()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** Calls the operation (every page of it, when the AWS CLI would) and prints the answer. */
  void print(Operations ops, String op, Map<String, Object> params) {
    Model.PaginatorSpec spec = Model.ec2().paginator(op).orElse(null);
    boolean paginate =
        spec != null
            && !line.flags.contains("--no-paginate")
            && !params.containsKey(spec.inputToken())
            && (spec.limitKey() == null || !params.containsKey(spec.limitKey()));
    if (!paginate) {
      Map<String, Object> answer = afterCall.apply(cli(ops.call(op, params)));
      refuseUnknown();
      emit(op, answer);
      return;
    }
    refuseUnknown(); // before the first page: botocore's paginator sends nothing until read
    Integer maxItems = number("--max-items");
    Integer pageSize = number("--page-size");
    Map<String, Object> kwargs = new LinkedHashMap<>(params);
    if (pageSize != null) {
      kwargs.put(spec.limitKey(), (long) pageSize);
    } else if (pageSize1000(op, params)) {
      kwargs.put(spec.limitKey(), 1000L);
    }
    String token = null;
    int truncation = 0;
    String starting = line.globals.get("--starting-token");
    if (starting != null) {
      Map<String, Object> t = decode(starting, spec.inputToken());
      token = (String) t.get(spec.inputToken());
      truncation = ((Number) t.getOrDefault("boto_truncate_amount", 0L)).intValue();
    }
    String primary = spec.resultKeys().get(0);
    List<Map<String, Object>> pages = new ArrayList<>();
    String resume = null;
    int total = 0;
    boolean first = true;
    String previous = null;
    while (true) {
      if (token != null && !token.equals("None")) {
        kwargs.put(spec.inputToken(), token);
      } else {
        kwargs.remove(spec.inputToken());
      }
      Map<String, Object> page = afterCall.apply(cli(ops.call(op, kwargs)));
      if (first && starting != null) {
        if (page.get(primary) instanceof List<?> l) {
          page.put(primary, new ArrayList<>(l.subList(Math.min(truncation, l.size()), l.size())));
        }
      } else {
        truncation = 0;
      }
      first = false;
      List<?> items = page.get(primary) instanceof List<?> l ? l : List.of();
      int excess = maxItems == null ? 0 : total + items.size() - maxItems;
      if (excess > 0) {
        int keep = items.size() - excess;
        page.put(primary, new ArrayList<>(items.subList(0, keep)));
        resume = encode(spec.inputToken(), token, keep + truncation);
        pages.add(page);
        break;
      }
      pages.add(page);
      total += items.size();
      Object next = page.get(spec.outputToken());
      boolean more =
          spec.moreResults() == null || Boolean.TRUE.equals(page.get(spec.moreResults()));
      if (!more || !(next instanceof String s) || s.isEmpty()) {
        break;
      }
      if (maxItems != null && total == maxItems) {
        resume = encode(spec.inputToken(), s, -1);
        break;
      }
      if (s.equals(previous)) {
        throw new IllegalStateException("The same next token was received twice: " + s);
      }
      previous = s;
      token = s;
    }
    if (format == GlobalOptions.Format.text) {
      for (Map<String, Object> page : pages) {
        Map<String, Object> current = new LinkedHashMap<>();
        spec.resultKeys().forEach(k -> current.put(k, page.get(k)));
        run.emit(out, format, current);
      }
      if (resume != null) {
        run.emit(out, format, Map.of("NextToken", Map.of("NextToken", resume)));
      }
      return;
    }
    Map<String, Object> full = new LinkedHashMap<>();
    for (Map<String, Object> page : pages) {
      for (String k : spec.resultKeys()) {
        Object v = page.get(k);
        if (v == null) {
          continue;
        }
        Object have = full.get(k);
        if (have instanceof List<?> l && v instanceof List<?> more) {
          List<Object> both = new ArrayList<>(l);
          both.addAll(more);
          full.put(k, both);
        } else if (have == null) {
          full.put(k, v);
        }
      }
    }
    if (resume != null) {
      full.put("NextToken", resume);
    }
    emit(op, full);
  }

  private void refuseUnknown() {
    if (unknown != null) {
      throw new IllegalArgumentException("Unknown output type: " + unknown);
    }
  }

  /** Prints an answer as JSON or text ({@link Output#emit}) or as the AWS CLI's table. */
  private void emit(String op, Object answer) {
    if (format != GlobalOptions.Format.table) {
      run.emit(out, format, answer);
      return;
    }
    table(out, op, run.queried(answer), colour);
  }

  /**
   * Prints a (queried) answer as the AWS CLI's table titled by the operation: as wide as the
   * terminal stdout is (80 columns when none), coloured when {@code colour} is on, or auto and
   * stdout is a terminal.
   */
  static void table(PrintWriter out, String op, Object answer, String colour) {
    String tty = Terminal.stdout();
    boolean coloured = colour.equals("on") || (colour.equals("auto") && tty != null);
    String table = AwsTable.render(op, answer, coloured, Terminal.columns(tty));
    // colorama's reset at exit, which it writes to a terminal only
    out.print(coloured && tty != null ? table + "\u001b[0m" : table);
    out.flush();
  }

  /**
   * The AWS CLI pages describe-volumes and describe-snapshots 1,000 at a time when only their own
   * few parameters are given (awscli/customizations/ec2/paginate.py).
   */
  private static boolean pageSize1000(String op, Map<String, Object> params) {
    List<String> allowed =
        switch (op) {
          case "DescribeVolumes" -> List.of();
          case "DescribeSnapshots" -> List.of("OwnerIds", "RestorableByUserIds");
          default -> null;
        };
    if (allowed == null) {
      return false;
    }
    for (String p : params.keySet()) {
      if (!allowed.contains(p) && !p.equals("NextToken") && !p.equals("DryRun")) {
        return false;
      }
    }
    return true;
  }

  private Integer number(String name) {
    String v = line.globals.get(name);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0) {
        throw new NumberFormatException("negative"); // a count is never negative
      }
      return n;
    } catch (NumberFormatException e) {
      throw new AwsParams.Refused(
          "aws: error: argument " + name + ": invalid int value: '" + v + "'", AwsCli.EXIT_USAGE);
    }
  }

  /** botocore's resume token: base64 of {@code {"NextToken": ..., "boto_truncate_amount": N}}. */
  static String encode(String inputToken, String token, int truncate) {
    String json =
        "{"
            + Json.quote(inputToken)
            + ": "
            + (token == null ? "null" : asciiQuote(token))
            + (truncate >= 0 ? ", \"boto_truncate_amount\": " + truncate : "")
            + "}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String asciiQuote(String s) {
    StringBuilder b = new StringBuilder();
    String q = Json.quote(s);
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      b.append(c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }

  private static Map<String, Object> decode(String token, String inputToken) {
    try {
      Object json =
          JsonReader.parse(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      if (json instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        Object cut = out.getOrDefault("boto_truncate_amount", 0L);
        if (out.keySet().stream()
                .allMatch(k -> k.equals(inputToken) || k.equals("boto_truncate_amount"))
            && (out.get(inputToken) == null || out.get(inputToken) instanceof String)
            && cut instanceof Long n
            && n >= 0
            && n <= Integer.MAX_VALUE) {
          return out;
        }
      }
    } catch (RuntimeException e) {
      // refused below
    }
    throw new AwsParams.Refused("\nBad starting token: " + token, AwsCli.EXIT_VALIDATION);
  }

  /** The library's answer tree as the AWS CLI v1's JSON values. */
  static Map<String, Object> cli(Map<String, Object> answer) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) value(answer);
    return m;
  }

  static Object value(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(value(x)));
      return out;
    }
    if (v instanceof Instant t) {
      return TIME.format(t);
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    if (v instanceof Float f) {
      return Double.valueOf(f.toString());
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }
}
