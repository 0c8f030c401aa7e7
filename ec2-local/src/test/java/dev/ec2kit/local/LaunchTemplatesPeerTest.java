package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * botocore ({@code /usr/bin/python3} with Debian's python3-botocore) drives the emulator's launch
 * templates, launches an instance from one, and parses every answer by its model. A missing peer
 * fails.
 */
@Emulated
class LaunchTemplatesPeerTest {
  @Test
  void botocore_creates_versions_modifies_and_deletes_launch_templates(Ec2Local local)
      throws Exception {
    String json = BotocorePeerTest.run(local, "/botocore_launch_templates.py").replace(" ", "");
    assertThat(json)
        .contains("\"created\":[\"peer-web\",1,1,[{\"Key\":\"Team\",\"Value\":\"blue\"}]]")
        .contains(
            "\"v2\":[2,false,\"m7g.large\",\"ami-0123456789abcdef0\",[\"sg-11111111\"],2,30,"
                + "\"web\"]")
        .contains("\"latest_default\":[[2,false],[1,true]]")
        .contains("\"modified\":[2,2]")
        .contains("\"deleted\":[1]")
        .contains("\"refused\":[[2,\"unexpectedError\"]]")
        .contains("\"duplicate\":\"InvalidLaunchTemplateName.AlreadyExistsException\"")
        .contains("\"found\":[true]")
        .contains("\"after_delete\":\"InvalidLaunchTemplateName.NotFoundException\"")
        .contains("\"launched\":[true,\"t3.small\",true,\"2\",\"web\"]")
        .contains("\"unknown_version\":\"InvalidLaunchTemplateId.VersionNotFound\"");
  }
}
