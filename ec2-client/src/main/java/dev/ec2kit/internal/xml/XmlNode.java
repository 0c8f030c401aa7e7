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

  private final String name;
  private final List<XmlNode> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  private XmlNode(String name) {
    this.name = name;
  }

  /** Parses a document; DTDs and external entities are refused. */
  public static XmlNode parse(byte[] document) throws XMLStreamException {
    XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
    try {
      List<XmlNode> stack = new ArrayList<>();
      XmlNode root = null;
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            XmlNode node = new XmlNode(r.getLocalName());
            if (stack.isEmpty()) {
              root = node;
            } else {
              stack.get(stack.size() - 1).children.add(node);
            }
            stack.add(node);
          }
          case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!stack.isEmpty()) {
              stack.get(stack.size() - 1).text.append(r.getText());
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
    return text.toString().strip();
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

  public int integer(String childName, int fallback) {
    String t = text(childName);
    return t == null || t.isEmpty() ? fallback : Integer.parseInt(t);
  }

  public boolean bool(String childName) {
    return "true".equalsIgnoreCase(text(childName));
  }

  public Instant instant(String childName) {
    String t = text(childName);
    return t == null || t.isEmpty() ? null : Instant.parse(t);
  }

  /** The {@code item} elements of a list child such as {@code regionInfo}; empty when absent. */
  public List<XmlNode> items(String listName) {
    return child(listName).map(l -> l.children).orElse(List.of());
  }
}
