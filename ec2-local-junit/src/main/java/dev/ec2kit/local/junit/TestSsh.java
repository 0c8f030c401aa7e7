package dev.ec2kit.local.junit;

import dev.ec2kit.ssh.Ssh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The SSH helpers {@link Ec2LocalExtension} hands a test class: a home of their own (its {@code
 * .ec2/known_hosts} and {@code .ssh/KEY-NAME.pem}), so host keys of throwaway instances never reach
 * the developer's own known-hosts file; closed and deleted after the class. Loaded only when a test
 * takes an {@code Ssh}.
 *
 * <p>AutoCloseable, which JUnit 5.13 and later close in the store (CloseableResource without it
 * draws their warning), and CloseableResource, which earlier versions close.
 */
@SuppressWarnings("deprecation") // CloseableResource, for JUnit before 5.13
final class TestSsh implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  private final Path home;
  private final Ssh ssh;

  TestSsh() {
    try {
      home = Files.createTempDirectory("ec2-local-test-home-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a home for the test's SSH helpers", e);
    }
    ssh =
        Ssh.builder()
            .environment(Map.of("HOME", home.toString()))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  Ssh ssh() {
    return ssh;
  }

  /** The helpers' home: save instances' private keys in its {@code .ssh/KEY-NAME.pem}. */
  Path home() {
    return home;
  }

  @Override
  public void close() throws IOException {
    ssh.close();
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
