package dev.ec2kit.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Strict XML parsing of answers, and requests written on a socket by hand. */
final class Strict {
  private Strict() {}

  /** Parses with a validating-strict parser that fails on any error, fatal or not. */
  static Document xml(String body) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) throws SAXException {
            throw e;
          }

          @Override
          public void fatalError(SAXParseException e) throws SAXException {
            throw e;
          }
        });
    return b.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** The error code of an error document (which must parse strictly), or null for a success. */
  static String code(String body) throws Exception {
    var codes = xml(body).getElementsByTagName("Code");
    return codes.getLength() == 0 ? null : codes.item(0).getTextContent();
  }

  /**
   * A signed POST written on a fresh socket: head, then the first {@code sent} bytes of the body.
   */
  static Socket partial(Ec2Local local, byte[] body, int sent, long contentLength)
      throws Exception {
    Socket s = new Socket(local.endpoint().getHost(), local.port());
    StringBuilder head =
        new StringBuilder("POST / HTTP/1.1\r\nHost: " + local.endpoint().getAuthority() + "\r\n");
    head.append("Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n");
    for (Map.Entry<String, String> h : Raw.signatureHeaders(local, body).entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
    OutputStream out = s.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body, 0, sent);
    out.flush();
    return s;
  }

  /** Everything the server writes until it closes (or the timeout passes). */
  static String readAll(Socket s, int timeoutMillis) throws Exception {
    s.setSoTimeout(timeoutMillis);
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The body of a raw HTTP answer. */
  static String body(String response) {
    int i = response.indexOf("\r\n\r\n");
    return i < 0 ? "" : response.substring(i + 4);
  }
}
