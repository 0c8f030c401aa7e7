package dev.ec2kit.local.internal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of YAML that cloud-config files are written in, read without a library: block mappings
 * of plain keys, block sequences (of scalars, of mappings, at the key's indentation or deeper),
 * plain, single- and double-quoted one-line scalars, literal ({@code |}, {@code |-}, {@code |+})
 * and folded ({@code >}, {@code >-}) block scalars, one-line flow sequences of scalars ({@code [ls,
 * -l, "/a b"]}), and comments. Anything else (anchors, aliases, tags, flow mappings, multi-line
 * quoted or plain scalars, tabs for indentation, several documents) is refused with its line
 * number, never guessed at. Values come back as {@code String}, {@code List} or {@code Map}, and
 * null for an empty value.
 */
final class Yaml {
  /** A document this reader does not take, with the line that is not in its subset. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(int line, String why) {
      super("line " + line + ": " + why);
    }
  }

  private record Line(int no, int indent, String text) {}

  private final List<String> raw;
  private final List<Line> lines = new ArrayList<>();
  private int at;

  private Yaml(String text) throws Refused {
    raw = text.lines().toList();
    for (int i = 0; i < raw.size(); i++) {
      String l = raw.get(i);
      int indent = 0;
      while (indent < l.length() && l.charAt(indent) == ' ') {
        indent++;
      }
      // a tab after the spaces is content inside a block scalar, refused where it would indent
      lines.add(new Line(i + 1, indent, l.substring(indent)));
    }
  }

  /** Reads a document: a mapping at its top, as cloud-config is. */
  static Map<String, Object> parse(String text) throws Refused {
    Yaml y = new Yaml(text);
    y.skip();
    if (y.at < y.lines.size() && y.lines.get(y.at).text().equals("---")) {
      y.at++;
      y.skip();
    }
    if (y.at >= y.lines.size()) {
      return new LinkedHashMap<>();
    }
    Line first = y.lines.get(y.at);
    if (first.text().startsWith("-")) {
      throw new Refused(first.no(), "cloud-config is a mapping at its top, not a sequence");
    }
    Map<String, Object> top = y.mapping(first.indent());
    y.skip();
    if (y.at < y.lines.size()) {
      Line l = y.lines.get(y.at);
      throw new Refused(
          l.no(),
          l.text().equals("---") || l.text().equals("...")
              ? "a second document (one is read)"
              : "unexpected indentation");
    }
    return top;
  }

  /** Moves past blank lines and comment lines. */
  private void skip() {
    while (at < lines.size()
        && (lines.get(at).text().isBlank() || lines.get(at).text().strip().startsWith("#"))) {
      at++;
    }
  }

  /** The next line of structure: a tab where it would indent one is refused. */
  private Line next() throws Refused {
    skip();
    Line l = at < lines.size() ? lines.get(at) : null;
    if (l != null && l.text().startsWith("\t")) {
      throw new Refused(l.no(), "a tab in indentation (YAML indents with spaces)");
    }
    return l;
  }

  private Object node(int parentIndent, boolean sequenceAtParentIndent) throws Refused {
    Line l = next();
    if (l == null) {
      return null;
    }
    if (l.indent() > parentIndent) {
      return l.text().startsWith("- ") || l.text().equals("-")
          ? sequence(l.indent())
          : mapping(l.indent());
    }
    if (sequenceAtParentIndent
        && l.indent() == parentIndent
        && (l.text().startsWith("- ") || l.text().equals("-"))) {
      return sequence(parentIndent);
    }
    return null;
  }

  private Map<String, Object> mapping(int indent) throws Refused {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Line l = next(); l != null && l.indent() >= indent; l = next()) {
      if (l.indent() > indent) {
        throw new Refused(l.no(), "unexpected indentation");
      }
      if (l.text().startsWith("-") || l.text().equals("...")) {
        break; // a parent key's sequence at this indentation, or a document's end or next one
      }
      int colon = keyEnd(l);
      String key = l.text().substring(0, colon);
      if (m.containsKey(key)) {
        throw new Refused(l.no(), "the key '" + key + "' twice");
      }
      String rest = l.text().substring(colon + 1).strip();
      at++;
      m.put(key, value(l, rest, indent, true));
    }
    return m;
  }

  private List<Object> sequence(int indent) throws Refused {
    List<Object> s = new ArrayList<>();
    for (Line l = next(); l != null && l.indent() == indent; l = next()) {
      if (!l.text().startsWith("- ") && !l.text().equals("-")) {
        break;
      }
      String item;
      int offset = 1;
      while (offset < l.text().length() && l.text().charAt(offset) == ' ') {
        offset++;
      }
      item = l.text().substring(offset);
      if (item.startsWith("- ") || item.equals("-")) {
        throw new Refused(l.no(), "a block sequence directly in a sequence (write it [a, b])");
      }
      if (!item.isEmpty() && !item.startsWith("#") && startsMappingItem(item)) {
        // "- key: value" starts a mapping whose keys line up with this first one
        lines.set(at, new Line(l.no(), indent + offset, item));
        s.add(mapping(indent + offset));
        continue;
      }
      at++;
      s.add(value(l, item.startsWith("#") ? "" : item, indent, false));
    }
    Line l = next();
    if (l != null && l.indent() > indent) {
      throw new Refused(l.no(), "unexpected indentation");
    }
    return s;
  }

  private static boolean startsMappingItem(String item) {
    char c = item.charAt(0);
    if (c == '\'' || c == '"' || c == '[' || c == '|' || c == '>') {
      return false;
    }
    int colon = item.indexOf(':');
    return colon > 0
        && item.substring(0, colon).matches("[A-Za-z0-9_.-]+")
        && (colon + 1 == item.length() || item.charAt(colon + 1) == ' ');
  }

  private static int keyEnd(Line l) throws Refused {
    String t = l.text();
    int colon = t.indexOf(':');
    if (colon <= 0
        || !t.substring(0, colon).matches("[A-Za-z0-9_.-]+")
        || (colon + 1 < t.length() && t.charAt(colon + 1) != ' ')) {
      if (t.startsWith("?") || t.startsWith("\"") || t.startsWith("'")) {
        throw new Refused(l.no(), "a key that is not a plain word");
      }
      throw new Refused(l.no(), "expected 'key: value', found '" + t + "'");
    }
    return colon;
  }

  /** The value after a key or a dash: inline, a block scalar, or the lines below. */
  private Object value(Line l, String rest, int indent, boolean afterKey) throws Refused {
    if (rest.isEmpty() || rest.startsWith("#")) {
      return node(indent, afterKey);
    }
    if (rest.startsWith("|") || rest.startsWith(">")) {
      return block(l, rest, indent);
    }
    return scalar(l.no(), rest);
  }

  private String block(Line l, String header, int indent) throws Refused {
    String h = header.contains(" #") ? header.substring(0, header.indexOf(" #")).strip() : header;
    if (!h.matches("[|>][+-]?")) {
      throw new Refused(l.no(), "a block scalar header other than |, |-, |+, >, >-, >+: " + h);
    }
    boolean folded = h.charAt(0) == '>';
    char chomp = h.length() > 1 ? h.charAt(1) : ' ';
    List<String> body = new ArrayList<>();
    int blockIndent = -1;
    while (at < lines.size()) {
      Line b = lines.get(at);
      if (b.text().isBlank()) {
        body.add("");
        at++;
        continue;
      }
      if (b.indent() <= indent) {
        break;
      }
      if (blockIndent < 0) {
        blockIndent = b.indent();
      }
      if (b.indent() < blockIndent) {
        throw new Refused(b.no(), "a block scalar's line less indented than its first");
      }
      body.add(raw.get(b.no() - 1).substring(blockIndent));
      at++;
    }
    int trailing = 0;
    while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
      body.remove(body.size() - 1);
      trailing++;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < body.size(); i++) {
      String line = body.get(i);
      String previous = i > 0 ? body.get(i - 1) : null;
      if (previous != null && (!folded || line.isEmpty())) {
        s.append('\n'); // literal: every break; folded: each empty line is one
      } else if (previous != null && !previous.isEmpty()) {
        // folded: a break between two lines is a space, unless either is more indented
        s.append(line.startsWith(" ") || previous.startsWith(" ") ? "\n" : " ");
      }
      s.append(line);
    }
    if (chomp == '-' || body.isEmpty()) {
      return s.toString();
    }
    s.append('\n');
    if (chomp == '+') {
      s.append("\n".repeat(trailing));
    }
    return s.toString();
  }

  /** A one-line scalar or flow sequence, its trailing comment removed. */
  static Object scalar(int no, String text) throws Refused {
    char c = text.charAt(0);
    if ("&*!{%@`?".indexOf(c) >= 0) {
      throw new Refused(
          no,
          switch (c) {
            case '&' -> "an anchor";
            case '*' -> "an alias";
            case '!' -> "a tag";
            case '{' -> "a flow mapping";
            default -> "a scalar starting with '" + c + "'";
          });
    }
    if (c == '[') {
      return flow(no, text);
    }
    int[] end = new int[1];
    String s = oneScalar(no, text, 0, end, false);
    String after = text.substring(end[0]).strip();
    if (!after.isEmpty() && !after.startsWith("#")) {
      throw new Refused(no, "text after a quoted scalar: " + after);
    }
    return s;
  }

  private static List<Object> flow(int no, String text) throws Refused {
    List<Object> out = new ArrayList<>();
    int i = 1;
    while (true) {
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
      if (i >= text.length()) {
        throw new Refused(no, "a flow sequence not closed on its line");
      }
      if (text.charAt(i) == ']' && out.isEmpty()) {
        i++;
        break;
      }
      char c = text.charAt(i);
      if (c == '[' || c == '{' || "&*!".indexOf(c) >= 0) {
        throw new Refused(no, "a flow sequence holding other than scalars");
      }
      int[] end = new int[1];
      out.add(oneScalar(no, text, i, end, true));
      i = end[0];
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
      if (i >= text.length()) {
        throw new Refused(no, "a flow sequence not closed on its line");
      }
      if (text.charAt(i) == ']') {
        i++;
        break;
      }
      if (text.charAt(i) != ',') {
        throw new Refused(no, "expected ',' or ']' in a flow sequence");
      }
      i++;
    }
    String after = text.substring(i).strip();
    if (!after.isEmpty() && !after.startsWith("#")) {
      throw new Refused(no, "text after a flow sequence: " + after);
    }
    return out;
  }

  /** A scalar starting at {@code from}: quoted, or plain up to a comment (or , ] in a flow). */
  private static String oneScalar(int no, String t, int from, int[] end, boolean inFlow)
      throws Refused {
    char q = t.charAt(from);
    if (q == '\'') {
      StringBuilder s = new StringBuilder();
      for (int i = from + 1; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '\'') {
          if (i + 1 < t.length() && t.charAt(i + 1) == '\'') {
            s.append('\'');
            i++;
            continue;
          }
          end[0] = i + 1;
          return s.toString();
        }
        s.append(c);
      }
      throw new Refused(no, "a single-quoted scalar not closed on its line");
    }
    if (q == '"') {
      StringBuilder s = new StringBuilder();
      for (int i = from + 1; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '"') {
          end[0] = i + 1;
          return s.toString();
        }
        if (c == '\\' && i + 1 < t.length()) {
          char e = t.charAt(++i);
          switch (e) {
            case 'n' -> s.append('\n');
            case 't' -> s.append('\t');
            case 'r' -> s.append('\r');
            case '0' -> s.append('\0');
            case '\\', '"', '/', ' ' -> s.append(e);
            default -> throw new Refused(no, "the escape \\" + e + " in a double-quoted scalar");
          }
          continue;
        }
        s.append(c);
      }
      throw new Refused(no, "a double-quoted scalar not closed on its line");
    }
    int i = from;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '#' && i > from && t.charAt(i - 1) == ' ') {
        break;
      }
      if (inFlow && (c == ',' || c == ']')) {
        break;
      }
      i++;
    }
    end[0] = i;
    return t.substring(from, i).strip();
  }
}
