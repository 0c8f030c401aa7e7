package dev.ec2kit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ec2} keys its start-up data (class-data archive, AOT cache, the JVM's release) to the
 * JVM it runs. A JDK switched behind a linked <em>directory</em> (sdkman's {@code current},
 * Debian's {@code default-java}) is another JVM at the same path: it gets start-up data of its own,
 * not the other JDK's. Peer: Temurin 25 beside the JDK 17 the tests run on ({@code
 * EC2_BENCH_JDK25}, as {@code bench/startup.sh}).
 */
class Ec2ScriptJavaIT {
  private static final Path JDK25 =
      Path.of(System.getenv().getOrDefault("EC2_BENCH_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

  @Test
  void a_jdk_switched_behind_a_linked_directory_gets_its_own_start_up_data(@TempDir Path dir)
      throws Exception {
    Ec2Script.ready();
    assertThat(JDK25.resolve("bin/java")).as("Temurin 25 (EC2_BENCH_JDK25)").isExecutable();
    Path target = Ec2Script.ROOT.toRealPath().resolve("ec2-cli/target"); // as the script's cd -P
    String key25 =
        key(JDK25.toRealPath().resolve("bin/java") + target.resolve("ec2.jar").toString());
    for (Path old : files(target, key25)) {
      Files.delete(old); // made by an earlier run in this checkout: this one must make its own
    }
    Path current = dir.resolve("current");
    Files.createSymbolicLink(current, Path.of(System.getProperty("java.home")).toRealPath());
    assertThat(run(current)).isEqualTo("ec2 0.1.0 (EC2 API 2016-11-15)");

    Files.delete(current);
    Files.createSymbolicLink(current, JDK25.toRealPath());
    assertThat(run(current)).isEqualTo("ec2 0.1.0 (EC2 API 2016-11-15)");
    assertThat(files(target, key25))
        .as("JDK 25's own AOT cache and release, keyed to its real path")
        .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".aot"))
        .anySatisfy(
            p -> {
              assertThat(p.getFileName().toString()).endsWith(".release");
              assertThat(Files.readString(p).trim()).isEqualTo("25");
            });
  }

  /** {@code EC2_JAVA=HOME/bin/java ./ec2 --version}'s output; fails on a non-zero exit. */
  private static String run(Path home) throws Exception {
    Path log = Files.createTempFile("ec2-java", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(Ec2Script.ROOT.resolve("ec2").toString(), "--version")
            .directory(Ec2Script.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("EC2_JAVA", home.resolve("bin/java").toString());
    Process p = pb.start();
    boolean ended = p.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, UTF_8).trim();
    Files.delete(log);
    assertThat(ended).as("./ec2 --version on " + home + " within 3 minutes: " + out).isTrue();
    assertThat(p.exitValue()).as("./ec2 --version on " + home + ": " + out).isZero();
    return out;
  }

  /** The script's files in {@code target} with that key in their names. */
  private static List<Path> files(Path target, String key) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().contains(key)).toList();
    }
  }

  /**
   * The script's {@code sanitize}: every character but a letter or digit as {@code _}, or past 150
   * characters the POSIX {@code cksum} of the paths.
   */
  private static String key(String paths) {
    String name = paths.replaceAll("[^A-Za-z0-9]", "_");
    return name.length() <= 150 ? name : Long.toString(cksum(paths.getBytes(UTF_8)));
  }

  /** POSIX cksum: CRC-32 (0x04C11DB7, unreflected) over the bytes and then their length. */
  private static long cksum(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc = crcStep(crc, b & 0xff);
    }
    for (long n = bytes.length; n != 0; n >>>= 8) {
      crc = crcStep(crc, (int) (n & 0xff));
    }
    return ~crc & 0xffffffffL;
  }

  private static int crcStep(int crc, int octet) {
    crc ^= octet << 24;
    for (int i = 0; i < 8; i++) {
      crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
    }
    return crc;
  }
}
