package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import dev.ec2kit.WaitOptions;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH helpers need no more than the CLI does: with an identity that names no SSH user or key
 * file, the login is the image's usual one and the key is {@code $HOME/.ssh/KEY-NAME.pem}.
 */
@Emulated
class SshDefaultsTest {
  @TempDir Path home;

  @Test
  void the_login_comes_from_the_image_and_the_key_from_home(Ec2Local local) throws Exception {
    Ec2 ec2 =
        Ec2.builder()
            .identity(
                local
                    .identity("us-east-1")
                    .copy()
                    .keyName("defaults")
                    .sshPort(local.sshPort())
                    .build())
            .build();
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Path key = ssh.resolve("defaults.pem");
    Files.writeString(
        key, ec2.keyPairs().create("defaults", KeyType.ED25519).privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> names =
        Map.of("al2023-ami-*-x86_64", "ec2-user", "ubuntu/images/*noble*amd64*", "ubuntu");
    try (Ssh helpers =
        Ssh.builder()
            .environment(Map.of("HOME", home.toString()))
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      for (Map.Entry<String, String> n : names.entrySet()) {
        String ami =
            ec2.images()
                .describe(ImageQuery.builder().filter("name", n.getKey()).build())
                .get(0)
                .imageId();
        Instance i =
            ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
        assertThat(i.identity().sshUser()).isEmpty();
        assertThat(helpers.sshCommandOutput(i, "id -un || whoami").stdout())
            .as(n.getKey())
            .isNotBlank();
        assertThat(Files.readString(home.resolve(".ec2/known_hosts")))
            .contains(i.publicIpAddress());
      }
      Files.delete(key);
      String ami =
          ec2.images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      Instance keyless =
          ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
      assertThatThrownBy(() -> helpers.sshCommandOutput(keyless, "true"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(key.toString())
          .hasMessageContaining("Identity.Builder.sshIdentityFile");
      // waiting cannot mend it: the wait fails at once, not at its ten-minute timeout
      long start = System.nanoTime();
      assertThatThrownBy(() -> helpers.waitForSsh(List.of(keyless), WaitOptions.defaults()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(key.toString());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    }
  }
}
