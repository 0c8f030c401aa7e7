package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ec2 completion bash}, loaded in a real bash, completes the model's operations, their
 * arguments, the waiters of {@code ec2 wait} and theirs, and still the manual's commands.
 */
class CliAwsCompletionTest {
  @Test
  void operations_waiters_and_their_arguments_complete(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    assertThat(
            Main.run(
                new String[] {"completion", "bash"},
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                Map.of()))
        .isZero();
    Path script = dir.resolve("ec2.bash");
    Files.writeString(script, out.toString());
    StringBuilder probe = new StringBuilder("source " + script + "\n");
    String[][] lines = {
      {"ec2", "create-vp"},
      {"ec2", "describe-vpcs", "--vpc"},
      {"ec2", "wait", "nat-gateway-av"},
      {"ec2", "wait", "instance-running", "--instance"},
      {"ec2", "describe-instances", "--out"}
    };
    for (String[] words : lines) {
      probe.append("COMP_WORDS=(").append(String.join(" ", words)).append("); ");
      probe.append("COMP_CWORD=").append(words.length - 1).append("; ");
      probe.append("COMP_LINE='").append(String.join(" ", words)).append("'; ");
      probe.append("COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_ec2_all 2>/dev/null; ");
      probe.append("echo \"").append(words[words.length - 1]).append(": ${COMPREPLY[*]}\"\n");
    }
    Process p =
        new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", probe.toString()).start();
    String result = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(result)
        .as(err)
        .contains("create-vp: create-vpc create-vpc-block-public-access-exclusion")
        .contains("--vpc: --vpc-ids\n")
        .contains("nat-gateway-av: nat-gateway-available\n")
        .contains("--instance: --instance-ids\n")
        .contains("--out: --output\n");
  }
}
