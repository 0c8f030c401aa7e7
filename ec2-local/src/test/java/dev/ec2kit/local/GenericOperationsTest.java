package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.OperationWaitException;
import dev.ec2kit.Operations;
import dev.ec2kit.Volume;
import dev.ec2kit.WaitException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * The generic call against the emulator over real HTTP, on a simulated clock: its answers read the
 * same as the typed methods' and the AWS SDK for Java's, pages follow NextToken, and the model's
 * waiters succeed or fail naming the failure state.
 */
class GenericOperationsTest {
  private final Sim sim = new Sim(Duration.ofSeconds(10));
  private final Operations ops = sim.ec2.operations();

  @AfterEach
  void close() {
    sim.close();
  }

  private String linux() {
    return sim.ec2
        .images()
        .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  private List<String> run(int count) {
    Map<String, Object> answer =
        ops.call(
            "RunInstances",
            Map.of(
                "ImageId",
                linux(),
                "MinCount",
                count,
                "MaxCount",
                count,
                "InstanceType",
                "t3.micro",
                "TagSpecifications",
                List.of(
                    Map.of(
                        "ResourceType",
                        "instance",
                        "Tags",
                        List.of(Map.of("Key", "Name", "Value", "generic"))))));
    return list(answer.get("Instances")).stream()
        .map(i -> (String) map(i).get("InstanceId"))
        .toList();
  }

  @Test
  void run_and_describe_instances_read_what_the_typed_methods_read() {
    List<String> ids = run(2);
    assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(id).startsWith("i-"));
    Map<String, Object> described = ops.call("DescribeInstances", Map.of("InstanceIds", ids));
    List<Map<String, Object>> generic =
        list(described.get("Reservations")).stream()
            .flatMap(r -> list(map(r).get("Instances")).stream())
            .map(GenericOperationsTest::map)
            .toList();
    List<Instance> typed =
        sim.ec2.instances().describe(sim.ec2.instances().find(ids.get(0)).stream().toList());
    assertThat(generic).hasSize(2);
    Map<String, Object> first =
        generic.stream()
            .filter(i -> i.get("InstanceId").equals(ids.get(0)))
            .findFirst()
            .orElseThrow();
    Instance t = typed.get(0);
    assertThat(first.get("ImageId")).isEqualTo(t.imageId());
    assertThat(first.get("InstanceType")).isEqualTo(t.instanceType());
    assertThat(map(first.get("State")).get("Name")).isEqualTo(t.state().apiName());
    assertThat(map(first.get("State")).get("Code")).isEqualTo(t.state().code());
    assertThat(first.get("LaunchTime")).isEqualTo(t.launchTime());
    assertThat(first.get("AmiLaunchIndex")).isEqualTo(t.amiLaunchIndex());
    assertThat(first.get("PrivateIpAddress")).isEqualTo(t.privateIpAddress());
    assertThat(first.get("SubnetId")).isEqualTo(t.subnetId());
    assertThat(map(first.get("Placement")).get("AvailabilityZone")).isEqualTo(t.availabilityZone());
    assertThat(list(first.get("Tags"))).containsExactly(Map.of("Key", "Name", "Value", "generic"));
    assertThat(list(first.get("SecurityGroups")))
        .extracting(g -> map(g).get("GroupId"))
        .containsExactlyElementsOf(
            t.securityGroups().stream().map(g -> (Object) g.groupId()).toList());
  }

  @Test
  void describe_instances_pages_through_next_token_with_max_results() {
    List<String> ids = run(7);
    var pages = ops.paginate("DescribeInstances", Map.of("MaxResults", 5));
    assertThat(pages.stream().count()).isGreaterThanOrEqualTo(2);
    assertThat(
            pages
                .items()
                .flatMap(r -> list(map(r).get("Instances")).stream())
                .map(i -> map(i).get("InstanceId")))
        .containsAll(ids.stream().map(id -> (Object) id).toList());
    assertThat(sim.actions.stream().filter("DescribeInstances"::equals).count())
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void the_instance_running_waiter_polls_until_they_run() {
    List<String> ids = run(2);
    Map<String, Object> answer = ops.waiter("InstanceRunning").waitFor(Map.of("InstanceIds", ids));
    assertThat(
            list(answer.get("Reservations")).stream()
                .flatMap(r -> list(map(r).get("Instances")).stream())
                .map(i -> map(map(i).get("State")).get("Name")))
        .containsExactly("running", "running");
    assertThat(sim.sleeps)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(15)));
  }

  /**
   * CreateRouteTable and CreateNetworkInterface repeated with one ClientToken make one resource and
   * answer it again with the token; the token with other parameters is a mismatch.
   */
  @Test
  void a_client_token_makes_one_route_table_and_one_interface() {
    String vpc =
        (String)
            map(ops.call("CreateVpc", Map.of("CidrBlock", "10.9.0.0/16")).get("Vpc")).get("VpcId");
    String subnet =
        (String)
            map(ops.call("CreateSubnet", Map.of("VpcId", vpc, "CidrBlock", "10.9.1.0/24"))
                    .get("Subnet"))
                .get("SubnetId");
    Map<String, Object> table = Map.of("VpcId", vpc, "ClientToken", "rt-once");
    Map<String, Object> first = ops.call("CreateRouteTable", table);
    Map<String, Object> again = ops.call("CreateRouteTable", table);
    assertThat(again.get("RouteTable")).isEqualTo(first.get("RouteTable"));
    assertThat(again.get("ClientToken")).isEqualTo("rt-once");
    Map<String, Object> tables =
        ops.call(
            "DescribeRouteTables",
            Map.of("Filters", List.of(Map.of("Name", "vpc-id", "Values", List.of(vpc)))));
    assertThat(list(tables.get("RouteTables"))).hasSize(2); // the main table and the one made
    Map<String, Object> nic = Map.of("SubnetId", subnet, "ClientToken", "eni-once");
    Object one = ops.call("CreateNetworkInterface", nic).get("NetworkInterface");
    assertThat(ops.call("CreateNetworkInterface", nic).get("NetworkInterface")).isEqualTo(one);
    assertThatThrownBy(
            () ->
                ops.call(
                    "CreateNetworkInterface",
                    Map.of("SubnetId", subnet, "ClientToken", "eni-once", "Description", "other")))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("IdempotentParameterMismatch"));
  }

  /** ReleaseAddress takes the address's network border group (its region), and no other. */
  @Test
  void an_address_is_released_in_its_own_network_border_group_only() {
    String id = (String) ops.call("AllocateAddress", Map.of("Domain", "vpc")).get("AllocationId");
    assertThatThrownBy(
            () ->
                ops.call(
                    "ReleaseAddress",
                    Map.of("AllocationId", id, "NetworkBorderGroup", "us-west-2-lax-1")))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidAddress.NotFound"));
    ops.call("ReleaseAddress", Map.of("AllocationId", id, "NetworkBorderGroup", "us-east-1"));
    assertThat(list(ops.call("DescribeAddresses", Map.of()).get("Addresses"))).isEmpty();
  }

  @Test
  void a_waiter_reaching_a_failure_state_fails_naming_it() {
    List<String> ids = run(1);
    ops.call("TerminateInstances", Map.of("InstanceIds", ids));
    assertThatThrownBy(
            () ->
                ops.waiter("InstanceRunning")
                    .delay(Duration.ofSeconds(1))
                    .waitFor(Map.of("InstanceIds", ids)))
        .isInstanceOfSatisfying(
            OperationWaitException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WaitException.Reason.UNREACHABLE_STATE);
              assertThat(e.failureState())
                  .isIn(
                      "pathAny Reservations[].Instances[].State.Name == \"shutting-down\"",
                      "pathAny Reservations[].Instances[].State.Name == \"terminated\"");
              assertThat(e.getMessage())
                  .startsWith("InstanceRunning failed after 1 attempt")
                  .contains("reached the failure state " + e.failureState());
            });
  }

  @Test
  void launch_templates_read_as_the_aws_sdk_reads_them() {
    Map<String, Object> created =
        ops.call(
            "CreateLaunchTemplate",
            Map.of(
                "LaunchTemplateName",
                "web",
                "VersionDescription",
                "first",
                "LaunchTemplateData",
                Map.of(
                    "ImageId",
                    linux(),
                    "InstanceType",
                    "t3.small",
                    "BlockDeviceMappings",
                    List.of(
                        Map.of(
                            "DeviceName",
                            "/dev/xvda",
                            "Ebs",
                            Map.of(
                                "VolumeSize",
                                20,
                                "VolumeType",
                                "gp3",
                                "DeleteOnTermination",
                                true))))));
    Map<String, Object> template = map(created.get("LaunchTemplate"));
    assertThat(template.get("LaunchTemplateName")).isEqualTo("web");
    assertThat(template.get("LatestVersionNumber")).isEqualTo(1L);
    assertThat(template.get("CreateTime")).isInstanceOf(Instant.class);
    String id = (String) template.get("LaunchTemplateId");
    Map<String, Object> version =
        map(
            list(ops.call("DescribeLaunchTemplateVersions", Map.of("LaunchTemplateId", id))
                    .get("LaunchTemplateVersions"))
                .get(0));
    Map<String, Object> data = map(version.get("LaunchTemplateData"));
    Map<String, Object> ebs = map(map(list(data.get("BlockDeviceMappings")).get(0)).get("Ebs"));
    try (Ec2Client sdk = AwsSdkJavaPeerTest.sdk(sim.local, "us-east-1", "test")) {
      LaunchTemplateVersion theirs =
          sdk.describeLaunchTemplateVersions(b -> b.launchTemplateId(id))
              .launchTemplateVersions()
              .get(0);
      assertThat(version.get("VersionNumber")).isEqualTo(theirs.versionNumber());
      assertThat(version.get("VersionDescription")).isEqualTo(theirs.versionDescription());
      assertThat(version.get("DefaultVersion")).isEqualTo(theirs.defaultVersion());
      assertThat(version.get("CreateTime")).isEqualTo(theirs.createTime());
      assertThat(data.get("InstanceType"))
          .isEqualTo(theirs.launchTemplateData().instanceTypeAsString());
      var theirEbs = theirs.launchTemplateData().blockDeviceMappings().get(0).ebs();
      assertThat(ebs.get("VolumeSize")).isEqualTo(theirEbs.volumeSize()).isEqualTo(20);
      assertThat(ebs.get("VolumeType")).isEqualTo(theirEbs.volumeTypeAsString());
      assertThat(ebs.get("DeleteOnTermination")).isEqualTo(theirEbs.deleteOnTermination());
    }
  }

  @Test
  void modify_volume_and_its_modifications_read_as_the_typed_volume_ends() {
    Volume v = sim.ec2.volumes().create("us-east-1a", 8);
    sim.clock.advance(Duration.ofSeconds(30));
    Map<String, Object> modification =
        map(
            ops.call(
                    "ModifyVolume",
                    Map.of("VolumeId", v.volumeId(), "Size", 16, "VolumeType", "gp3"))
                .get("VolumeModification"));
    assertThat(modification.get("VolumeId")).isEqualTo(v.volumeId());
    assertThat(modification.get("ModificationState")).isEqualTo("modifying");
    assertThat(modification.get("OriginalSize")).isEqualTo(8);
    assertThat(modification.get("TargetSize")).isEqualTo(16);
    assertThat(modification.get("StartTime")).isInstanceOf(Instant.class);
    List<Object> listed =
        list(
            ops.call("DescribeVolumesModifications", Map.of("VolumeIds", List.of(v.volumeId())))
                .get("VolumesModifications"));
    assertThat(listed).hasSize(1);
    assertThat(map(listed.get(0)).get("TargetVolumeType")).isEqualTo("gp3");
    sim.clock.advance(Duration.ofMinutes(10));
    assertThat(sim.ec2.volumes().describe(v.volumeId()).get(0).size()).isEqualTo(16);
  }

  @Test
  void the_emulators_errors_come_back_as_ec2_exceptions() {
    assertThatThrownBy(
            () ->
                ops.call(
                    "DescribeInstances", Map.of("InstanceIds", List.of("i-00000000000000001"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidInstanceID.NotFound"));
    assertThatThrownBy(
            () ->
                ops.call(
                    "CreateVolume",
                    Map.of("AvailabilityZone", "us-east-1a", "Size", 1, "DryRun", true)))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("DryRunOperation"));
    assertThatThrownBy(() -> ops.call("CreateTransitGateway", Map.of()))
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidAction"));
  }

  /**
   * The same questions through the generic call and the AWS SDK for Java v2, on resources of every
   * area the emulator has: the same trees (the SDK's answer read back through its field table).
   */
  @Test
  void answers_read_as_the_aws_sdk_reads_them() {
    List<String> ids = run(2);
    Volume v = sim.ec2.volumes().create("us-east-1a", 8);
    sim.ec2.keyPairs().create("generic-key");
    sim.ec2.securityGroups().create("generic-group", "for the generic call");
    sim.ec2.addresses().allocate();
    sim.ec2.snapshots().create(v.volumeId(), "generic");
    sim.clock.advance(Duration.ofSeconds(30));
    ops.call("ModifyVolume", Map.of("VolumeId", v.volumeId(), "Size", 12));
    ops.call(
        "CreateLaunchTemplate",
        Map.of(
            "LaunchTemplateName",
            "generic",
            "LaunchTemplateData",
            Map.of("InstanceType", "t3.micro", "ImageId", linux())));
    List<Map.Entry<String, Map<String, Object>>> questions =
        List.of(
            Map.entry("DescribeRegions", Map.of()),
            Map.entry("DescribeAvailabilityZones", Map.of()),
            Map.entry(
                "DescribeImages",
                Map.of(
                    "Owners",
                    List.of("amazon"),
                    "Filters",
                    List.of(Map.of("Name", "name", "Values", List.of("al2023-ami-*-x86_64"))))),
            Map.entry("DescribeInstances", Map.of("InstanceIds", ids)),
            Map.entry("DescribeInstanceStatus", Map.of("IncludeAllInstances", true)),
            Map.entry("DescribeVolumes", Map.of()),
            Map.entry("DescribeVolumesModifications", Map.of()),
            Map.entry("DescribeSnapshots", Map.of("OwnerIds", List.of("self"))),
            Map.entry("DescribeKeyPairs", Map.of()),
            Map.entry("DescribeSecurityGroups", Map.of()),
            Map.entry("DescribeAddresses", Map.of()),
            Map.entry("DescribeLaunchTemplates", Map.of()),
            Map.entry("DescribeLaunchTemplateVersions", Map.of("LaunchTemplateName", "generic")),
            Map.entry("DescribeTags", Map.of()),
            Map.entry("GetConsoleOutput", Map.of("InstanceId", ids.get(0))),
            Map.entry(
                "DescribeInstanceAttribute",
                Map.of("InstanceId", ids.get(0), "Attribute", "instanceType")));
    try (Ec2Client sdk = AwsSdkJavaPeerTest.sdk(sim.local, "us-east-1", "test")) {
      for (Map.Entry<String, Map<String, Object>> q : questions) {
        Object ours = SdkTrees.comparable(ops.call(q.getKey(), q.getValue()));
        Map<String, Object> theirs = SdkTrees.tree(SdkTrees.call(sdk, q.getKey(), q.getValue()));
        assertThat(ours).as(q.getKey()).isEqualTo(theirs);
        assertThat(theirs).as(q.getKey()).isNotEmpty();
      }
    }
  }

  /** The model's waiters for the resources the emulator has, each polled until it succeeds. */
  @Test
  void the_waiters_of_the_emulators_resources_succeed() {
    List<String> ids = run(1);
    Map<String, Object> instances = Map.of("InstanceIds", ids);
    Volume v = sim.ec2.volumes().create("us-east-1a", 8);
    Map<String, Object> volumes = Map.of("VolumeIds", List.of(v.volumeId()));
    sim.ec2.keyPairs().create("waited-key");
    String group = sim.ec2.securityGroups().create("waited-group", "waited");
    List<Map.Entry<String, Map<String, Object>>> waits =
        List.of(
            Map.entry("InstanceExists", instances),
            Map.entry("InstanceRunning", instances),
            Map.entry("InstanceStatusOk", instances),
            Map.entry("SystemStatusOk", instances),
            Map.entry("VolumeAvailable", volumes),
            Map.entry("KeyPairExists", Map.of("KeyNames", List.of("waited-key"))),
            Map.entry("SecurityGroupExists", Map.of("GroupIds", List.of(group))),
            Map.entry("ImageAvailable", Map.of("ImageIds", List.of(linux()))),
            Map.entry("ImageExists", Map.of("ImageIds", List.of(linux()))));
    for (Map.Entry<String, Map<String, Object>> w : waits) {
      assertThat(ops.waiter(w.getKey()).waitFor(w.getValue())).as(w.getKey()).isNotEmpty();
    }
    String snapshot =
        (String) ops.call("CreateSnapshot", Map.of("VolumeId", v.volumeId())).get("SnapshotId");
    assertThat(ops.waiter("SnapshotCompleted").waitFor(Map.of("SnapshotIds", List.of(snapshot))))
        .isNotEmpty();
    ops.call(
        "AttachVolume",
        Map.of("VolumeId", v.volumeId(), "InstanceId", ids.get(0), "Device", "/dev/sdf"));
    assertThat(ops.waiter("VolumeInUse").waitFor(volumes)).isNotEmpty();
    ops.call("DetachVolume", Map.of("VolumeId", v.volumeId()));
    ops.waiter("VolumeAvailable").waitFor(volumes);
    ops.call("DeleteVolume", Map.of("VolumeId", v.volumeId()));
    assertThat(ops.waiter("VolumeDeleted").waitFor(volumes)).isEmpty(); // InvalidVolume.NotFound
    ops.call("StopInstances", instances);
    assertThat(ops.waiter("InstanceStopped").waitFor(instances)).isNotEmpty();
    ops.call("TerminateInstances", instances);
    assertThat(ops.waiter("InstanceTerminated").waitFor(instances)).isNotEmpty();
  }

  /**
   * The paginated reads the emulator answers, each asked for pages of 5: the items of all pages are
   * the items of one unlimited call, over more than one page.
   */
  @Test
  void paginated_reads_page_through_everything_one_call_returns() {
    run(6);
    for (int i = 0; i < 6; i++) {
      Volume v = sim.ec2.volumes().create("us-east-1a", 1);
      sim.ec2.securityGroups().create("paged-" + i, "paged");
      sim.ec2.tags().create(List.of(v.volumeId()), Map.of("Name", "paged-" + i));
    }
    for (Map.Entry<String, Map<String, Object>> q :
        List.of(
            Map.entry(
                "DescribeInstanceStatus", Map.<String, Object>of("IncludeAllInstances", true)),
            Map.entry("DescribeVolumes", Map.<String, Object>of()),
            Map.entry("DescribeSecurityGroups", Map.<String, Object>of()),
            Map.entry("DescribeTags", Map.<String, Object>of()))) {
      var pages = ops.paginate(q.getKey(), withLimit(q.getKey(), q.getValue()));
      List<Object> paged = pages.items().toList();
      Object all = ops.call(q.getKey(), q.getValue()).get(pages.resultKeys().get(0));
      assertThat(paged).as(q.getKey()).hasSizeGreaterThan(5).isEqualTo(all);
      assertThat(pages.stream().count()).as(q.getKey()).isGreaterThan(1);
    }
  }

  private static Map<String, Object> withLimit(String operation, Map<String, Object> params) {
    Map<String, Object> p = new java.util.LinkedHashMap<>(params);
    p.put(dev.ec2kit.internal.model.Model.ec2().paginator(operation).orElseThrow().limitKey(), 5);
    return p;
  }
}
