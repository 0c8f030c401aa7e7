package dev.ec2kit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS CLI's shorthand syntax ({@code Name=tag:Role,Values=web,db}, {@code Key=a,Value=b},
 * {@code Ebs={VolumeSize=8}}, {@code Values=[a,b]}), parsed as awscli/shorthand.py's
 * ShorthandParser does, rule for rule and regex for regex: a value is a string, a list of strings
 * or a map; the model then gives them their types ({@link AwsParams}).
 */
final class Shorthand {
  /** What the AWS CLI says of a value it cannot read: its ShorthandParseError's message. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private static final String START = "!#-&(-+\\--<>-Z\\\\-z|-\uffff";
  private static final String FIRST_FOLLOW = "\\s!#-&(-+\\--\\\\^-|~-\uffff";
  private static final String SECOND_FOLLOW = "\\s!#-&(-+\\--<>-\uffff";
  private static final String ESCAPED_COMMA = "(\\\\,)";
  private static final Pattern FIRST = scalar(FIRST_FOLLOW);
  private static final Pattern SECOND = scalar(SECOND_FOLLOW);
  private static final Pattern SINGLE_QUOTED = Pattern.compile("'(?:\\\\'|[^'])*'");
  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:\\\\\"|[^\"])*\"");
  private static final String KEY_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#/:";

  /** A scalar's pattern; possessive, so that a long value does not overflow the stack. */
  private static Pattern scalar(String follow) {
    return Pattern.compile(
        "(" + ESCAPED_COMMA + "|[" + START + "])(" + ESCAPED_COMMA + "|[" + follow + "])*+");
  }

  private final String input;
  private final UnaryOperator<String> paramFiles;
  private int at;
  private boolean resolveFiles;

  private Shorthand(String input, UnaryOperator<String> paramFiles) {
    this.input = input;
    this.paramFiles = paramFiles;
  }

  /**
   * {@code value} as shorthand: a map of keys to strings, lists and maps; {@code key@=file://F}
   * reads the file through {@code paramFiles}.
   *
   * @throws SyntaxError as the AWS CLI words it
   */
  static Map<String, Object> parse(String value, UnaryOperator<String> paramFiles) {
    return new Shorthand(value, paramFiles).parameter();
  }

  private Map<String, Object> parameter() {
    Map<String, Object> params = new LinkedHashMap<>();
    String[] kv = new String[1];
    Object v = keyval(kv);
    params.put(kv[0], v);
    int last = at;
    while (at < input.length()) {
      expect(',', true);
      v = keyval(kv);
      if (params.containsKey(kv[0])) {
        throw new SyntaxError(
            "Second instance of key \""
                + kv[0]
                + "\" encountered for input:\n"
                + location(last + 1)
                + "\nThis is often because there is a preceding \",\" instead of a space.");
      }
      params.put(kv[0], v);
      last = at;
    }
    return params;
  }

  private Object keyval(String[] key) {
    key[0] = key();
    fileMarker();
    expect('=', true);
    return values();
  }

  private void fileMarker() {
    resolveFiles = false;
    int mark = at;
    space();
    if (at < input.length() && input.charAt(at) == '@') {
      at++;
      space();
      resolveFiles = true;
    } else {
      at = mark;
    }
  }

  private String key() {
    int start = at;
    while (at < input.length() && KEY_CHARS.indexOf(input.charAt(at)) >= 0) {
      at++;
    }
    return input.substring(start, at);
  }

  private Object values() {
    if (eof()) {
      return "";
    }
    char c = input.charAt(at);
    if (c == '[') {
      return explicitList();
    }
    if (c == '{') {
      return hashLiteral();
    }
    return csvValue();
  }

  private Object csvValue() {
    String first = firstValue();
    space();
    if (eof() || input.charAt(at) != ',') {
      return first;
    }
    expect(',', true);
    List<Object> csv = new ArrayList<>();
    csv.add(first);
    while (true) {
      try {
        String current = secondValue();
        space();
        if (eof()) {
          csv.add(current);
          break;
        }
        expect(',', true);
        csv.add(current);
      } catch (SyntaxError e) {
        if (eof()) {
          throw e;
        }
        while (at >= 0 && input.charAt(at) != ',') {
          at--; // back to the comma before a key=value: the list ended there
        }
        break;
      }
    }
    return csv.size() == 1 ? first : csv;
  }

  private List<Object> explicitList() {
    expect('[', true);
    List<Object> values = new ArrayList<>();
    while (current() != ']') {
      values.add(explicitValue());
      space();
      if (current() != ']') {
        expect(',', false);
        space();
      }
    }
    expect(']', false);
    return values;
  }

  /** A nested list or hash at most 100 deep: deeper input is refused, not a stack overflow. */
  private Object explicitValue() {
    if (++depth > 100) {
      throw new SyntaxError("Nested deeper than 100 levels");
    }
    try {
      return explicitValueHere();
    } finally {
      depth--;
    }
  }

  private int depth;

  private Object explicitValueHere() {
    char c = current();
    if (c == '[') {
      return explicitList();
    }
    if (c == '{') {
      return hashLiteral();
    }
    return firstValue();
  }

  private Map<String, Object> hashLiteral() {
    expect('{', true);
    Map<String, Object> out = new LinkedHashMap<>();
    while (current() != '}') {
      String k = key();
      fileMarker();
      expect('=', true);
      Object v = explicitValue();
      space();
      if (current() != '}') {
        expect(',', false);
        space();
      }
      out.put(k, v);
    }
    expect('}', false);
    return out;
  }

  private String firstValue() {
    char c = current();
    if (c == '\'') {
      return files(quoted(SINGLE_QUOTED, '\''));
    }
    if (c == '"') {
      return files(quoted(DOUBLE_QUOTED, '"'));
    }
    Matcher m = FIRST.matcher(input).region(at, input.length());
    if (m.lookingAt()) {
      at = m.end();
      return files(stripEnd(m.group().replace("\\,", ",")));
    }
    return "";
  }

  private String secondValue() {
    char c = current();
    if (c == '\'') {
      return files(quoted(SINGLE_QUOTED, '\''));
    }
    if (c == '"') {
      return files(quoted(DOUBLE_QUOTED, '"'));
    }
    return files(stripEnd(consume(SECOND, "second").replace("\\,", ",")));
  }

  private String files(String v) {
    return resolveFiles ? paramFiles.apply(v) : v;
  }

  private String quoted(Pattern p, char quote) {
    String v = consume(p, quote == '\'' ? "singled quoted" : "double quoted");
    v = v.substring(1, v.length() - 1);
    return v.replace("\\" + quote, String.valueOf(quote)).replace("\\\\", "\\");
  }

  private String consume(Pattern p, String name) {
    Matcher m = p.matcher(input).region(at, input.length());
    if (!m.lookingAt()) {
      throw syntax("<" + name + ">", "<none>");
    }
    at = m.end();
    return m.group();
  }

  private void expect(char c, boolean spaces) {
    if (spaces) {
      space();
    }
    if (eof()) {
      throw syntax(String.valueOf(c), "EOF");
    }
    char actual = input.charAt(at);
    if (actual != c) {
      throw syntax(String.valueOf(c), String.valueOf(actual));
    }
    at++;
    if (spaces) {
      space();
    }
  }

  private SyntaxError syntax(String expected, String actual) {
    return new SyntaxError(
        "Expected: '" + expected + "', received: '" + actual + "' for input:\n" + location(at));
  }

  /** The input with a caret under the place it went wrong, as the AWS CLI shows it. */
  private String location(int index) {
    String consumed = input;
    String remaining = "";
    int spaces = index;
    String before = input.substring(0, Math.min(index, input.length()));
    if (before.contains("\n")) {
      spaces = index - before.lastIndexOf('\n') - 1;
    }
    String after = input.substring(Math.min(index, input.length()));
    if (after.contains("\n")) {
      int next = index + after.indexOf('\n');
      consumed = input.substring(0, next);
      remaining = input.substring(next);
    }
    return consumed + "\n" + " ".repeat(Math.max(0, spaces)) + "^" + remaining;
  }

  private static String stripEnd(String s) {
    return s.stripTrailing();
  }

  private char current() {
    return eof() ? '\uffff' : input.charAt(at);
  }

  private boolean eof() {
    return at >= input.length();
  }

  private void space() {
    while (!eof() && Character.isWhitespace(input.charAt(at))) {
      at++;
    }
  }
}
