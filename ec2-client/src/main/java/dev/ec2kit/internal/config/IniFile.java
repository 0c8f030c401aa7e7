package dev.ec2kit.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The AWS shared config/credentials file format: sections of {@code key = value}. */
public final class IniFile {
  private final Path path;
  private final Map<String, Map<String, String>> sections;

  private IniFile(Path path, Map<String, Map<String, String>> sections) {
    this.path = path;
    this.sections = sections;
  }

  /** The file's sections, or none when it does not exist. */
  public static IniFile read(Path path) {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new IniFile(path, Map.of());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(
          "AWS settings file " + path + " is not UTF-8 text: save it as UTF-8 (or ASCII)");
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read AWS settings file "
              + path
              + ": "
              + e.getMessage()
              + ": fix its permissions, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere");
    }
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    boolean inNested = false;
    int number = 0;
    for (int start = 0, end; start < content.length(); start = end + 1) {
      end = content.indexOf('\n', start);
      if (end < 0) {
        end = content.length();
      }
      // a line without its \n, or \r\n (by hand: String.split compiles a regex)
      String raw =
          content.substring(start, end > start && content.charAt(end - 1) == '\r' ? end - 1 : end);
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && !line.endsWith("]")) {
        throw bad(path, number, "a section header without its closing ]", "write it as [name]");
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
        current = sections.computeIfAbsent(name, k -> new HashMap<>());
        inNested = false;
        continue;
      }
      boolean indented = Character.isWhitespace(raw.charAt(0));
      if (current == null) {
        throw bad(
            path,
            number,
            "text before any [section]",
            "put settings under [default] or [profile NAME]");
      }
      if (indented && inNested) {
        continue; // a nested block (such as "s3 =" followed by indented keys) is not ours
      }
      int eq = delimiter(line);
      if (eq <= 0) {
        if (indented) {
          continue; // a continuation of the value above, as configparser allows
        }
        throw bad(path, number, "neither [section] nor key = value", "fix or remove the line");
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(eq + 1).strip();
      if (!indented) {
        inNested = value.isEmpty();
      }
      if (!value.isEmpty()) {
        current.put(key, value);
      }
    }
    return new IniFile(path, sections);
  }

  /** Where the key ends: the first {@code =} or {@code :}, as botocore's configparser reads it. */
  private static int delimiter(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  private static IllegalStateException bad(Path path, int line, String what, String fix) {
    return new IllegalStateException(
        "AWS settings file " + path + " line " + line + " is " + what + ": " + fix);
  }

  /** Every section by its name ({@code default}, {@code profile dev}, {@code sso-session corp}). */
  public Map<String, Map<String, String>> sections() {
    return sections;
  }

  public Path path() {
    return path;
  }

  Map<String, String> section(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  boolean has(String name) {
    return sections.containsKey(name);
  }
}
