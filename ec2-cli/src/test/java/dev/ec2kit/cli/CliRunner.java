package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the ec2 command in process against an emulator, with settings only from {@link #env}. */
final class CliRunner {
  record Run(int exit, String out, String err) {}

  final Map<String, String> env = new HashMap<>();

  CliRunner(Ec2Local local, String region) {
    env.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID",
            "test",
            "AWS_SECRET_ACCESS_KEY",
            "test",
            "AWS_REGION",
            region,
            "AWS_ENDPOINT_URL",
            local.endpoint().toString(),
            "AWS_CONFIG_FILE",
            "/nonexistent/config",
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/credentials"));
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(exit, out.toString(), err.toString());
  }

  /** The id of the region's first image whose name matches {@code namePattern}. */
  String image(String namePattern) {
    return ok(
            "describe-images",
            "--filter",
            "name=" + namePattern,
            "--query",
            "Images[0].ImageId",
            "--output",
            "text")
        .strip();
  }

  /** Runs and expects exit 0; returns standard output. */
  String ok(String... args) {
    Run r = run(args);
    assertThat(r.exit()).as("ec2 %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }
}
