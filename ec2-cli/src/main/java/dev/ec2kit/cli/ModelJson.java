package dev.ec2kit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2's answers as the AWS CLI prints them: the XML turned into JSON by botocore's output shape of
 * the action ({@code shapes.tsv}, made by {@code shapes.py} beside it from botocore's model), so
 * keys, nesting and types are the AWS CLI's and absent members stay absent; pages of a describe
 * call are merged into one answer, as the AWS CLI does.
 */
final class ModelJson {
  private record Member(String name, String xmlName, String shape) {}

  private record Shape(String type, List<Member> members) {}

  private static final Map<String, Shape> SHAPES = new HashMap<>();
  private static final Map<String, String> OUTPUTS = new HashMap<>();

  static {
    try (InputStream in = ModelJson.class.getResourceAsStream("shapes.tsv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f[1].equals("op")) {
          OUTPUTS.put(f[0], f[2]);
          continue;
        }
        List<Member> members = new ArrayList<>();
        if (!f[2].isEmpty()) {
          for (String m : f[2].split(",")) {
            int eq = m.indexOf('=');
            int colon = m.lastIndexOf(':');
            if (eq < 0) {
              members.add(new Member("member", m.substring(0, colon), m.substring(colon + 1)));
            } else {
              members.add(
                  new Member(
                      m.substring(0, eq), m.substring(eq + 1, colon), m.substring(colon + 1)));
            }
          }
        }
        SHAPES.put(f[0], new Shape(f[1], members));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shapes.tsv", e);
    }
  }

  private ModelJson() {}

  /** Whether the AWS CLI's shape of this action's answer is known (empty for some actions). */
  static boolean knows(String action) {
    return OUTPUTS.containsKey(action);
  }

  /**
   * The answer (all its pages) of {@code action} as the AWS CLI's JSON value: maps, lists, strings,
   * numbers, booleans. The top-level lists of later pages are appended to the first's; NextToken
   * goes, as the AWS CLI pages through it.
   */
  static Map<String, Object> answer(String action, List<Tree> pages) {
    String shape = OUTPUTS.get(action);
    Map<String, Object> out = new LinkedHashMap<>();
    if (shape.isEmpty()) {
      return out; // an action without output (RebootInstances, CreateTags): the AWS CLI prints none
    }
    for (Tree page : pages) {
      @SuppressWarnings("unchecked")
      Map<String, Object> one = (Map<String, Object>) value(page, shape);
      one.forEach(
          (k, v) -> {
            if (out.get(k) instanceof List<?> existing && v instanceof List<?> more) {
              List<Object> both = new ArrayList<>(existing);
              both.addAll(more);
              out.put(k, both);
            } else {
              out.put(k, v);
            }
          });
    }
    out.remove("NextToken");
    return out;
  }

  private static Object value(Tree node, String shapeName) {
    Shape shape = SHAPES.get(shapeName);
    String text = node.text();
    return switch (shape.type()) {
      case "structure" -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Member member : shape.members()) {
          node.child(member.xmlName())
              .ifPresent(c -> m.put(member.name(), value(c, member.shape())));
        }
        yield m;
      }
      case "list" -> {
        Member item = shape.members().get(0);
        List<Object> l = new ArrayList<>();
        for (Tree c : node.children) {
          if (c.name.equals(item.xmlName()) || c.name.equals("item")) {
            l.add(value(c, item.shape()));
          }
        }
        yield l;
      }
      case "integer", "long" -> {
        try {
          yield Long.parseLong(text);
        } catch (NumberFormatException e) {
          yield text;
        }
      }
      case "double", "float" -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          yield text;
        }
      }
      case "boolean" -> Boolean.parseBoolean(text);
      default -> text;
    };
  }

  /** JSON as the AWS CLI writes it: four-space indents, keys in the model's order. */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, int depth) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        indent(sb, depth + 1);
        sb.append(Json.quote(String.valueOf(e.getKey()))).append(": ");
        write(sb, e.getValue(), depth + 1);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        indent(sb, depth + 1);
        write(sb, l.get(i), depth + 1);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append(']');
    } else if (v instanceof String s) {
      sb.append(Json.quote(s));
    } else if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      sb.append(d);
    } else {
      sb.append(v == null ? "null" : v.toString());
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("    ".repeat(depth));
  }
}
