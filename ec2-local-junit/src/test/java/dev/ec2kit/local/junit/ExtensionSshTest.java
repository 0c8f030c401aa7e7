package dev.ec2kit.local.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that takes an {@link Ssh} from {@link Ec2LocalExtension} logs in to its emulated instances
 * and records their host keys in a known-hosts file of its own, never in the developer's {@code
 * ~/.ec2/known_hosts}.
 */
@ExtendWith(Ec2LocalExtension.class)
class ExtensionSshTest {
  @Test
  void ssh_helpers_of_the_extension_keep_host_keys_to_themselves(
      Ec2 plain, Ssh ssh, @TempDir Path dir) throws Exception {
    Path own = Path.of(System.getProperty("user.home"), ".ec2", "known_hosts");
    Path home =
        System.getenv("HOME") == null ? own : Path.of(System.getenv("HOME"), ".ec2", "known_hosts");
    String before = Files.exists(home) ? Files.readString(home) : null;
    Path key = dir.resolve("ext.pem");
    Files.writeString(
        key, plain.keyPairs().create("ext", KeyType.ED25519).privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Ec2 ec2 =
        plain.withIdentity(plain.identity().copy().keyName("ext").sshIdentityFile(key).build());
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    Instance i =
        ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
    assertThat(ssh.sshCommandOutput(i, "echo hello").stdout()).isEqualTo("hello\n");
    assertThat(Files.exists(home) ? Files.readString(home) : null)
        .as("the developer's known-hosts file")
        .isEqualTo(before);
  }
}
