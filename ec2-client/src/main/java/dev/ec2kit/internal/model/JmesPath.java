package dev.ec2kit.internal.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The JMESPath that waiters ask of an answer tree (maps, lists, strings, numbers, booleans): field
 * paths ({@code State.Name}, {@code "quoted"}), projections ({@code []} flatten, {@code [*]}),
 * indexes ({@code [0]}, {@code [-1]}), filters ({@code [?State == 'available']}), comparisons
 * ({@code == != < <= > >=}), {@code || && !}, {@code @}, parentheses, pipes, literals ({@code `0`},
 * {@code 'raw'}) and the functions {@code length()} and {@code contains()}. Parsed by binding power
 * as the JMESPath specification's reference parser does, so projections bind as they do there:
 * {@code Reservations[].Instances[].State.Name} is one flat list of names.
 */
public final class JmesPath {
  /** A parsed expression: evaluates against a tree. */
  public interface Node {
    Object eval(Object value);
  }

  private final String text;
  private final List<Token> tokens;
  private int at;

  private record Token(String kind, String text, Object value, int position) {}

  private JmesPath(String text) {
    this.text = text;
    this.tokens = lex(text);
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException when it is not JMESPath this evaluator knows, saying where
   */
  public static Node parse(String expression) {
    JmesPath p = new JmesPath(expression);
    Node n = p.expression(0);
    if (!p.peek().kind.equals("eof")) {
      throw p.error("unexpected " + p.peek().text);
    }
    return n;
  }

  /** {@code expression} evaluated on {@code value}: null when a path is not there. */
  public static Object search(String expression, Object value) {
    return parse(expression).eval(value);
  }

  // ---- lexer

  private static final String[] SYMBOLS = {
    "[]", "[?", "||", "&&", "==", "!=", "<=", ">=", "<", ">", "!", "[", "]", "(", ")", ".", "*",
    "@", ",", "|"
  };

  private List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    outer:
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token("name", s.substring(start, i), s.substring(start, i), start));
        continue;
      }
      if (Character.isDigit(c)
          || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int start = i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        out.add(
            new Token(
                "number", s.substring(start, i), Integer.valueOf(s.substring(start, i)), start));
        continue;
      }
      if (c == '`' || c == '\'' || c == '"') {
        int end = s.indexOf(c, i + 1);
        while (end > 0 && s.charAt(end - 1) == '\\') {
          end = s.indexOf(c, end + 1);
        }
        if (end < 0) {
          throw new IllegalArgumentException("JMESPath " + s + ": unterminated " + c + " at " + i);
        }
        String body = s.substring(i + 1, end);
        Token t =
            switch (c) {
              case '`' ->
                  new Token(
                      "literal",
                      s.substring(i, end + 1),
                      dev.ec2kit.internal.credentials.Json.parse(body.replace("\\`", "`")),
                      i);
              case '\'' ->
                  new Token("literal", s.substring(i, end + 1), body.replace("\\'", "'"), i);
              default ->
                  new Token(
                      "name",
                      body,
                      dev.ec2kit.internal.credentials.Json.parse('"' + body + '"'),
                      i);
            };
        out.add(t);
        i = end + 1;
        continue;
      }
      for (String sym : SYMBOLS) {
        if (s.startsWith(sym, i)) {
          out.add(new Token(sym, sym, null, i));
          i += sym.length();
          continue outer;
        }
      }
      throw new IllegalArgumentException("JMESPath " + s + ": unexpected " + c + " at " + i);
    }
    out.add(new Token("eof", "the end", null, s.length()));
    return out;
  }

  // ---- parser (binding powers as the specification's reference implementation)

  private static int power(String kind) {
    return switch (kind) {
      case "|" -> 1;
      case "||" -> 2;
      case "&&" -> 3;
      case "==", "!=", "<", "<=", ">", ">=" -> 5;
      case "[]" -> 9;
      case "*" -> 20;
      case "[?" -> 21;
      case "." -> 40;
      case "!" -> 45;
      case "[" -> 55;
      case "(" -> 60;
      default -> 0;
    };
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private void expect(String kind) {
    Token t = next();
    if (!t.kind.equals(kind)) {
      at--;
      throw error("expected " + kind + ", found " + t.text);
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "JMESPath " + text + ": " + what + " at " + peek().position);
  }

  private Node expression(int bindingPower) {
    Node left = nud(next());
    while (bindingPower < power(peek().kind)) {
      left = led(next(), left);
    }
    return left;
  }

  private Node nud(Token t) {
    switch (t.kind) {
      case "name" -> {
        String field = (String) t.value;
        if (peek().kind.equals("(")) {
          next();
          return function(field);
        }
        return v -> v instanceof Map<?, ?> m ? m.get(field) : null;
      }
      case "literal" -> {
        Object literal = t.value;
        return v -> literal;
      }
      case "@" -> {
        return v -> v;
      }
      case "!" -> {
        Node n = expression(45);
        return v -> !truthy(n.eval(v));
      }
      case "(" -> {
        Node n = expression(0);
        expect(")");
        return n;
      }
      case "[]" -> {
        return projection(flatten(v -> v), projectionRight(9));
      }
      case "[?" -> {
        return filter(v -> v);
      }
      case "[" -> {
        if (peek().kind.equals("number")) {
          return index(v -> v);
        }
        expect("*");
        expect("]");
        return projection(v -> v, projectionRight(20));
      }
      case "*" -> {
        return projection(JmesPath::values, projectionRight(20));
      }
      default -> throw error("unexpected " + t.text);
    }
  }

  private Node led(Token t, Node left) {
    switch (t.kind) {
      case "." -> {
        if (peek().kind.equals("*")) {
          next();
          return projection(v -> values(left.eval(v)), projectionRight(20));
        }
        Node right = dotRight(40);
        return v -> {
          Object l = left.eval(v);
          return l == null ? null : right.eval(l);
        };
      }
      case "[" -> {
        if (peek().kind.equals("number")) {
          return index(left);
        }
        expect("*");
        expect("]");
        return projection(left, projectionRight(20));
      }
      case "[]" -> {
        return projection(flatten(left), projectionRight(9));
      }
      case "[?" -> {
        return filter(left);
      }
      case "|" -> {
        Node right = expression(1);
        return v -> right.eval(left.eval(v));
      }
      case "||" -> {
        Node right = expression(2);
        return v -> {
          Object l = left.eval(v);
          return truthy(l) ? l : right.eval(v);
        };
      }
      case "&&" -> {
        Node right = expression(3);
        return v -> {
          Object l = left.eval(v);
          return truthy(l) ? right.eval(v) : l;
        };
      }
      case "==", "!=", "<", "<=", ">", ">=" -> {
        Node right = expression(5);
        String op = t.kind;
        return v -> compare(op, left.eval(v), right.eval(v));
      }
      default -> throw error("unexpected " + t.text);
    }
  }

  /** The right of a dot, binding as tightly as what it follows (a projection binds loosely). */
  private Node dotRight(int bindingPower) {
    String kind = peek().kind;
    if (kind.equals("name")) {
      return expression(bindingPower);
    }
    throw error("expected a field name after '.', found " + peek().text);
  }

  /** What follows a projection, applied to each of its elements (just the element when nothing). */
  private Node projectionRight(int bindingPower) {
    String kind = peek().kind;
    if (power(kind) < 10) {
      return v -> v;
    }
    if (kind.equals("[") || kind.equals("[?")) {
      return expression(bindingPower);
    }
    if (kind.equals(".")) {
      next();
      return dotRight(bindingPower);
    }
    throw error("unexpected " + peek().text + " after a projection");
  }

  private Node index(Node left) {
    int n = (Integer) next().value;
    expect("]");
    return v -> {
      Object l = left.eval(v);
      if (!(l instanceof List<?> list)) {
        return null;
      }
      int i = n < 0 ? list.size() + n : n;
      return i >= 0 && i < list.size() ? list.get(i) : null;
    };
  }

  private Node filter(Node left) {
    Node condition = expression(0);
    expect("]");
    Node right = projectionRight(21);
    return projection(
        overList(
            left,
            (o, kept) -> {
              if (truthy(condition.eval(o))) {
                kept.add(o);
              }
            }),
        right);
  }

  private Node function(String name) {
    List<Node> args = new ArrayList<>();
    while (!peek().kind.equals(")")) {
      args.add(expression(0));
      if (peek().kind.equals(",")) {
        next();
      }
    }
    expect(")");
    return switch (name) {
      case "length" -> {
        arity(name, args, 1);
        yield v -> {
          Object a = args.get(0).eval(v);
          if (a == null) {
            return null; // a list EC2 left out: no length, so no comparison matches
          }
          if (a instanceof String s) {
            return s.codePointCount(0, s.length());
          }
          if (a instanceof Collection<?> c) {
            return c.size();
          }
          if (a instanceof Map<?, ?> m) {
            return m.size();
          }
          throw new IllegalArgumentException(
              "JMESPath "
                  + text
                  + ": length() of "
                  + (a == null ? "null" : a.getClass().getSimpleName()));
        };
      }
      case "contains" -> {
        arity(name, args, 2);
        yield v -> {
          Object subject = args.get(0).eval(v);
          Object search = args.get(1).eval(v);
          if (subject instanceof String s) {
            return search instanceof String needle && s.contains(needle);
          }
          if (subject instanceof List<?> list) {
            return list.stream().anyMatch(o -> same(o, search));
          }
          throw new IllegalArgumentException(
              "JMESPath "
                  + text
                  + ": contains() of "
                  + (subject == null ? "null" : subject.getClass().getSimpleName()));
        };
      }
      default -> throw error("unknown function " + name + "() (length and contains are known)");
    };
  }

  private void arity(String name, List<Node> args, int n) {
    if (args.size() != n) {
      throw error(
          name + "() takes " + n + (n == 1 ? " argument" : " arguments") + ", got " + args.size());
    }
  }

  /** A list of what {@code add} makes of each element of {@code left}'s list; null for no list. */
  private static Node overList(Node left, BiConsumer<Object, List<Object>> add) {
    return v -> {
      if (!(left.eval(v) instanceof List<?> list)) {
        return null;
      }
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        add.accept(o, out);
      }
      return out;
    };
  }

  private static Node projection(Node left, Node right) {
    return overList(
        left,
        (o, out) -> {
          Object r = right.eval(o);
          if (r != null) {
            out.add(r);
          }
        });
  }

  private static Node flatten(Node left) {
    return overList(
        left,
        (o, out) -> {
          if (o instanceof List<?> inner) {
            out.addAll(inner);
          } else {
            out.add(o);
          }
        });
  }

  private static Object values(Object v) {
    return v instanceof Map<?, ?> m ? new ArrayList<Object>(m.values()) : null;
  }

  /** JMESPath's truth: false, null and empty strings, lists and objects are false. */
  static boolean truthy(Object v) {
    return !(v == null
        || Boolean.FALSE.equals(v)
        || (v instanceof String s && s.isEmpty())
        || (v instanceof Collection<?> c && c.isEmpty())
        || (v instanceof Map<?, ?> m && m.isEmpty()));
  }

  private static Object compare(String op, Object l, Object r) {
    if (op.equals("==")) {
      return same(l, r);
    }
    if (op.equals("!=")) {
      return !same(l, r);
    }
    if (!(l instanceof Number a) || !(r instanceof Number b)) {
      return null; // ordering is for numbers only
    }
    int c = Double.compare(a.doubleValue(), b.doubleValue());
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  /**
   * JSON equality: numbers by value whatever their Java type, lists and maps element by element.
   */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof java.time.Instant || b instanceof java.time.Instant) {
      return Objects.equals(String.valueOf(a), String.valueOf(b));
    }
    return Objects.equals(a, b);
  }
}
