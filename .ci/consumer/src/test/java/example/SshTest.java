package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The extension's SSH helpers, from the published artifacts: a command on an emulated instance. */
@ExtendWith(Ec2LocalExtension.class)
class SshTest {
  @Test
  void runs_a_command(Ec2 ec2, Ssh ssh, @TempDir Path keys) throws Exception {
    Path pem = keys.resolve("consumer.pem");
    String key = ec2.keyPairs().create("consumer", KeyType.ED25519).privateKey().orElseThrow();
    Files.writeString(pem, key + "\n");
    Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("r--------"));
    Ec2 withKey =
        ec2.withIdentity(ec2.identity().copy().keyName("consumer").sshIdentityFile(pem).build());
    ImageQuery al2023 = ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build();
    String ami = withKey.images().describe(al2023).get(0).imageId();
    RunOptions running = RunOptions.builder().waitUntilRunning().build();
    Instance one = withKey.instances().run(ami, 1, 1, running).get(0);
    assertEquals("from example\n", ssh.sshCommandOutput(one, "echo from example").stdout());
  }
}
