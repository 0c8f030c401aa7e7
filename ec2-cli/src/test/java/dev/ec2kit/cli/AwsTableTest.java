package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AwsTable} prints what the AWS CLI v1's own {@code TableFormatter} prints (run here under
 * pyenv's python3, the parity peer) for the same values: nested records and lists, lists of scalars
 * and of rows, records whose keys differ, sections begun by a nested list, wide and ambiguous East
 * Asian characters, tables turned on their side past 80 columns, Python's {@code str} of numbers,
 * booleans and nulls, empty and false answers, colour, and rows of unequal length (an error in the
 * AWS CLI's words).
 */
class AwsTableTest {
  @TempDir Path dir;

  private static final List<String> VALUES =
      List.of(
          "{\"Reservations\": [{\"OwnerId\": \"123\", \"ReservationId\": \"r-1\", \"Instances\":"
              + " [{\"InstanceId\": \"i-1\", \"State\": {\"Code\": 16, \"Name\": \"running\"},"
              + " \"Tags\": [{\"Key\": \"Name\", \"Value\": \"web\"}]}, {\"InstanceId\": \"i-2\","
              + " \"State\": {\"Code\": 80, \"Name\": \"stopped\"}}]}]}",
          "[\"us-east-1\", \"eu-west-1\"]",
          "[[\"a\", 1, true], [\"bb\", 22, false], [\"ccc\", null, 1.5]]",
          "\"just a string\"",
          "5",
          "0",
          "false",
          "null",
          "{}",
          "[]",
          "{\"Vpcs\": []}",
          "{\"Tags\": [{\"Key\": \"名前\", \"Value\": \"テスト\"}, {\"Key\": \"é°±\","
              + " \"Value\": \"ｈａｌｆ ﾊﾝｶｸ\"}, {\"Key\": \"😀\", \"Value\": \"x\"}]}",
          "{\"A\": \""
              + "x".repeat(50)
              + "\", \"B\": \""
              + "y".repeat(40)
              + "\", \"N\":"
              + " {\"C\": 1, \"D\": 2}, \"L\": [{\"E\": 1, \"F\": 2}, {\"E\": 3, \"F\": 4}]}",
          "[{\"a\": 1, \"n\": [{\"x\": 1}]}, {\"b\": 2}, {\"a\": 3, \"n\": []}]",
          "[[{\"a\": 1, \"m\": {\"q\": 1}}, {\"a\": 2, \"m\": {\"q\": 2}}]]",
          "{\"F\": 1.5, \"G\": 3.0, \"H\": null, \"T\": true, \"E\": 1e-7, \"L\":"
              + " 12345678901234567890.0, \"I\": 12345678901234567890, \"M\": -0.25}",
          "{\"Name\": \"only\", \"Sub\": {\"A\": 1, \"B\": \"two\"}}",
          "[\"scalar\", {\"k1\": 1, \"k2\": 2}]",
          "[[\"a\"], [\"b\", \"c\"]]",
          "[\"a\", []]",
          "{\"" + "k".repeat(90) + "\": 1, \"Z\": 2}",
          "[{\"a\": \"x\"}, \"not a record\"]",
          "[{\"a\": \"x\"}, 7]",
          "[{\"a\": \"x\"}, \"\"]",
          "[{\"a\": \"x\"}, [\"b\"]]");

  @Test
  void every_value_prints_as_the_aws_clis_table_does() throws Exception {
    List<String> theirs = awscli(false);
    List<String> coloured = awscli(true);
    for (int i = 0; i < VALUES.size(); i++) {
      Object value = JsonReader.parse(VALUES.get(i));
      assertThat(ours(value, false)).as("table of %s", VALUES.get(i)).isEqualTo(theirs.get(i));
      assertThat(ours(value, true))
          .as("coloured table of %s", VALUES.get(i))
          .isEqualTo(coloured.get(i));
    }
  }

  @Test
  void the_wide_characters_are_pythons_east_asian_wide_full_width_and_ambiguous() throws Exception {
    String script =
        "import unicodedata\n"
            + "print(''.join('1' if unicodedata.east_asian_width(chr(c)) in 'WFA' else '0'"
            + " for c in range(0x110000)))\n";
    String widths = python(script, "").strip();
    assertThat(widths).hasSize(0x110000);
    for (int c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) {
        continue; // no character of a Java string: a surrogate is half of one
      }
      int expected = widths.charAt(c) == '1' ? 2 : 1;
      if (AwsTable.length(new String(Character.toChars(c))) != expected) {
        assertThat(AwsTable.length(new String(Character.toChars(c))))
            .as("width of U+%04X", c)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void a_value_with_control_characters_shows_them_escaped_and_cannot_forge_a_row() {
    String table = AwsTable.render("Title", JsonReader.parse("[\"a\\nb\\u001b[2J\"]"), false, 80);
    assertThat(table.lines())
        .containsExactly(
            "-----------------",
            "|     Title     |",
            "+---------------+",
            "|  a\\nb\\x1b[2J  |",
            "+---------------+");
  }

  private static String ours(Object value, boolean colour) {
    try {
      return AwsTable.render("Title", value, colour, Terminal.DEFAULT_COLUMNS);
    } catch (IllegalArgumentException e) {
      return "error: " + e.getMessage();
    }
  }

  private List<String> awscli(boolean colour) throws Exception {
    StringBuilder cases = new StringBuilder("[");
    for (String v : VALUES) {
      cases.append(cases.length() > 1 ? ", " : "");
      cases.append("{\"value\": ").append(v).append(", \"color\": \"");
      cases.append(colour ? "on" : "off").append("\"}");
    }
    String script;
    try (InputStream in = getClass().getResourceAsStream("/parity/awscli_table.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> out = new ArrayList<>();
    for (Object answer : (List<?>) JsonReader.parse(python(script, cases.append("]").toString()))) {
      out.add((String) answer);
    }
    assertThat(out).hasSameSizeAs(VALUES);
    return out;
  }

  /** Runs a script under python3 (pyenv's, first on PATH: the AWS CLI v1's). */
  private String python(String script, String stdin) throws Exception {
    Path file = Files.createTempFile(dir, "script", ".py");
    Files.writeString(file, script);
    Process p =
        new ProcessBuilder("python3", file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("python3 exit").isZero();
    return out;
  }
}
