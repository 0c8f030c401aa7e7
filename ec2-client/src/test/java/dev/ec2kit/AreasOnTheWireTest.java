package dev.ec2kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.internal.http.LoopbackServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the areas send and how they read what only a real EC2 answers (an existing interface at
 * launch, a failed volume modification), against a loopback HTTP server.
 */
class AreasOnTheWireTest {
  private static Map<String, String> form(byte[] body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Ec2 client(Identity identity) {
    return Ec2.builder()
        .identity(identity)
        .sleeper(d -> {})
        .retryPolicy(RetryPolicy.standard())
        .build();
  }

  @Test
  void a_launch_from_a_template_with_an_existing_interface_sends_them_and_no_defaults_over_them()
      throws Exception {
    List<Map<String, String>> sent = Collections.synchronizedList(new ArrayList<>());
    try (LoopbackServer server =
        new LoopbackServer(
            ex -> {
              sent.add(form(ex.body()));
              ex.answer(
                  200,
                  "text/xml",
                  "<RunInstancesResponse><requestId>r</requestId>"
                      + "<reservationId>r-0123456789abcdef0</reservationId><ownerId>1</ownerId>"
                      + "<instancesSet/></RunInstancesResponse>");
            })) {
      Identity withKey = server.identity().copy().keyName("mine").build();
      client(withKey)
          .instances()
          .run(
              1,
              1,
              RunOptions.builder()
                  .launchTemplate("web", "$Latest")
                  .networkInterface(
                      NetworkInterfaceSpec.device(0)
                          .subnet("subnet-0123456789abcdef0")
                          .groups("sg-0123456789abcdef0", "sg-0123456789abcdef1")
                          .privateIp("10.0.1.25")
                          .description("front"))
                  .networkInterface(
                      NetworkInterfaceSpec.device(1)
                          .existing("eni-0123456789abcdef0")
                          .deleteOnTermination(false))
                  .build());
      client(withKey)
          .instances()
          .run(1, 1, RunOptions.builder().launchTemplate("lt-0123456789abcdef0", null).build());
    }
    assertThat(sent.get(0))
        .containsEntry("Action", "RunInstances")
        .containsEntry("LaunchTemplate.LaunchTemplateName", "web")
        .containsEntry("LaunchTemplate.Version", "$Latest")
        .containsEntry("NetworkInterface.1.DeviceIndex", "0")
        .containsEntry("NetworkInterface.1.SubnetId", "subnet-0123456789abcdef0")
        .containsEntry("NetworkInterface.1.SecurityGroupId.1", "sg-0123456789abcdef0")
        .containsEntry("NetworkInterface.1.SecurityGroupId.2", "sg-0123456789abcdef1")
        .containsEntry("NetworkInterface.1.PrivateIpAddress", "10.0.1.25")
        .containsEntry("NetworkInterface.1.Description", "front")
        .containsEntry("NetworkInterface.2.DeviceIndex", "1")
        .containsEntry("NetworkInterface.2.NetworkInterfaceId", "eni-0123456789abcdef0")
        .containsEntry("NetworkInterface.2.DeleteOnTermination", "false")
        .doesNotContainKeys(
            "ImageId", "InstanceType", "KeyName", "SubnetId", "NetworkInterface.2.SubnetId");
    assertThat(sent.get(1))
        .containsEntry("LaunchTemplate.LaunchTemplateId", "lt-0123456789abcdef0")
        .doesNotContainKeys("LaunchTemplate.Version", "LaunchTemplate.LaunchTemplateName");
  }

  @Test
  void a_failed_volume_modification_ends_the_wait_at_once_with_ec2s_status() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer(
            ex ->
                ex.answer(
                    200,
                    "text/xml",
                    "<DescribeVolumesModificationsResponse><requestId>r</requestId>"
                        + "<volumeModificationSet><item>"
                        + "<volumeId>vol-0123456789abcdef0</volumeId>"
                        + "<modificationState>failed</modificationState>"
                        + "<statusMessage>The volume cannot grow past its type's size</statusMessage>"
                        + "<originalSize>8</originalSize><targetSize>20</targetSize>"
                        + "<originalVolumeType>gp2</originalVolumeType>"
                        + "<targetVolumeType>gp2</targetVolumeType><progress>0</progress>"
                        + "<startTime>2026-01-01T00:00:00.000Z</startTime>"
                        + "</item></volumeModificationSet>"
                        + "</DescribeVolumesModificationsResponse>"))) {
      Volumes volumes = client(server.identity()).volumes();
      assertThatThrownBy(
              () ->
                  volumes.waitForModifications(
                      List.of("vol-0123456789abcdef0"),
                      WaitOptions.defaults().timeout(Duration.ofMinutes(5))))
          .isInstanceOfSatisfying(
              WaitException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(WaitException.Reason.UNREACHABLE_STATE);
                assertThat(e.lastSeen()).containsEntry("vol-0123456789abcdef0", "failed");
              });
      assertThat(server.requests()).isEqualTo(1);
      assertThat(volumes.describeModifications("vol-0123456789abcdef0"))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.modificationState()).isEqualTo(VolumeModificationState.FAILED);
                assertThat(m.statusMessage())
                    .isEqualTo("The volume cannot grow past its type's size");
                assertThat(m.toString())
                    .isEqualTo(
                        "VolumeModification[vol-0123456789abcdef0 failed 0% 8=>20 GiB gp2"
                            + " (The volume cannot grow past its type's size)]");
              });
    }
  }
}
