package dev.ec2kit.ssh.internal;

import dev.ec2kit.Ec2;
import dev.ec2kit.Image;
import dev.ec2kit.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The SSH client of one {@code Ssh} helper and its open, authenticated sessions, one per login,
 * host, port and key file, reused while they stay open; and whom to log in as where the instance's
 * identity does not say: the image's usual login and {@code $HOME/.ssh/KEY-NAME.pem}.
 */
public final class Sessions implements AutoCloseable {
  private final SshClient client;
  private final HostKeys hostKeys;
  private final Duration connectTimeout;
  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final Map<Path, KeyPair> keys = new ConcurrentHashMap<>();
  private final Map<String, Login> logins = new ConcurrentHashMap<>();

  private final Ec2 ec2;
  private final Path home;
  private final Map<String, String> users = new ConcurrentHashMap<>();

  /**
   * Starts the SSH client.
   *
   * @param hostKeys the host-key check
   * @param connectTimeout how long connecting and logging in may each take
   * @param ec2 the client that describes images for their login, or null for one of the instance's
   *     own identity
   * @param home the home whose .ssh holds KEY-NAME.pem
   */
  public Sessions(HostKeys hostKeys, Duration connectTimeout, Ec2 ec2, Path home) {
    this.hostKeys = hostKeys;
    this.connectTimeout = connectTimeout;
    this.ec2 = ec2;
    this.home = home;
    this.client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(hostKeys);
    client.start();
  }

  /**
   * The usual login of an image's distribution (see {@code Ssh.defaultUser}).
   *
   * @param image the image, or null
   * @return the login name to try
   */
  public static String defaultUser(Image image) {
    if (image == null) {
      return "ec2-user"; // EC2's most common login
    }
    String name =
        (image.name() != null ? image.name() : String.valueOf(image.imageLocation()))
            .toLowerCase(java.util.Locale.ROOT);
    if (name.contains("ubuntu")) {
      return "ubuntu";
    }
    if (name.contains("debian")) {
      return "admin";
    }
    if (name.contains("fedora-8") || name.contains("fedora-7")) {
      return "root";
    }
    if (name.contains("fedora")) {
      return "fedora";
    }
    if (name.contains("centos")) {
      return "centos";
    }
    return "ec2-user";
  }

  /**
   * The login of an instance whose identity names none: its image's usual one, the image described
   * once per image with the {@code Ssh.Builder.ec2} client or, without one, a client of the
   * instance's own identity.
   */
  private String loginOf(Instance instance) {
    String where = instance.identity().region().name() + "/" + instance.imageId();
    return users.computeIfAbsent(
        where,
        k -> {
          try {
            if (ec2 != null) {
              return defaultUser(ec2.images().find(instance.imageId()).orElse(null));
            }
            try (Ec2 own = Ec2.builder().identity(instance.identity()).build()) {
              return defaultUser(own.images().find(instance.imageId()).orElse(null));
            }
          } catch (dev.ec2kit.Ec2Exception e) {
            return defaultUser(null);
          }
        });
  }

  /** The private key of an instance whose identity names none: $HOME/.ssh/KEY-NAME.pem. */
  private Path keyOf(Instance instance) {
    if (instance.keyName() == null) {
      throw new IllegalStateException(
          describe(instance)
              + " was launched without a key pair and its identity names no sshIdentityFile:"
              + " no key can log in");
    }
    Path file = home.resolve(".ssh").resolve(instance.keyName() + ".pem");
    if (!Files.isReadable(file)) {
      throw new IllegalStateException(
          describe(instance)
              + ": no private key for key pair '"
              + instance.keyName()
              + "' at "
              + file
              + ": save it there, or set Identity.Builder.sshIdentityFile");
    }
    return file;
  }

  /**
   * The key of the instance's session: login, host, port and key file.
   *
   * @param i the instance
   * @return its key
   */
  public static String key(Instance i) {
    return i.identity().sshUser().orElse("")
        + "@"
        + host(i)
        + ":"
        + i.identity().sshPort()
        + "/"
        + i.identity().sshIdentityFile().map(Path::toString).orElse("");
  }

  /**
   * The address to connect to: the public one, else the private one.
   *
   * @param i the instance
   * @return its address
   * @throws IllegalStateException when it has none
   */
  public static String host(Instance i) {
    if (i.publicIpAddress() != null) {
      return i.publicIpAddress();
    }
    if (i.privateIpAddress() != null) {
      return i.privateIpAddress();
    }
    throw new IllegalStateException(
        i.instanceId()
            + " has no address (state "
            + i.state()
            + "): ask for a fresh copy once it runs");
  }

  /**
   * The instance as messages name it: {@code i-... (user@address:port)}.
   *
   * @param i the instance
   * @return its name in messages
   */
  public static String describe(Instance i) {
    return i.instanceId()
        + " ("
        + i.identity().sshUser().orElse("?")
        + "@"
        + (i.publicIpAddress() != null ? i.publicIpAddress() : i.privateIpAddress())
        + ":"
        + i.identity().sshPort()
        + ")";
  }

  /**
   * An open, authenticated session to the instance, reused while it stays open.
   *
   * @param instance the instance
   * @return its session
   * @throws IllegalStateException when there is no key to log in with or no address
   * @throws UncheckedIOException when it cannot connect or log in; the message names the instance
   */
  public ClientSession session(Instance instance) {
    String k = key(instance);
    ClientSession open = sessions.get(k);
    if (usable(open)) {
      return open;
    }
    // one login per instance at a time: callers that meet no session together share the one made,
    // rather than each making its own and closing the one another caller just began to use; and
    // a login that failed while a caller waited is that caller's answer too, rather than one more
    // connect timeout each, one after another
    long asked = System.nanoTime();
    Login login = logins.computeIfAbsent(k, x -> new Login());
    synchronized (login) {
      open = sessions.get(k);
      if (usable(open)) {
        return open;
      }
      if (login.failure != null && login.failedAt - asked > 0) {
        throw new UncheckedIOException(login.failure.getMessage(), login.failure.getCause());
      }
      try {
        ClientSession s = login(instance, k);
        login.failure = null;
        return s;
      } catch (UncheckedIOException e) {
        login.failure = e;
        login.failedAt = System.nanoTime();
        throw e;
      }
    }
  }

  /** An instance's latest failed login, which callers waiting for it share (under its lock). */
  private static final class Login {
    UncheckedIOException failure;
    long failedAt;
  }

  private static boolean usable(ClientSession s) {
    return s != null && s.isOpen() && s.isAuthenticated();
  }

  private ClientSession login(Instance instance, String k) {
    String user = instance.identity().sshUser().orElseGet(() -> loginOf(instance));
    Path keyFile = instance.identity().sshIdentityFile().orElseGet(() -> keyOf(instance));
    KeyPair keyPair = keys.computeIfAbsent(keyFile, Sessions::load);
    try {
      hostKeys.register(host(instance), instance.identity().sshPort(), instance);
      ClientSession s =
          client
              .connect(user, host(instance), instance.identity().sshPort())
              .verify(connectTimeout)
              .getSession();
      s.addPublicKeyIdentity(keyPair);
      try {
        s.auth().verify(connectTimeout);
      } catch (IOException e) {
        s.close(true);
        throw e;
      }
      ClientSession previous = sessions.put(k, s);
      if (previous != null && previous != s) {
        previous.close(true); // closed or never logged in: no caller is using it
      }
      return s;
    } catch (IOException e) {
      String hint = hostKeys.explain(instance).orElse("");
      throw new UncheckedIOException(describe(instance) + ": " + e.getMessage() + hint, e);
    }
  }

  /**
   * Forgets the instance's session (after it failed), without closing it.
   *
   * @param instance the instance
   */
  public void forget(Instance instance) {
    sessions.remove(key(instance));
  }

  /**
   * Forgets the instance's session if it is still this one (closed under a transfer).
   *
   * @param instance the instance
   * @param session the session that was closed
   */
  public void forget(Instance instance, ClientSession session) {
    sessions.remove(key(instance), session);
  }

  /**
   * Closes and forgets the session of this key, if one is open, and waits (up to 5 s) until its
   * connection is closed, so a caller working through many hosts never holds more connections than
   * it means to.
   *
   * @param key a {@link #key} of an instance
   */
  public void close(String key) {
    ClientSession s = sessions.remove(key);
    if (s != null) {
      s.close(true).awaitUninterruptibly(5_000);
    }
  }

  private static KeyPair load(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalStateException("ssh identity file " + file + " cannot be read");
    }
    try (InputStream in = Files.newInputStream(file)) {
      var found = SecurityUtils.loadKeyPairIdentities(null, () -> file.toString(), in, null);
      if (found == null || !found.iterator().hasNext()) {
        throw new IllegalStateException("ssh identity file " + file + " holds no private key");
      }
      return found.iterator().next();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "ssh identity file " + file + " cannot be read as a private key: " + e.getMessage());
    }
  }

  /** Closes every open session and stops the SSH client. */
  @Override
  public void close() {
    sessions.values().forEach(s -> s.close(true));
    sessions.clear();
    client.stop();
  }
}
