package dev.ec2kit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The JMESPath the waiters use, and the rest of the subset, against the specification's answers.
 */
class JmesPathTest {
  private static final Map<String, Object> ANSWER =
      Map.of(
          "Reservations",
          List.of(
              Map.of(
                  "Instances",
                  List.of(
                      Map.of("InstanceId", "i-1", "State", Map.of("Name", "running", "Code", 16)),
                      Map.of("InstanceId", "i-2", "State", Map.of("Name", "pending", "Code", 0)))),
              Map.of(
                  "Instances",
                  List.of(
                      Map.of(
                          "InstanceId", "i-3", "State", Map.of("Name", "running", "Code", 16))))),
          "Volumes",
          List.of(Map.of("VolumeId", "vol-1", "State", "available", "Size", 8)),
          "PasswordData",
          "",
          "Empty",
          List.of());

  private static Object search(String expression) {
    return JmesPath.search(expression, ANSWER);
  }

  @Test
  void projections_flatten_nested_lists_into_one_list() {
    assertThat(search("Reservations[].Instances[].State.Name"))
        .isEqualTo(List.of("running", "pending", "running"));
    assertThat(search("Reservations[*].Instances[*].InstanceId"))
        .isEqualTo(List.of(List.of("i-1", "i-2"), List.of("i-3")));
    assertThat(search("Volumes[].State")).isEqualTo(List.of("available"));
    assertThat(search("Missing[].State")).isNull();
  }

  @Test
  void fields_indexes_and_pipes() {
    assertThat(search("Volumes[0].VolumeId")).isEqualTo("vol-1");
    assertThat(search("Reservations[-1].Instances[0].InstanceId")).isEqualTo("i-3");
    assertThat(search("Reservations[5]")).isNull();
    assertThat(search("Reservations[].Instances[] | [0].InstanceId")).isEqualTo("i-1");
    assertThat(search("\"PasswordData\"")).isEqualTo("");
  }

  @Test
  void length_and_comparisons_as_the_exists_waiters_ask() {
    assertThat(search("length(Reservations[]) > `0`")).isEqualTo(true);
    assertThat(search("length(Empty[]) == `0`")).isEqualTo(true);
    assertThat(search("length(PasswordData) > `0`")).isEqualTo(false);
    assertThat(search("length(Missing[]) > `0`")).isNull();
    assertThat(search("Volumes[0].Size >= `8`")).isEqualTo(true);
    assertThat(search("Volumes[0].Size < `8`")).isEqualTo(false);
    assertThat(search("Volumes[0].State != 'available'")).isEqualTo(false);
  }

  @Test
  void filters_contains_and_boolean_operators() {
    assertThat(search("Reservations[].Instances[?State.Name == 'running'].InstanceId"))
        .isEqualTo(List.of(List.of("i-1"), List.of("i-3")));
    assertThat(search("Reservations[].Instances[] | [?State.Code == `16`].InstanceId"))
        .isEqualTo(List.of("i-1", "i-3"));
    assertThat(search("contains(Reservations[].Instances[].State.Name, 'pending')"))
        .isEqualTo(true);
    assertThat(search("contains(Volumes[0].VolumeId, 'vol')")).isEqualTo(true);
    assertThat(search("Missing || Volumes[0].State")).isEqualTo("available");
    assertThat(search("Volumes[0].State && PasswordData")).isEqualTo("");
    assertThat(search("!Empty")).isEqualTo(true);
    assertThat(search("(Missing || Empty) == `[]`")).isEqualTo(true);
  }

  /**
   * The same expressions (every waiter's and the ones above) through the jmespath library botocore
   * uses, on the same document: the same answers.
   */
  @Test
  void agrees_with_python_jmespath_on_every_waiter_expression_and_more() throws Exception {
    List<String> expressions = new ArrayList<>();
    Model.ec2().waiters().values().stream()
        .flatMap(w -> w.acceptors().stream())
        .map(Model.Acceptor::argument)
        .filter(a -> a != null)
        .distinct()
        .forEach(expressions::add);
    expressions.addAll(
        List.of(
            "Reservations[].Instances[].State.Name",
            "Reservations[*].Instances[*].InstanceId",
            "Reservations[-1].Instances[0].InstanceId",
            "Reservations[].Instances[] | [0].InstanceId",
            "Reservations[].Instances[?State.Name == 'running'].InstanceId",
            "Reservations[].Instances[] | [?State.Code == `16`].InstanceId",
            "contains(Reservations[].Instances[].State.Name, 'pending')",
            "length(Reservations[]) > `0`",
            "length(Empty[]) == `0`",
            "Missing || Volumes[0].State",
            "Volumes[0].State && PasswordData",
            "!Empty",
            "Volumes[0].Size >= `8`",
            "Reservations[*].Instances[?State.Code > `0`][]",
            "*.Instances"));
    Process python =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import sys, json, jmespath\n"
                    + "doc = json.loads(sys.stdin.readline())\n"
                    + "for line in sys.stdin:\n"
                    + "    try:\n"
                    + "        print(json.dumps(jmespath.search(json.loads(line), doc), sort_keys=True))\n"
                    + "    except jmespath.exceptions.JMESPathTypeError as e:\n"
                    + "        print('type error: ' + e.actual_type)")
            .redirectErrorStream(true)
            .start();
    StringBuilder in = new StringBuilder(json(ANSWER)).append('\n');
    expressions.forEach(e -> in.append(json(e)).append('\n'));
    python.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
    python.getOutputStream().close();
    List<String> theirs =
        new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(python.waitFor()).as(String.join("\n", theirs)).isZero();
    for (int i = 0; i < expressions.size(); i++) {
      String e = expressions.get(i);
      Object mine;
      try {
        mine = JmesPath.search(e, ANSWER);
      } catch (IllegalArgumentException ex) {
        mine = ex.getMessage();
      }
      if (theirs.get(i).equals("type error: null")) {
        // length() of a missing list: jmespath raises; ours is null, so no acceptor matches it
        assertThat(json(mine)).as(e).isIn("null", "false");
      } else {
        assertThat(json(mine)).as(e).isEqualTo(theirs.get(i));
      }
    }
    assertThat(expressions).hasSizeGreaterThan(40);
  }

  /** JSON as Python's json.dumps(sort_keys=True) writes it. */
  private static String json(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (v instanceof List<?> l) {
      return l.stream().map(JmesPathTest::json).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>(m)
          .entrySet().stream()
              .map(en -> json(en.getKey()) + ": " + json(en.getValue()))
              .collect(Collectors.joining(", ", "{", "}"));
    }
    return v.toString();
  }

  @Test
  void malformed_expressions_are_refused_saying_where() {
    assertThatThrownBy(() -> JmesPath.parse("Reservations[].")).hasMessageContaining("at 15");
    assertThatThrownBy(() -> JmesPath.parse("length(a, b)")).hasMessageContaining("takes 1");
    assertThatThrownBy(() -> JmesPath.parse("sort(a)")).hasMessageContaining("unknown function");
    assertThatThrownBy(() -> JmesPath.parse("a ~ b")).hasMessageContaining("unexpected ~");
  }
}
