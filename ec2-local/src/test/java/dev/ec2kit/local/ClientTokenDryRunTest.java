package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Operations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dry run with a ClientToken already used is answered as EC2 does, by every creating action
 * alike: its permission is checked first, so DryRunOperation, whether its parameters are the first
 * call's or others (RunInstances and CreateVolume had answered the earlier result or
 * IdempotentParameterMismatch; CreateNetworkAcl DryRunOperation).
 */
class ClientTokenDryRunTest {
  private final Sim sim = new Sim(Duration.ZERO);
  private final Operations ops = sim.ec2.operations();

  @AfterEach
  void close() {
    sim.close();
  }

  private void dryRun(String action, Map<String, Object> params) {
    Map<String, Object> dry = new HashMap<>(params);
    dry.put("DryRun", true);
    assertThatThrownBy(() -> ops.call(action, dry))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("DryRunOperation"));
  }

  /** The first call made something; dry runs with its token, same and other parameters. */
  private void usedTokenDryRuns(String action, Map<String, Object> params, String key, Object v) {
    ops.call(action, params);
    dryRun(action, params);
    Map<String, Object> other = new HashMap<>(params);
    other.put(key, v);
    dryRun(action, other);
  }

  @Test
  void run_instances_dry_run_with_a_used_token_is_dry_run_operation() {
    usedTokenDryRuns(
        "RunInstances",
        Map.of("ImageId", sim.ami(), "MinCount", 1, "MaxCount", 1, "ClientToken", "run-dry"),
        "MaxCount",
        2);
    assertThat((List<?>) ops.call("DescribeInstances", Map.of()).get("Reservations")).hasSize(1);
  }

  @Test
  void create_volume_dry_run_with_a_used_token_is_dry_run_operation() {
    usedTokenDryRuns(
        "CreateVolume",
        Map.of("AvailabilityZone", "us-east-1a", "Size", 2, "ClientToken", "vol-dry"),
        "Size",
        3);
  }

  @Test
  void create_network_acl_dry_run_with_a_used_token_is_dry_run_operation() {
    String vpc =
        (String)
            ((Map<?, ?>) ops.call("CreateVpc", Map.of("CidrBlock", "10.9.0.0/16")).get("Vpc"))
                .get("VpcId");
    usedTokenDryRuns(
        "CreateNetworkAcl",
        Map.of("VpcId", vpc, "ClientToken", "acl-dry"),
        "TagSpecifications",
        List.of(
            Map.of(
                "ResourceType", "network-acl", "Tags", List.of(Map.of("Key", "k", "Value", "v")))));
  }
}
