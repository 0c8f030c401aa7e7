package dev.ec2kit.internal.xml;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only tree of an XML document, by local names. EC2 responses are small; a tree keeps
 * the mapping code to records short and obvious.
 */
public final class XmlNode {
  private static final XMLInputFactory FACTORY = secureFactory();

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

  /** Made at the first child: most elements are leaves. */
  private List<XmlNode> children = List.of();

  /** The element's text, stripped when the element ends; null until text comes. */
  private String text;

  private XmlNode(String name, String source) {
    this.name = name;
    this.source = source;
  }

  /** Parses a document; DTDs and external entities are refused. */
  public static XmlNode parse(byte[] document) throws XMLStreamException {
    return parse(document, "the answer");
  }

  /**
   * Parses a document that came from {@code source} (such as {@code "CreateSecurityGroup at
   * https://ec2.us-east-1.amazonaws.com/"}), which failures of {@link #required} and friends name.
   * The bytes must be UTF-8: checked first, since the JDK's parser prints encoding errors on stderr
   * before it throws.
   */
  public static XmlNode parse(byte[] document, String source) throws XMLStreamException {
    int bad = firstInvalidUtf8(document);
    if (bad >= 0) {
      throw new XMLStreamException(
          "the answer is not UTF-8 (byte " + bad + " of " + document.length + ")");
    }
    XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
    try {
      List<XmlNode> stack = new ArrayList<>();
      XmlNode root = null;
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            XmlNode node = new XmlNode(r.getLocalName(), source);
            if (stack.isEmpty()) {
              root = node;
            } else {
              XmlNode parent = stack.get(stack.size() - 1);
              if (parent.children.isEmpty()) {
                parent.children = new ArrayList<>(4);
              }
              parent.children.add(node);
            }
            stack.add(node);
          }
          case XMLStreamConstants.END_ELEMENT -> {
            XmlNode node = stack.remove(stack.size() - 1);
            node.text = node.text == null ? "" : node.text.strip();
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!stack.isEmpty()) {
              XmlNode node = stack.get(stack.size() - 1);
              if (node.text != null) {
                node.text = node.text + r.getText();
              } else if (event == XMLStreamConstants.CDATA || !r.isWhiteSpace()) {
                node.text = r.getText(); // leading white space (indentation) makes no string
              }
            }
          }
          case XMLStreamConstants.DTD -> throw new XMLStreamException("DTDs are not accepted");
          default -> {}
        }
      }
      if (root == null) {
        throw new XMLStreamException("empty document");
      }
      return root;
    } finally {
      r.close();
    }
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

  private static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f;
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
    for (XmlNode c : children) {
      if (c.name.equals(childName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
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
    return child(childName).map(XmlNode::text).orElse(null);
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
    return child(listName).map(l -> l.children).orElse(List.of());
  }
}
