package dev.ec2kit.internal.model;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.ConcurrentHashMap;

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
  public static final class Member {
    private final Model model;
    private final String name;
    private final String shapeName;
    private final boolean required;
    private final boolean token;
    private final boolean sensitive;
    private final String queryName;
    private final String xmlName;

    Member(
        Model model,
        String name,
        String shapeName,
        boolean required,
        boolean token,
        boolean sensitive,
        String queryName,
        String xmlName) {
      this.model = model;
      this.name = name;
      this.shapeName = shapeName;
      this.required = required;
      this.token = token;
      this.sensitive = sensitive;
      this.queryName = queryName;
      this.xmlName = xmlName;
    }

    public String name() {
      return name;
    }

    /** The member's shape, read from the model the first time any member asks for it. */
    public Shape shape() {
      return model.shape(shapeName);
    }

    public boolean required() {
      return required;
    }

    public boolean token() {
      return token;
    }

    /** Whether the model marks its shape sensitive: a value never shown (user data, keys). */
    public boolean sensitive() {
      return sensitive;
    }

    public String queryName() {
      return queryName;
    }

    public String xmlName() {
      return xmlName;
    }
  }

  /** A shape: its type, members (structures), item shape (lists) and enum values (strings). */
  public static final class Shape {
    private final Model model;
    private final String name;
    private final Type type;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private String itemName;
    private final Set<String> enumValues;

    Shape(Model model, String name, Type type, Set<String> enumValues) {
      this.model = model;
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
      return itemName == null ? null : model.shape(itemName);
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
  public static final class Operation {
    private final Model model;
    private final String name;
    private final String input;
    private final String output;

    Operation(Model model, String name, String input, String output) {
      this.model = model;
      this.name = name;
      this.input = input;
      this.output = output;
    }

    public String name() {
      return name;
    }

    public Shape input() {
      return model.shape(input);
    }

    public Shape output() {
      return output == null ? null : model.shape(output);
    }

    @Override
    public String toString() {
      return name;
    }
  }

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
      List<String> resultKeys,
      String moreResults) {}

  private final String text;
  private final String source;
  private final Map<String, Operation> operations = new LinkedHashMap<>();
  private final Map<String, Integer> shapeLines = new HashMap<>(8192);
  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<String, WaiterSpec> waiters = new LinkedHashMap<>();
  private final Map<String, PaginatorSpec> paginators = new LinkedHashMap<>();

  /**
   * Indexes the compiled model: operations, waiters and paginators are read now (a few hundred
   * short lines), each of the 4,000 shapes only when a call first needs it, so a first call costs
   * the few shapes it touches rather than all of them.
   */
  private Model(String text) {
    this.text = text;
    String src = "";
    List<Acceptor> acceptors = null;
    for (int at = 0, end; at < text.length(); at = end + 1) {
      end = text.indexOf('\n', at);
      if (end < 0) {
        end = text.length();
      }
      char kind = text.charAt(at);
      if (kind == 'S') {
        int name = at + 2;
        shapeLines.put(text.substring(name, text.indexOf('\t', name)), at);
        continue;
      }
      String line = text.substring(at, end);
      String[] f = line.split("\t", -1);
      switch (kind) {
        case '#' -> src = line.substring(line.indexOf("botocore"));
        case 'O' ->
            operations.put(f[1], new Operation(this, f[1], f[2], f[3].equals("-") ? null : f[3]));
        case 'W' -> {
          acceptors = new ArrayList<>();
          waiters.put(
              f[1],
              new WaiterSpec(
                  f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), acceptors));
        }
        case 'A' -> {
          if (acceptors == null) {
            throw new IllegalStateException("an acceptor before any waiter: " + line);
          }
          acceptors.add(new Acceptor(f[1], f[2], expected(f[3]), f[4].isEmpty() ? null : f[4]));
        }
        case 'P' ->
            paginators.put(
                f[1],
                new PaginatorSpec(
                    f[1],
                    f[2],
                    f[3],
                    f[4].isEmpty() ? null : f[4],
                    List.of(f[5].split(",")),
                    f[6].isEmpty() ? null : f[6]));
        default -> throw new IllegalStateException("unknown line in ec2.model: " + line);
      }
    }
    this.source = src;
    waiters.replaceAll(
        (k, w) ->
            new WaiterSpec(
                w.name(),
                w.operation(),
                w.delaySeconds(),
                w.maxAttempts(),
                List.copyOf(w.acceptors())));
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
    return Collections.unmodifiableMap(operations);
  }

  /** The names of every shape. */
  public Set<String> shapeNames() {
    return Collections.unmodifiableSet(shapeLines.keySet());
  }

  /** The shape of that name, read from the model at its first use. */
  public Shape shape(String name) {
    Shape s = shapes.get(name);
    return s != null ? s : shapes.computeIfAbsent(name, this::readShape);
  }

  public Map<String, WaiterSpec> waiters() {
    return Collections.unmodifiableMap(waiters);
  }

  public Map<String, PaginatorSpec> paginators() {
    return Collections.unmodifiableMap(paginators);
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

  private final Map<String, Set<String>> sensitive = new ConcurrentHashMap<>();

  /**
   * The query parameters of an operation's input under a member the model marks sensitive, with
   * {@code N} for each list index ({@code UserData}, {@code TunnelOptions}, {@code
   * LaunchSpecification.UserData}); any parameter under a member named {@code UserData} too, as
   * user data is a secret whatever its shape ({@code UserData.Value} of ModifyInstanceAttribute).
   * Empty for an operation EC2 does not have.
   */
  public Set<String> sensitiveParameters(String operation) {
    Operation op = operations.get(operation);
    if (op == null) {
      return Set.of();
    }
    return sensitive.computeIfAbsent(
        operation,
        k -> {
          Set<String> out = new java.util.HashSet<>();
          sensitiveUnder(op.input(), "", out, 0);
          return Set.copyOf(out);
        });
  }

  private static void sensitiveUnder(Shape s, String prefix, Set<String> out, int depth) {
    if (depth > 12) {
      return; // no input nests deeper; a recursive shape stops here
    }
    for (Member m : s.members().values()) {
      String path = prefix + m.queryName();
      if (m.sensitive() || m.name().equals("UserData")) {
        out.add(path);
        continue;
      }
      Shape shape = m.shape();
      while (shape.type() == Type.LIST) {
        path += ".N";
        shape = shape.item();
      }
      if (shape.type() == Type.STRUCTURE) {
        sensitiveUnder(shape, path + ".", out, depth + 1);
      }
    }
  }

  static Model load() {
    try (InputStream in = Model.class.getResourceAsStream("ec2.model")) {
      if (in == null) {
        throw new IllegalStateException(
            "ec2.model is missing from ec2-client's jar: the build compiles it (see"
                + " src/model/CompileModel.java)");
      }
      return new Model(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the EC2 model (ec2.model)", e);
    }
  }

  /** One shape's line: {@code S name type ...}; members and items name their shapes. */
  private Shape readShape(String name) {
    Integer at = shapeLines.get(name);
    if (at == null) {
      throw new IllegalStateException("ec2.model refers to an unknown shape " + name);
    }
    int end = text.indexOf('\n', at);
    String[] f = text.substring(at, end < 0 ? text.length() : end).split("\t", -1);
    Type type = Type.valueOf(f[2].toUpperCase(java.util.Locale.ROOT));
    Set<String> values =
        type == Type.STRING && f.length > 3
            ? Set.of(java.util.Arrays.copyOfRange(f, 3, f.length))
            : Set.of();
    Shape s = new Shape(this, name, type, values);
    if (type == Type.LIST) {
      s.itemName = f[3];
    } else if (type == Type.STRUCTURE) {
      for (int i = 3; i < f.length; i++) {
        String[] m = f[i].split("\\|", -1);
        s.members.put(
            m[0],
            new Member(
                this,
                m[0],
                m[1],
                m[2].contains("r"),
                m[2].contains("t"),
                m[2].contains("s"),
                m[3].isEmpty() ? m[0] : m[3],
                m[4].isEmpty() ? m[0] : m[4]));
      }
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
