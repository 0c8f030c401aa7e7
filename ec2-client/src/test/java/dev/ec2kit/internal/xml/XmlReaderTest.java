package dev.ec2kit.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * Our reader against the JDK's StAX parser, the reference: the same tree (local names, text
 * stripped) for thousands of seeded random documents in the part of XML answers use, and both
 * refusing what is not well-formed.
 */
class XmlReaderTest {
  private static final XMLInputFactory STAX = XMLInputFactory.newFactory();

  static {
    STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    STAX.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
  }

  /** The tree as StAX reads it, in the form {@link #shape(XmlNode)} prints. */
  private static String reference(byte[] doc) throws XMLStreamException {
    XMLStreamReader r = STAX.createXMLStreamReader(new ByteArrayInputStream(doc));
    List<StringBuilder> text = new ArrayList<>();
    List<List<String>> kids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String root = null;
    while (r.hasNext()) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          names.add(r.getLocalName());
          text.add(new StringBuilder());
          kids.add(new ArrayList<>());
        }
        case XMLStreamConstants.END_ELEMENT -> {
          int k = names.size() - 1;
          String done =
              names.remove(k)
                  + "["
                  + text.remove(k).toString().strip()
                  + "]("
                  + String.join(",", kids.remove(k))
                  + ")";
          if (k == 0) {
            root = done;
          } else {
            kids.get(k - 1).add(done);
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!names.isEmpty()) {
            text.get(text.size() - 1).append(r.getText());
          }
        }
        default -> {}
      }
    }
    return root;
  }

  private static String shape(XmlNode n) {
    List<String> kids = new ArrayList<>();
    n.children().forEach(c -> kids.add(shape(c)));
    return n.name() + "[" + n.text() + "](" + String.join(",", kids) + ")";
  }

  private static final String[] NAMES = {"item", "instanceId", "a", "x:reservationSet", "_n", "é"};
  private static final String[] TEXTS = {
    "i-0123", " spaced  out ", "&amp;", "&lt;tag&gt;", "&quot;q&apos;", "&#65;&#x42;",
        "\u00e9\u4e2d",
    "\r\nline\r\n", "a\rb", "&#x1F600;", "tab\there", "x &amp; &lt; y", "> ", "] "
  };

  private static void element(Random rnd, StringBuilder sb, int depth) {
    String name = NAMES[rnd.nextInt(NAMES.length)];
    sb.append('<').append(name);
    if (rnd.nextInt(4) == 0) {
      sb.append(" xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"");
    }
    if (name.startsWith("x:") || rnd.nextInt(5) == 0) {
      sb.append(rnd.nextBoolean() ? "\n  xmlns:x='urn:x'" : " xmlns:x=\"urn:x\" b='1 > 0'");
    }
    if (rnd.nextInt(6) == 0) {
      sb.append(rnd.nextBoolean() ? "/>" : " />");
      return;
    }
    sb.append(rnd.nextBoolean() ? ">" : " >");
    int parts = rnd.nextInt(depth > 3 ? 2 : 5);
    for (int p = 0; p < parts; p++) {
      switch (rnd.nextInt(7)) {
        case 0, 1 -> sb.append(TEXTS[rnd.nextInt(TEXTS.length)]);
        case 2 -> sb.append("\n    ");
        case 3 -> sb.append("<![CDATA[ <raw> & ]]>");
        case 4 -> sb.append("<!-- a comment -->");
        default -> element(rnd, sb, depth + 1);
      }
    }
    sb.append("</").append(name).append('>');
  }

  @Test
  void reads_what_stax_reads_for_seeded_random_documents() throws Exception {
    Random rnd = new Random(42);
    for (int d = 0; d < 3000; d++) {
      StringBuilder sb = new StringBuilder();
      if (rnd.nextBoolean()) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .append(rnd.nextBoolean() ? "\n" : "");
      }
      element(rnd, sb, 0);
      sb.append(rnd.nextBoolean() ? "\n" : "");
      byte[] doc = sb.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(shape(XmlNode.parse(doc))).as(sb.toString()).isEqualTo(reference(doc));
    }
  }

  @Test
  void refuses_what_is_not_well_formed_as_stax_does() {
    List<String> bad =
        List.of(
            "",
            "   ",
            "<a>",
            "<a></b>",
            "<a><b></a></b>",
            "</a>",
            "<a></a><b></b>",
            "text<a></a>",
            "<a></a>text",
            "<a>&nbsp;</a>",
            "<a>&#0;</a>",
            "<a>&#xD800;</a>",
            "<a>& b</a>",
            "<a>\u0001</a>",
            "<a>x]]>y</a>",
            "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
            "<a b></a>",
            "<a b=c></a>",
            "<a b=\"c></a>",
            "<a b=\"<\"></a>",
            "<a/ >",
            "<1a></1a>",
            "<a><!-- open </a>",
            "<a><![CDATA[ open </a>",
            "<?xml version=\"1.0\"");
    for (String doc : bad) {
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> reference(bytes))
          .as("StAX on %s", doc)
          .isInstanceOf(Exception.class);
      assertThatThrownBy(() -> XmlNode.parse(bytes))
          .as("ours on %s", doc)
          .isInstanceOf(XMLStreamException.class)
          .hasMessageStartingWith("malformed XML at byte");
    }
  }
}
