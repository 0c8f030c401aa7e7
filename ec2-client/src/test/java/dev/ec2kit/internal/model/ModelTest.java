package dev.ec2kit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.internal.model.Model.Acceptor;
import dev.ec2kit.internal.model.Model.Shape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiled model: everything botocore's files hold loads, and every waiter can be run. */
class ModelTest {
  private final Model model = Model.ec2();

  @Test
  void every_operation_waiter_and_paginator_of_botocore_1_43_loads() {
    assertThat(model.source()).isEqualTo("botocore 1.43.11");
    assertThat(model.operations()).hasSize(765);
    assertThat(model.waiters()).hasSize(43);
    assertThat(model.paginators()).hasSize(171);
    assertThat(model.shapeNames()).hasSize(4014);
    model.shapeNames().forEach(n -> assertThat(model.shape(n).name()).isEqualTo(n));
    model
        .operations()
        .values()
        .forEach(
            op -> {
              assertThat(op.input().type()).isEqualTo(Model.Type.STRUCTURE);
              if (op.output() != null) {
                assertThat(op.output().type()).isEqualTo(Model.Type.STRUCTURE);
              }
            });
    assertThat(model.operations().values().stream().filter(o -> o.output() == null)).hasSize(53);
  }

  @Test
  void members_carry_the_ec2_query_names_required_flags_and_tokens() {
    Shape run = model.operation("RunInstances").input();
    assertThat(run.members().get("BlockDeviceMappings").queryName())
        .isEqualTo("BlockDeviceMapping");
    assertThat(run.members().get("MaxCount").required()).isTrue();
    assertThat(run.members().get("ClientToken").token()).isTrue();
    assertThat(run.members().get("ClientToken").queryName()).isEqualTo("ClientToken");
    Shape nic = model.shape("InstanceNetworkInterfaceSpecification");
    // queryName wins over the capitalised locationName (ipv6AddressesSet)
    assertThat(nic.members().get("Ipv6Addresses").queryName()).isEqualTo("Ipv6Addresses");
    assertThat(nic.members().get("Ipv6Addresses").xmlName()).isEqualTo("ipv6AddressesSet");
    Shape instance = model.shape("Instance");
    assertThat(instance.members().get("InstanceId").xmlName()).isEqualTo("instanceId");
    assertThat(instance.members().get("SecurityGroups").xmlName()).isEqualTo("groupSet");
    assertThat(model.shape("VolumeType").enumValues()).contains("gp3", "io2", "standard");
    assertThat(
            model.operation("DescribeInstances").input().members().get("InstanceIds").queryName())
        .isEqualTo("InstanceId");
  }

  @Test
  void every_waiter_polls_an_operation_of_the_model_and_every_paginator_names_its_members() {
    model
        .waiters()
        .values()
        .forEach(
            w -> {
              assertThat(model.operations()).containsKey(w.operation());
              assertThat(w.delaySeconds()).isPositive();
              assertThat(w.maxAttempts()).isPositive();
              assertThat(w.acceptors()).isNotEmpty();
            });
    model
        .paginators()
        .values()
        .forEach(
            p -> {
              Model.Operation op = model.operation(p.operation());
              assertThat(op.input().members()).containsKey(p.inputToken());
              assertThat(op.output().members()).containsKey(p.outputToken());
              if (p.limitKey() != null) {
                assertThat(op.input().members()).containsKey(p.limitKey());
              }
              assertThat(op.output().members()).containsKeys(p.resultKeys().toArray(String[]::new));
            });
  }

  /**
   * Each path acceptor's expression parses and evaluates on answers made from its operation's
   * output shape: with every list holding one element and every string the expected value, the
   * acceptor matches (or, for a {@code length(...) == 0}, with every list empty).
   */
  @Test
  void every_waiter_expression_parses_and_matches_an_answer_of_its_shape() {
    int checked = 0;
    for (Model.WaiterSpec w : model.waiters().values()) {
      Shape output = model.operation(w.operation()).output();
      for (Acceptor a : w.acceptors()) {
        switch (a.matcher()) {
          case "path", "pathAll", "pathAny" -> {
            JmesPath.parse(a.argument());
            Map<String, Object> full = sample(output, a.expected(), 1, 0);
            Map<String, Object> empty = sample(output, a.expected(), 0, 0);
            assertThat(Acceptors.matches(a, full, null) || Acceptors.matches(a, empty, null))
                .as("%s %s", w.name(), Acceptors.describe(a))
                .isTrue();
            assertThat(Acceptors.matches(a, Map.of(), null))
                .as("%s %s on an empty answer", w.name(), Acceptors.describe(a))
                .isFalse();
            checked++;
          }
          case "error" -> {
            Ec2Exception e = new Ec2Exception((String) a.expected(), "", "", 400);
            assertThat(Acceptors.matches(a, Map.of(), e)).isTrue();
            assertThat(Acceptors.matches(a, Map.of(), null)).isFalse();
            assertThat(Acceptors.matches(a, Map.of(), new Ec2Exception("Other", "", "", 400)))
                .isFalse();
          }
          case "status" -> assertThat(Acceptors.matches(a, Map.of(), null)).isTrue();
          default -> throw new AssertionError(a.matcher());
        }
      }
    }
    assertThat(checked).isEqualTo(81);
  }

  /** An answer of {@code shape}: lists of {@code items} elements, strings {@code text}. */
  private static Map<String, Object> sample(Shape shape, Object text, int items, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    shape
        .members()
        .values()
        .forEach(m -> out.put(m.name(), value(m.shape(), text, items, depth + 1)));
    return out;
  }

  private static Object value(Shape s, Object text, int items, int depth) {
    if (depth > 8) {
      return null;
    }
    return switch (s.type()) {
      case STRUCTURE -> sample(s, text, items, depth);
      case LIST -> {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < items; i++) {
          l.add(value(s.item(), text, items, depth + 1));
        }
        yield l;
      }
      case STRING -> text instanceof String t ? t : "x";
      case INTEGER -> 1;
      case LONG -> 1L;
      case DOUBLE, FLOAT -> 1.0;
      case BOOLEAN -> text instanceof Boolean b ? b : true;
      case TIMESTAMP -> Instant.EPOCH;
      case BLOB -> new byte[] {1};
    };
  }
}
