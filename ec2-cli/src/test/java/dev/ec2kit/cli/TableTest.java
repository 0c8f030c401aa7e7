package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The readable table: one line per row whatever the cells hold, columns lined up as printed. */
class TableTest {
  private record Row(String id, String value, String after) {}

  private static final Table<Row> TABLE =
      new Table<Row>("Rows")
          .column("Id", Row::id)
          .column("Value", Row::value)
          .column("After", Row::after);

  private static List<String> table(List<Row> rows) {
    StringWriter out = new StringWriter();
    TABLE.print(new Output(), new PrintWriter(out), GlobalOptions.Format.table, rows);
    return out.toString().lines().toList();
  }

  @Test
  void every_control_character_shows_escaped_and_columns_line_up_on_what_is_printed() {
    StringBuilder all = new StringBuilder();
    IntStream.rangeClosed(0, 0x1f).forEach(all::appendCodePoint);
    IntStream.rangeClosed(0x7f, 0x9f).forEach(all::appendCodePoint);
    IntStream.rangeClosed(0x202a, 0x202e).forEach(all::appendCodePoint);
    IntStream.rangeClosed(0x2066, 0x2069).forEach(all::appendCodePoint);
    all.append("\u200f\u2028");
    List<String> lines =
        table(
            List.of(
                new Row("clear", "\u001b[2J\u001b[1;1Hforged", "x"),
                new Row("all", all.toString(), "y"),
                new Row("plain", "café 東京 \\n", "z")));

    assertThat(lines).hasSize(4);
    assertNoControlCharacters(lines);
    assertThat(lines.get(1)).contains("\\x1b[2J\\x1b[1;1Hforged");
    assertThat(lines.get(2))
        .contains(
            "\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e",
            "\\x1f\\x7f\\x80",
            "\\x9b",
            "\\x9f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200f\\u2028");
    assertThat(lines.get(3)).contains("café 東京 \\n"); // printable text is left alone
    int after = lines.get(0).indexOf("After");
    assertThat(lines.subList(1, 4)).allMatch(l -> l.lastIndexOf("  ") + 2 == after);
  }

  /** None of the lines holds a control character, a line separator or a bidi control. */
  static void assertNoControlCharacters(List<String> lines) {
    for (String line : lines) {
      assertThat(line.codePoints())
          .as("code points of %s", line)
          .noneMatch(
              c ->
                  c < 0x20
                      || (c >= 0x7f && c <= 0x9f)
                      || c == 0x061c
                      || (c >= 0x200e && c <= 0x200f)
                      || (c >= 0x2028 && c <= 0x202e)
                      || (c >= 0x2066 && c <= 0x2069));
    }
  }
}
