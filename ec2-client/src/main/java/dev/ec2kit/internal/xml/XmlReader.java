package dev.ec2kit.internal.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Reads an answer's XML into {@link XmlNode}s: elements by local name, their text, nothing else.
 * What EC2, STS and their kin send is a small part of XML: a declaration, elements with namespace
 * attributes, text with the five entities and character references, at times CDATA or comments.
 * That part is read here directly from the UTF-8 bytes; anything outside it that could change the
 * meaning (a DOCTYPE, an entity it does not know, a tag that does not match) is refused. Not the
 * JDK's StAX: its factory lookup and first use cost every command ~15 ms, and it allocated about as
 * much again as this reader per answer.
 */
final class XmlReader {
  private final byte[] b;
  private final String source;
  private int i;
  private final List<XmlNode> open = new ArrayList<>();

  /**
   * Where each open element's qualified name starts and ends in {@link #b}, to match its end tag.
   */
  private int[] openNames = new int[32];

  private final List<List<XmlNode>> pending = new ArrayList<>();

  private final Names names = new Names();

  private XmlReader(byte[] document, String source) {
    this.b = document;
    this.source = source;
  }

  /** The document's root element; the bytes must be UTF-8 (checked by the caller). */
  static XmlNode read(byte[] document, String source) throws XMLStreamException {
    return new XmlReader(document, source).document();
  }

  private XmlNode document() throws XMLStreamException {
    int n = b.length;
    if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
      i = 3; // a byte order mark
    }
    XmlNode root = null;
    while (i < n) {
      if (b[i] != '<') {
        text();
      } else if (at("<?")) {
        i = after("?>", i + 2);
      } else if (at("<!--")) {
        i = after("-->", i + 4);
      } else if (at("<![CDATA[")) {
        int end = find("]]>", i + 9);
        if (open.isEmpty()) {
          throw fail("CDATA outside the root element");
        }
        top().appendText(new String(b, i + 9, end - i - 9, StandardCharsets.UTF_8));
        i = end + 3;
      } else if (at("<!")) {
        throw fail("DTDs are not accepted");
      } else if (at("</")) {
        endTag();
      } else {
        if (open.isEmpty() && root != null) {
          throw fail("a second root element");
        }
        XmlNode node = startTag();
        if (root == null) {
          root = node;
        }
      }
    }
    if (root == null) {
      throw fail("empty document");
    }
    if (!open.isEmpty()) {
      throw fail("the document ends inside <" + top().name() + ">");
    }
    return root;
  }

  private XmlNode top() {
    return open.get(open.size() - 1);
  }

  /** {@code <name attr="v" ...>} or {@code <name .../>}; returns the element. */
  private XmlNode startTag() throws XMLStreamException {
    int start = ++i;
    int local = start;
    while (i < b.length && !space(b[i]) && b[i] != '>' && b[i] != '/') {
      if (b[i] == ':') {
        local = i + 1;
      }
      if (b[i] == '<' || b[i] == '=' || b[i] == '"' || b[i] == '\'' || b[i] == '&') {
        throw fail("a malformed element name");
      }
      i++;
    }
    int end = i;
    if (local == end || !nameStart(b[local]) || !nameStart(b[start])) {
      throw fail("a malformed element name");
    }
    XmlNode node = new XmlNode(names.get(b, local, end), source);
    pending(open.size()).add(node);
    while (true) { // attributes: read for well-formedness, their values unused
      skipSpace();
      if (i >= b.length) {
        throw fail("the document ends inside a tag");
      }
      if (b[i] == '>') {
        i++;
        push(node, start, end);
        return node;
      }
      if (b[i] == '/') {
        if (i + 1 >= b.length || b[i + 1] != '>') {
          throw fail("'/' inside a tag");
        }
        i += 2;
        node.finish();
        return node;
      }
      int name = i;
      while (i < b.length && !space(b[i]) && b[i] != '=' && b[i] != '>' && b[i] != '/') {
        i++;
      }
      if (i == name || !nameStart(b[name])) {
        throw fail("a malformed attribute");
      }
      skipSpace();
      if (i >= b.length || b[i] != '=') {
        throw fail("an attribute without a value");
      }
      i++;
      skipSpace();
      if (i >= b.length || (b[i] != '"' && b[i] != '\'')) {
        throw fail("an attribute value without quotes");
      }
      byte quote = b[i];
      int close = i + 1;
      while (close < b.length && b[close] != quote) {
        if (b[close] == '<') {
          throw fail("'<' in an attribute value");
        }
        close++;
      }
      if (close >= b.length) {
        throw fail("the document ends inside an attribute value");
      }
      i = close + 1;
    }
  }

  /**
   * The children met so far of the element open at {@code depth - 1}, one reused list per depth:
   * each element gets an exact-size copy at its end instead of a list grown child by child.
   */
  private List<XmlNode> pending(int depth) {
    while (pending.size() <= depth) {
      pending.add(new ArrayList<>());
    }
    return pending.get(depth);
  }

  /** An element's end: its children handed over, its text stripped. */
  private void close(XmlNode node, int depth) {
    if (depth + 1 < pending.size()) {
      List<XmlNode> children = pending.get(depth + 1);
      if (!children.isEmpty()) {
        node.children(List.copyOf(children));
        children.clear();
      }
    }
    node.finish();
  }

  private void push(XmlNode node, int nameStart, int nameEnd) {
    int k = open.size() * 2;
    if (k + 2 > openNames.length) {
      openNames = Arrays.copyOf(openNames, openNames.length * 2);
    }
    openNames[k] = nameStart;
    openNames[k + 1] = nameEnd;
    open.add(node);
  }

  /** {@code </name>}, which must close the element open last. */
  private void endTag() throws XMLStreamException {
    int start = i + 2;
    i = start;
    while (i < b.length && !space(b[i]) && b[i] != '>') {
      i++;
    }
    int end = i;
    skipSpace();
    if (i >= b.length || b[i] != '>') {
      throw fail("a malformed end tag");
    }
    i++;
    if (open.isEmpty()) {
      throw fail("an end tag with no element open");
    }
    int k = (open.size() - 1) * 2;
    if (!Arrays.equals(b, start, end, b, openNames[k], openNames[k + 1])) {
      throw fail(
          "</"
              + new String(b, start, end - start, StandardCharsets.UTF_8)
              + "> closing <"
              + new String(b, openNames[k], openNames[k + 1] - openNames[k], StandardCharsets.UTF_8)
              + ">");
    }
    close(open.remove(open.size() - 1), open.size());
  }

  /** Text up to the next tag: the open element's, or white space between top-level parts. */
  private void text() throws XMLStreamException {
    int start = i;
    boolean blank = true;
    boolean plain = true;
    while (i < b.length && b[i] != '<') {
      byte c = b[i];
      if (!space(c)) {
        blank = false;
      }
      if (c == '&' || c == '\r') {
        plain = false;
      } else if (c == '>' && i - start >= 2 && b[i - 1] == ']' && b[i - 2] == ']') {
        throw fail("]]> in text");
      } else if (c >= 0 && c < 0x20 && c != '\n' && c != '\t') {
        throw fail("the control character U+00" + (c < 0x10 ? "0" : "") + Integer.toHexString(c));
      }
      i++;
    }
    if (open.isEmpty()) {
      if (!blank) {
        throw fail("text outside the root element");
      }
      return;
    }
    XmlNode node = top();
    if (blank && !node.hasText()) {
      return; // indentation before the first child, or leading white space: no string made
    }
    node.appendText(
        plain ? new String(b, start, i - start, StandardCharsets.UTF_8) : decode(start, i));
  }

  /** Text with entities and character references replaced, line ends made {@code \n}. */
  private String decode(int start, int end) throws XMLStreamException {
    StringBuilder sb = new StringBuilder(end - start);
    int run = start;
    for (int k = start; k < end; k++) {
      byte c = b[k];
      if (c != '&' && c != '\r') {
        continue;
      }
      sb.append(new String(b, run, k - run, StandardCharsets.UTF_8));
      if (c == '\r') {
        sb.append('\n');
        if (k + 1 < end && b[k + 1] == '\n') {
          k++;
        }
        run = k + 1;
        continue;
      }
      int semi = k + 1;
      while (semi < end && semi - k <= 12 && b[semi] != ';') {
        semi++;
      }
      if (semi >= end || b[semi] != ';') {
        i = k;
        throw fail("an '&' that starts no entity");
      }
      String entity = new String(b, k + 1, semi - k - 1, StandardCharsets.US_ASCII);
      switch (entity) {
        case "lt" -> sb.append('<');
        case "gt" -> sb.append('>');
        case "amp" -> sb.append('&');
        case "quot" -> sb.append('"');
        case "apos" -> sb.append('\'');
        default -> sb.appendCodePoint(reference(entity, k));
      }
      k = semi;
      run = semi + 1;
    }
    sb.append(new String(b, run, end - run, StandardCharsets.UTF_8));
    return sb.toString();
  }

  /** A character reference's code point ({@code #65}, {@code #x41}); any other name is refused. */
  private int reference(String entity, int at) throws XMLStreamException {
    int cp = -1;
    try {
      if (entity.startsWith("#x")) {
        cp = Integer.parseInt(entity.substring(2), 16);
      } else if (entity.startsWith("#")) {
        cp = Integer.parseInt(entity.substring(1));
      }
    } catch (NumberFormatException e) {
      cp = -1;
    }
    boolean xmlChar =
        cp == 0x9
            || cp == 0xA
            || cp == 0xD
            || (cp >= 0x20 && cp <= 0xD7FF)
            || (cp >= 0xE000 && cp <= 0xFFFD)
            || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!xmlChar) {
      i = at;
      throw fail(
          entity.startsWith("#")
              ? "the character reference &" + entity + "; names no XML character"
              : "the entity &" + entity + "; (only the five of XML are known)");
    }
    return cp;
  }

  private boolean at(String s) {
    if (i + s.length() > b.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (b[i + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The index of {@code s} at or after {@code from}; refused when the document ends first. */
  private int find(String s, int from) throws XMLStreamException {
    outer:
    for (int k = from; k + s.length() <= b.length; k++) {
      for (int j = 0; j < s.length(); j++) {
        if (b[k + j] != s.charAt(j)) {
          continue outer;
        }
      }
      return k;
    }
    throw fail("the document ends before " + s);
  }

  private int after(String s, int from) throws XMLStreamException {
    return find(s, from) + s.length();
  }

  private void skipSpace() {
    while (i < b.length && space(b[i])) {
      i++;
    }
  }

  private static boolean space(byte c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private static boolean nameStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c < 0;
  }

  private XMLStreamException fail(String what) {
    return new XMLStreamException(
        "malformed XML at byte " + Math.min(i, b.length) + " of " + b.length + ": " + what);
  }

  /**
   * Element names met so far, as strings made once: an answer repeats a few dozen names thousands
   * of times.
   */
  private static final class Names {
    private byte[][] keys = new byte[64][];
    private String[] values = new String[64];
    private int size;

    String get(byte[] b, int start, int end) {
      int h = 0;
      for (int k = start; k < end; k++) {
        h = 31 * h + b[k];
      }
      int mask = keys.length - 1;
      for (int slot = h & mask; ; slot = (slot + 1) & mask) {
        byte[] key = keys[slot];
        if (key == null) {
          String s = new String(b, start, end - start, StandardCharsets.UTF_8);
          if (size < 4096) {
            keys[slot] = Arrays.copyOfRange(b, start, end);
            values[slot] = s;
            if (++size * 2 > keys.length) {
              grow();
            }
          }
          return s;
        }
        if (Arrays.equals(key, 0, key.length, b, start, end)) {
          return values[slot];
        }
      }
    }

    private void grow() {
      byte[][] oldKeys = keys;
      String[] oldValues = values;
      keys = new byte[oldKeys.length * 2][];
      values = new String[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int k = 0; k < oldKeys.length; k++) {
        if (oldKeys[k] == null) {
          continue;
        }
        int h = 0;
        for (byte c : oldKeys[k]) {
          h = 31 * h + c;
        }
        int slot = h & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[k];
        values[slot] = oldValues[k];
      }
    }
  }
}
