package dev.ec2kit.ssh.internal;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.ssh.HostKeyCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Checks the host keys of instances: against a known-hosts file (accept-new or strict), or against
 * the fingerprints the instance printed to its console. A refusal leaves a message that says what
 * to do.
 */
public final class HostKeys implements ServerKeyVerifier {
  private final HostKeyCheck check;
  private final Path knownHosts;
  private final Ec2 ec2;
  private final Map<String, Instance> expected = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();

  public HostKeys(HostKeyCheck check, Path knownHosts, Ec2 ec2) {
    this.check = check;
    this.knownHosts = knownHosts;
    this.ec2 = ec2;
  }

  /** Registers the instance for the host and port it will be reached at. */
  public void register(String host, int port, Instance instance) {
    expected.put(name(host, port), instance);
  }

  /** Why the last connection to this instance's address was refused, if it was. */
  public Optional<String> explain(Instance instance) {
    String host =
        instance.publicIpAddress() != null
            ? instance.publicIpAddress()
            : instance.privateIpAddress();
    return Optional.ofNullable(refusals.get(name(host, instance.identity().sshPort())));
  }

  static String name(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    InetSocketAddress a = (InetSocketAddress) remote;
    String host = name(a.getAddress().getHostAddress(), a.getPort());
    refusals.remove(host);
    String line = PublicKeyEntry.toString(key);
    if (check == HostKeyCheck.CONSOLE) {
      return console(host, key);
    }
    synchronized (this) {
      List<String> lines = read();
      boolean known = false;
      for (String l : lines) {
        String[] f = l.trim().split("\\s+");
        if (f.length >= 3 && f[0].equals(host)) {
          if ((f[1] + " " + f[2]).equals(line)) {
            return true;
          }
          known = true;
        }
      }
      if (known) {
        refusals.put(
            host,
            ": the host key of "
                + host
                + " has changed ("
                + KeyUtils.getFingerPrint(key)
                + " is not the one in "
                + knownHosts
                + "). If the instance was replaced, remove the old key with"
                + " `ssh-keygen -R '"
                + host
                + "' -f "
                + knownHosts
                + "` and connect again.");
        return false;
      }
      if (check == HostKeyCheck.STRICT) {
        refusals.put(
            host, ": " + host + " is not in " + knownHosts + " (strict host key checking)");
        return false;
      }
      try {
        Files.createDirectories(knownHosts.toAbsolutePath().getParent());
        Files.writeString(
            knownHosts,
            host + " " + line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot record the host key of " + host + " in " + knownHosts, e);
      }
      return true;
    }
  }

  private List<String> read() {
    try {
      return Files.exists(knownHosts)
          ? Files.readAllLines(knownHosts, StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + knownHosts, e);
    }
  }

  private boolean console(String host, PublicKey key) {
    Instance instance = expected.get(host);
    if (instance == null) {
      refusals.put(
          host,
          ": no instance is expected at " + host + " to check its console fingerprints against");
      return false;
    }
    String text = ec2.instances().consoleOutput(instance).output();
    int begin = text.indexOf("-----BEGIN SSH HOST KEY FINGERPRINTS-----");
    int end = text.indexOf("-----END SSH HOST KEY FINGERPRINTS-----");
    if (begin < 0 || end < begin) {
      refusals.put(
          host,
          ": the console output of "
              + instance.instanceId()
              + " shows no host key fingerprints yet; try again once it has booted");
      return false;
    }
    String fingerprint = KeyUtils.getFingerPrint(key);
    if (text.substring(begin, end).contains(fingerprint)) {
      return true;
    }
    refusals.put(
        host,
        ": the host key "
            + fingerprint
            + " of "
            + host
            + " is not among the fingerprints in the"
            + " console output of "
            + instance.instanceId()
            + ": this is not that instance");
    return false;
  }
}
