package dev.ec2kit.internal.model;

import dev.ec2kit.internal.model.Model.Member;
import dev.ec2kit.internal.model.Model.Shape;
import dev.ec2kit.internal.xml.XmlNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an EC2 answer into the tree of its output shape, as botocore's EC2 parser does: a member
 * from the element of its XML name (absent when the element is), a list from every child of its
 * wrapper (EC2's {@code item}s), numbers, booleans, instants and bytes typed by their shape.
 */
public final class AnswerReader {
  private AnswerReader() {}

  /** The answer's document read by {@code output}; an empty map for an operation with none. */
  public static Map<String, Object> read(String op, Shape output, XmlNode document) {
    if (output == null) {
      return new LinkedHashMap<>();
    }
    return structure(op, output, document);
  }

  private static Map<String, Object> structure(String op, Shape shape, XmlNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Member m : shape.members().values()) {
      XmlNode child = child(node, m.xmlName());
      if (child != null) {
        Object v = value(op, m.shape(), child);
        if (v != null) {
          out.put(m.name(), v);
        }
      }
    }
    return out;
  }

  private static XmlNode child(XmlNode node, String name) {
    for (XmlNode c : node.children()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static Object value(String op, Shape shape, XmlNode node) {
    String text = node.text();
    if (shape.type() != Model.Type.STRUCTURE
        && shape.type() != Model.Type.LIST
        && shape.type() != Model.Type.STRING
        && text.isBlank()) {
      return null; // an empty element of a number, flag or time: EC2's way of saying none
    }
    try {
      return switch (shape.type()) {
        case STRUCTURE -> structure(op, shape, node);
        case LIST -> {
          List<Object> list = new ArrayList<>();
          for (XmlNode c : node.children()) {
            Object v = value(op, shape.item(), c);
            if (v != null) {
              list.add(v);
            }
          }
          yield list;
        }
        case STRING -> text;
        case INTEGER -> Integer.valueOf(text.strip());
        case LONG -> Long.valueOf(text.strip());
        case DOUBLE -> Double.valueOf(text.strip());
        case FLOAT -> Float.valueOf(text.strip());
        case BOOLEAN -> Boolean.valueOf(text.strip());
        case TIMESTAMP -> instant(text.strip());
        case BLOB -> Base64.getMimeDecoder().decode(text.strip());
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new XmlNode.MalformedAnswerException(
          op
              + " answered <"
              + node.name()
              + ">"
              + text
              + "</"
              + node.name()
              + ">, not "
              + RequestWriter.describe(shape)
              + ": "
              + e.getMessage());
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant(); // an offset other than Z
    }
  }
}
