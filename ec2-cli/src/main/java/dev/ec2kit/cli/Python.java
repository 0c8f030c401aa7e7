package dev.ec2kit.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values as Python writes them, where the AWS CLI prints a value through Python: {@code str()} (a
 * table's cells, botocore's validation messages), {@code repr()}, the name of a value's type, and
 * the order of strings (by code point). Values are those JSON reads: maps, lists, strings,
 * booleans, null, {@code Long}/{@code BigInteger} and {@code Double}.
 */
final class Python {
  private Python() {}

  /** {@code str(v)}: a string as it is, anything else as its {@code repr}. */
  static String str(Object v) {
    return v instanceof String s ? s : repr(v);
  }

  /** {@code repr(v)}: strings quoted, lists and dicts of their elements' reprs. */
  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Double || v instanceof Float) {
      return floatRepr(((Number) v).doubleValue());
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(e -> parts.add(repr(e)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, e) -> parts.add(repr(k) + ": " + repr(e)));
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }

  /** A string's repr: in single quotes unless it holds one and no double quote. */
  private static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (c == q) {
                    b.append('\\').append((char) c);
                  } else if (c < 0x20 || c == 0x7f) {
                    b.append(String.format("\\x%02x", c));
                  } else {
                    b.appendCodePoint(c);
                  }
                }
              }
            });
    return b.append(q).toString();
  }

  /** A float's repr: the shortest digits, scientific below 1e-4 and from 1e16. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double a = Math.abs(d);
    if (a != 0 && (a < 1e-4 || a >= 1e16)) {
      String digits = b.unscaledValue().abs().toString();
      int exponent = digits.length() - 1 - b.scale();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "")
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    String plain = b.toPlainString();
    return (d == 0 && 1 / d < 0 ? "-" : "") + (plain.contains(".") ? plain : plain + ".0");
  }

  /** The name of a value's type: {@code str}, {@code int}, {@code dict}... */
  static String type(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof String) {
      return "str";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof List) {
      return "list";
    }
    if (v instanceof Map) {
      return "dict";
    }
    if (v instanceof Double || v instanceof Float) {
      return "float";
    }
    return v instanceof Number ? "int" : "object";
  }

  /** Python's order of strings: by code point (Java's compareTo orders UTF-16 units). */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
