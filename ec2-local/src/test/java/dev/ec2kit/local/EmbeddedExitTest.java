package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.internal.process.Spawns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A program that embeds the emulator (started from Java, never closed) and is ended by SIGTERM
 * leaves nothing behind: its instances' temporary directory is removed and its sandboxes' cgroups
 * are gone, as when it closes the emulator itself.
 */
@ResourceLock(SandboxedFleet.LOCK) // as the other sandboxed classes: one at a time
class EmbeddedExitTest {
  @TempDir Path dir;

  @Test
  void an_emulator_never_closed_is_cleaned_up_when_its_JVM_gets_SIGTERM() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process p =
        Spawns.start(
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + tmp,
                    "-cp",
                    System.getProperty("java.class.path"),
                    EmbeddedEmulator.class.getName(),
                    SandboxMode.ON.name())
                .redirectErrorStream(true));
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String instanceId =
          CompletableFuture.supplyAsync(() -> readyLine(out, seen)).get(180, TimeUnit.SECONDS);
      assertThat(instanceId).as(seen.toString()).startsWith("i-");
      List<Path> roots = instanceRoots(tmp);
      assertThat(roots).hasSize(1);
      assertThat(roots.get(0).resolve(instanceId)).isDirectory();
      assertThat(cgroups(p.pid())).as("the sandbox's cgroups").isNotEmpty();

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
      assertThat(p.exitValue()).isEqualTo(128 + 15);
      assertThat(instanceRoots(tmp)).as("instances' directories left").isEmpty();
      assertThat(cgroups(p.pid())).as("cgroups left").isEmpty();
    } finally {
      p.destroyForcibly();
    }
  }

  /** The instance id of the child's {@code ready} line; what it printed before, in {@code seen}. */
  static String readyLine(BufferedReader out, StringBuilder seen) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ready ")) {
          return line.substring("ready ".length());
        }
        seen.append(line).append('\n');
      }
      return "(ended)";
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  private static List<Path> instanceRoots(Path tmp) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp, "ec2-local-instances-*")) {
      s.forEach(found::add);
    }
    return found;
  }

  /** The cgroups the emulator in process {@code pid} made, in every controller. */
  private static List<Path> cgroups(long pid) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> controllers = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
      for (Path c : controllers) {
        if (Files.isDirectory(c)) {
          try (DirectoryStream<Path> s = Files.newDirectoryStream(c, "ec2-local-" + pid + "-*")) {
            s.forEach(found::add);
          }
        }
      }
    }
    return found;
  }
}
