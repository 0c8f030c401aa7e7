package dev.ec2kit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines of {@link AwsCliParityIT}: what follows {@code aws ec2} on each line, with the
 * little syntax the scenario file's header describes ({@code NAME=} binds the stdout, {@code !
 * Code} expects EC2's error code, {@code $NAME} expands a binding, quotes as in a shell).
 */
final class ParityScenario {
  private static final Pattern BIND = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");
  private static final Pattern FAIL = Pattern.compile("^!\\s*(\\S+)\\s+(.*)$");

  private ParityScenario() {}

  /**
   * One command line: {@code bind} names the binding its stdout makes (or null), {@code error} is
   * the error code it must fail with (or null), {@code command} the rest, unexpanded.
   */
  record Line(int number, String bind, String error, String command) {
    /** The operation's AWS CLI name (the first word), {@code wait} for a waiter. */
    String verb() {
      String c = command.strip();
      int space = c.indexOf(' ');
      return space < 0 ? c : c.substring(0, space);
    }

    /** The EC2 action it calls ({@code create-vpc}: CreateVpc), or null for {@code wait}. */
    String action() {
      if (verb().equals("wait")) {
        return null;
      }
      StringBuilder action = new StringBuilder();
      for (String part : verb().split("-")) {
        action.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
      return action.toString();
    }

    @Override
    public String toString() {
      return (bind == null ? "" : bind + "=") + (error == null ? "" : "! " + error + " ") + command;
    }
  }

  static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String bind = null;
      Matcher m = BIND.matcher(line);
      if (m.matches()) {
        bind = m.group(1);
        line = m.group(2);
      }
      String error = null;
      m = FAIL.matcher(line);
      if (m.matches()) {
        error = m.group(1);
        line = m.group(2);
      }
      lines.add(new Line(i + 1, bind, error, line));
    }
    return lines;
  }

  /**
   * The words of a command as a shell splits them: blanks separate; {@code '...'} is literal;
   * {@code "..."} keeps blanks, expands {@code $NAME} and takes {@code \"}, {@code \\}, {@code \$}
   * escapes; outside quotes a backslash escapes the next character and {@code $NAME} expands.
   *
   * @throws IllegalArgumentException naming a binding the tool has not made, or an open quote
   */
  static List<String> words(String command, Map<String, String> bindings) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    int n = command.length();
    while (i < n) {
      char c = command.charAt(i);
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("open ' in: " + command);
        }
        word.append(command, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("open \" in: " + command);
          }
          char d = command.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && "\"\\$".indexOf(command.charAt(i + 1)) >= 0) {
            word.append(command.charAt(i + 1));
            i += 2;
          } else if (d == '$') {
            i = expand(command, i, bindings, word);
          } else {
            word.append(d);
            i++;
          }
        }
      } else if (c == '\\' && i + 1 < n) {
        word.append(command.charAt(i + 1));
        i += 2;
      } else if (c == '$') {
        i = expand(command, i, bindings, word);
      } else {
        word.append(c);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends the binding named at {@code at} (a {@code $}); returns the index after its name. */
  private static int expand(String s, int at, Map<String, String> bindings, StringBuilder to) {
    int end = at + 1;
    while (end < s.length()
        && (Character.isUpperCase(s.charAt(end))
            || Character.isDigit(s.charAt(end))
            || s.charAt(end) == '_')) {
      end++;
    }
    if (end == at + 1) {
      to.append('$');
      return end;
    }
    String name = s.substring(at + 1, end);
    String value = bindings.get(name);
    if (value == null) {
      throw new IllegalArgumentException("$" + name + " is not bound");
    }
    to.append(value);
    return end;
  }
}
