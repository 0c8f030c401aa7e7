package dev.ec2kit.internal.model;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.internal.model.Model.Acceptor;
import dev.ec2kit.internal.model.Model.WaiterSpec;
import java.util.List;
import java.util.Map;

/**
 * A waiter's acceptors applied to one poll, as botocore's waiter does: the first whose matcher
 * finds its expected value decides the state. A path matcher reads the answer, never an error;
 * {@code status} compares the HTTP status (200 for an answer); {@code error} the error code (or,
 * expecting {@code true}/{@code false}, whether there was one).
 */
public final class Acceptors {
  private Acceptors() {}

  /** The first acceptor of {@code waiter} matching the poll, or null when none does. */
  public static Acceptor match(WaiterSpec waiter, Map<String, Object> answer, Ec2Exception error) {
    for (Acceptor a : waiter.acceptors()) {
      if (matches(a, answer, error)) {
        return a;
      }
    }
    return null;
  }

  /** Whether one acceptor matches an answer ({@code error} null) or an error. */
  public static boolean matches(Acceptor a, Map<String, Object> answer, Ec2Exception error) {
    switch (a.matcher()) {
      case "status" -> {
        return JmesPath.same(error == null ? 200 : error.statusCode(), a.expected());
      }
      case "error" -> {
        if (a.expected() instanceof Boolean b) {
          return b == (error != null);
        }
        return error != null && error.code().equals(a.expected());
      }
      case "path", "pathAll", "pathAny" -> {
        if (error != null) {
          return false;
        }
        Object found = JmesPath.search(a.argument(), answer);
        if (a.matcher().equals("path")) {
          return JmesPath.same(found, a.expected());
        }
        if (!(found instanceof List<?> list) || list.isEmpty()) {
          return false;
        }
        return a.matcher().equals("pathAll")
            ? list.stream().allMatch(o -> JmesPath.same(o, a.expected()))
            : list.stream().anyMatch(o -> JmesPath.same(o, a.expected()));
      }
      default ->
          throw new IllegalStateException(
              "waiter " + waiter(a) + ": unknown matcher " + a.matcher());
    }
  }

  /**
   * An acceptor as a person reads it: {@code pathAny Reservations[].Instances[].State.Name ==
   * "terminated"}.
   */
  public static String describe(Acceptor a) {
    String expected =
        a.expected() instanceof String s ? "\"" + s + "\"" : String.valueOf(a.expected());
    return switch (a.matcher()) {
      case "status" -> "HTTP status " + expected;
      case "error" ->
          Boolean.TRUE.equals(a.expected())
              ? "any error"
              : Boolean.FALSE.equals(a.expected()) ? "no error" : "error " + a.expected();
      default -> a.matcher() + " " + a.argument() + " == " + expected;
    };
  }

  private static String waiter(Acceptor a) {
    return a.matcher() + " " + a.argument();
  }
}
