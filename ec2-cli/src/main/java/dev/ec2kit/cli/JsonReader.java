package dev.ec2kit.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the AWS CLI's parameters take it ({@code json.loads} with ordered objects): objects keep
 * their order, whole numbers are {@code Long} (or {@code BigInteger}), others {@code Double}.
 */
final class JsonReader {
  /** Not JSON: the message says where, as Python's json module does. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private final String s;
  private int i;

  private JsonReader(String s) {
    this.s = s;
  }

  private int depth;

  static Object parse(String text) {
    JsonReader r = new JsonReader(text);
    Object v = r.value();
    r.space();
    if (r.i < text.length()) {
      throw r.error("Extra data");
    }
    return v;
  }

  /** A value nested at most 100 deep: deeper input is refused, not a stack overflow. */
  private Object value() {
    if (++depth > 100) {
      throw error("Nested deeper than 100 levels");
    }
    try {
      return nested();
    } finally {
      depth--;
    }
  }

  private Object nested() {
    space();
    if (i >= s.length()) {
      throw error("Expecting value");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
          i++;
          return m;
        }
        while (true) {
          space();
          if (peek() != '"') {
            throw error("Expecting property name enclosed in double quotes");
          }
          String k = string();
          space();
          if (peek() != ':') {
            throw error("Expecting ':' delimiter");
          }
          i++;
          m.put(k, value());
          space();
          char n = peek();
          i++;
          if (n == '}') {
            return m;
          }
          if (n != ',') {
            i--;
            throw error("Expecting ',' delimiter");
          }
        }
      }
      case '[' -> {
        i++;
        List<Object> l = new ArrayList<>();
        space();
        if (peek() == ']') {
          i++;
          return l;
        }
        while (true) {
          l.add(value());
          space();
          char n = peek();
          i++;
          if (n == ']') {
            return l;
          }
          if (n != ',') {
            i--;
            throw error("Expecting ',' delimiter");
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
        if (start == i) {
          throw error("Expecting value");
        }
        String n = s.substring(start, i);
        try {
          if (n.contains(".") || n.contains("e") || n.contains("E")) {
            return new BigDecimal(n).doubleValue();
          }
          BigInteger b = new BigInteger(n);
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        } catch (NumberFormatException e) {
          i = start;
          throw error("Expecting value");
        }
      }
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private String string() {
    i++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("Unterminated string starting at");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = i < s.length() ? s.charAt(i++) : '\0';
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case '/' -> b.append('/');
        case '\\' -> b.append('\\');
        case '"' -> b.append('"');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("Invalid \\uXXXX escape");
          }
          if (!s.substring(i, i + 4).chars().allMatch(HexFormat::isHexDigit)) {
            throw error("Invalid \\uXXXX escape");
          }
          b.append((char) HexFormat.fromHexDigits(s, i, i + 4));
          i += 4;
        }
        default -> throw error("Invalid \\escape");
      }
    }
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  /** Python's message: what was expected, with line, column and character offset. */
  private Malformed error(String what) {
    int line = 1;
    int col = 1;
    for (int k = 0; k < Math.min(i, s.length()); k++) {
      if (s.charAt(k) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new Malformed(what + ": line " + line + " column " + col + " (char " + i + ")");
  }
}
