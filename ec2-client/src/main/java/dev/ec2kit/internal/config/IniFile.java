package dev.ec2kit.internal.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The AWS shared config/credentials file format: sections of {@code key = value}. */
final class IniFile {
  private final Path path;
  private final Map<String, Map<String, String>> sections;

  private IniFile(Path path, Map<String, Map<String, String>> sections) {
    this.path = path;
    this.sections = sections;
  }

  /** The file's sections, or none when it does not exist. */
  static IniFile read(Path path) {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new IniFile(path, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read AWS settings file " + path, e);
    }
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    boolean inNested = false;
    for (String raw : content.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
        current = sections.computeIfAbsent(name, k -> new HashMap<>());
        inNested = false;
        continue;
      }
      boolean indented = Character.isWhitespace(raw.charAt(0));
      if (current == null || (indented && inNested)) {
        continue; // a nested block (such as "s3 =" followed by indented keys) is not ours
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
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

  Path path() {
    return path;
  }

  Map<String, String> section(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  boolean has(String name) {
    return sections.containsKey(name);
  }
}
