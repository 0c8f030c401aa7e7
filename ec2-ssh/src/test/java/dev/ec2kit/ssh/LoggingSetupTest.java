package dev.ec2kit.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MINA SSHD logs through SLF4J; ec2-ssh brings a provider that hands its logging to the JDK's
 * java.util.logging, so a program on ec2-ssh's class path sees no SLF4J warning on stderr (before,
 * every run printed "SLF4J: Failed to load class org.slf4j.impl.StaticLoggerBinder").
 */
class LoggingSetupTest {
  /** Run in a fresh JVM: SLF4J speaks at its first use in a process. */
  public static void main(String[] args) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoggingSetupTest.class);
    log.debug("a debug line nobody asked for");
    System.out.println(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
  }

  @Test
  void slf4j_finds_its_provider_and_prints_no_warning() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LoggingSetupTest.class.getName())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(err).doesNotContain("SLF4J");
    assertThat(out.strip()).contains("JDK").doesNotContain("NOP");
  }
}
