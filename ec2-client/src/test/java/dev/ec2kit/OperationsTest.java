package dev.ec2kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.internal.http.LoopbackServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic call over real HTTP against a loopback server that answers as EC2 does: parameters
 * checked before anything is sent, written by EC2's query rules, answers read typed, pages asked
 * for lazily, waiters run by their acceptors on a sleeper that does not sleep.
 */
class OperationsTest {
  private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";

  private final List<Map<String, String>> forms = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> sleeps = new ArrayList<>();
  private LoopbackServer server;

  @AfterEach
  void close() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** A client of a server answering each form with {@code answer}'s status and XML. */
  private Operations ops(Function<Map<String, String>, Object[]> answer) throws Exception {
    return ops(answer, RetryPolicy.none());
  }

  /** As above, {@code answer} returning null to hang up without answering. */
  private Operations ops(Function<Map<String, String>, Object[]> answer, RetryPolicy retry)
      throws Exception {
    server =
        new LoopbackServer(
            exchange -> {
              Map<String, String> form = form(new String(exchange.body(), StandardCharsets.UTF_8));
              forms.add(form);
              Object[] a = answer.apply(form);
              if (a == null) {
                exchange.socket().close(); // the answer is lost after the call was sent
                return;
              }
              exchange.answer((Integer) a[0], "text/xml", (String) a[1]);
            });
    return Ec2.builder()
        .identity(server.identity())
        .retryPolicy(retry)
        .clock(
            java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC))
        .sleeper(sleeps::add)
        .build()
        .operations();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Object[] ok(String action, String inner) {
    return new Object[] {
      200,
      "<"
          + action
          + "Response "
          + NS
          + "><requestId>r-1</requestId>"
          + inner
          + "</"
          + action
          + "Response>"
    };
  }

  private static Object[] error(int status, String code) {
    return new Object[] {
      status,
      "<Response><Errors><Error><Code>"
          + code
          + "</Code><Message>m</Message></Error></Errors>"
          + "<RequestID>r-2</RequestID></Response>"
    };
  }

  @Test
  void nested_parameters_are_sent_by_ec2s_query_rules() throws Exception {
    Operations ops = ops(f -> ok("RunInstances", "<reservationId>r-1</reservationId>"));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("ImageId", "ami-1");
    params.put("MinCount", 1);
    params.put("MaxCount", 2L);
    params.put("EbsOptimized", false);
    params.put(
        "BlockDeviceMappings",
        List.of(
            Map.of("DeviceName", "/dev/sda1", "Ebs", Map.of("VolumeSize", 8, "VolumeType", "gp3")),
            Map.of("DeviceName", "/dev/sdb", "NoDevice", "")));
    params.put("SecurityGroupIds", List.of("sg-1", "sg-2"));
    params.put("SecurityGroups", List.of());
    params.put(
        "TagSpecifications",
        List.of(
            Map.of(
                "ResourceType",
                "instance",
                "Tags",
                List.of(Map.of("Key", "Name", "Value", "web")))));
    params.put(
        "NetworkInterfaces",
        List.of(Map.of("DeviceIndex", 0, "Ipv6Addresses", List.of(Map.of("Ipv6Address", "::1")))));
    params.put("UserData", "IyEvYmluL3NoCg==");
    params.put("ClientToken", "token-1");
    assertThat(ops.call("RunInstances", params)).isEqualTo(Map.of("ReservationId", "r-1"));
    assertThat(forms.get(0))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("Action", "RunInstances"),
                Map.entry("Version", "2016-11-15"),
                Map.entry("ImageId", "ami-1"),
                Map.entry("MinCount", "1"),
                Map.entry("MaxCount", "2"),
                Map.entry("EbsOptimized", "false"),
                Map.entry("BlockDeviceMapping.1.DeviceName", "/dev/sda1"),
                Map.entry("BlockDeviceMapping.1.Ebs.VolumeSize", "8"),
                Map.entry("BlockDeviceMapping.1.Ebs.VolumeType", "gp3"),
                Map.entry("BlockDeviceMapping.2.DeviceName", "/dev/sdb"),
                Map.entry("BlockDeviceMapping.2.NoDevice", ""),
                Map.entry("SecurityGroupId.1", "sg-1"),
                Map.entry("SecurityGroupId.2", "sg-2"),
                Map.entry("TagSpecification.1.ResourceType", "instance"),
                Map.entry("TagSpecification.1.Tag.1.Key", "Name"),
                Map.entry("TagSpecification.1.Tag.1.Value", "web"),
                Map.entry("NetworkInterface.1.DeviceIndex", "0"),
                Map.entry("NetworkInterface.1.Ipv6Addresses.1.Ipv6Address", "::1"),
                Map.entry("UserData", "IyEvYmluL3NoCg=="),
                Map.entry("ClientToken", "token-1")));
  }

  @Test
  void timestamps_blobs_and_numbers_are_written_as_the_sdks_write_them() throws Exception {
    Operations ops = ops(f -> ok("ImportKeyPair", "<keyName>k</keyName>"));
    ops.call("ImportKeyPair", Map.of("KeyName", "k", "PublicKeyMaterial", new byte[] {1, 2, 3}));
    assertThat(forms.get(0)).containsEntry("PublicKeyMaterial", "AQID");
    ops.call(
        "DescribeSpotPriceHistory",
        Map.of("StartTime", Instant.parse("2024-01-02T03:04:05Z"), "MaxResults", 5));
    assertThat(forms.get(1))
        .containsEntry("StartTime", "2024-01-02T03:04:05Z")
        .containsEntry("MaxResults", "5");
  }

  @Test
  void a_value_outside_the_models_enum_is_sent_for_ec2_to_judge() throws Exception {
    Operations ops = ops(f -> ok("CreateVolume", "<volumeId>vol-1</volumeId>"));
    ops.call(
        "CreateVolume", Map.of("AvailabilityZone", "us-east-1a", "Size", 1, "VolumeType", "gp4"));
    ops.call("DescribeInstanceTypes", Map.of("InstanceTypes", List.of("t3.micro", "t3.huge-nope")));
    assertThat(forms.get(0)).containsEntry("VolumeType", "gp4");
    assertThat(forms.get(1))
        .containsEntry("InstanceType.1", "t3.micro")
        .containsEntry("InstanceType.2", "t3.huge-nope");
  }

  @Test
  void an_idempotency_token_left_out_is_a_fresh_uuid_each_call() throws Exception {
    Operations ops = ops(f -> ok("CreateVolume", "<volumeId>vol-1</volumeId>"));
    ops.call("CreateVolume", Map.of("AvailabilityZone", "us-east-1a", "Size", 1));
    ops.call("CreateVolume", Map.of("AvailabilityZone", "us-east-1a", "Size", 1));
    assertThat(forms.get(0).get("ClientToken"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        .isNotEqualTo(forms.get(1).get("ClientToken"));
  }

  @Test
  void parameters_that_do_not_fit_the_model_are_refused_before_anything_is_sent() throws Exception {
    Operations ops = ops(f -> ok("X", ""));
    assertThatThrownBy(() -> ops.call("CreateVpc", Map.of("CidrBlok", "10.0.0.0/16")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("CreateVpc: unknown parameter CidrBlok (did you mean CidrBlock?)");
    assertThatThrownBy(
            () ->
                ops.call(
                    "DescribeInstances",
                    Map.of("Filters", List.of(Map.of("Name", "x", "Value", List.of("y"))))))
        .hasMessageStartingWith(
            "DescribeInstances: unknown parameter Filters[0].Value (did you mean Values?)");
    assertThatThrownBy(() -> ops.call("RunInstances", Map.of("MinCount", 1)))
        .hasMessage(
            "RunInstances: missing required parameter MaxCount (an integer (Integer)); set it");
    assertThatThrownBy(() -> ops.call("RunInstances", Map.of("MinCount", 1, "MaxCount", "2")))
        .hasMessage(
            "RunInstances: parameter MaxCount must be an integer (Integer), got String \"2\"");
    assertThatThrownBy(() -> ops.call("CreateVpcs", Map.of()))
        .hasMessageStartingWith("EC2 has no operation CreateVpcs (did you mean CreateVpc?)");
    assertThatThrownBy(() -> ops.call("DescribeVolumes", Map.of("MaxResults", 3_000_000_000L)))
        .hasMessageContaining("MaxResults is 3000000000, out of the range of an integer");
    assertThat(server.requests()).isZero();
  }

  @Test
  void answers_are_read_into_the_output_shapes_tree_with_typed_scalars() throws Exception {
    Operations ops =
        ops(
            f ->
                ok(
                    "DescribeVolumes",
                    "<volumeSet><item><volumeId>vol-1</volumeId><size>8</size>"
                        + "<createTime>2024-01-02T03:04:05.000Z</createTime><encrypted>false</encrypted>"
                        + "<attachmentSet/><tagSet><item><key>Name</key><value>data</value></item>"
                        + "</tagSet><iops></iops></item></volumeSet>"));
    Map<String, Object> answer = ops.call("DescribeVolumes");
    assertThat(answer)
        .isEqualTo(
            Map.of(
                "Volumes",
                List.of(
                    Map.of(
                        "VolumeId",
                        "vol-1",
                        "Size",
                        8,
                        "CreateTime",
                        Instant.parse("2024-01-02T03:04:05Z"),
                        "Encrypted",
                        false,
                        "Attachments",
                        List.of(),
                        "Tags",
                        List.of(Map.of("Key", "Name", "Value", "data"))))));
  }

  @Test
  void pages_are_asked_for_as_they_are_read_until_no_token_comes_back() throws Exception {
    Operations ops =
        ops(
            f -> {
              String token = f.get("NextToken");
              String vol = token == null ? "vol-1" : token.equals("t1") ? "vol-2" : "vol-3";
              String next = token == null ? "t1" : token.equals("t1") ? "t2" : null;
              return ok(
                  "DescribeVolumes",
                  "<volumeSet><item><volumeId>"
                      + vol
                      + "</volumeId></item></volumeSet>"
                      + (next == null ? "" : "<nextToken>" + next + "</nextToken>"));
            });
    OperationPages pages = ops.paginate("DescribeVolumes", Map.of("MaxResults", 5));
    assertThat(server.requests()).isZero();
    assertThat(pages.items().limit(1).toList()).isEqualTo(List.of(Map.of("VolumeId", "vol-1")));
    assertThat(server.requests()).isEqualTo(1);
    assertThat(pages.items().map(v -> (Object) ((Map<?, ?>) v).get("VolumeId")).toList())
        .containsExactly("vol-1", "vol-2", "vol-3");
    assertThat(forms.subList(1, 4).stream().map(f -> String.valueOf(f.get("NextToken"))))
        .containsExactly("null", "t1", "t2");
    assertThat(forms).allSatisfy(f -> assertThat(f).containsEntry("MaxResults", "5"));
    assertThatThrownBy(() -> ops.paginate("CreateVpc", Map.of()))
        .hasMessage("CreateVpc does not answer in pages; call it with call(\"CreateVpc\", params)");
  }

  @Test
  void a_token_that_comes_back_twice_ends_the_pages_as_a_malformed_answer() throws Exception {
    Operations ops = ops(f -> ok("DescribeVolumes", "<volumeSet/><nextToken>same</nextToken>"));
    assertThatThrownBy(() -> ops.paginate("DescribeVolumes", Map.of()).stream().count())
        .hasMessageContaining("answered the same NextToken twice");
  }

  private static Object[] instances(String... states) {
    StringBuilder b = new StringBuilder("<reservationSet><item><instancesSet>");
    for (String s : states) {
      b.append("<item><instanceId>i-1</instanceId><instanceState><name>")
          .append(s)
          .append("</name></instanceState></item>");
    }
    return ok("DescribeInstances", b.append("</instancesSet></item></reservationSet>").toString());
  }

  @Test
  void a_waiter_polls_with_its_delay_until_every_instance_is_running() throws Exception {
    ConcurrentLinkedQueue<Object[]> answers = new ConcurrentLinkedQueue<>();
    answers.add(error(400, "InvalidInstanceID.NotFound"));
    answers.add(instances("pending", "running"));
    answers.add(instances("running", "running"));
    Operations ops = ops(f -> answers.poll());
    OperationWaiter waiter = ops.waiter("InstanceRunning");
    assertThat(waiter.delay()).isEqualTo(Duration.ofSeconds(15));
    assertThat(waiter.maxAttempts()).isEqualTo(40);
    Map<String, Object> answer = waiter.waitFor(Map.of("InstanceIds", List.of("i-1")));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15));
    assertThat(forms).allSatisfy(f -> assertThat(f).containsEntry("InstanceId.1", "i-1"));
    assertThat(answer.toString()).contains("State={Name=running}");
  }

  @Test
  void a_waiter_reaching_a_failure_state_fails_naming_it() throws Exception {
    Operations ops = ops(f -> instances("running", "terminated"));
    assertThatThrownBy(
            () -> ops.waiter("InstanceRunning").waitFor(Map.of("InstanceIds", List.of("i-1"))))
        .isInstanceOfSatisfying(
            OperationWaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WaitException.Reason.UNREACHABLE_STATE);
              assertThat(e.failureState())
                  .isEqualTo("pathAny Reservations[].Instances[].State.Name == \"terminated\"");
              assertThat(e.getMessage())
                  .matches(
                      "InstanceRunning failed after 1 attempt \\(\\d+ s\\): reached the failure"
                          + " state pathAny Reservations\\[\\]\\.Instances\\[\\]\\.State\\.Name =="
                          + " \"terminated\"");
              assertThat(e.lastAnswer()).containsKey("Reservations");
            });
  }

  @Test
  void a_waiter_gives_up_after_its_attempts_and_rethrows_errors_it_does_not_expect()
      throws Exception {
    ConcurrentLinkedQueue<Object[]> answers = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 3; i++) {
      answers.add(instances("pending"));
    }
    answers.add(error(400, "UnauthorizedOperation"));
    Operations ops = ops(f -> answers.poll());
    OperationWaiter waiter =
        ops.waiter("InstanceRunning").delay(Duration.ofSeconds(1)).maxAttempts(3);
    assertThatThrownBy(() -> waiter.waitFor(Map.of()))
        .isInstanceOfSatisfying(
            OperationWaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WaitException.Reason.TIMEOUT);
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.getMessage()).startsWith("InstanceRunning timed out after 3 attempts");
            });
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThatThrownBy(() -> waiter.waitFor(Map.of()))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("UnauthorizedOperation"));
    assertThatThrownBy(() -> ops.waiter("InstanceRuning"))
        .hasMessageStartingWith("EC2 has no waiter InstanceRuning (did you mean InstanceRunning?)");
  }

  @Test
  void an_error_can_be_a_waiters_success() throws Exception {
    Operations ops = ops(f -> error(400, "InvalidVolume.NotFound"));
    assertThat(ops.waiter("VolumeDeleted").waitFor(Map.of("VolumeIds", List.of("vol-1"))))
        .isEmpty();
  }

  @Test
  void the_model_lists_every_operation_waiter_and_paginator() throws Exception {
    Operations ops = ops(f -> ok("X", ""));
    assertThat(ops.names()).hasSize(765).contains("CreateVpc", "ModifyVolume");
    assertThat(ops.waiterNames()).hasSize(43).contains("InstanceRunning", "NatGatewayAvailable");
    assertThat(ops.paginatedNames()).hasSize(171).contains("DescribeInstances");
  }

  @Test
  void a_lost_answer_is_retried_for_the_calls_the_typed_methods_retry_and_no_others()
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    Operations ops =
        ops(
            f ->
                calls.incrementAndGet() % 2 == 1
                    ? null
                    : ok(f.get("Action"), "<return>true</return>"),
            RetryPolicy.standard());
    ops.call("TerminateInstances", Map.of("InstanceIds", List.of("i-1")));
    ops.call("DescribeVolumes");
    ops.call("CreateVolume", Map.of("AvailabilityZone", "us-east-1a", "Size", 1));
    assertThat(forms).hasSize(6);
    assertThat(forms.get(4).get("ClientToken")).isEqualTo(forms.get(5).get("ClientToken"));
    assertThatThrownBy(() -> ops.call("AllocateAddress"))
        .isInstanceOfSatisfying(
            UnknownOutcomeException.class,
            e -> assertThat(e.action()).isEqualTo("AllocateAddress"));
    assertThat(forms).hasSize(7);
  }

  @Test
  void a_paginator_with_a_more_results_flag_stops_when_it_is_false() throws Exception {
    Operations ops =
        ops(
            f ->
                ok(
                    "SearchTransitGatewayRoutes",
                    "<routeSet><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock></item>"
                        + "</routeSet><additionalRoutesAvailable>"
                        + (f.get("NextToken") == null)
                        + "</additionalRoutesAvailable><nextToken>t</nextToken>"));
    assertThat(
            ops.paginate(
                    "SearchTransitGatewayRoutes",
                    Map.of(
                        "TransitGatewayRouteTableId",
                        "tgw-rtb-1",
                        "Filters",
                        List.of(Map.of("Name", "state", "Values", List.of("active")))))
                .items()
                .count())
        .isEqualTo(2);
    assertThat(forms).hasSize(2);
  }
}
