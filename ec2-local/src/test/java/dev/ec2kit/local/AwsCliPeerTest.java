package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debian's AWS CLI ({@code /usr/bin/aws}, package awscli, installed by .ci/run) against the
 * emulator: an independent client with its own signer and parser. A missing peer fails.
 */
@ExtendWith(Ec2LocalExtension.class)
class AwsCliPeerTest {
  static final Path AWS = Path.of("/usr/bin/aws");

  record Result(int exit, String out, String err) {}

  static Result aws(Ec2Local local, String secret, String... args)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(AWS)) {
      throw new IllegalStateException(AWS + " is missing: install Debian's awscli (.ci/run does)");
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                AWS.toString(), "--endpoint-url", local.endpoint().toString(), "--output", "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID",
            "test",
            "AWS_SECRET_ACCESS_KEY",
            secret,
            "AWS_DEFAULT_REGION",
            "us-east-1",
            "AWS_CONFIG_FILE",
            "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE",
            "/dev/null",
            "AWS_PAGER",
            "",
            "AWS_MAX_ATTEMPTS",
            "1"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  @Test
  void aws_cli_describes_regions(Ec2Local local) throws Exception {
    Result r = aws(local, "test", "ec2", "describe-regions");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "\"RegionName\": \"eu-west-1\"",
            "\"Endpoint\": \"ec2.eu-west-1.amazonaws.com\"",
            "\"OptInStatus\": \"opt-in-not-required\"");
  }

  @Test
  void aws_cli_describes_zones_of_the_region_it_signs_for(Ec2Local local) throws Exception {
    Result r = aws(local, "test", "ec2", "describe-availability-zones", "--region", "eu-west-1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "\"ZoneName\": \"eu-west-1a\"", "\"ZoneId\": \"euw1-az1\"", "\"State\": \"available\"")
        .doesNotContain("us-east-1a");
    Result one =
        aws(local, "test", "ec2", "describe-availability-zones", "--zone-names", "us-east-1b");
    assertThat(one.out()).contains("us-east-1b").doesNotContain("us-east-1a");
  }

  @Test
  void aws_cli_with_a_wrong_secret_gets_auth_failure(Ec2Local local) throws Exception {
    Result r = aws(local, "wrong-secret", "ec2", "describe-regions");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("AuthFailure");
  }

  @Test
  void aws_cli_sees_ec2_error_codes(Ec2Local local) throws Exception {
    Result r = aws(local, "test", "ec2", "describe-regions", "--region-names", "mars-north-1");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("InvalidParameterValue", "mars-north-1");
  }
}
