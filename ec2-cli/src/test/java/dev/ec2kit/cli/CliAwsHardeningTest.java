package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ec2 OPERATION} on hostile or secret input: {@code --debug} never shows a value the model
 * marks sensitive, errors never echo one, and bad input is one clear error line, never a stack
 * trace.
 */
@ExtendWith(Ec2LocalExtension.class)
class CliAwsHardeningTest {

  @Test
  void debug_hides_values_of_sensitive_members(Ec2Local local) {
    CliRunner cli = new CliRunner(local, "us-east-1");
    CliRunner.Run r =
        cli.run(
            "modify-vpn-tunnel-options",
            "--vpn-connection-id",
            "vpn-12345678",
            "--vpn-tunnel-outside-ip-address",
            "1.2.3.4",
            "--tunnel-options",
            "PreSharedKey=S3CRETPSK1,TunnelInsideCidr=169.254.10.0/30",
            "--debug");
    assertThat(r.err()).contains("TunnelOptions.PreSharedKey=").doesNotContain("S3CRETPSK1");
    assertThat(r.err()).contains("169.254.10.0");
    r =
        cli.run(
            "request-spot-instances",
            "--launch-specification",
            "ImageId=ami-12345678,UserData=S3CRETUSERDATA",
            "--debug");
    assertThat(r.err()).contains("UserData=").doesNotContain("S3CRETUSERDATA");
  }
}
