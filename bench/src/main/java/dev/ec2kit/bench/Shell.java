package dev.ec2kit.bench;

import java.nio.charset.StandardCharsets;

/** A shell line run here, for the benchmarks that make and measure processes of this machine. */
final class Shell {
  private Shell() {}

  /** Runs {@code script} with bash: its standard output; a non-zero exit throws with its errors. */
  static String run(String script) throws Exception {
    Process p = new ProcessBuilder("/bin/bash", "-c", script).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("`" + script + "` failed: " + err.strip());
    }
    return out;
  }

  /** Runs {@code script}: whether it exited 0, its output thrown away. */
  static boolean ok(String script) throws Exception {
    Process p =
        new ProcessBuilder("/bin/bash", "-c", script)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    return p.waitFor() == 0;
  }
}
