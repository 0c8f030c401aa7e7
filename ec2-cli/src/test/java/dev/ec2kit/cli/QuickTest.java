package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ec2 describe-regions} read without picocli prints, fails and exits as picocli's parse of
 * the same line does, against the emulator over real HTTP; every other line is left to picocli.
 */
@ExtendWith(Ec2LocalExtension.class)
class QuickTest {
  private Map<String, String> env;

  @BeforeEach
  void settings(Ec2Local local) {
    env = new HashMap<>(new CliRunner(local, "us-east-1").env);
  }

  private record Run(int exit, String out, String err) {}

  private Run quick(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Quick.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run picocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.parse(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(exit, out.toString(), err.toString());
  }

  private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  /** Request ids and times taken differ from call to call; nothing else may. */
  private static Run sameIds(Run r) {
    return new Run(r.exit(), r.out().replaceAll(ID, "ID"), r.err().replaceAll(ID, "ID"));
  }

  private static List<String> anyNumbers(String log) {
    return log.lines().map(l -> l.replaceAll(ID, "ID").replaceAll("\\d+", "N")).toList();
  }

  private void same(String... args) {
    Run quick = quick(args);
    assertThat(quick.exit()).as(String.join(" ", args)).isNotEqualTo(Quick.DECLINED);
    assertThat(sameIds(quick)).as(String.join(" ", args)).isEqualTo(sameIds(picocli(args)));
  }

  @Test
  void answers_as_picocli_does() {
    same("describe-regions");
    same("describe-regions", "eu-west-1", "us-west-2", "--output", "json");
    same("--output", "text", "describe-regions", "--region", "eu-west-1");
    same("describe-regions", "--output=JSON", "--query", "Regions[].RegionName");
    same("describe-regions", "--all-regions", "--output", "text");
    same("--region=eu-west-1", "describe-regions", "--all-regions", "us-east-1");
    same("describe-regions", "--profile", "default");
    assertThat(quick("describe-regions", "--output", "text").out())
        .startsWith("REGIONS\tec2.")
        .contains("\tus-east-1\n");
  }

  @Test
  void fails_as_picocli_does() {
    same("describe-regions", "--query", "Regions[0");
    same("describe-regions", "no-such-1");
    same("describe-regions", "--endpoint-url", "localhost:4599");
    Run refused = quick("describe-regions", "--endpoint-url", "http://127.0.0.1:1");
    Run picocliRefused = picocli("describe-regions", "--endpoint-url", "http://127.0.0.1:1");
    assertThat(refused.exit()).isEqualTo(picocliRefused.exit()).isEqualTo(1);
    assertThat(anyNumbers(refused.err())).isEqualTo(anyNumbers(picocliRefused.err()));
    same("describe-regions", "--profile", "nosuch");
    env.put("AWS_DEFAULT_OUTPUT", "yaml");
    same("describe-regions");
    env.remove("AWS_DEFAULT_OUTPUT");
    env.put("AWS_SECRET_ACCESS_KEY", "wrong");
    same("describe-regions");
    same("describe-regions", "--all-regions"); // the AWS CLI's line: its words and exit code
    assertThat(quick("describe-regions", "--all-regions").exit()).isEqualTo(AwsCli.EXIT_SERVICE);
    assertThat(quick("describe-regions").err()).startsWith("AuthFailure: ");
  }

  @Test
  void debug_logs_the_call_as_picocli_does() {
    Run quick = quick("describe-regions", "sa-east-1", "--debug");
    Run picocli = picocli("describe-regions", "sa-east-1", "--debug");
    assertThat(quick.exit()).isZero();
    assertThat(quick.out()).isEqualTo(picocli.out());
    assertThat(anyNumbers(quick.err())).isEqualTo(anyNumbers(picocli.err())).isNotEmpty();
  }

  @Test
  void leaves_every_other_line_to_picocli() {
    for (List<String> line :
        List.of(
            List.of("describe-regions", "--help"),
            List.of("describe-regions", "-h"),
            List.of("describe-regions", "help"),
            List.of("--version", "describe-regions"),
            List.of("describe-regions", "--bogus"),
            List.of("describe-regions", "--output", "yaml"),
            List.of("describe-regions", "--region-names", "eu-west-1"),
            List.of("describe-regions", "--region"),
            List.of("describe-regions", "--region", "--output"),
            List.of("describe-regions", "--output", "json", "--output", "text"),
            List.of("--debug", "describe-regions", "--debug"),
            List.of("describe-regions", "--debug=true"),
            List.of("describe-regions", "@args"),
            List.of("describe-regions", "--", "eu-west-1"),
            List.of("describe-regions", ""),
            List.of("--all-regions", "describe-regions"),
            List.of("describe-regions", "--max-items", "1"),
            List.of("describe-availability-zones"),
            List.of("tour", "describe-regions"))) {
      Run r = quick(line.toArray(String[]::new));
      assertThat(r).as(line.toString()).isEqualTo(new Run(Quick.DECLINED, "", ""));
    }
  }
}
