package dev.ec2kit.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlNodeTest {
  @Test
  void reads_namespaced_lists_by_local_name() throws Exception {
    XmlNode doc =
        XmlNode.parse(
            ("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                    + "<requestId>r1</requestId><regionInfo><item><regionName>a</regionName></item>"
                    + "<item><regionName>b &amp; c</regionName></item></regionInfo></DescribeRegionsResponse>")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(doc.text("requestId")).isEqualTo("r1");
    assertThat(doc.items("regionInfo"))
        .extracting(i -> i.text("regionName"))
        .containsExactly("a", "b & c");
    assertThat(doc.items("missing")).isEmpty();
  }

  @Test
  void text_split_by_entities_keeps_its_spaces_and_indentation_is_no_text() throws Exception {
    XmlNode doc =
        XmlNode.parse(
            ("<R>\n  <a>  x &amp; &lt; y  </a>\n  <b><![CDATA[ <raw> ]]></b>\n  <c>\n  </c>\n"
                    + "  <d>&amp;</d>\n</R>\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(doc.text()).isEmpty();
    assertThat(doc.text("a")).isEqualTo("x & < y");
    assertThat(doc.text("b")).isEqualTo("<raw>");
    assertThat(doc.text("c")).isEmpty();
    assertThat(doc.text("d")).isEqualTo("&");
    assertThat(doc.text("missing")).isNull();
    assertThat(doc.children()).extracting(XmlNode::name).containsExactly("a", "b", "c", "d");
    assertThat(doc.child("a").orElseThrow().children()).isEmpty();
  }

  @Test
  void refuses_doctypes_so_external_entities_never_load(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><r>&x;</r>";
    assertThatThrownBy(() -> XmlNode.parse(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(XMLStreamException.class)
        .hasMessageNotContaining("TOP-SECRET");
  }
}
