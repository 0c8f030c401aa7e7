package dev.ec2kit.local;

import dev.ec2kit.internal.process.Spawns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs OpenSSH and OpenSSL tools (Debian's openssh-client, openssl); a missing one fails. */
final class Tools {
  private Tools() {}

  /** Runs a shell pipeline and returns its standard output; a failure fails the test. */
  static String sh(Path dir, String pipeline) throws Exception {
    for (String tool : List.of("/usr/bin/ssh-keygen", "/usr/bin/openssl")) {
      if (!Files.isExecutable(Path.of(tool))) {
        throw new IllegalStateException(
            tool + " is missing: install openssh-client and openssl (.ci/run does)");
      }
    }
    Process p =
        Spawns.start(
            new ProcessBuilder("/bin/bash", "-c", "set -eo pipefail; " + pipeline)
                .directory(dir.toFile()));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("`" + pipeline + "` failed: " + err);
    }
    return out.strip();
  }

  /**
   * A new ED25519 key pair of {@code ec2} named {@code name}, its private key saved 0600 in dir.
   */
  static java.nio.file.Path keyFile(dev.ec2kit.Ec2 ec2, String name, Path dir) throws Exception {
    Path key = dir.resolve(name + ".pem");
    Files.writeString(
        key,
        ec2.keyPairs().create(name, dev.ec2kit.KeyType.ED25519).privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  /** OpenSSH's options for an emulated instance: its key, any host key, batch mode, the port. */
  static String opensshOptions(Path key, int port) {
    return "-i "
        + key
        + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes"
        + " -o LogLevel=ERROR -o Port="
        + port;
  }
}
