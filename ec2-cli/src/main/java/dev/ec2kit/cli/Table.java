package dev.ec2kit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints a list of results as a table for people, JSON shaped like the AWS CLI's for scripts, or
 * tab-separated text.
 */
final class Table<T> {
  private record Column<T>(String name, Function<T, Object> value) {}

  private final String listName;
  private final List<Column<T>> columns = new ArrayList<>();
  private final boolean ours;

  /** {@code listName} is the JSON key that holds the list, such as {@code Regions}. */
  Table(String listName) {
    this(listName, false);
  }

  private Table(String listName, boolean ours) {
    this.listName = listName;
    this.ours = ours;
  }

  /**
   * A table of results that are not an EC2 answer (loads over SSH, the built-in region list): its
   * own JSON and tab-separated text, --query applied to that JSON; never the answer of a Describe
   * call made on the way.
   */
  static <T> Table<T> ours(String listName) {
    return new Table<>(listName, true);
  }

  Table<T> column(String name, Function<T, Object> value) {
    columns.add(new Column<>(name, value));
    return this;
  }

  void print(Output run, PrintWriter out, GlobalOptions.Format format, List<T> rows) {
    if (ours) {
      if (run.queried()) {
        StringWriter json = new StringWriter();
        printJson(new PrintWriter(json), rows);
        run.emit(out, format, Output.parseJson(json.toString()));
        return;
      }
    } else if (run.fromModel(out, format, m -> m)) {
      return; // EC2's answer as the AWS CLI prints it
    }
    switch (format) {
      case json -> printJson(out, rows);
      case text -> {
        for (T row : rows) {
          List<String> cells = new ArrayList<>();
          for (Column<T> c : columns) {
            cells.add(cell(c.value().apply(row)));
          }
          out.println(String.join("\t", cells));
        }
      }
      case table -> printTable(out, rows);
    }
    out.flush();
  }

  private void printTable(PrintWriter out, List<T> rows) {
    int[] widths = new int[columns.size()];
    List<String[]> cells = new ArrayList<>();
    String[] header = new String[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      header[i] = escaped(columns.get(i).name());
      widths[i] = width(header[i]);
    }
    for (T row : rows) {
      String[] line = new String[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        line[i] = escaped(cell(columns.get(i).value().apply(row)));
        widths[i] = Math.max(widths[i], width(line[i]));
      }
      cells.add(line);
    }
    printRow(out, header, widths);
    for (String[] line : cells) {
      printRow(out, line, widths);
    }
  }

  private static void printRow(PrintWriter out, String[] cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(widths[i] - width(cells[i])));
      }
    }
    out.println(sb);
  }

  private void printJson(PrintWriter out, List<T> rows) {
    StringBuilder sb = new StringBuilder("{\n    ").append(Json.quote(listName)).append(": [");
    for (int r = 0; r < rows.size(); r++) {
      sb.append(r == 0 ? "\n" : ",\n").append("        {");
      for (int i = 0; i < columns.size(); i++) {
        Column<T> c = columns.get(i);
        sb.append(i == 0 ? "\n" : ",\n")
            .append("            ")
            .append(Json.quote(c.name()))
            .append(": ");
        sb.append(Json.value(c.value().apply(rows.get(r))));
      }
      sb.append("\n        }");
    }
    sb.append(rows.isEmpty() ? "]\n}" : "\n    ]\n}");
    out.println(sb);
  }

  private static String cell(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof List<?> l) {
      return l.isEmpty() ? "-" : String.join(",", l.stream().map(String::valueOf).toList());
    }
    return String.valueOf(v);
  }

  /**
   * A cell as the table prints it: control characters (C0 with new line and tab, DEL, C1), the line
   * and paragraph separators and the bidi controls (U+061C, U+200E, U+200F, U+202A to U+202E,
   * U+2066 to U+2069) written as escapes the way Python's repr writes them ({@code \n}, {@code
   * \x1b}, and backslash, u and four hex digits above U+00FF), so a value from EC2 cannot add a
   * row, move the cursor, clear the screen or reorder what a person reads. Text and JSON output
   * keep the value as EC2 gave it, as the AWS CLI's do.
   */
  static String escaped(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case 0x061c, 0x200e, 0x200f, 0x2028, 0x2029:
        return hex("\\u", c, 4);
      default:
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
          return hex("\\x", c, 2);
        }
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
          return hex("\\u", c, 4);
        }
        return null;
    }
  }

  private static String hex(String prefix, char c, int digits) {
    StringBuilder out = new StringBuilder(prefix);
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out.append(Character.forDigit((c >> shift) & 0xf, 16));
    }
    return out.toString();
  }

  /** Columns a printed cell takes: one per code point (wide East Asian characters are not told). */
  private static int width(String printed) {
    return printed.codePointCount(0, printed.length());
  }
}
