package dev.ec2kit.local.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level parameters each EC2 action takes on the wire, from botocore's model of EC2 ({@code
 * parameters.tsv}, made by {@code parameters.py} beside it). Anything else is EC2's {@code
 * UnknownParameter}, so a misspelt or invented parameter is never silently ignored.
 */
final class Parameters {
  private static final Map<String, Set<String>> BY_ACTION = load();

  private Parameters() {}

  private static Map<String, Set<String>> load() {
    Map<String, Set<String>> out = new HashMap<>();
    try (InputStream in = Parameters.class.getResourceAsStream("parameters.tsv")) {
      if (in == null) {
        throw new IllegalStateException("parameters.tsv is missing from the emulator's jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        String names = line.substring(tab + 1).strip();
        out.put(line.substring(0, tab), names.isEmpty() ? Set.of() : Set.of(names.split(" ")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read parameters.tsv", e);
    }
    return out;
  }

  /** Refuses a parameter the action does not take, naming it, as EC2 does. */
  static void check(String action, Map<String, String> params) {
    Set<String> known = BY_ACTION.get(action);
    if (known == null) {
      return;
    }
    for (String name : params.keySet()) {
      int dot = name.indexOf('.');
      String top = dot < 0 ? name : name.substring(0, dot);
      if (!top.equals("Action") && !top.equals("Version") && !known.contains(top)) {
        throw Ec2Error.badRequest(
            "UnknownParameter", "The parameter " + top + " is not recognized");
      }
    }
  }

  /** The parameters of an action, or null when botocore's model does not know it. */
  static Set<String> of(String action) {
    return BY_ACTION.get(action);
  }
}
