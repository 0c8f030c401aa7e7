package dev.ec2kit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ec2} runs short commands on the quick compiler alone and keeps the optimising one for
 * the long-running commands ({@code local}, {@code tour}, {@code shell}) wherever they stand among
 * the arguments: {@code ./ec2 --region eu-west-1 local} is as long-running as {@code ./ec2 local}.
 * Seen through a stand-in java that prints the options it was given.
 */
class Ec2ScriptCompilerIT {
  @Test
  void long_running_commands_keep_the_optimising_compiler_after_global_options(@TempDir Path dir)
      throws Exception {
    Ec2Script.ready();
    Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        case "$1" in -XshowSettings*) echo '    java.specification.version = 17'; exit 0 ;; esac
        for a in "$@"; do [ "$a" = __train ] && exit 0; done
        printf '%s\\n' "$@"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    String quick = "-XX:TieredStopAtLevel=1";
    try {
      assertThat(options(java, "describe-regions")).contains(quick);
      assertThat(options(java, "--output", "json", "describe-regions")).contains(quick);
      assertThat(options(java, "local")).doesNotContain(quick);
      assertThat(options(java, "--region", "eu-west-1", "local")).doesNotContain(quick);
      assertThat(options(java, "--debug", "tour")).doesNotContain(quick);
      assertThat(options(java, "--profile", "dev", "shell")).doesNotContain(quick);
    } finally {
      forget(dir);
    }
  }

  /** The JVM options {@code ./ec2 ARGS} gave the stand-in java, before its main class. */
  private static List<String> options(Path java, String... args) throws Exception {
    Path log = Files.createTempFile("ec2-opts", ".log");
    List<String> argv =
        new java.util.ArrayList<>(List.of(Ec2Script.ROOT.resolve("ec2").toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(Ec2Script.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("EC2_JAVA", java.toString());
    Process p = pb.start();
    boolean ended = p.waitFor(1, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    List<String> out = Files.readAllLines(log, UTF_8);
    Files.delete(log);
    assertThat(ended).as("./ec2 %s within a minute: %s", List.of(args), out).isTrue();
    assertThat(p.exitValue()).as("./ec2 %s: %s", List.of(args), out).isZero();
    int main = out.indexOf("dev.ec2kit.cli.Main");
    assertThat(main).as("the main class in %s", out).isPositive();
    assertThat(out.subList(main + 1, out.size())).containsExactly(args);
    return out.subList(0, main);
  }

  /** Removes what the script kept in ec2-cli/target for the stand-in java (named by its path). */
  private static void forget(Path dir) throws Exception {
    String key = dir.toRealPath().toString().replaceAll("[^A-Za-z0-9]", "_");
    Path target = Ec2Script.ROOT.resolve("ec2-cli/target");
    try (Stream<Path> s = Files.list(target)) {
      for (Path p : s.filter(p -> p.getFileName().toString().contains(key)).toList()) {
        Files.delete(p);
      }
    }
  }
}
