package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ./ec2} script of this checkout, run once before the {@code *IT} classes (which run at
 * once) start theirs: its first run trains the class-data archive every later run maps, and two
 * first runs at once would both write it.
 */
final class Ec2Script {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static boolean ready;

  private Ec2Script() {}

  /** Returns once {@code ./ec2 --version} has run (the first caller runs it; the others wait). */
  static synchronized void ready() throws Exception {
    if (ready) {
      return;
    }
    // its output to a file, so the time limit holds even if it never ends
    Path log = Files.createTempFile("ec2-ready", ".log");
    Process p =
        new ProcessBuilder(ROOT.resolve("ec2").toString(), "--version")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(ended).as("./ec2 --version within 5 minutes: " + out).isTrue();
    assertThat(p.exitValue()).as("./ec2 --version: " + out).isZero();
    ready = true;
  }
}
