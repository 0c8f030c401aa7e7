package dev.ec2kit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * {@code ec2 OPERATION help} and {@code ec2 wait WAITER help}: the operation's documentation and
 * each argument's, from botocore's model (its {@code service-2.json.gz}, in this jar and read only
 * here), laid out as the AWS CLI's help pages are: name, description, synopsis, options.
 */
final class AwsHelp {
  private AwsHelp() {}

  private static final int WIDTH = 79;

  static int operation(String op, Map<String, AwsCli.Arg> table, PrintWriter out) {
    Map<String, Object> model = documented();
    Map<String, Object> operation = map(map(model.get("operations")).get(op));
    Map<String, Object> shapes = map(model.get("shapes"));
    String cli = AwsParams.kebab(op);
    out.println(cli.toUpperCase(java.util.Locale.ROOT) + "()");
    out.println();
    out.println("NAME");
    out.println("       " + cli + " -");
    out.println();
    out.println("DESCRIPTION");
    paragraphs(text(operation.get("documentation")), "       ", out);
    out.println("SYNOPSIS");
    out.println("            " + cli);
    table.forEach(
        (name, arg) -> {
          if (arg.negative()) {
            return; // beside its positive: [--flag | --no-flag]
          }
          boolean required = arg.member() != null && arg.member().required();
          String negative = negative(table, arg);
          String use = negative != null ? name + " | " + negative : name + " <value>";
          out.println("          " + (required ? use : "[" + use + "]"));
        });
    out.println();
    out.println("OPTIONS");
    Map<String, Object> input =
        map(map(shapes.get(map(operation.get("input")).get("shape"))).get("members"));
    table.forEach(
        (name, arg) -> {
          if (arg.negative()) {
            return;
          }
          String type = arg.member() == null ? "string" : arg.member().shape().type().modelName();
          String negative = negative(table, arg);
          out.println(
              "       " + name + (negative != null ? " | " + negative : "") + " (" + type + ")");
          String doc =
              arg.member() == null
                  ? "The AWS CLI's own argument (see aws ec2 " + cli + " help)."
                  : text(map(input.get(arg.member().name())).get("documentation"));
          paragraphs(doc, "          ", out);
        });
    out.flush();
    return 0;
  }

  /** The negative flag paired with an argument (--no-dry-run, --no-map-public-ip-on-launch). */
  private static String negative(Map<String, AwsCli.Arg> table, AwsCli.Arg arg) {
    if (arg.member() == null) {
      return null;
    }
    for (Map.Entry<String, AwsCli.Arg> e : table.entrySet()) {
      if (e.getValue().negative() && e.getValue().member() == arg.member()) {
        return e.getKey();
      }
    }
    return null;
  }

  private static Map<String, Object> documented() {
    try (InputStream raw = AwsHelp.class.getResourceAsStream("service-2.json.gz")) {
      if (raw == null) {
        throw new IllegalStateException(
            "service-2.json.gz is missing from ec2's jar: the build copies it from"
                + " ec2-client/src/model/botocore");
      }
      try (InputStream in = new GZIPInputStream(raw)) {
        return map(JsonReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the EC2 model's documentation", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The model's HTML as plain paragraphs: tags gone, entities read, one blank line between. */
  static String text(Object html) {
    if (!(html instanceof String s)) {
      return "";
    }
    String t =
        s.replaceAll("(?i)</p>|<br\\s*/?>|</li>", "\n\n")
            .replaceAll("(?i)<li>", "* ")
            .replaceAll("<[^>]+>", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return t.replaceAll("[ \\t]+", " ").replaceAll("\\s*\\n\\s*\\n\\s*", "\n\n").strip();
  }

  private static void paragraphs(String text, String indent, PrintWriter out) {
    for (String p : text.split("\n\n")) {
      if (p.isBlank()) {
        continue;
      }
      for (String line : wrap(p.replace('\n', ' ').strip(), WIDTH - indent.length())) {
        out.println(indent + line);
      }
      out.println();
    }
  }

  private static List<String> wrap(String s, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : s.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
