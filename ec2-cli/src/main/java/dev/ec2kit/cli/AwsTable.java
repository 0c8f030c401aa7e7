package dev.ec2kit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code --output table} as the AWS CLI v1 prints it, byte for byte: awscli/formatter.py's {@code
 * TableFormatter} building awscli/table.py's {@code MultiTable}, ported rule for rule. The answer
 * (after {@code --query}) becomes sections titled by the operation and by each key holding a list
 * or a record, indented one {@code |} per level; a record's scalar keys are columns (sorted), a
 * lone scalar key a {@code key | value} row; columns are scaled to the widest section; when that is
 * wider than the terminal (80 columns when stdout is no terminal, as the AWS CLI's ioctl fails
 * then), every one-row section is turned on its side. Colour is the AWS CLI's colorama: row values
 * bright blue, the indentation dim yellow, and (colorama's autoreset) a reset after every write.
 * Widths count East Asian wide, full-width and ambiguous characters as two ({@code
 * east-asian-wide.tsv}, Python's unicodedata).
 *
 * <p>One difference, on purpose: a title, column or cell holding control characters (a new line, a
 * CSI, a bidi override: values anyone who can tag a resource can set) shows them escaped as every
 * table of ours does ({@link Table#escaped}), where the AWS CLI's would let a value forge rows or
 * clear the screen. Any other value prints byte for byte as the AWS CLI's.
 */
final class AwsTable {
  /**
   * Where the AWS CLI's table fails (rows of unequal length, a value it cannot tabulate): the
   * Python error it prints, after which it exits 255 whichever command printed.
   */
  static final class Failed extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Failed(String pythonError) {
      super(pythonError);
    }
  }

  private static final String RESET = "\u001b[0m";
  private static final Comparator<String> PYTHON_ORDER = Python::compare;

  private final boolean colour;
  private final List<Section> sections = new ArrayList<>();
  private Section current;

  private AwsTable(boolean colour) {
    this.colour = colour;
  }

  /**
   * The table of a response, or "" when the AWS CLI prints nothing (an empty or false answer).
   *
   * @param title the operation's name ({@code DescribeInstances}), the first section's title
   * @param terminalWidth the terminal's columns (80 when stdout is no terminal)
   * @throws Failed where the AWS CLI's table fails (rows of unequal length)
   */
  static String render(String title, Object response, boolean colour, int terminalWidth) {
    AwsTable table = new AwsTable(colour);
    StringBuilder out = new StringBuilder();
    if (table.build(title, response, 0)) {
      table.render(new Sink(out, colour), terminalWidth);
    }
    return out.toString();
  }

  // ---- awscli/formatter.py: TableFormatter

  private boolean build(String title, Object value, int indent) {
    if (!truthy(value)) {
      return false;
    }
    if (title != null) {
      newSection(title, indent);
    }
    if (value instanceof List<?> list) {
      if (list.get(0) instanceof Map) {
        subTableFromList(list, indent, title);
      } else {
        for (Object item : list) {
          if (scalar(item)) {
            row(List.of(Python.str(item)));
          } else if (allScalar(item)) {
            row(elements(item).stream().map(Python::str).toList());
          } else {
            build(null, item, 0);
          }
        }
      }
    }
    if (value instanceof Map<?, ?> map) {
      subTableFromMap(map, indent);
    }
    return true;
  }

  private void subTableFromMap(Map<?, ?> map, int indent) {
    List<String> headers = new ArrayList<>();
    List<String> more = new ArrayList<>();
    group(map, headers, more);
    if (headers.size() == 1) {
      row(List.of(headers.get(0), Python.str(map.get(headers.get(0)))));
    } else if (!headers.isEmpty()) {
      header(headers);
      row(headers.stream().map(h -> Python.str(map.get(h))).toList());
    }
    for (String k : more) {
      build(k, map.get(k), indent + 1);
    }
  }

  private void subTableFromList(List<?> list, int indent, String title) {
    TreeSet<String> headerSet = new TreeSet<>(PYTHON_ORDER);
    TreeSet<String> moreSet = new TreeSet<>(PYTHON_ORDER);
    for (Object item : list) {
      List<String> h = new ArrayList<>();
      List<String> m = new ArrayList<>();
      group(asMap(item), h, m);
      headerSet.addAll(h);
      moreSet.addAll(m);
    }
    List<String> headers = List.copyOf(headerSet);
    header(headers);
    boolean first = true;
    for (Object item : list) {
      Map<?, ?> element = asMap(item);
      if (!first && !moreSet.isEmpty()) {
        newSection(title, indent);
        header(headers);
      }
      first = false;
      row(
          headers.stream()
              .map(h -> element.containsKey(h) ? Python.str(element.get(h)) : "")
              .toList());
      for (String k : moreSet) {
        if (element.containsKey(k)) {
          build(k, element.get(k), indent + 1);
        }
      }
    }
  }

  /** A record's keys: those holding scalars, and the others, each sorted. */
  private static void group(Map<?, ?> map, List<String> headers, List<String> more) {
    map.forEach((k, v) -> (scalar(v) ? headers : more).add(String.valueOf(k)));
    headers.sort(PYTHON_ORDER);
    more.sort(PYTHON_ORDER);
  }

  /** A list's element as a record; where it is none, the error Python meets in its words. */
  private static Map<?, ?> asMap(Object item) {
    if (item instanceof Map<?, ?> m) {
      return m;
    }
    if (item instanceof String s && !s.isEmpty()) {
      throw new Failed("string indices must be integers, not 'str'");
    }
    if (item instanceof List<?> l && !l.isEmpty()) {
      throw new Failed("list indices must be integers or slices, not " + Python.type(l.get(0)));
    }
    if (!(item instanceof String) && !(item instanceof List)) {
      throw new Failed("'" + Python.type(item) + "' object is not iterable");
    }
    throw new Failed("'" + Python.type(item) + "' object has no attribute 'get'");
  }

  private static boolean scalar(Object v) {
    return !(v instanceof List) && !(v instanceof Map);
  }

  /** A list's elements, or a record's keys: what Python iterates. */
  private static List<?> elements(Object v) {
    return v instanceof Map<?, ?> m ? List.copyOf(m.keySet()) : (List<?>) v;
  }

  private static boolean allScalar(Object v) {
    return elements(v).stream().allMatch(AwsTable::scalar);
  }

  private static boolean truthy(Object v) {
    if (v == null || Boolean.FALSE.equals(v)) {
      return false;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    return true;
  }

  // ---- awscli/table.py: MultiTable

  private void newSection(String title, int indent) {
    current = new Section();
    current.title = title == null ? null : Table.escaped(title);
    current.indent = indent;
    sections.add(current);
  }

  private void header(List<String> headers) {
    current.header(headers.stream().map(Table::escaped).toList());
  }

  private void row(List<String> row) {
    current.row(row.stream().map(Table::escaped).toList());
  }

  private void render(Sink out, int terminalWidth) {
    int max = maxWidth();
    if (max > terminalWidth) {
      for (int i = 0; i < sections.size(); i++) {
        Section s = sections.get(i);
        if (s.rows.size() == 1 && !s.headers.isEmpty()) {
          Section vertical = new Section();
          vertical.title = s.title;
          vertical.indent = s.indent;
          List<String> values = s.rows.get(0);
          for (int c = 0; c < Math.min(s.headers.size(), values.size()); c++) {
            vertical.row(List.of(s.headers.get(c), values.get(c)));
          }
          sections.set(i, vertical);
        }
      }
      max = maxWidth();
    }
    out.write("-".repeat(max) + "\n");
    for (Section s : sections) {
      Indented stream = new Indented(out, s.indent, indentChar());
      int width = max - s.indent * 2;
      renderTitle(s, width, stream);
      renderColumnTitles(s, width, stream);
      renderRows(s, width, stream);
    }
  }

  private int maxWidth() {
    int max = Integer.MIN_VALUE;
    for (Section s : sections) {
      max = Math.max(max, s.totalWidth());
    }
    return max;
  }

  private static void renderTitle(Section s, int width, Indented out) {
    if (s.title != null && !s.title.isEmpty()) {
      out.write(center(s.title, width, "|", "|", length(s.title)) + "\n");
      if (s.headers.isEmpty() && s.rows.isEmpty()) {
        out.write("+" + "-".repeat(Math.max(0, width - 2)) + "+\n");
      }
    }
  }

  private static void renderColumnTitles(Section s, int width, Indented out) {
    if (s.headers.isEmpty()) {
      return;
    }
    int[] widths = s.columnWidths(4, width);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < Math.min(widths.length, s.headers.size()); i++) {
      String h = s.headers.get(i);
      line.append(center(h, widths[i], i == 0 ? "|" : "", "|", length(h)));
    }
    lineBreak(out, widths);
    out.write(line + "\n");
  }

  private void renderRows(Section s, int width, Indented out) {
    if (s.rows.isEmpty()) {
      return;
    }
    int[] widths = s.columnWidths(4, width);
    if (widths.length == 0) {
      return;
    }
    lineBreak(out, widths);
    for (List<String> row : s.rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < Math.min(widths.length, row.size()); i++) {
        String e = row.get(i);
        String styled = colour ? "\u001b[1m\u001b[34m" + e + RESET : e;
        line.append(alignLeft(styled, widths[i], i == 0 ? "|" : "", "|", length(e)));
      }
      out.write(line + "\n");
    }
    lineBreak(out, widths);
  }

  private String indentChar() {
    return colour ? "\u001b[2m\u001b[33m|" + RESET : "|";
  }

  private static void lineBreak(Indented out, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      b.append(i == 0 ? "+" + dashes(widths[i] - 2) + "+" : dashes(widths[i] - 1) + "+");
    }
    out.write(b + "\n");
  }

  private static String dashes(int n) {
    return "-".repeat(Math.max(0, n));
  }

  private static String spaces(int n) {
    return " ".repeat(Math.max(0, n));
  }

  /** table.py's center_text. */
  static String center(String text, int length, String left, String right, int textLength) {
    int start = Math.floorDiv(length, 2) - Math.floorDiv(textLength, 2) - 1;
    int soFar = length(left) + start + textLength;
    int rightSpaces = length - length(right) - soFar;
    return left + spaces(start) + text + spaces(rightSpaces) + right;
  }

  /** table.py's align_left, with its padding of 2. */
  static String alignLeft(String text, int length, String left, String right, int textLength) {
    int computed = textLength + 2 + length(left) + length(right);
    int padding = length - computed >= 0 ? 2 : 0;
    int soFar = left.length() + padding + textLength;
    return left + spaces(padding) + text + spaces(length - soFar - right.length()) + right;
  }

  /** One section: a title, column headers, rows, its indentation (table.py's Section). */
  private static final class Section {
    String title = "";
    List<String> headers = List.of();
    final List<List<String>> rows = new ArrayList<>();
    int indent;
    private Integer columns;
    private List<Integer> maxWidths = new ArrayList<>();

    void header(List<String> h) {
      updateMaxWidths(h);
      if (columns == null) {
        columns = h.size();
      }
      headers = h;
    }

    void row(List<String> row) {
      if (columns == null) {
        columns = row.size();
      }
      if (row.size() != columns) {
        throw new Failed("Row should have " + columns + " elements, instead it has " + row.size());
      }
      rows.add(row);
      updateMaxWidths(row);
    }

    private void updateMaxWidths(List<String> row) {
      if (maxWidths.isEmpty()) {
        maxWidths = new ArrayList<>(row.stream().map(AwsTable::length).toList());
        return;
      }
      for (int i = 0; i < row.size(); i++) {
        if (i >= maxWidths.size()) {
          throw new Failed("list index out of range"); // Python's IndexError
        }
        maxWidths.set(i, Math.max(length(row.get(i)), maxWidths.get(i)));
      }
    }

    /** The columns' widths with padding, scaled so that they add up to {@code max}. */
    int[] columnWidths(int padding, int max) {
      int n = maxWidths.size();
      int[] scaled = new int[n];
      if (n == 0) {
        return scaled;
      }
      long sum = 0;
      for (int w : maxWidths) {
        sum += w + padding;
      }
      double factor = max / (double) sum;
      for (int i = 0; i < n; i++) {
        scaled[i] = (int) Math.rint(factor * (maxWidths.get(i) + padding)); // round half even
      }
      int off = -max;
      for (int w : scaled) {
        off += w;
      }
      while (off != 0) {
        for (int k = 0; k < n; k++) {
          int i = off < 0 ? n - 1 - k : k;
          if (off > 0) {
            scaled[i]--;
            off--;
          } else {
            scaled[i]++;
            off++;
          }
          if (off == 0) {
            break;
          }
        }
      }
      return scaled;
    }

    /** The width with padding 4, borders and the indentation on both sides. */
    int totalWidth() {
      int total = 2;
      for (int w : maxWidths) {
        total += w + 4;
      }
      total += indent * 2;
      // a section begun by a nested list has no title: Python measures str(None)
      int titled = title == null ? "None".length() : length(title);
      return Math.max(titled + 2 + indent * 2, total);
    }
  }

  /** The output, each write followed by a reset when coloured (colorama's autoreset). */
  private record Sink(StringBuilder out, boolean colour) {
    void write(String text) {
      out.append(text);
      if (colour) {
        out.append(RESET);
      }
    }
  }

  /** table.py's IndentedStream: one indentation character per level on both sides. */
  private record Indented(Sink out, int level, String indent) {
    void write(String text) {
      out.write(indent.repeat(level));
      if (text.endsWith("\n")) {
        out.write(text.substring(0, text.length() - 1));
        out.write(indent.repeat(level));
        out.write("\n");
      } else {
        out.write(text);
      }
    }
  }

  // ---- the text widths

  /** table.py's get_text_length: East Asian wide, full-width and ambiguous characters are two. */
  static int length(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      n += c < 0xa1 ? 1 : Wide.is(c) ? 2 : 1;
      i += Character.charCount(c);
    }
    return n;
  }

  /** The code point ranges of east-asian-wide.tsv, read at the first character past Latin-1's. */
  private static final class Wide {
    private static final int[] RANGES = read();

    static boolean is(int c) {
      int lo = 0;
      int hi = RANGES.length / 2 - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (c < RANGES[2 * mid]) {
          hi = mid - 1;
        } else if (c > RANGES[2 * mid + 1]) {
          lo = mid + 1;
        } else {
          return true;
        }
      }
      return false;
    }

    private static int[] read() {
      try (InputStream in = AwsTable.class.getResourceAsStream("east-asian-wide.tsv")) {
        List<Integer> bounds = new ArrayList<>();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank() && !line.startsWith("#")) {
            String[] r = line.strip().split("\t");
            bounds.add(Integer.valueOf(r[0], 16));
            bounds.add(Integer.valueOf(r[r.length - 1], 16));
          }
        }
        return bounds.stream().mapToInt(Integer::intValue).toArray();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read east-asian-wide.tsv", e);
      }
    }
  }
}
