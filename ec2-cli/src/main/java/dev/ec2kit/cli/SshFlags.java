package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.Identity;
import dev.ec2kit.Instance;
import dev.ec2kit.ssh.HostKeyCheck;
import dev.ec2kit.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How the SSH commands log in: user, key, port and host key checking, with sensible guesses. */
final class SshFlags {
  @Option(
      names = {"-l", "--user"},
      paramLabel = "USER",
      description =
          "Login user (default: the identity's, else the image's usual one: ec2-user, ubuntu, admin, root).")
  String user;

  @Option(
      names = {"-i", "--identity-file"},
      paramLabel = "FILE",
      description =
          "Private key (default: the identity's, else ~/.ssh/KEYNAME.pem or ./KEYNAME.pem).")
  Path identityFile;

  @Option(
      names = {"-p", "--ssh-port"},
      paramLabel = "PORT",
      description = "SSH port (default: EC2_SSH_PORT, else 22).")
  Integer port;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "Known-hosts file (default: ~/.ec2/known_hosts, ~ being $HOME).")
  Path knownHosts;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description =
          "Give up on a host whose command or copy takes longer: 600, 90s, 10m (default: 5m).")
  String timeout = "5m";

  @Option(
      names = "--host-key-check",
      paramLabel = "MODE",
      description =
          "accept-new (default), strict, or console (the fingerprints in the instance's console output).")
  String hostKeyCheck = "accept-new";

  /** The command these flags belong to, for the environment it runs in. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * $HOME of the command's environment, else the JVM's user.home, as the AWS settings are found.
   */
  private Path home() {
    return dev.ec2kit.Settings.home(((ApiCommand) command.userObject()).parent.env());
  }

  /** --known-hosts, else ~/.ec2/known_hosts. */
  Path knownHosts() {
    return knownHosts != null ? knownHosts : home().resolve(".ec2").resolve("known_hosts");
  }

  Ssh ssh(Ec2 ec2) {
    return ssh(ec2, 16);
  }

  private HostKeyCheck hostKeyCheck() {
    return switch (hostKeyCheck.toLowerCase(Locale.ROOT)) {
      case "accept-new" -> HostKeyCheck.ACCEPT_NEW;
      case "strict" -> HostKeyCheck.STRICT;
      case "console" -> HostKeyCheck.CONSOLE;
      default ->
          throw new IllegalArgumentException(
              "--host-key-check must be accept-new, strict or console");
    };
  }

  /** The SSH client, running on at most {@code concurrency} hosts at a time. */
  Ssh ssh(Ec2 ec2, int concurrency) {
    HostKeyCheck check = hostKeyCheck();
    return Ssh.builder()
        .hostKeyCheck(check)
        .knownHosts(knownHosts())
        .ec2(ec2)
        .concurrency(concurrency)
        .commandTimeout(commandTimeout())
        .build();
  }

  private java.time.Duration commandTimeout() {
    java.time.Duration d = InstanceCommands.duration("--timeout", timeout);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("--timeout must be more than 0, got " + timeout);
    }
    return d;
  }

  /** The instance, with the login details filled in. */
  Instance target(Ec2 ec2, String instanceId) {
    Instance i = ec2.instances().find(instanceId).orElseThrow(() -> notListed(ec2, instanceId));
    Identity id = i.identity();
    Identity.Builder b = id.copy();
    String login = user != null ? user : id.sshUser().orElseGet(() -> guessUser(ec2, i));
    b.sshUser(login);
    Path key =
        identityFile != null
            ? identityFile
            : id.sshIdentityFile().orElseGet(() -> findKey(i, home()));
    b.sshIdentityFile(key);
    if (port != null) {
      b.sshPort(port);
    }
    Identity withLogin = b.build();
    return ec2.withIdentity(withLogin)
        .instances()
        .find(instanceId)
        .orElseThrow(() -> notListed(ec2, instanceId));
  }

  static IllegalArgumentException notListed(Ec2 ec2, String instanceId) {
    return new IllegalArgumentException(
        "instance "
            + instanceId
            + " is not listed in "
            + ec2.identity().region().name()
            + ": check the id and --region");
  }

  /** The usual login of the image's distribution ({@link Ssh#defaultUser}). */
  static String guessUser(Ec2 ec2, Instance i) {
    try {
      return Ssh.defaultUser(ec2.images().find(i.imageId()).orElse(null));
    } catch (dev.ec2kit.Ec2Exception e) {
      return Ssh.defaultUser(null);
    }
  }

  private static Path findKey(Instance i, Path home) {
    if (i.keyName() == null) {
      throw new IllegalArgumentException(
          i.instanceId() + " was launched without a key pair: no key can log in");
    }
    Path inHome = home.resolve(".ssh").resolve(i.keyName() + ".pem");
    for (Path p : new Path[] {inHome, Path.of(i.keyName() + ".pem")}) {
      if (Files.isReadable(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no private key for key pair '"
            + i.keyName()
            + "': give -i FILE (looked for "
            + inHome
            + " and ./"
            + i.keyName()
            + ".pem)");
  }
}
