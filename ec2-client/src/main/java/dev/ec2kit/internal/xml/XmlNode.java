package dev.ec2kit.internal.xml;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;

/**
 * A small read-only tree of an XML document, by local names. EC2 responses are small; a tree keeps
 * the mapping code to records short and obvious.
 */
public final class XmlNode {
  /**
   * An answer that parsed but lacks what every such answer has, or holds a value of the wrong form:
   * an I/O kind of failure (the endpoint misbehaved), naming the call and the endpoint.
   */
  public static final class MalformedAnswerException extends java.io.UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public MalformedAnswerException(String message) {
      super(message, new java.io.IOException(message));
    }
  }

  private final String name;
  private final String source;

  /** Set at the element's end, exactly sized: most elements are leaves. */
  private List<XmlNode> children = List.of();

  /** The element's text, stripped when the element ends; null until text comes. */
  private String text;

  XmlNode(String name, String source) {
    this.name = name;
    this.source = source;
  }

  /** Parses a document; DTDs, and so external entities, are refused. */
  public static XmlNode parse(byte[] document) throws XMLStreamException {
    return parse(document, "the answer");
  }

  /**
   * Parses a document that came from {@code source} (such as {@code "CreateSecurityGroup at
   * https://ec2.us-east-1.amazonaws.com/"}), which failures of {@link #required} and friends name.
   * The bytes must be UTF-8: checked first, so a wrong byte is named rather than read as U+FFFD.
   */
  public static XmlNode parse(byte[] document, String source) throws XMLStreamException {
    int bad = firstInvalidUtf8(document);
    if (bad >= 0) {
      throw new XMLStreamException(
          "the answer is not UTF-8 (byte " + bad + " of " + document.length + ")");
    }
    return XmlReader.read(document, source);
  }

  void children(List<XmlNode> all) {
    children = all;
  }

  boolean hasText() {
    return text != null;
  }

  void appendText(String more) {
    text = text == null ? more : text + more;
  }

  /** At the element's end: its text stripped, once. */
  void finish() {
    text = text == null ? "" : text.strip();
  }

  /** The index of the first byte that breaks UTF-8, or -1 when all is well. */
  static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      int len;
      int min;
      if ((c & 0xE0) == 0xC0) {
        len = 2;
        min = 0x80;
      } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        min = 0x800;
      } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + len > n) {
        return i;
      }
      int cp = c & (0xFF >> (len + 1));
      for (int k = 1; k < len; k++) {
        int cc = b[i + k];
        if ((cc & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += len;
    }
    return -1;
  }

  public String name() {
    return name;
  }

  public String text() {
    return text == null ? "" : text;
  }

  public List<XmlNode> children() {
    return children;
  }

  public Optional<XmlNode> child(String childName) {
    return Optional.ofNullable(find(childName));
  }

  /** The first child of that name, or null: the lookups of every record field, made no Optional. */
  private XmlNode find(String childName) {
    for (int k = 0, n = children.size(); k < n; k++) {
      XmlNode c = children.get(k);
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  /** The node at a path of child names, if every step exists. */
  public Optional<XmlNode> path(String... names) {
    XmlNode at = this;
    for (String n : names) {
      Optional<XmlNode> next = at.child(n);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      at = next.get();
    }
    return Optional.of(at);
  }

  /** The text of a child, or {@code null} when it is absent. */
  public String text(String childName) {
    XmlNode c = find(childName);
    return c == null ? null : c.text();
  }

  public String text(String childName, String fallback) {
    String t = text(childName);
    return t == null ? fallback : t;
  }

  /**
   * The text of a child that every such answer has; a MalformedAnswerException naming it when
   * absent.
   */
  public String required(String childName) {
    String t = text(childName);
    if (t == null || t.isEmpty()) {
      throw malformed("has no " + childName + " in " + name);
    }
    return t;
  }

  /** A failure naming this answer's source: what it lacked or held wrongly. */
  public MalformedAnswerException malformed(String what) {
    return new MalformedAnswerException("the answer to " + source + " " + what);
  }

  public int integer(String childName, int fallback) {
    String t = text(childName);
    try {
      return t == null || t.isEmpty() ? fallback : Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw malformed("has " + childName + " '" + t + "', which is not an integer");
    }
  }

  /**
   * A child read by {@code parser} (such as {@code VolumeState::fromName}), or {@code fallback}
   * when absent; a value the parser refuses is a MalformedAnswerException naming the child.
   */
  public <T> T parsed(String childName, java.util.function.Function<String, T> parser, T fallback) {
    String t = text(childName);
    if (t == null || t.isEmpty()) {
      return fallback;
    }
    try {
      return parser.apply(t);
    } catch (IllegalArgumentException e) {
      throw malformed("has " + childName + " '" + t + "': " + e.getMessage());
    }
  }

  /** An integer child, or {@code null} when it is absent or empty. */
  public Integer integerOrNull(String childName) {
    String t = text(childName);
    return t == null || t.isEmpty() ? null : integer(childName, 0);
  }

  public boolean bool(String childName) {
    return "true".equalsIgnoreCase(text(childName));
  }

  public Instant instant(String childName) {
    String t = text(childName);
    try {
      return t == null || t.isEmpty() ? null : Instant.parse(t);
    } catch (java.time.format.DateTimeParseException e) {
      throw malformed("has " + childName + " '" + t + "', which is not a time");
    }
  }

  /** The {@code item} elements of a list child such as {@code regionInfo}; empty when absent. */
  public List<XmlNode> items(String listName) {
    XmlNode list = find(listName);
    return list == null ? List.of() : list.children;
  }
}
