package dev.ec2kit.cli;

import dev.ec2kit.internal.http.DebugTransport;
import dev.ec2kit.internal.model.Model;
import dev.ec2kit.internal.model.Model.Member;
import dev.ec2kit.internal.model.Model.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's parameters from the AWS CLI's syntax, as awscli/argprocess.py unpacks them and
 * botocore validates them: {@code --kebab-name} for each input member; shorthand, JSON, {@code
 * file://} and {@code fileb://}; lists as repeated values; booleans {@code --flag}/{@code
 * --no-flag}; then every value typed by the model, with botocore's messages for what does not fit.
 */
final class AwsParams {
  /** A parameter the AWS CLI refuses, with its message and exit code. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exit;

    Refused(String message, int exit) {
      super(message);
      this.exit = exit;
    }
  }

  private AwsParams() {}

  /** botocore's xform_name: {@code DescribeInstances} as {@code describe-instances}. */
  static String kebab(String name) {
    java.util.regex.Matcher special = SPECIAL.matcher(name);
    if (special.find()) {
      String matched = special.group();
      name = name.substring(0, name.length() - matched.length()) + "-" + matched.toLowerCase();
    }
    String s1 = FIRST_CAP.matcher(name).replaceAll("$1-$2");
    return END_CAP.matcher(s1).replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static final java.util.regex.Pattern SPECIAL =
      java.util.regex.Pattern.compile("[A-Z]{2,}s$");
  private static final java.util.regex.Pattern FIRST_CAP =
      java.util.regex.Pattern.compile("(.)([A-Z][a-z]+)");
  private static final java.util.regex.Pattern END_CAP =
      java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");

  /** The AWS CLI's renamed negative flags (awscli/customizations/argrename.py). */
  static String flagName(String op, String negative) {
    return switch (negative) {
      case "--no-no-reboot" -> op.equals("CreateImage") ? "--reboot" : negative;
      case "--no-egress" -> "--ingress";
      case "--no-disable-api-termination" -> "--enable-api-termination";
      default -> negative;
    };
  }

  /** The CLI names of an operation's input members. */
  static Map<String, Member> arguments(Model.Operation op) {
    Map<String, Member> out = new LinkedHashMap<>();
    for (Member m : op.input().members().values()) {
      out.put("--" + kebab(m.name()), m);
    }
    return out;
  }

  /** The most a file:// or fileb:// parameter file may hold: 16 MiB. */
  static final int MAX_PARAM_FILE = 16 << 20;

  /** A file:// or fileb:// value read (text, or bytes as a Latin-1 string marked by FileBytes). */
  static Object paramFile(String value, String cliName, Path home) {
    for (String scheme : new String[] {"fileb://", "file://"}) {
      if (value.startsWith(scheme)) {
        Path p = Path.of(expandHome(value.substring(scheme.length()), home));
        String reason = "[Errno 2] No such file or directory"; // only regular files, read once
        try {
          if (Files.isDirectory(p)) {
            reason = "[Errno 21] Is a directory";
          } else if (Files.exists(p) && !Files.isRegularFile(p)) {
            reason = "not a regular file"; // a FIFO or device would block or never end
          } else if (Files.isRegularFile(p)) {
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(p)) {
              bytes = in.readNBytes(MAX_PARAM_FILE + 1);
            }
            if (bytes.length > MAX_PARAM_FILE) {
              reason = "larger than 16 MiB, the most a parameter file may hold";
            } else {
              return scheme.equals("fileb://")
                  ? new FileBytes(bytes)
                  : new String(bytes, StandardCharsets.UTF_8);
            }
          }
        } catch (IOException | UncheckedIOException e) {
          reason =
              e instanceof java.nio.file.AccessDeniedException
                  ? "[Errno 13] Permission denied"
                  : String.valueOf(e.getMessage());
        }
        throw new Refused(
            "Error parsing parameter '"
                + cliName
                + "': Unable to load paramfile "
                + value
                + ": "
                + reason
                + ": '"
                + p
                + "'",
            AwsCli.EXIT_VALIDATION);
      }
    }
    return null;
  }

  /** {@code ~/} as python's expanduser takes it: the home the AWS settings are read under. */
  private static String expandHome(String path, Path home) {
    return path.startsWith("~/") ? home + path.substring(1) : path;
  }

  /** The bytes of a fileb:// file, kept apart from text so a blob gets them unchanged. */
  record FileBytes(byte[] bytes) {}

  /**
   * One argument's values from the command line as the AWS CLI unpacks them (before typing): a
   * structure or list from JSON or shorthand, a scalar string. {@code file} is the one value's
   * file:// or fileb:// content ({@link #paramFile}, read once by the caller), or null.
   */
  static Object unpack(Member m, String cliName, List<String> values, Object file, Path home) {
    Shape shape = m.shape();
    if (file instanceof FileBytes b) {
      return b;
    }
    List<String> vs = file != null ? List.of((String) file) : values;
    String first = vs.get(0);
    boolean json = first.strip().startsWith("[") || first.strip().startsWith("{");
    switch (shape.type()) {
      case STRUCTURE -> {
        if (json) {
          if (!first.strip().startsWith("{")) {
            throw new Refused(
                "Error parsing parameter '" + cliName + "': Invalid JSON:\n" + first,
                AwsCli.EXIT_VALIDATION);
          }
          return json(cliName, first);
        }
        if (shape.members().size() == 1
            && shape.members().containsKey("Value")
            && shape.members().get("Value").shape().type() == Model.Type.STRING
            && !first.contains("=")) {
          return new LinkedHashMap<>(Map.of("Value", first));
        }
        return shorthand(cliName, first, home);
      }
      case LIST -> {
        if (vs.size() == 1 && first.strip().startsWith("[")) {
          return json(cliName, first);
        }
        Shape item = shape.item();
        List<Object> out = new ArrayList<>();
        for (String v : vs) {
          if (item.type() == Model.Type.STRUCTURE || item.type() == Model.Type.LIST) {
            if (json) {
              if (!v.strip().startsWith("{") && item.type() == Model.Type.STRUCTURE) {
                throw new Refused(
                    "Error parsing parameter '" + cliName + "': Invalid JSON:\n" + v,
                    AwsCli.EXIT_VALIDATION);
              }
              out.add(json(cliName, v));
            } else {
              out.add(shorthand(cliName, v, home));
            }
          } else {
            out.add(v);
          }
        }
        return out;
      }
      default -> {
        return first;
      }
    }
  }

  static Object json(String cliName, String text) {
    try {
      return JsonReader.parse(text);
    } catch (JsonReader.Malformed e) {
      throw new Refused(
          "Error parsing parameter '"
              + cliName
              + "': Invalid JSON: "
              + e.getMessage()
              + "\nJSON received: "
              + masked(cliName, text),
          AwsCli.EXIT_VALIDATION);
    }
  }

  private static Object shorthand(String cliName, String text, Path home) {
    try {
      return Shorthand.parse(
          text,
          v -> {
            Object f = paramFile(v, cliName, home);
            return f instanceof FileBytes b
                ? new String(b.bytes(), StandardCharsets.UTF_8)
                : f != null ? (String) f : v;
          });
    } catch (Shorthand.SyntaxError e) {
      throw new Refused(
          "Error parsing parameter '" + cliName + "': " + masked(cliName, e.getMessage()),
          AwsCli.EXIT_VALIDATION);
    }
  }

  /**
   * The unpacked input typed by the model, as botocore's validator and serializer read it: the
   * problems it has, worded as botocore words them, collected in {@code errors}.
   */
  static Object typed(Shape shape, Object v, String path, boolean shorthand, List<String> errors) {
    switch (shape.type()) {
      case STRUCTURE -> {
        if (!(v instanceof Map<?, ?> map)) {
          errors.add(invalidType(path, v, "<class 'dict'>"));
          return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member m : shape.members().values()) {
          if (m.required() && map.get(m.name()) == null) {
            errors.add(
                "Missing required parameter in "
                    + (path.isEmpty() ? "input" : path)
                    + ": \""
                    + m.name()
                    + "\"");
          }
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String k = String.valueOf(e.getKey());
          Member m = shape.members().get(k);
          if (m == null) {
            errors.add(
                "Unknown parameter in "
                    + (path.isEmpty() ? "input" : path)
                    + ": \""
                    + k
                    + "\", must be one of: "
                    + String.join(", ", shape.members().keySet()));
            continue;
          }
          if (e.getValue() == null) {
            continue;
          }
          Object t =
              typed(
                  m.shape(), e.getValue(), path.isEmpty() ? k : path + "." + k, shorthand, errors);
          if (t != null) {
            out.put(k, t);
          }
        }
        return out;
      }
      case LIST -> {
        if (shorthand && !(v instanceof List)) {
          v = List.of(v); // BackCompatVisitor: one value where the model has a list
        }
        if (!(v instanceof List<?> l)) {
          errors.add(invalidType(path, v, "<class 'list'>, <class 'tuple'>"));
          return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
          Object t = typed(shape.item(), l.get(i), path + "[" + i + "]", shorthand, errors);
          if (t != null) {
            out.add(t);
          }
        }
        return out;
      }
      case STRING -> {
        if (!(v instanceof String)) {
          errors.add(invalidType(path, v, "<class 'str'>"));
          return null;
        }
        return v;
      }
      case INTEGER, LONG -> {
        if (v instanceof String s && shorthand) {
          return integer(s);
        }
        if (v instanceof Long || v instanceof BigInteger) {
          return v;
        }
        errors.add(invalidType(path, v, "<class 'int'>"));
        return null;
      }
      case DOUBLE, FLOAT -> {
        if (v instanceof String s && shorthand) {
          return decimal(s);
        }
        if (v instanceof Number n && !(v instanceof BigInteger)) {
          return n.doubleValue();
        }
        errors.add(
            invalidType(path, v, "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>"));
        return null;
      }
      case BOOLEAN -> {
        if (v instanceof String s && shorthand) {
          if (s.equalsIgnoreCase("true")) {
            return true;
          }
          if (s.equalsIgnoreCase("false")) {
            return false;
          }
        }
        if (v instanceof Boolean) {
          return v;
        }
        errors.add(invalidType(path, v, "<class 'bool'>"));
        return null;
      }
      case TIMESTAMP -> {
        if (v instanceof String s) {
          Instant t = timestamp(s);
          if (t != null) {
            return t;
          }
          errors.add("Invalid timestamp value for parameter " + path + ": " + s);
          return null;
        }
        if (v instanceof Long n) {
          try {
            return Instant.ofEpochSecond(n);
          } catch (java.time.DateTimeException e) {
            errors.add("Invalid timestamp value for parameter " + path + ": " + n);
            return null;
          }
        }
        errors.add(
            invalidType(path, v, "<class 'datetime.datetime'>, <class 'str'>, timestamp-string"));
        return null;
      }
      case BLOB -> {
        if (v instanceof FileBytes b) {
          return b.bytes();
        }
        if (v instanceof String s) {
          return s.getBytes(StandardCharsets.UTF_8); // the AWS CLI v1: the text's own bytes
        }
        errors.add(invalidType(path, v, "<class 'bytes'>, <class 'bytearray'>, file-like object"));
        return null;
      }
    }
    return null;
  }

  /** Python's int(): the AWS CLI's message when it is not a whole number. */
  static Object integer(String s) {
    try {
      return new BigInteger(s.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new Refused(
          "invalid literal for int() with base 10: '" + s + "'", AwsCli.EXIT_VALIDATION);
    }
  }

  static Object decimal(String s) {
    try {
      return Double.valueOf(s.strip());
    } catch (NumberFormatException e) {
      throw new Refused("could not convert string to float: '" + s + "'", AwsCli.EXIT_VALIDATION);
    }
  }

  /** A time as botocore reads it: ISO 8601 (a zone-less time is UTC), or seconds since 1970. */
  static Instant timestamp(String s) {
    String t = s.strip();
    try {
      return Instant.ofEpochMilli(Math.round(Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      // not epoch seconds
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // no offset
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // a date alone
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The text, or a mask when it or the parameter names a member the model marks sensitive. */
  static String masked(String cliName, String text) {
    return DebugTransport.isSecretName(cliName.replace("-", ""))
            || DebugTransport.mentionsSecret(text)
        ? "<redacted: names a sensitive member>"
        : text;
  }

  private static String invalidType(String path, Object v, String valid) {
    return "Invalid type for parameter "
        + (path.isEmpty() ? "input" : path)
        + ", value: "
        + (DebugTransport.isSecretName(path) ? "<redacted>" : Python.str(v))
        + ", type: <class '"
        + Python.type(v)
        + "'>"
        + ", valid types: "
        + valid;
  }
}
