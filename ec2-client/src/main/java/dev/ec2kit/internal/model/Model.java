package dev.ec2kit.internal.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * botocore's EC2 model as the build compiled it ({@code ec2.model}, made by {@code
 * src/model/CompileModel.java}): operations, shapes, waiters, paginators. Read once, the first time
 * a generic call needs it: a call through the typed areas never loads it.
 */
public final class Model {
  /** A shape's kind, as botocore names it. */
  public enum Type {
    STRUCTURE,
    LIST,
    STRING,
    INTEGER,
    LONG,
    DOUBLE,
    FLOAT,
    BOOLEAN,
    TIMESTAMP,
    BLOB;

    /** botocore's name for the type ({@code structure}, {@code integer}...). */
    public String modelName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A structure's member: its name, shape, whether it is required or an idempotency token, the name
   * it is sent under (EC2's query name) and the element it is read from.
   */
  public record Member(
      String name,
      Shape shape,
      boolean required,
      boolean token,
      String queryName,
      String xmlName) {}

  /** A shape: its type, members (structures), item shape (lists) and enum values (strings). */
  public static final class Shape {
    private final String name;
    private final Type type;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private Shape item;
    private final Set<String> enumValues;

    Shape(String name, Type type, Set<String> enumValues) {
      this.name = name;
      this.type = type;
      this.enumValues = enumValues;
    }

    public String name() {
      return name;
    }

    public Type type() {
      return type;
    }

    /** The members of a structure, in the model's order; empty for other types. */
    public Map<String, Member> members() {
      return Collections.unmodifiableMap(members);
    }

    /** The shape of a list's items; null for other types. */
    public Shape item() {
      return item;
    }

    /** The values an enum string may take; empty when any string will do. */
    public Set<String> enumValues() {
      return enumValues;
    }

    @Override
    public String toString() {
      return name + "(" + type.modelName() + ")";
    }
  }

  /** An operation: its input shape, and its output shape (null when it answers nothing). */
  public record Operation(String name, Shape input, Shape output) {}

  /**
   * One waiter acceptor: when {@code matcher} ({@code path}, {@code pathAll}, {@code pathAny},
   * {@code status}, {@code error}) finds {@code expected} (a String, Long or Boolean), the wait is
   * in {@code state} ({@code success}, {@code failure}, {@code retry}).
   */
  public record Acceptor(String state, String matcher, Object expected, String argument) {}

  /** A waiter: the operation it polls, every {@code delaySeconds}, at most {@code maxAttempts}. */
  public record WaiterSpec(
      String name, String operation, int delaySeconds, int maxAttempts, List<Acceptor> acceptors) {}

  /**
   * A paginator: the input member that takes the token, the output member that gives the next, the
   * input member that limits a page (null when none) and the output members that hold items.
   */
  public record PaginatorSpec(
      String operation,
      String inputToken,
      String outputToken,
      String limitKey,
      List<String> resultKeys) {}

  private final String source;
  private final Map<String, Operation> operations;
  private final Map<String, Shape> shapes;
  private final Map<String, WaiterSpec> waiters;
  private final Map<String, PaginatorSpec> paginators;

  private Model(
      String source,
      Map<String, Operation> operations,
      Map<String, Shape> shapes,
      Map<String, WaiterSpec> waiters,
      Map<String, PaginatorSpec> paginators) {
    this.source = source;
    this.operations = operations;
    this.shapes = shapes;
    this.waiters = waiters;
    this.paginators = paginators;
  }

  private static final class Holder {
    static final Model EC2 = load();
  }

  /** The EC2 model, read at the first call. */
  public static Model ec2() {
    return Holder.EC2;
  }

  /** Where the model comes from ({@code botocore 1.43.11}). */
  public String source() {
    return source;
  }

  public Map<String, Operation> operations() {
    return operations;
  }

  public Map<String, Shape> shapes() {
    return shapes;
  }

  public Map<String, WaiterSpec> waiters() {
    return waiters;
  }

  public Map<String, PaginatorSpec> paginators() {
    return paginators;
  }

  /** The operation of that exact name, or an error naming the nearest ones. */
  public Operation operation(String name) {
    Operation op = operations.get(name);
    if (op == null) {
      throw new IllegalArgumentException(
          "EC2 has no operation "
              + name
              + Names.didYouMean(name, operations.keySet())
              + " (the names are botocore's, in PascalCase: CreateVpc, DescribeInstances)");
    }
    return op;
  }

  public Optional<PaginatorSpec> paginator(String operation) {
    return Optional.ofNullable(paginators.get(operation));
  }

  static Model load() {
    try (InputStream in = Model.class.getResourceAsStream("ec2.model")) {
      if (in == null) {
        throw new IllegalStateException(
            "ec2.model is missing from ec2-client's jar: the build compiles it (see"
                + " src/model/CompileModel.java)");
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the EC2 model (ec2.model)", e);
    }
  }

  private static Model read(BufferedReader r) throws IOException {
    String source = "";
    List<String[]> ops = new ArrayList<>();
    List<String[]> structures = new ArrayList<>();
    Map<String, Shape> shapes = new HashMap<>(8192);
    Map<String, WaiterSpec> waiters = new LinkedHashMap<>();
    Map<String, PaginatorSpec> paginators = new LinkedHashMap<>();
    List<Acceptor> acceptors = null;
    String[] waiter = null;
    for (String line; (line = r.readLine()) != null; ) {
      if (line.startsWith("#")) {
        source = line.substring(line.indexOf("botocore"));
        continue;
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "O" -> ops.add(f);
        case "S" -> {
          Type type = Type.valueOf(f[2].toUpperCase(java.util.Locale.ROOT));
          Set<String> values =
              type == Type.STRING && f.length > 3
                  ? Set.of(java.util.Arrays.copyOfRange(f, 3, f.length))
                  : Set.of();
          shapes.put(f[1], new Shape(f[1], type, values));
          if (type == Type.STRUCTURE || type == Type.LIST) {
            structures.add(f);
          }
        }
        case "W" -> {
          acceptors = new ArrayList<>();
          waiter = f;
          waiters.put(
              f[1],
              new WaiterSpec(
                  f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), acceptors));
        }
        case "A" -> {
          if (waiter == null) {
            throw new IllegalStateException("an acceptor before any waiter: " + line);
          }
          acceptors.add(new Acceptor(f[1], f[2], expected(f[3]), f[4].isEmpty() ? null : f[4]));
        }
        case "P" ->
            paginators.put(
                f[1],
                new PaginatorSpec(
                    f[1], f[2], f[3], f[4].isEmpty() ? null : f[4], List.of(f[5].split(","))));
        default -> throw new IllegalStateException("unknown line in ec2.model: " + line);
      }
    }
    for (String[] f : structures) {
      Shape s = shapes.get(f[1]);
      if (s.type == Type.LIST) {
        s.item = shape(shapes, f[3]);
        continue;
      }
      for (int i = 3; i < f.length; i++) {
        String[] m = f[i].split("\\|", -1);
        s.members.put(
            m[0],
            new Member(
                m[0],
                shape(shapes, m[1]),
                m[2].contains("r"),
                m[2].contains("t"),
                m[3].isEmpty() ? m[0] : m[3],
                m[4].isEmpty() ? m[0] : m[4]));
      }
    }
    Map<String, Operation> operations = new LinkedHashMap<>();
    for (String[] f : ops) {
      operations.put(
          f[1],
          new Operation(f[1], shape(shapes, f[2]), f[3].equals("-") ? null : shape(shapes, f[3])));
    }
    waiters.replaceAll(
        (k, w) ->
            new WaiterSpec(
                w.name(),
                w.operation(),
                w.delaySeconds(),
                w.maxAttempts(),
                List.copyOf(w.acceptors())));
    return new Model(
        source,
        Collections.unmodifiableMap(operations),
        Collections.unmodifiableMap(shapes),
        Collections.unmodifiableMap(waiters),
        Collections.unmodifiableMap(paginators));
  }

  private static Shape shape(Map<String, Shape> shapes, String name) {
    Shape s = shapes.get(name);
    if (s == null) {
      throw new IllegalStateException("ec2.model refers to an unknown shape " + name);
    }
    return s;
  }

  /** An acceptor's expected value, written as JSON: a string, a whole number or a boolean. */
  private static Object expected(String json) {
    if (json.startsWith("\"")) {
      return json.substring(1, json.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if (json.equals("true") || json.equals("false")) {
      return Boolean.valueOf(json);
    }
    return Long.valueOf(json);
  }
}
