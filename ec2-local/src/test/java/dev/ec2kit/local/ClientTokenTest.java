package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Operations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * EC2's one idempotency rule over real HTTP, for every creating action that takes a ClientToken
 * (CreateVolume, RunInstances, CreateNetworkAcl among them): the same token with the same
 * parameters answers what the first call made, and makes nothing more; the same token with other
 * parameters is IdempotentParameterMismatch; a token belongs to its action.
 */
class ClientTokenTest {
  private final Sim sim = new Sim(Duration.ZERO);
  private final Operations ops = sim.ec2.operations();

  @AfterEach
  void close() {
    sim.close();
  }

  /** A member of a structure the generic call answered. */
  private static Object field(Object structure, String name) {
    return ((Map<?, ?>) structure).get(name);
  }

  private static List<?> list(Object o) {
    return (List<?>) o;
  }

  private void mismatch(String action, Map<String, Object> params, String token) {
    assertThatThrownBy(() -> ops.call(action, params))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("IdempotentParameterMismatch");
              assertThat(e.getMessage()).contains(token).contains(action);
            });
  }

  private int count(String action, String listKey) {
    return list(ops.call(action, Map.of()).get(listKey)).size();
  }

  @Test
  void create_volume_with_one_token_makes_one_volume_and_other_parameters_mismatch() {
    Map<String, Object> params =
        Map.of("AvailabilityZone", "us-east-1a", "Size", 2, "ClientToken", "vol-once");
    int before = count("DescribeVolumes", "Volumes");
    Map<String, Object> first = ops.call("CreateVolume", params);
    Map<String, Object> again = ops.call("CreateVolume", params);
    assertThat(again.get("VolumeId")).isEqualTo(first.get("VolumeId"));
    assertThat(count("DescribeVolumes", "Volumes")).isEqualTo(before + 1);
    mismatch(
        "CreateVolume",
        Map.of("AvailabilityZone", "us-east-1a", "Size", 3, "ClientToken", "vol-once"),
        "vol-once");
    assertThat(count("DescribeVolumes", "Volumes")).isEqualTo(before + 1);
  }

  @Test
  void run_instances_with_one_token_answers_the_same_reservation_and_other_parameters_mismatch() {
    String ami = sim.ami();
    Map<String, Object> params =
        Map.of("ImageId", ami, "MinCount", 2, "MaxCount", 2, "ClientToken", "run-once");
    Map<String, Object> first = ops.call("RunInstances", params);
    Map<String, Object> again = ops.call("RunInstances", params);
    assertThat(again.get("ReservationId")).isEqualTo(first.get("ReservationId"));
    List<?> ids = list(first.get("Instances")).stream().map(i -> field(i, "InstanceId")).toList();
    assertThat(list(again.get("Instances")).stream().map(i -> field(i, "InstanceId")))
        .containsExactlyElementsOf(ids);
    assertThat(list(again.get("Instances")).stream().map(i -> field(i, "ClientToken")))
        .containsOnly("run-once");
    assertThat(sim.ec2.instances().describe()).hasSize(2);
    mismatch(
        "RunInstances",
        Map.of("ImageId", ami, "MinCount", 1, "MaxCount", 1, "ClientToken", "run-once"),
        "run-once");
    assertThat(sim.ec2.instances().describe()).hasSize(2);
  }

  @Test
  void create_network_acl_with_one_token_makes_one_acl_and_other_tags_mismatch() {
    String vpc =
        (String)
            field(ops.call("CreateVpc", Map.of("CidrBlock", "10.7.0.0/16")).get("Vpc"), "VpcId");
    Map<String, Object> params = Map.of("VpcId", vpc, "ClientToken", "acl-once");
    Map<String, Object> first = ops.call("CreateNetworkAcl", params);
    Map<String, Object> again = ops.call("CreateNetworkAcl", params);
    assertThat(again.get("NetworkAcl")).isEqualTo(first.get("NetworkAcl"));
    assertThat(again.get("ClientToken")).isEqualTo("acl-once");
    int acls = count("DescribeNetworkAcls", "NetworkAcls");
    // tags are parameters too: the same token with them is another request
    mismatch(
        "CreateNetworkAcl",
        Map.of(
            "VpcId",
            vpc,
            "ClientToken",
            "acl-once",
            "TagSpecifications",
            List.of(
                Map.of(
                    "ResourceType",
                    "network-acl",
                    "Tags",
                    List.of(Map.of("Key", "Name", "Value", "other"))))),
        "acl-once");
    assertThat(count("DescribeNetworkAcls", "NetworkAcls")).isEqualTo(acls);
  }

  @Test
  void a_token_belongs_to_its_action() {
    Map<String, Object> volume =
        Map.of("AvailabilityZone", "us-east-1a", "Size", 1, "ClientToken", "shared");
    String vol = (String) ops.call("CreateVolume", volume).get("VolumeId");
    String vpc =
        (String)
            field(ops.call("CreateVpc", Map.of("CidrBlock", "10.8.0.0/16")).get("Vpc"), "VpcId");
    // the same token in another action is that action's own
    Map<String, Object> acl =
        ops.call("CreateNetworkAcl", Map.of("VpcId", vpc, "ClientToken", "shared"));
    assertThat((String) field(acl.get("NetworkAcl"), "NetworkAclId")).startsWith("acl-");
    assertThat(ops.call("CreateVolume", volume).get("VolumeId")).isEqualTo(vol);
  }
}
