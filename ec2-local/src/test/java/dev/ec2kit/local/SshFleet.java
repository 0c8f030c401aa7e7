package dev.ec2kit.local;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import dev.ec2kit.WaitOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One emulator with SSH for a whole test class: instant transitions, a key pair written to {@code
 * dir}, a client whose identity logs in as ec2-user with it, Amazon Linux 2023's image, and
 * OpenSSH's client on its instances.
 */
final class SshFleet implements AutoCloseable {
  final Path dir;
  final Ec2Local local;
  final Ec2 ec2;
  final Path key;
  final String ami;

  private SshFleet(Path dir, Ec2Local local, Ec2 ec2, Path key, String ami) {
    this.dir = dir;
    this.local = local;
    this.ec2 = ec2;
    this.key = key;
    this.ami = ami;
  }

  /** Starts one in {@code mode}; {@code log} is the emulator's log, or null for none. */
  static SshFleet start(Path dir, SandboxMode mode, PrintStream log) throws Exception {
    Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).sandbox(mode).log(log).build().start();
    Ec2 plain = Ec2.builder().identity(local.identity("us-east-1")).build();
    Path key = Tools.keyFile(plain, "fleet", dir);
    Ec2 ec2 =
        plain.withIdentity(
            plain
                .identity()
                .copy()
                .keyName("fleet")
                .sshUser("ec2-user")
                .sshIdentityFile(key)
                .build());
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    return new SshFleet(dir, local, ec2, key, ami);
  }

  /** {@code n} instances of Amazon Linux, running. */
  List<Instance> launch(int n) {
    return launch(ami, n, RunOptions.builder());
  }

  /** {@code n} instances of {@code image} with {@code options}, running. */
  List<Instance> launch(String image, int n, RunOptions.Builder options) {
    return ec2.instances().run(image, n, n, options.waitUntilRunning().build());
  }

  /**
   * Waits (polling every 100 ms, for 30 s at most) for the instance to be in {@code state}; it as
   * it is then.
   */
  Instance waitFor(Instance i, InstanceState state) {
    return ec2.instances()
        .waitFor(
            i,
            state,
            WaitOptions.defaults()
                .interval(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(30)));
  }

  /** OpenSSH's options for the fleet's key and the emulator's SSH port. */
  String opts() {
    return Tools.opensshOptions(key, local.sshPort());
  }

  /** OpenSSH's ssh on the instance as ec2-user: its standard output. */
  String ssh(Instance i, String command) throws Exception {
    return Tools.sh(
        dir,
        "ssh "
            + opts()
            + " ec2-user@"
            + i.publicIpAddress()
            + " '"
            + command.replace("'", "'\\''")
            + "'");
  }

  @Override
  public void close() {
    local.close();
  }

  /** Loop devices of this machine whose file is the volume's (their names, as loopN). */
  static List<String> loopsOver(String volumeId) throws IOException {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> blocks = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
      for (Path b : blocks) {
        Path f = b.resolve("loop/backing_file");
        if (Files.isReadable(f) && Files.readString(f).contains(volumeId)) {
          found.add(b.getFileName().toString());
        }
      }
    }
    return found;
  }
}
