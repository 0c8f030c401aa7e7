package dev.ec2kit.internal.query;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.xml.XmlNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;

/** Turns an HTTP error response into one {@link Ec2Exception}, whatever its body. */
public final class ErrorParser {
  private ErrorParser() {}

  public static Ec2Exception parse(Transport.Response response) {
    String headerId =
        firstNonNull(response.header("x-amzn-requestid"), response.header("x-amz-request-id"));
    try {
      XmlNode root = XmlNode.parse(response.body());
      Optional<XmlNode> error = root.path("Errors", "Error");
      if (error.isEmpty()) {
        error = root.child("Error"); // STS and other query services: ErrorResponse/Error
      }
      if (error.isEmpty() && root.name().equals("Error")) {
        error = Optional.of(root); // some endpoints answer a bare <Error>
      }
      if (error.isPresent() && error.get().text("Code") != null) {
        String requestId =
            firstNonNull(
                root.text("RequestID"), root.text("RequestId"), root.text("requestId"), headerId);
        return new Ec2Exception(
            printable(error.get().text("Code")),
            printable(error.get().text("Message", "")),
            printable(requestId),
            response.status());
      }
    } catch (XMLStreamException | RuntimeException notXml) {
      // falls through: the status and the start of the body are all there is
    }
    String body =
        printable(
            new String(response.body(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " "));
    if (body.length() > 200) {
      body = body.substring(0, 200) + "...";
    }
    String message =
        body.isEmpty() ? "HTTP " + response.status() : "HTTP " + response.status() + ": " + body;
    return new Ec2Exception(
        codeFor(response.status()), message, printable(headerId), response.status());
  }

  /**
   * Server text with control characters (C0, DEL, C1) escaped as {@code \\xNN}: an endpoint's words
   * must not drive the terminal that prints them.
   */
  static String printable(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
      if (control && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format("\\x%02x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 429 -> "Throttling";
      case 500 -> Ec2Exception.INTERNAL_ERROR;
      case 503 -> Ec2Exception.UNAVAILABLE;
      default -> "Http" + status;
    };
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
