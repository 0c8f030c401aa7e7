package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.internal.process.Spawns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * botocore ({@code /usr/bin/python3} with Debian's python3-botocore, installed by ./test) against
 * the emulator: tags, the default VPC and subnets, instance types, attributes, status and the SDK's
 * waiters, network interfaces, security-group rules and CreateImage, as a boto3 suite uses them. A
 * missing peer fails.
 */
@Emulated
class BotocorePeerTest {
  @Test
  void botocore_sees_tags_vpcs_types_attributes_status_interfaces_rules_and_images(Ec2Local local)
      throws Exception {
    String json = run(local, "/botocore_peer.py").replace(" ", "");
    assertThat(json).contains("\"vpcs\":[[\"vpc-").contains("\"172.31.0.0/16\",true]]");
    assertThat(json)
        .contains(
            "\"subnet_zones\":[\"us-east-1a\",\"us-east-1b\",\"us-east-1c\",\"us-east-1d\","
                + "\"us-east-1e\",\"us-east-1f\"]");
    assertThat(json)
        .contains("\"t3.micro\":[2,1024,[\"x86_64\"],true]")
        .contains("\"m7g.large\":[2,8192,[\"arm64\"],false]");
    assertThat(json)
        .contains("\"burstable_all_t\":true")
        .contains("\"bad_type\":\"InvalidInstanceType\"");
    assertThat(json).contains("\"status\":[[\"ok\",\"ok\"]]");
    assertThat(json).contains("\"root_volume\":[30,\"gp3\",[\"ops\"]]");
    assertThat(json).contains("\"metadata\":[\"required\",3]");
    assertThat(json)
        .contains("\"profile\":\"arn:aws:iam::123456789012:instance-profile/web-role\"");
    assertThat(json).contains("\"addresses_used\":2");
    assertThat(json)
        .contains(
            "\"tags\":[[\"Name\",\"web\",\"instance\"],[\"Role\",\"frontend\",\"instance\"],"
                + "[\"Tier\",\"1\",\"instance\"]]");
    assertThat(json).contains("\"tags_after_delete\":[\"Name\",\"Role\"]").contains("\"by_tag\":1");
    assertThat(json).contains("\"eni_tags\":[\"Role\",\"Tier\"]");
    assertThat(json)
        .contains("\"aws_prefix\":\"InvalidParameterValue\"")
        .contains("\"tag_limit\":\"TagLimitExceeded\"");
    assertThat(json)
        .contains("\"attr_type\":\"t3.micro\"")
        .contains("\"protected\":\"OperationNotPermitted\"");
    assertThat(json)
        .contains("\"type_while_running\":\"IncorrectInstanceState\"")
        .contains("\"credits\":[\"unlimited\"]");
    assertThat(json).contains("\"rule_ids\":[\"sgr-\"]");
    assertThat(json)
        .contains("[false,\"tcp\",\"10.0.0.0/8\",\"sshfromtheoffice\"]")
        .contains("[true,\"-1\",\"0.0.0.0/0\",null]");
    assertThat(json).contains("\"range_description\":\"sshfromtheoffice\"");
    assertThat(json).contains("\"image\":[\"available\",\"ebs\",[\"snap-\"]]");
    assertThat(json)
        .contains("\"launch_template\":\"InvalidLaunchTemplateName.NotFoundException\"")
        .contains("\"spot\":\"Unsupported\"");
    assertThat(json).containsPattern("\"enis\":\\[\\[\"eni-[0-9a-f]+\",\"i-[0-9a-f]+\"\\]\\]");
  }

  /** Runs the botocore script {@code resource} against the emulator and returns its output. */
  static String run(Ec2Local local, String resource) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(
          python + " is missing: install python3-botocore (./test does)");
    }
    return run(local, resource, python.toString());
  }

  /** As {@link #run(Ec2Local, String)} with another python, such as {@code python3} on the PATH. */
  static String run(Ec2Local local, String resource, String python) throws Exception {
    // the script beside the module the scripts share, which it imports from its own folder
    Path folder = Files.createTempDirectory("botocore-peer");
    Path script = folder.resolve("script.py");
    Files.copy(BotocorePeerTest.class.getResourceAsStream(resource), script);
    Files.copy(
        BotocorePeerTest.class.getResourceAsStream("/botocore_emulator.py"),
        folder.resolve("botocore_emulator.py"));
    ProcessBuilder pb = new ProcessBuilder(python, script.toString(), local.endpoint().toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // the folder holds only the two scripts
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = Spawns.start(pb);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Files.delete(script);
    Files.delete(folder.resolve("botocore_emulator.py"));
    Files.delete(folder);
    assertThat(p.exitValue()).as(err).isZero();
    return out;
  }
}
