package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.LaunchTemplate;
import dev.ec2kit.LaunchTemplateData;
import dev.ec2kit.LaunchTemplateData.MetadataOptions;
import dev.ec2kit.LaunchTemplateVersion;
import dev.ec2kit.LaunchTemplates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The library's launch templates (ec2.launchTemplates()) against the emulator. */
class ClientLaunchTemplatesTest {
  private final Sim sim = new Sim(Duration.ofSeconds(1));
  private final LaunchTemplates templates = sim.ec2.launchTemplates();

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void a_template_gives_back_every_setting_users_put_in_it() {
    String sg = sim.ec2.securityGroups().describe("default").get(0).groupId();
    LaunchTemplateData data =
        LaunchTemplateData.builder()
            .imageId(sim.ami())
            .instanceType("t3.small")
            .keyName("deploy")
            .securityGroupId(sg)
            .userData("#!/bin/sh\necho héllo > /tmp/hello\n")
            .tags("instance", Map.of("Role", "web", "Tier", "front"))
            .tags("volume", Map.of("Role", "web-disk"))
            .metadataOptions(new MetadataOptions("required", "enabled", 2, "enabled"))
            .build();

    LaunchTemplate t = templates.create("web", data, Map.of("Team", "blue"));
    assertThat(t.launchTemplateId()).matches("lt-[0-9a-f]{17}");
    assertThat(t.launchTemplateName()).isEqualTo("web");
    assertThat(t.defaultVersionNumber()).isEqualTo(1);
    assertThat(t.latestVersionNumber()).isEqualTo(1);
    assertThat(t.createTime()).isNotNull();
    assertThat(t.tags()).isEqualTo(Map.of("Team", "blue"));
    assertThat(t.toString())
        .isEqualTo("LaunchTemplate[" + t.launchTemplateId() + " web default 1, latest 1]");

    assertThat(templates.describeVersions("web", "$Latest"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.versionNumber()).isEqualTo(1);
              assertThat(v.defaultVersion()).isTrue();
              assertThat(v.launchTemplateId()).isEqualTo(t.launchTemplateId());
              assertThat(v.data()).isEqualTo(data);
            });
    assertThat(templates.describe(t.launchTemplateId())).containsExactly(t);
    assertThatThrownBy(() -> templates.create("web", data))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e ->
                assertThat(e.code()).isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException"));
  }

  @Test
  void versions_build_on_each_other_and_the_default_moves_only_when_told() {
    String ami = sim.ami();
    LaunchTemplate t =
        templates.create(
            "api", LaunchTemplateData.builder().imageId(ami).instanceType("t3.micro").build());
    LaunchTemplateVersion v2 =
        templates.createVersion(
            "api", "1", LaunchTemplateData.builder().instanceType("t3.small").build());
    assertThat(v2.versionNumber()).isEqualTo(2);
    assertThat(v2.defaultVersion()).isFalse();
    assertThat(v2.data().imageId()).isEqualTo(ami);
    assertThat(v2.data().instanceType()).isEqualTo("t3.small");
    LaunchTemplateVersion v3 =
        templates.createVersion(
            t.launchTemplateId(), LaunchTemplateData.builder().instanceType("t3.large").build());
    assertThat(v3.versionNumber()).isEqualTo(3);
    assertThat(v3.data().imageId()).isNull();

    assertThat(templates.describeVersions("api"))
        .extracting(LaunchTemplateVersion::versionNumber)
        .containsExactly(3L, 2L, 1L);
    assertThat(templates.describeVersions("api", "$Default"))
        .extracting(LaunchTemplateVersion::versionNumber)
        .containsExactly(1L);

    LaunchTemplate moved = templates.setDefaultVersion("api", "2");
    assertThat(moved.defaultVersionNumber()).isEqualTo(2);
    assertThat(moved.latestVersionNumber()).isEqualTo(3);
    assertThat(templates.describeVersions(t.launchTemplateId(), "$Default"))
        .singleElement()
        .satisfies(v -> assertThat(v.data().instanceType()).isEqualTo("t3.small"));
    assertThat(templates.describe("api")).extracting("defaultVersionNumber").containsExactly(2L);

    assertThat(templates.deleteVersions("api", "2", "3", "9"))
        .containsExactlyInAnyOrder(
            new LaunchTemplates.VersionDeletion(3, null, null),
            new LaunchTemplates.VersionDeletion(
                2,
                "unexpectedError",
                "Cannot delete the default version of a launch template. To delete this version,"
                    + " first change the default version or delete the launch template."),
            new LaunchTemplates.VersionDeletion(
                9,
                "launchTemplateVersionDoesNotExist",
                "Could not find launch template version 9."));
    assertThat(templates.describeVersions("api"))
        .extracting(LaunchTemplateVersion::versionNumber)
        .containsExactly(2L, 1L);

    assertThat(templates.delete("api").launchTemplateId()).isEqualTo(t.launchTemplateId());
    assertThatThrownBy(() -> templates.describe("api"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.code()).isEqualTo("InvalidLaunchTemplateName.NotFoundException"));
    assertThat(templates.describe()).isEmpty();
  }

  @Test
  void misuse_is_refused_before_anything_is_sent_naming_the_parameter() {
    int before = sim.actions.size();
    LaunchTemplateData some = LaunchTemplateData.builder().instanceType("t3.micro").build();
    assertThatThrownBy(() -> templates.create("x", some))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name 'x' must be 3 to 128");
    assertThatThrownBy(() -> templates.create("web", LaunchTemplateData.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data is empty");
    assertThatThrownBy(() -> templates.describeVersions("web", "latest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'latest' is not a version")
        .hasMessageContaining("$Latest");
    assertThatThrownBy(() -> templates.describeVersions("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template 'a b' is neither a launch template id");
    assertThatThrownBy(() -> templates.deleteVersions("web"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name 1 to 200 versions");
    assertThatThrownBy(() -> templates.deleteVersions("web", "$Latest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("by number");
    assertThatThrownBy(() -> templates.setDefaultVersion("web", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version: '0'");
    assertThatThrownBy(() -> LaunchTemplateData.builder().imageId("ubuntu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imageId 'ubuntu'");
    assertThatThrownBy(() -> LaunchTemplateData.builder().tags("vpc", Map.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resourceType 'vpc'");
    assertThatThrownBy(
            () -> LaunchTemplateData.builder().tags("instance", Map.of("aws:cloudformation", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved by AWS");
    assertThatThrownBy(() -> new MetadataOptions("v2", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("httpTokens must be optional or required");
    assertThatThrownBy(() -> new MetadataOptions(null, null, 65, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("httpPutResponseHopLimit must be 1 to 64");
    assertThatThrownBy(() -> templates.create("web", some, Map.of("aws:x", "y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved by AWS");
    assertThat(sim.actions).hasSize(before);
    assertThat(List.of(MetadataOptions.tokensRequired().httpTokens())).containsExactly("required");
  }
}
