package dev.ec2kit.internal.model;

import dev.ec2kit.internal.model.Model.Member;
import dev.ec2kit.internal.model.Model.Operation;
import dev.ec2kit.internal.model.Model.Shape;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Checks a generic call's parameters against the operation's input shape and writes them as EC2's
 * query protocol sends them (botocore's {@code EC2Serializer}): a member under its query name,
 * nested structures as {@code A.B}, lists flattened as {@code Name.N} from 1, an empty list not at
 * all, booleans {@code true}/{@code false}, timestamps ISO-8601, blobs base64. Idempotency tokens
 * left out are filled with a random UUID, as the SDKs do.
 */
public final class RequestWriter {
  private final Supplier<UUID> tokens;

  public RequestWriter(Supplier<UUID> tokens) {
    this.tokens = tokens;
  }

  /**
   * The form parameters of {@code op} for {@code params} (a map of member names to values: Map,
   * Collection, String, Number, Boolean, Instant, byte[]; a null value is left out).
   *
   * @throws IllegalArgumentException a member the shape does not have, a required one missing, a
   *     value of the wrong type or not among the enum's values: the message names the operation,
   *     the member's path and the fix
   */
  public Map<String, String> write(Operation op, Map<String, ?> params) {
    Map<String, Object> filled = new LinkedHashMap<>(params == null ? Map.of() : params);
    for (Member m : op.input().members().values()) {
      if (m.token() && filled.get(m.name()) == null) {
        filled.put(m.name(), tokens.get().toString());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    structure(op.name(), op.input(), filled, "", "", out);
    for (String name : WHOLE_SECONDS.getOrDefault(op.name(), List.of())) {
      out.computeIfPresent(name, (k, v) -> v.replaceFirst("\\.\\d+Z$", "Z"));
    }
    return out;
  }

  /**
   * The times Spot Fleet refuses with fractional seconds, sent in whole seconds as the AWS SDK for
   * Java's {@code TimestampFormatInterceptor} sends them.
   */
  private static final Map<String, List<String>> WHOLE_SECONDS =
      Map.of(
          "DescribeSpotFleetRequestHistory",
          List.of("StartTime"),
          "RequestSpotFleet",
          List.of("SpotFleetRequestConfig.ValidFrom", "SpotFleetRequestConfig.ValidUntil"));

  private void structure(
      String op,
      Shape shape,
      Map<?, ?> value,
      String path,
      String prefix,
      Map<String, String> out) {
    for (Map.Entry<?, ?> e : value.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw bad(op, path, "has a key that is not a String: " + e.getKey());
      }
      Member m = shape.members().get(name);
      String at = path.isEmpty() ? name : path + "." + name;
      if (m == null) {
        throw new IllegalArgumentException(
            op
                + ": unknown parameter "
                + at
                + Names.didYouMean(name, shape.members().keySet())
                + "; "
                + shape.name()
                + " has "
                + String.join(", ", shape.members().keySet()));
      }
      if (e.getValue() != null) {
        value(op, m.shape(), e.getValue(), at, prefix + m.queryName(), out);
      }
    }
    for (Member m : shape.members().values()) {
      if (m.required() && value.get(m.name()) == null) {
        String at = path.isEmpty() ? m.name() : path + "." + m.name();
        throw new IllegalArgumentException(
            op + ": missing required parameter " + at + " (" + describe(m.shape()) + "); set it");
      }
    }
  }

  private void value(
      String op, Shape shape, Object v, String path, String name, Map<String, String> out) {
    switch (shape.type()) {
      case STRUCTURE -> {
        if (!(v instanceof Map<?, ?> map)) {
          throw wrongType(op, path, shape, v);
        }
        structure(op, shape, map, path, name + ".", out);
      }
      case LIST -> {
        if (!(v instanceof Collection<?> list)) {
          throw wrongType(op, path, shape, v);
        }
        int i = 0;
        for (Object item : list) {
          if (item == null) {
            throw bad(op, path + "[" + i + "]", "is null; leave it out of the list");
          }
          value(op, shape.item(), item, path + "[" + i + "]", name + "." + (i + 1), out);
          i++;
        }
      }
      case STRING -> {
        if (!(v instanceof String s)) {
          throw wrongType(op, path, shape, v);
        }
        // A value outside the model's enum is sent as botocore and the SDKs send it: EC2 names
        // its own error (InvalidInstanceType, InvalidParameterValue), and a newer value works.
        out.put(name, s);
      }
      case INTEGER ->
          out.put(
              name,
              Long.toString(integral(op, shape, v, path, Integer.MIN_VALUE, Integer.MAX_VALUE)));
      case LONG ->
          out.put(
              name, Long.toString(integral(op, shape, v, path, Long.MIN_VALUE, Long.MAX_VALUE)));
      case DOUBLE -> {
        if (!(v instanceof Number n)) {
          throw wrongType(op, path, shape, v);
        }
        out.put(name, Double.toString(n.doubleValue()));
      }
      case FLOAT -> {
        if (!(v instanceof Number n)) {
          throw wrongType(op, path, shape, v);
        }
        out.put(name, Float.toString(n.floatValue()));
      }
      case BOOLEAN -> {
        if (!(v instanceof Boolean b)) {
          throw wrongType(op, path, shape, v);
        }
        out.put(name, b.toString());
      }
      case TIMESTAMP -> {
        if (!(v instanceof Instant t)) {
          throw wrongType(op, path, shape, v);
        }
        out.put(name, t.toString());
      }
      case BLOB -> {
        if (!(v instanceof byte[] b)) {
          throw wrongType(op, path, shape, v);
        }
        out.put(name, Base64.getEncoder().encodeToString(b));
      }
    }
  }

  private static long integral(String op, Shape shape, Object v, String path, long min, long max) {
    BigInteger n;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = BigInteger.valueOf(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      n = b;
    } else {
      throw wrongType(op, path, shape, v);
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw bad(op, path, "is " + n + ", out of the range of " + describe(shape));
    }
    return n.longValue();
  }

  private static IllegalArgumentException wrongType(String op, String path, Shape shape, Object v) {
    return bad(
        op,
        path,
        "must be "
            + describe(shape)
            + ", got "
            + v.getClass().getSimpleName()
            + (v instanceof String || v instanceof Number || v instanceof Boolean
                ? " " + (v instanceof String ? "\"" + v + "\"" : v)
                : ""));
  }

  private static IllegalArgumentException bad(String op, String path, String what) {
    return new IllegalArgumentException(op + ": parameter " + path + " " + what);
  }

  /** What a value of the shape is in Java, as the messages say it. */
  static String describe(Shape shape) {
    return switch (shape.type()) {
      case STRUCTURE -> "a " + shape.name() + " (a Map of its members)";
      case LIST -> "a list of " + describe(shape.item()) + " (a List)";
      case STRING -> shape.enumValues().isEmpty() ? "a String" : "a " + shape.name() + " String";
      case INTEGER -> "an integer (Integer)";
      case LONG -> "a long (Long or Integer)";
      case DOUBLE, FLOAT -> "a number (Double)";
      case BOOLEAN -> "a Boolean";
      case TIMESTAMP -> "a timestamp (Instant)";
      case BLOB -> "bytes (byte[])";
    };
  }
}
