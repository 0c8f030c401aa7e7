package dev.ec2kit.internal.signing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} bodies and query strings, both directions. */
public final class FormCodec {
  private FormCodec() {}

  public static String encode(Map<String, String> params) {
    StringBuilder sb = new StringBuilder(64 * params.size());
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(SigV4.encode(p.getKey(), false)).append('=');
      sb.append(SigV4.encode(p.getValue(), false));
    }
    return sb.toString();
  }

  /** Decoded pairs in their order; {@code null} or empty gives none. '+' is a space. */
  public static List<Map.Entry<String, String>> decode(String raw) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(Map.entry(decodeOne(name), decodeOne(value)));
    }
    return out;
  }

  private static String decodeOne(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
