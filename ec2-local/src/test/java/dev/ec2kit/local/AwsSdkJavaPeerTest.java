package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/** The AWS SDK for Java v2 (test scope only) against the emulator: a third independent peer. */
@Order(4)
@Emulated
class AwsSdkJavaPeerTest {
  static Ec2Client sdk(Ec2Local local, String region, String secret) {
    return Ec2Client.builder()
        .endpointOverride(local.endpoint())
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret)))
        .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
        .build();
  }

  @Test
  void sdk_describes_regions(Ec2Local local) {
    try (Ec2Client ec2 = sdk(local, "us-east-1", "test")) {
      assertThat(ec2.describeRegions().regions())
          .anySatisfy(
              r -> {
                assertThat(r.regionName()).isEqualTo("ap-southeast-2");
                assertThat(r.endpoint()).isEqualTo("ec2.ap-southeast-2.amazonaws.com");
                assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
              });
    }
  }

  @Test
  void sdk_describes_zones_by_name(Ec2Local local) {
    try (Ec2Client ec2 = sdk(local, "us-west-2", "test")) {
      assertThat(ec2.describeAvailabilityZones().availabilityZones())
          .extracting(AvailabilityZone::zoneName)
          .containsExactly("us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d");
      assertThat(ec2.describeAvailabilityZones(b -> b.zoneNames("us-west-2c")).availabilityZones())
          .singleElement()
          .satisfies(z -> assertThat(z.zoneId()).isEqualTo("usw2-az3"));
    }
  }

  @Test
  void sdk_runs_waits_describes_and_terminates_instances(Ec2Local local) {
    try (Ec2Client ec2 = sdk(local, "us-east-1", "test")) {
      String ami =
          ec2.describeImages(
                  b ->
                      b.owners("amazon").filters(f -> f.name("name").values("al2023-ami-*-x86_64")))
              .images()
              .get(0)
              .imageId();
      List<String> ids =
          ec2
              .runInstances(
                  b ->
                      b.imageId(ami)
                          .minCount(2)
                          .maxCount(2)
                          .instanceType(InstanceType.T3_MICRO)
                          .clientToken("sdk-token"))
              .instances()
              .stream()
              .map(software.amazon.awssdk.services.ec2.model.Instance::instanceId)
              .toList();
      assertThat(ids).hasSize(2);
      ec2.waiter()
          .waitUntilInstanceRunning(b -> b.instanceIds(ids))
          .matched()
          .response()
          .ifPresentOrElse(
              r ->
                  assertThat(r.reservations().get(0).instances())
                      .allSatisfy(
                          i -> assertThat(i.state().name()).isEqualTo(InstanceStateName.RUNNING)),
              () -> {
                throw new AssertionError("the waiter did not match");
              });
      assertThat(
              ec2.describeInstancesPaginator(b -> b.maxResults(5)).reservations().stream()
                  .flatMap(r -> r.instances().stream())
                  .map(software.amazon.awssdk.services.ec2.model.Instance::instanceId))
          .containsAll(ids);
      assertThat(ec2.getConsoleOutput(b -> b.instanceId(ids.get(0))).output()).isNotEmpty();
      assertThat(ec2.terminateInstances(b -> b.instanceIds(ids)).terminatingInstances())
          .allSatisfy(
              c -> assertThat(c.previousState().name()).isEqualTo(InstanceStateName.RUNNING));
      ec2.waiter().waitUntilInstanceTerminated(b -> b.instanceIds(ids));
    }
  }

  @Test
  void sdk_with_a_wrong_secret_gets_auth_failure(Ec2Local local) {
    try (Ec2Client ec2 = sdk(local, "us-east-1", "wrong")) {
      assertThatThrownBy(ec2::describeRegions)
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.requestId()).isNotEmpty();
              });
    }
  }

  @Test
  void sdk_waits_for_status_ok_and_volumes_and_reads_tags_vpcs_and_types(Ec2Local local) {
    try (Ec2Client ec2 = sdk(local, "us-east-1", "test")) {
      String ami =
          ec2.describeImages(
                  b ->
                      b.owners("amazon").filters(f -> f.name("name").values("al2023-ami-*-x86_64")))
              .images()
              .get(0)
              .imageId();
      String id =
          ec2.runInstances(
                  b ->
                      b.imageId(ami)
                          .minCount(1)
                          .maxCount(1)
                          .instanceType(InstanceType.T3_MICRO)
                          .tagSpecifications(
                              t ->
                                  t.resourceType("instance")
                                      .tags(
                                          software.amazon.awssdk.services.ec2.model.Tag.builder()
                                              .key("Name")
                                              .value("sdk")
                                              .build())))
              .instances()
              .get(0)
              .instanceId();
      ec2.waiter().waitUntilInstanceRunning(b -> b.instanceIds(id));
      assertThat(
              ec2.waiter()
                  .waitUntilInstanceStatusOk(b -> b.instanceIds(id))
                  .matched()
                  .response()
                  .orElseThrow()
                  .instanceStatuses())
          .singleElement()
          .satisfies(st -> assertThat(st.instanceStatus().statusAsString()).isEqualTo("ok"));
      ec2.waiter().waitUntilSystemStatusOk(b -> b.instanceIds(id));
      String volume = ec2.createVolume(b -> b.availabilityZone("us-east-1a").size(1)).volumeId();
      ec2.waiter().waitUntilVolumeAvailable(b -> b.volumeIds(volume));
      ec2.createTags(
          b ->
              b.resources(id, volume)
                  .tags(
                      software.amazon.awssdk.services.ec2.model.Tag.builder()
                          .key("Team")
                          .value("blue")
                          .build()));
      assertThat(ec2.describeTags(b -> b.filters(f -> f.name("key").values("Team"))).tags())
          .extracting(t -> t.resourceId() + " " + t.resourceTypeAsString())
          .containsExactlyInAnyOrder(id + " instance", volume + " volume");
      assertThat(ec2.describeVpcs().vpcs())
          .singleElement()
          .satisfies(v -> assertThat(v.isDefault()).isTrue());
      assertThat(ec2.describeSubnets().subnets()).hasSize(6);
      assertThat(
              ec2.describeInstanceTypes(b -> b.instanceTypes(InstanceType.T4_G_NANO))
                  .instanceTypes())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.vCpuInfo().defaultVCpus()).isEqualTo(2);
                assertThat(t.memoryInfo().sizeInMiB()).isEqualTo(512L);
                assertThat(t.processorInfo().supportedArchitecturesAsStrings())
                    .containsExactly("arm64");
              });
      assertThat(
              ec2.describeInstanceAttribute(
                      b -> b.instanceId(id).attribute("instanceInitiatedShutdownBehavior"))
                  .instanceInitiatedShutdownBehavior()
                  .value())
          .isEqualTo("stop");
      assertThat(
              ec2.describeNetworkInterfaces(
                      b -> b.filters(f -> f.name("attachment.instance-id").values(id)))
                  .networkInterfaces())
          .singleElement()
          .satisfies(n -> assertThat(n.attachment().instanceId()).isEqualTo(id));
    }
  }
}
