package dev.ec2kit.local.internal;

/** Writes EC2 response documents: elements and escaped text, nothing more. */
public final class Xml {
  public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private final StringBuilder sb = new StringBuilder(512);
  private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();

  private Xml() {}

  /** {@code <ActionResponse xmlns=...><requestId>..</requestId>}, left open for the body. */
  public static Xml response(String action, String requestId) {
    Xml x = new Xml();
    x.sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.sb.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
    x.open.push(action + "Response");
    x.leaf("requestId", requestId);
    return x;
  }

  /** A document with this root element in this namespace, left open for the body. */
  public static Xml document(String root, String namespace) {
    Xml x = new Xml();
    x.sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.sb.append('<').append(root).append(" xmlns=\"").append(namespace).append("\">");
    x.open.push(root);
    return x;
  }

  /** Elements without a document around them, such as one item of a list, kept to write later. */
  static Xml fragment() {
    return new Xml();
  }

  /** Elements that an earlier {@link #fragment} wrote, as they were written. */
  Xml written(String fragment) {
    sb.append(fragment);
    return this;
  }

  /** EC2's error document. */
  public static String error(String code, String message, String requestId) {
    Xml x = new Xml();
    x.sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.start("Response").start("Errors").start("Error");
    x.leaf("Code", code).leaf("Message", message);
    x.end().end().leaf("RequestID", requestId).end();
    return x.sb.toString();
  }

  public Xml start(String name) {
    sb.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  public Xml end() {
    sb.append("</").append(open.pop()).append('>');
    return this;
  }

  /** An element with text; nothing when the value is {@code null}. */
  public Xml leaf(String name, Object value) {
    if (value == null) {
      return this;
    }
    sb.append('<').append(name).append('>');
    escape(String.valueOf(value));
    sb.append("</").append(name).append('>');
    return this;
  }

  /** A time as EC2 writes it: UTC, milliseconds, {@code 2024-11-21T10:15:30.000Z}. */
  public static String time(java.time.Instant t) {
    return TIME.format(t);
  }

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  /** An empty list element, such as {@code <messageSet/>}. */
  public Xml empty(String name) {
    sb.append('<').append(name).append("/>");
    return this;
  }

  /** Closes every open element and returns the document. */
  public String finish() {
    while (!open.isEmpty()) {
      end();
    }
    return sb.toString();
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (forbidden(c)) {
            sb.append(
                '\uFFFD'); // never written: XML 1.0 has no way to carry it, not even as a reference
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  /** Whether XML 1.0 forbids this char on its own (controls, U+FFFE, U+FFFF, a lone surrogate). */
  private static boolean forbidden(char c) {
    return (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
        || c == 0xFFFE
        || c == 0xFFFF
        || Character.isSurrogate(c);
  }

  /** The first code point of {@code s} that XML 1.0 cannot carry, or -1 when there is none. */
  public static int firstForbidden(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (forbidden(c)) {
        return c;
      }
    }
    return -1;
  }

  /**
   * {@code s} with characters XML cannot carry written as {@code \\uXXXX}, cut at 200 chars, for
   * messages.
   */
  public static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && out.length() < 200; i++) {
      char c = s.charAt(i);
      if (forbidden(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1)))
          && !(Character.isLowSurrogate(c)
              && i > 0
              && Character.isHighSurrogate(s.charAt(i - 1)))) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.length() < s.length() && out.length() >= 200 ? out + "..." : out.toString();
  }
}
