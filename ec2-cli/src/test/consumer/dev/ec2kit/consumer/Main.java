package dev.ec2kit.consumer;

import dev.ec2kit.Ec2;
import dev.ec2kit.Identity;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Starts the emulator in this process, calls it over HTTP (regions, images, a key pair, an
 * instance) and over SSH (a command, scp both ways, an ssh-ed25519 key), and prints one line.
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (Ec2Local local = Ec2Local.builder().port(0).transition(Duration.ZERO).build().start()) {
      Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
      int regions = ec2.regions().describe().size();
      String ami =
          ec2.images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      Path key = dir.resolve("key.pem");
      Files.writeString(
          key, ec2.keyPairs().create("k", KeyType.ED25519).privateKey().orElseThrow() + "\n");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Identity ssh =
          local
              .identity("us-east-1")
              .copy()
              .keyName("k")
              .sshUser("ec2-user")
              .sshIdentityFile(key)
              .sshPort(local.sshPort())
              .build();
      Instance instance =
          ec2.withIdentity(ssh)
              .instances()
              .run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build())
              .get(0);
      Files.writeString(dir.resolve("sent.txt"), "sent\n");
      String said;
      try (Ssh helpers = Ssh.builder().knownHosts(dir.resolve("known_hosts")).build()) {
        helpers.sshCopyFile(instance, dir.resolve("sent.txt"), "sent.txt", false, false);
        said = helpers.sshCommandOutput(instance, "cat sent.txt; echo said").stdout();
        helpers.sshCopyFileFrom(instance, "sent.txt", dir.resolve("back.txt"), false, false);
      }
      System.out.println(
          Ec2.class.getModule()
              + ", "
              + Ec2Local.class.getModule()
              + ", "
              + Ssh.class.getModule()
              + ": "
              + regions
              + " regions, "
              + ami
              + ", "
              + said.replace('\n', ' ')
              + Files.readString(dir.resolve("back.txt")).strip());
    }
  }
}
