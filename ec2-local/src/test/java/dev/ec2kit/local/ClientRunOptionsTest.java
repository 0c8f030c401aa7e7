package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.GroupIdentifier;
import dev.ec2kit.Instance;
import dev.ec2kit.LaunchTemplate;
import dev.ec2kit.LaunchTemplateData;
import dev.ec2kit.NetworkInterfaceSpec;
import dev.ec2kit.RunOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RunOptions' launch template, subnet and network interfaces, launched through the library against
 * the emulator.
 */
class ClientRunOptionsTest {
  private final Sim sim = new Sim(Duration.ofSeconds(1));

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void a_launch_from_a_template_takes_its_settings_under_the_options_own() {
    sim.ec2.keyPairs().create("deploy");
    sim.ec2.keyPairs().create("other");
    LaunchTemplate t =
        sim.ec2
            .launchTemplates()
            .create(
                "web",
                LaunchTemplateData.builder()
                    .imageId(sim.ami())
                    .instanceType("t3.small")
                    .keyName("deploy")
                    .tags("instance", Map.of("Role", "web"))
                    .build());
    sim.ec2
        .launchTemplates()
        .createVersion("web", "1", LaunchTemplateData.builder().instanceType("t3.medium").build());

    Instance byName =
        sim.ec2
            .instances()
            .run(1, 1, RunOptions.builder().launchTemplate("web", null).build())
            .get(0);
    assertThat(byName.instanceType()).isEqualTo("t3.small");
    assertThat(byName.keyName()).isEqualTo("deploy");
    assertThat(byName.tags())
        .containsEntry("Role", "web")
        .containsEntry("aws:ec2launchtemplate:id", t.launchTemplateId())
        .containsEntry("aws:ec2launchtemplate:version", "1");

    Instance latest =
        sim.ec2
            .instances()
            .run(1, 1, RunOptions.builder().launchTemplate(t.launchTemplateId(), "$Latest").build())
            .get(0);
    assertThat(latest.instanceType()).isEqualTo("t3.medium");
    assertThat(latest.tags()).containsEntry("aws:ec2launchtemplate:version", "2");

    Instance over =
        sim.ec2
            .instances()
            .run(
                1,
                1,
                RunOptions.builder()
                    .launchTemplate("web", "1")
                    .instanceType("t3.large")
                    .keyName("other")
                    .build())
            .get(0);
    assertThat(over.instanceType()).isEqualTo("t3.large");
    assertThat(over.keyName()).isEqualTo("other");

    assertThatThrownBy(
            () ->
                sim.ec2
                    .instances()
                    .run(1, 1, RunOptions.builder().launchTemplate("nope", null).build()))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.code()).isEqualTo("InvalidLaunchTemplateName.NotFoundException"));
  }

  @Test
  void a_subnet_and_a_primary_interface_place_the_instance_where_they_say() {
    String ami = sim.ami();
    String subnet =
        sim.ec2
            .subnets()
            .describe(Map.of("availability-zone", List.of("us-east-1b")))
            .get(0)
            .subnetId();

    Instance inSubnet =
        sim.ec2.instances().run(ami, 1, 1, RunOptions.builder().subnetId(subnet).build()).get(0);
    assertThat(inSubnet.subnetId()).isEqualTo(subnet);
    assertThat(inSubnet.availabilityZone()).isEqualTo("us-east-1b");

    String group = sim.ec2.securityGroups().create("api", "api servers");
    Instance withInterface =
        sim.ec2
            .instances()
            .run(
                ami,
                1,
                1,
                RunOptions.builder()
                    .networkInterface(
                        NetworkInterfaceSpec.device(0)
                            .subnet(subnet)
                            .groups(group)
                            .associatePublicIp(true)
                            .deleteOnTermination(true))
                    .build())
            .get(0);
    assertThat(withInterface.subnetId()).isEqualTo(subnet);
    assertThat(withInterface.securityGroups())
        .extracting(GroupIdentifier::groupId)
        .containsExactly(group);
    assertThat(withInterface.publicIpAddress()).isNotNull();
  }

  @Test
  void combinations_ec2_refuses_are_refused_before_anything_is_sent() {
    int before = sim.actions.size();
    NetworkInterfaceSpec primary = NetworkInterfaceSpec.device(0);
    assertThatThrownBy(
            () ->
                RunOptions.builder()
                    .subnetId("subnet-0123456789abcdef0")
                    .networkInterface(primary)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give the subnet and security groups on the interfaces");
    assertThatThrownBy(
            () ->
                RunOptions.builder()
                    .networkInterface(primary)
                    .networkInterface(NetworkInterfaceSpec.device(0))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two interfaces at device index 0");
    assertThatThrownBy(
            () ->
                RunOptions.builder()
                    .networkInterface(primary.associatePublicIp(true))
                    .networkInterface(NetworkInterfaceSpec.device(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only when launching with one interface");
    assertThatThrownBy(() -> NetworkInterfaceSpec.device(1).associatePublicIp(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("primary interface (device index 0) only");
    assertThatThrownBy(() -> NetworkInterfaceSpec.device(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deviceIndex");
    assertThatThrownBy(
            () ->
                NetworkInterfaceSpec.device(1)
                    .existing("eni-0123456789abcdef0")
                    .subnet("subnet-0123456789abcdef0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("an existing interface (eni-0123456789abcdef0) brings its own");
    assertThatThrownBy(() -> NetworkInterfaceSpec.device(1).existing("eni-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkInterfaceId 'eni-1'");
    assertThatThrownBy(() -> NetworkInterfaceSpec.device(0).privateIp("10.0.0.256"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("privateIpAddress '10.0.0.256'");
    assertThatThrownBy(() -> RunOptions.builder().launchTemplate("web", "newest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("launchTemplate version: 'newest'");
    assertThatThrownBy(() -> RunOptions.builder().launchTemplate("w", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("launchTemplate 'w'");
    assertThatThrownBy(() -> sim.ec2.instances().run(1, 1, RunOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes the image from a launch template");
    assertThat(sim.actions).hasSize(before);
  }
}
