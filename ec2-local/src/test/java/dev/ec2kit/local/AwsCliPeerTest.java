package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Debian's AWS CLI ({@code /usr/bin/aws}, package awscli, installed by .ci/run) against the
 * emulator: an independent client with its own signer and parser. A missing peer fails.
 */
@Emulated
class AwsCliPeerTest {
  static final Path AWS = Path.of("/usr/bin/aws");

  record Result(int exit, String out, String err) {}

  static Result aws(Ec2Local local, String secret, String... args)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(AWS)) {
      throw new IllegalStateException(AWS + " is missing: install Debian's awscli (.ci/run does)");
    }
    // its code run by one long-lived python (AwsCli), not a python start per command line
    List<String> cmd =
        new ArrayList<>(List.of("--endpoint-url", local.endpoint().toString(), "--output", "json"));
    cmd.addAll(List.of(args));
    Map<String, String> env = new java.util.HashMap<>(AwsCli.emulatorSettings(secret));
    env.put("AWS_MAX_ATTEMPTS", "1");
    AwsCli.Run r = AwsCli.V2.run(env, cmd);
    return new Result(r.exit(), r.out(), r.err());
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
