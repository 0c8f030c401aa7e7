package dev.ec2kit.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the known-hosts file is by default (issue 17 #14): under $HOME, as the README says. */
class KnownHostsHomeTest {
  @TempDir Path dir;

  @Test
  void known_hosts_is_kept_under_HOME_of_the_environment_given() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    try (TestSshServer server = new TestSshServer(dir, (user, command, in, out) -> 0);
        Ssh ssh = Ssh.builder().environment(Map.of("HOME", home.toString())).build()) {
      Instance i = server.instance("i-0123456789abcdef0", "ec2-user");
      assertThat(ssh.sshCommandOutput(i, "true").exitStatus()).isZero();
      String entry = "[127.0.0.1]:" + i.identity().sshPort() + " ";
      assertThat(Files.readString(home.resolve(".ec2/known_hosts"))).startsWith(entry);
      Path jvmHome = Path.of(System.getProperty("user.home"), ".ec2", "known_hosts");
      if (Files.exists(jvmHome)) {
        assertThat(Files.readString(jvmHome)).doesNotContain(entry);
      }
    }
  }
}
