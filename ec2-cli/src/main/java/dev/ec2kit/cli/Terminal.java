package dev.ec2kit.cli;

import dev.ec2kit.internal.process.Spawns;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The terminal stdout writes to, as the AWS CLI asks of its stdout: whether it is one ({@code
 * os.isatty}) and its width (the {@code TIOCGWINSZ} ioctl), 80 columns when it is none or the width
 * cannot be read.
 */
final class Terminal {
  /** The AWS CLI's width when stdout is no terminal (awscli/table.py determine_terminal_width). */
  static final int DEFAULT_COLUMNS = 80;

  private Terminal() {}

  /** The terminal device stdout is ({@code /dev/pts/3}), or null when stdout is no terminal. */
  static String stdout() {
    try {
      Path fd = Path.of("/proc/self/fd/1");
      if (Files.isSymbolicLink(fd)) {
        String device = Files.readSymbolicLink(fd).toString();
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") ? device : null;
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: asked of the JVM below
    }
    return System.console() != null ? "/dev/tty" : null;
  }

  /** The columns of a terminal device ({@code stty size} on it), 80 for none or when unknown. */
  static int columns(String device) {
    if (device == null) {
      return DEFAULT_COLUMNS;
    }
    try {
      Process p =
          Spawns.start(
              new ProcessBuilder("stty", "size")
                  .redirectInput(new File(device))
                  .redirectError(ProcessBuilder.Redirect.DISCARD));
      String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String[] rowsColumns = answer.strip().split("\\s+");
        if (rowsColumns.length == 2 && rowsColumns[1].matches("\\d{1,5}")) {
          return Integer.parseInt(rowsColumns[1]);
        }
      }
      p.destroy();
    } catch (IOException e) {
      // no stty: the AWS CLI's width when its ioctl fails
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_COLUMNS;
  }
}
