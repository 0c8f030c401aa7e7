import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Compiles botocore's EC2 model (the pinned copy in {@code botocore/} beside this file) into the
 * one compact resource the library reads at run time: {@code dev/ec2kit/internal/model/ec2.model}.
 * Run by the build (ec2-client's pom, {@code generate-resources}) as a single-file program, so it
 * needs nothing but the JDK and never ships in the jar:
 *
 * <pre>
 * java src/model/CompileModel.java src/model/botocore target/classes/dev/ec2kit/internal/model/ec2.model
 * </pre>
 *
 * <p>Lines, tab-separated (documentation is left out: the library never shows it):
 *
 * <ul>
 *   <li>{@code O name input output}: an operation ({@code -} for no output);
 *   <li>{@code S name structure member...}, each member {@code Name|Shape|flags|queryName|xmlName}:
 *       flags {@code r} required, {@code t} idempotency token, {@code s} a sensitive shape; the query name is the EC2 protocol's
 *       (queryName, else the locationName capitalised, else the member name) and the XML name the
 *       answer's (locationName, else the member name), each empty when it is the member name;
 *   <li>{@code S name list memberShape}, {@code S name string enumValue...}, {@code S name type};
 *   <li>{@code W name operation delay maxAttempts}, then its acceptors in order, {@code A state
 *       matcher expectedJson argument};
 *   <li>{@code P operation inputToken outputToken limitKey resultKey,... moreResults}.
 * </ul>
 */
public final class CompileModel {
  private CompileModel() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Path target = Path.of(args[1]);
    Path service = dir.resolve("service-2.json.gz");
    Path waiters = dir.resolve("waiters-2.json");
    Path paginators = dir.resolve("paginators-1.json");
    Path self = Path.of(args.length > 2 ? args[2] : "src/model/CompileModel.java");
    if (Files.exists(target) && newer(target, service, waiters, paginators, self)) {
      return; // up to date: the build runs this at every generate-resources
    }
    String version = Files.readString(dir.resolve("VERSION"), StandardCharsets.UTF_8).trim();
    Map<String, Object> model;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(service))) {
      model = obj(new Json(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value());
    }
    StringBuilder out = new StringBuilder();
    out.append("#ec2 model from botocore ").append(version).append('\n');
    Map<String, Object> shapes = obj(model.get("shapes"));
    for (Map.Entry<String, Object> op : obj(model.get("operations")).entrySet()) {
      Map<String, Object> o = obj(op.getValue());
      out.append("O\t").append(op.getKey()).append('\t').append(shapeOf(o.get("input")));
      out.append('\t').append(o.containsKey("output") ? shapeOf(o.get("output")) : "-");
      out.append('\n');
    }
    for (Map.Entry<String, Object> e : shapes.entrySet()) {
      Map<String, Object> s = obj(e.getValue());
      String type = (String) s.get("type");
      out.append("S\t").append(e.getKey()).append('\t').append(type);
      switch (type) {
        case "structure" -> {
          List<Object> required = s.containsKey("required") ? list(s.get("required")) : List.of();
          for (Map.Entry<String, Object> m : obj(s.get("members")).entrySet()) {
            Map<String, Object> ref = obj(m.getValue());
            String name = m.getKey();
            String shape = (String) ref.get("shape");
            // a member's traits override its shape's (botocore's ShapeResolver merges them so)
            Object location = ref.getOrDefault("locationName", obj(shapes.get(shape)).get("locationName"));
            String query =
                ref.containsKey("queryName")
                    ? (String) ref.get("queryName")
                    : location != null ? capitalised((String) location) : name;
            String xml = location != null ? (String) location : name;
            String flags =
                (required.contains(name) ? "r" : "")
                    + (Boolean.TRUE.equals(ref.get("idempotencyToken")) ? "t" : "")
                    + (Boolean.TRUE.equals(obj(shapes.get(shape)).get("sensitive")) ? "s" : "");
            out.append('\t').append(name).append('|').append(shape).append('|').append(flags);
            out.append('|').append(query.equals(name) ? "" : query);
            out.append('|').append(xml.equals(name) ? "" : xml);
          }
        }
        case "list" -> out.append('\t').append(shapeOf(s.get("member")));
        case "map" -> throw new IllegalStateException("a map shape, new to EC2's model: " + e.getKey());
        case "string" -> {
          if (s.containsKey("enum")) {
            for (Object v : list(s.get("enum"))) {
              out.append('\t').append((String) v);
            }
          }
        }
        default -> {}
      }
      out.append('\n');
    }
    Map<String, Object> w = obj(json(waiters).get("waiters"));
    for (Map.Entry<String, Object> e : w.entrySet()) {
      Map<String, Object> waiter = obj(e.getValue());
      out.append("W\t").append(e.getKey()).append('\t').append(waiter.get("operation"));
      out.append('\t').append(waiter.get("delay")).append('\t').append(waiter.get("maxAttempts"));
      out.append('\n');
      for (Object a : list(waiter.get("acceptors"))) {
        Map<String, Object> acceptor = obj(a);
        out.append("A\t").append(acceptor.get("state")).append('\t').append(acceptor.get("matcher"));
        out.append('\t').append(Json.write(acceptor.get("expected")));
        out.append('\t').append(acceptor.getOrDefault("argument", "")).append('\n');
      }
    }
    Map<String, Object> p = obj(json(paginators).get("pagination"));
    for (Map.Entry<String, Object> e : p.entrySet()) {
      Map<String, Object> pager = obj(e.getValue());
      Object keys = pager.get("result_key");
      out.append("P\t").append(e.getKey());
      out.append('\t').append(text(pager.get("input_token")));
      out.append('\t').append(text(pager.get("output_token")));
      out.append('\t').append(pager.containsKey("limit_key") ? text(pager.get("limit_key")) : "");
      out.append('\t').append(keys instanceof List<?> l ? String.join(",", strings(l)) : text(keys));
      out.append('\t').append(pager.containsKey("more_results") ? text(pager.get("more_results")) : "");
      out.append('\n');
    }
    Files.createDirectories(target.getParent());
    Files.writeString(target, out, StandardCharsets.UTF_8);
  }

  private static boolean newer(Path target, Path... sources) throws IOException {
    for (Path s : sources) {
      if (Files.getLastModifiedTime(s).compareTo(Files.getLastModifiedTime(target)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String shapeOf(Object ref) {
    return (String) obj(ref).get("shape");
  }

  private static String text(Object o) {
    if (!(o instanceof String s)) {
      throw new IllegalStateException("a paginator token that is not one name: " + o);
    }
    return s;
  }

  private static List<String> strings(List<?> l) {
    List<String> out = new ArrayList<>();
    l.forEach(o -> out.add(text(o)));
    return out;
  }

  private static Map<String, Object> json(Path p) throws IOException {
    return obj(new Json(Files.readString(p, StandardCharsets.UTF_8)).value());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** Just enough JSON for botocore's files: objects keep their order. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      space();
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          Map<String, Object> m = new LinkedHashMap<>();
          i++;
          space();
          if (s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            space();
            String k = string();
            space();
            expect(':');
            m.put(k, value());
            space();
            if (s.charAt(i++) == '}') {
              return m;
            }
          }
        }
        case '[' -> {
          List<Object> l = new ArrayList<>();
          i++;
          space();
          if (s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            space();
            if (s.charAt(i++) == ']') {
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        default -> {
          for (String word : new String[] {"true", "false", "null"}) {
            if (s.startsWith(word, i)) {
              i += word.length();
              return word.equals("null") ? null : Boolean.valueOf(word);
            }
          }
          int start = i;
          while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
          }
          BigDecimal n = new BigDecimal(s.substring(start, i));
          return n.scale() <= 0 ? (Object) n.toBigIntegerExact() : n;
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i++) != c) {
        throw new IllegalStateException("expected " + c + " at " + (i - 1));
      }
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      for (char c; (c = s.charAt(i++)) != '"'; ) {
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
      return b.toString();
    }

    /** A scalar as JSON: an acceptor's expected value (a string, a number or a boolean). */
    static String write(Object o) {
      if (o instanceof String str) {
        return '"' + str.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      }
      return String.valueOf(o);
    }
  }
}
