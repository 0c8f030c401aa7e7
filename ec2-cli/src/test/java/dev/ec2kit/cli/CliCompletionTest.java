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

/** {@code ec2 completion bash} loads in a real bash and completes subcommands and options. */
class CliCompletionTest {
  @Test
  void the_bash_script_loads_and_completes_a_subcommand_and_an_option(@TempDir Path dir)
      throws Exception {
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new String[] {"completion", "bash"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of());
    assertThat(exit).isZero();
    Path script = dir.resolve("ec2-completion.bash");
    Files.writeString(script, out.toString());
    String probe =
        "source "
            + script
            + "\n"
            + "COMP_WORDS=(ec2 describe-inst); COMP_CWORD=1; COMP_LINE='ec2 describe-inst'; COMP_POINT=${#COMP_LINE}\n"
            + "_picocli_ec2; echo \"subcommands: ${COMPREPLY[*]}\"\n"
            + "COMP_WORDS=(ec2 describe-instances --out); COMP_CWORD=2; COMP_LINE='ec2 describe-instances --out';"
            + " COMP_POINT=${#COMP_LINE}\n"
            + "_picocli_ec2; echo \"options: ${COMPREPLY[*]}\"\n";
    Process p = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", probe).start();
    String result = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(result)
        .as(err)
        .contains("subcommands: describe-instances")
        .contains("options: --output");
  }
}
