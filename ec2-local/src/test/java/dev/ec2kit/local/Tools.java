package dev.ec2kit.local;

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
        new ProcessBuilder("/bin/bash", "-c", "set -eo pipefail; " + pipeline)
            .directory(dir.toFile())
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("`" + pipeline + "` failed: " + err);
    }
    return out.strip();
  }
}
