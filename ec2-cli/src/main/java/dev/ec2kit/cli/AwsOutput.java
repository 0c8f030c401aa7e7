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

  AwsOutput(AwsCli.Line line, Map<String, String> env, PrintWriter out) {
    this.line = line;
    this.out = out;
    GlobalOptions g = new GlobalOptions();
    g.profile = line.globals.get("--profile");
    String f = line.globals.get("--output");
    if (f == null) {
      String setting = env.get("AWS_DEFAULT_OUTPUT");
      if (setting == null || setting.isBlank()) {
        setting = dev.ec2kit.Settings.profileValue(env, g.profile, "output").orElse("json");
      }
      f = setting.strip();
    }
    try {
      format = GlobalOptions.Format.valueOf(f.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AwsParams.Refused(
          "aws: error: argument --output: Invalid choice, valid choices are:\n\njson | text | table",
          AwsCli.EXIT_USAGE);
    }
    try {
      Output.query(line.globals.get("--query"));
    } catch (IllegalArgumentException e) {
      throw new AwsParams.Refused(
          "aws: error: argument --query: invalid jmespath_type value: "
              + line.globals.get("--query"),
          AwsCli.EXIT_USAGE);
    }
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
      Output.emit(out, format, cli(ops.call(op, params)));
      return;
    }
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
      Map<String, Object> page = cli(ops.call(op, kwargs));
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
        Output.emit(out, format, current);
      }
      if (resume != null) {
        Output.emit(out, format, Map.of("NextToken", Map.of("NextToken", resume)));
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
    Output.emit(out, format, full);
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
