package dev.ec2kit.cli;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** An EC2 answer as a small tree of elements, for {@link ModelJson}. */
final class Tree {
  private static final XMLInputFactory FACTORY = factory();

  final String name;
  final List<Tree> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  private Tree(String name) {
    this.name = name;
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }

  static Tree parse(byte[] xml) {
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      List<Tree> stack = new ArrayList<>();
      Tree root = null;
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            Tree t = new Tree(r.getLocalName());
            if (stack.isEmpty()) {
              root = t;
            } else {
              stack.get(stack.size() - 1).children.add(t);
            }
            stack.add(t);
          }
          case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!stack.isEmpty()) {
              stack.get(stack.size() - 1).text.append(r.getText());
            }
          }
          default -> {}
        }
      }
      return root;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(
          "an answer that was read once cannot be read again: " + e.getMessage());
    }
  }

  String text() {
    return text.toString().strip();
  }

  Optional<Tree> child(String childName) {
    for (Tree c : children) {
      if (c.name.equals(childName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
