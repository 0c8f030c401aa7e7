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
    String headerId = firstNonNull(response.header("x-amzn-requestid"), response.header("x-amz-request-id"));
    try {
      XmlNode root = XmlNode.parse(response.body());
      Optional<XmlNode> error = root.path("Errors", "Error");
      if (error.isEmpty() && root.name().equals("Error")) {
        error = Optional.of(root); // some endpoints answer a bare <Error>
      }
      if (error.isPresent() && error.get().text("Code") != null) {
        String requestId =
            firstNonNull(root.text("RequestID"), root.text("RequestId"), root.text("requestId"), headerId);
        return new Ec2Exception(
            error.get().text("Code"), error.get().text("Message", ""), requestId, response.status());
      }
    } catch (XMLStreamException | RuntimeException notXml) {
      // falls through: the status and the start of the body are all there is
    }
    String body = new String(response.body(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (body.length() > 200) {
      body = body.substring(0, 200) + "...";
    }
    String message = body.isEmpty() ? "HTTP " + response.status() : "HTTP " + response.status() + ": " + body;
    return new Ec2Exception(codeFor(response.status()), message, headerId, response.status());
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
