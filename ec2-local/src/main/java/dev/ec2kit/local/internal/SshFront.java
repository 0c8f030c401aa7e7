package dev.ec2kit.local.internal;

import dev.ec2kit.InstanceState;
import dev.ec2kit.internal.process.Spawns;
import dev.ec2kit.local.internal.sandbox.Guest;
import dev.ec2kit.local.internal.sandbox.Sandboxes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SSH side of emulated instances. One MINA SSHD server listens on the SSH port of every running
 * instance's own loopback address; a connection is the instance whose address it reached. Logins
 * take the image's user and the instance's key pair. Commands, scp and sftp run in the instance's
 * sandbox as that user (see {@link Sandboxes}); where there are no sandboxes, commands run through
 * /bin/sh in the instance's own directory as the emulator's user and file copies land in that
 * directory, which the emulator has said.
 */
public final class SshFront implements AutoCloseable {
  /** MINA's server with its acceptor in reach, so addresses can be bound as instances come. */
  private final class Server extends SshServer {
    IoAcceptor acceptor() {
      return acceptor;
    }

    @Override
    protected org.apache.sshd.server.session.SessionFactory createSessionFactory() {
      return startups.sessions(this);
    }
  }

  /** The instance a session reached. */
  record Target(RegionState state, InstanceRecord instance) {}

  /** The instance a session logged in to, kept so its commands need not look it up again. */
  private static final org.apache.sshd.common.AttributeRepository.AttributeKey<Target> LOGGED_IN =
      new org.apache.sshd.common.AttributeRepository.AttributeKey<>();

  private final int port;
  private final Sandboxes sandboxes;
  private final PrintStream log;
  private World world;
  private Server server;
  private final Map<String, Set<ServerSession>> sessions = new ConcurrentHashMap<>();
  private final Set<String> listening = new java.util.HashSet<>();
  private final Startups startups = new Startups();

  public SshFront(int port, Sandboxes sandboxes, PrintStream log) {
    dev.ec2kit.internal.logging.QuietLibraries.minaAtWarningUnlessConfigured();
    this.port = port;
    this.sandboxes = sandboxes;
    this.log = log;
    if (sandboxes != null && log != null) {
      sandboxes.log(log::println);
    }
  }

  void attach(World w) {
    this.world = w;
    sandboxes.listen(w::endedInside);
  }

  public int port() {
    return port;
  }

  /** Port 22 if the emulator may bind it on loopback addresses, else a free port it announces. */
  public static int choosePort(int requested) {
    if (requested > 0) {
      return requested;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.255.255.254", 22));
      return 22;
    } catch (IOException e) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
        return s.getLocalPort();
      } catch (IOException again) {
        throw new UncheckedIOException("no free port for SSH on loopback", again);
      }
    }
  }

  /**
   * Listens at {@code ip}; InsufficientInstanceCapacity when it cannot (out of descriptors, say),
   * so the caller can refuse the launch or start instead of reporting an instance SSH refuses.
   */
  synchronized void listen(String ip) {
    InetSocketAddress address = new InetSocketAddress(ip, port);
    try {
      if (server == null) {
        server = start(ip);
      } else {
        bindAgain(address);
      }
      listening.add(ip);
    } catch (IOException | RuntimeException e) {
      if (log != null) {
        log.println(
            "ec2-local: cannot listen for SSH on " + ip + ":" + port + ": " + e.getMessage());
      }
      throw new Ec2Error(
          "InsufficientInstanceCapacity",
          "There is not enough capacity to fulfill your request: "
              + "the emulator cannot listen for SSH on "
              + ip
              + ":"
              + port
              + " ("
              + e.getMessage()
              + ").",
          500);
    }
  }

  /**
   * Binds {@code address}, waiting up to a second while it is still in use. The emulator's own
   * process starts never keep a listener it closed alive ({@link Spawns}), but a program that runs
   * the emulator in its own JVM may start processes its own way: such a process holds a copy of an
   * address just unbound (an instance stopped and started again at once) until it runs its program.
   */
  private void bindAgain(InetSocketAddress address) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        server.acceptor().bind(address);
        return;
      } catch (java.net.BindException e) {
        if (attempt >= 50) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Stops listening at {@code ip} and closes its sessions, at once: when this returns, a connection
   * to the address is refused and the address can be bound again (see {@link Spawns}).
   */
  synchronized void unlisten(String ip) {
    drop(ip);
    if (server != null && listening.remove(ip)) {
      IoAcceptor acceptor = server.acceptor();
      Spawns.closing(() -> acceptor.unbind(new InetSocketAddress(ip, port)));
    }
  }

  /** How many SSH sessions have not logged in yet, over all addresses (see {@link Startups}). */
  public int unauthenticated() {
    return startups.unauthenticated();
  }

  /** How many addresses SSH listens at now. */
  public synchronized int listening() {
    return listening.size();
  }

  /** Closes the SSH sessions of an address: its instance stopped, rebooted or went away. */
  public void drop(String ip) {
    Set<ServerSession> open = ip == null ? null : sessions.remove(ip);
    if (open != null) {
      for (ServerSession s : open) {
        s.close(true);
      }
    }
  }

  private Server start(String firstIp) throws IOException {
    Server s = (Server) ServerBuilder.builder().factory(() -> new Server()).build();
    s.setHost(firstIp);
    s.setPort(port);
    s.addSessionListener(startups);
    org.apache.sshd.core.CoreModuleProperties.AUTH_TIMEOUT.set(s, Startups.GRACE);
    s.setKeyPairProvider(
        new KeyPairProvider() {
          @Override
          public Iterable<KeyPair> loadKeys(SessionContext session) {
            Target t = target(session);
            return t == null ? List.of() : List.of(t.instance().hostKey());
          }
        });
    s.setPublickeyAuthenticator((user, key, session) -> authenticate(user, key, session));
    s.setPasswordAuthenticator(null);
    s.setKeyboardInteractiveAuthenticator(null);
    s.setShellFactory(channel -> command(channel, List.of("/bin/sh", "-i")));
    if (sandboxes.enabled()) {
      // scp -t and -f run inside as OpenSSH's own scp does; sftp is OpenSSH's sftp-server inside
      s.setCommandFactory(
          (channel, command) -> command(channel, List.of("/bin/sh", "-c", command)));
      String sftp = sandboxes.sftpServer();
      s.setSubsystemFactories(
          sftp == null ? List.of() : List.of(new InsideSubsystem("sftp", List.of(sftp))));
    } else {
      s.setCommandFactory(
          new ScpCommandFactory.Builder()
              .withDelegate(
                  (channel, command) -> command(channel, List.of("/bin/sh", "-c", command)))
              .build());
      s.setFileSystemFactory(
          new VirtualFileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) throws IOException {
              Target t = loggedIn(session);
              if (t == null) {
                throw new IOException("no instance at this address");
              }
              return home(t.instance());
            }

            @Override
            public java.nio.file.FileSystem createFileSystem(SessionContext session)
                throws IOException {
              return new ConfinedProvider().newFileSystem(getUserHomeDir(session), Map.of());
            }
          });
      s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    }
    s.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            String ip = localIp(session);
            if (ip != null && session instanceof ServerSession ss) {
              sessions.computeIfAbsent(ip, k -> ConcurrentHashMap.newKeySet()).add(ss);
            }
          }

          @Override
          public void sessionClosed(Session session) {
            String ip = localIp(session);
            Set<ServerSession> open = ip == null ? null : sessions.get(ip);
            if (open != null) {
              open.remove(session);
            }
          }
        });
    s.start();
    return s;
  }

  /** A subsystem (sftp) as a program run inside the instance's sandbox. */
  private final class InsideSubsystem implements org.apache.sshd.server.subsystem.SubsystemFactory {
    private final String name;
    private final List<String> argv;

    InsideSubsystem(String name, List<String> argv) {
      this.name = name;
      this.argv = argv;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
      return command(channel, argv);
    }
  }

  /**
   * MINA's rooted file system keeps paths inside the instance's directory by their names only; a
   * symlink made over SSH ({@code ln -s / rootlink}) would still lead scp and sftp outside. This
   * one also resolves the real path (of the nearest part that exists, for a file about to be made)
   * and refuses what leaves the directory.
   */
  static final class ConfinedProvider
      extends org.apache.sshd.common.file.root.RootedFileSystemProvider {
    @Override
    protected Path resolveLocalPath(org.apache.sshd.common.file.root.RootedPath path) {
      Path local = super.resolveLocalPath(path);
      Path root =
          ((org.apache.sshd.common.file.root.RootedFileSystem) path.getFileSystem()).getRoot();
      try {
        Path realRoot = root.toRealPath();
        Path existing = local;
        while (existing != null
            && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
          throw new java.nio.file.InvalidPathException(
              path.toString(), "leads outside the instance's directory (through a symbolic link)");
        }
      } catch (IOException e) {
        throw new java.nio.file.InvalidPathException(
            path.toString(), "cannot be resolved: " + e.getMessage());
      }
      return local;
    }
  }

  private static String localIp(SessionContext session) {
    if (session instanceof Session s
        && s.getIoSession() != null
        && s.getIoSession().getLocalAddress() instanceof InetSocketAddress a) {
      return a.getAddress().getHostAddress();
    }
    return null;
  }

  /**
   * The running instance at the address the session reached, or null; one still booting is waited
   * for (its sandbox, with no lock held), as an SSH client waits for a starting machine.
   */
  Target target(SessionContext session) {
    String ip = localIp(session);
    if (ip == null || world == null) {
      return null;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      String booting = null;
      search:
      for (RegionState state : world.states()) {
        synchronized (state) { // the dispatcher's rule: lock, bring up to now, then read
          world.advance(state, world.now());
          for (InstanceRecord r : state.instances.values()) {
            if (ip.equals(r.publicIp) && r.online()) {
              if (r.state == InstanceState.RUNNING) {
                return new Target(state, r);
              }
              booting = r.id;
              break search;
            }
          }
        }
      }
      if (booting == null || !sandboxes.awaitBoot(booting)) {
        return null;
      }
    }
    return null;
  }

  /**
   * The instance of a logged-in session; sessions of an instance that stops or goes are closed, so
   * what was found at login holds for the session's life.
   */
  private Target loggedIn(SessionContext session) {
    Target t = session instanceof Session s ? s.getAttribute(LOGGED_IN) : null;
    return t != null ? t : target(session);
  }

  private boolean authenticate(String user, PublicKey key, ServerSession session) {
    Target t = target(session);
    if (t == null || t.instance().authorizedKey == null || !user.equals(t.instance().loginUser)) {
      return false;
    }
    try {
      PublicKey allowed =
          PublicKeyEntry.parsePublicKeyEntry(t.instance().authorizedKey)
              .resolvePublicKey(null, Map.of(), null);
      if (!KeyUtils.compareKeys(allowed, key)) {
        return false;
      }
      session.setAttribute(LOGGED_IN, t);
      return true;
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  Path home(InstanceRecord r) throws IOException {
    Path dir = sandboxes.directory(r.id);
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * A channel's command: in the instance's sandbox as the image's user, or, without sandboxes,
   * through this machine's shell in the instance's directory.
   */
  private Command command(ChannelSession channel, List<String> argv) throws IOException {
    Target t = loggedIn(channel.getSession());
    if (t == null) {
      throw new IOException("the instance is not running");
    }
    InstanceRecord r = t.instance();
    if (!sandboxes.enabled()) {
      Path dir = home(r);
      return new ProcessCommand(
          () -> new ProcessBuilder(argv).directory(dir.toFile()),
          fromClient -> {
            Map<String, String> e = environment(r, r.loginUser, dir.toString(), fromClient);
            e.put("PATH", sandboxes.directoryPath(r.id)); // its power commands reach the emulator
            return e;
          });
    }
    Guest g = guest(r);
    return new ProcessCommand(
        () -> sandboxes.session(g, argv),
        fromClient -> environment(r, r.loginUser, g.home(), fromClient));
  }

  private static Guest guest(InstanceRecord r) {
    InstanceTypes.Type type = InstanceTypes.get(r.instanceType);
    return new Guest(
        r.id,
        r.imageId,
        r.privateDns,
        r.privateIp,
        r.loginUser,
        r.authorizedKey,
        type == null ? 1024 : type.memoryMiB(),
        type == null ? 1 : type.vcpus());
  }

  /** What each instance's console output says of where its commands run. */
  String consoleNote() {
    return sandboxes.consoleNote();
  }

  /** The EBS volumes' block devices in the instances. */
  dev.ec2kit.local.internal.sandbox.BlockDevices blockDevices() {
    return sandboxes.blockDevices();
  }

  /** Kills an instance's sandbox (it stopped, rebooted or terminated: {@code discard}). */
  void halt(String instanceId, boolean discard) {
    sandboxes.halt(instanceId, discard);
  }

  /** Boots an instance's sandbox (it launched, started or rebooted), its user data at first. */
  void boot(InstanceRecord r) {
    byte[] data = null;
    if (r.userData != null && !r.userData.isEmpty()) {
      try {
        data = java.util.Base64.getMimeDecoder().decode(r.userData);
      } catch (IllegalArgumentException e) {
        data = r.userData.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    sandboxes.boot(guest(r), data);
  }

  /**
   * CreateImage's part: the instance's disk copied as the new image's layer (where sandboxes are),
   * after what its sandbox is doing; the future ends when it is whole, or with why not.
   */
  java.util.concurrent.CompletableFuture<Void> capture(InstanceRecord r, String imageId) {
    return sandboxes.capture(r.id, r.imageId, imageId);
  }

  /** CopyImage's part: the copy has the source's layers. */
  void copyImage(String sourceImageId, String imageId) {
    try {
      sandboxes.copyImage(sourceImageId, imageId);
    } catch (IOException e) {
      throw new Ec2Error(
          "InternalError",
          "An internal error has occurred: the layers of " + sourceImageId + " were not copied.",
          500);
    }
  }

  /** Where an instance's latest boot is, without waiting. */
  Sandboxes.Phase bootPhase(String instanceId) {
    return sandboxes.phase(instanceId);
  }

  /** Why an instance's latest boot failed, or null. */
  String bootFailure(String instanceId) {
    return sandboxes.bootFailure(instanceId);
  }

  /** Whether its sandboxes are closing (or closed): no instance's end can be asked for then. */
  boolean closing() {
    return sandboxes.closed();
  }

  /** Whether all asked of an instance's sandbox is done (killed, copied, removed). */
  boolean settled(String instanceId) {
    return sandboxes.settled(instanceId);
  }

  /** Whether {@code generation} is the instance's latest boot. */
  boolean currentBoot(String instanceId, long generation) {
    return sandboxes.current(instanceId, generation);
  }

  /** What the instance's latest boot wrote to its console, or null without sandboxes. */
  List<String> console(String instanceId) {
    return sandboxes.console(instanceId);
  }

  /** The login shell's directories, as a fresh login on Amazon Linux or Ubuntu has them. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /**
   * What a command on an instance finds in its environment, made from nothing: a login's own
   * variables, the terminal and language the SSH client sent, and where the instance's metadata (at
   * its own address) and the emulator's endpoint are. Nothing of the emulator's environment.
   */
  Map<String, String> environment(
      InstanceRecord r, String user, String home, Map<String, String> fromClient) {
    Map<String, String> e = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> v : fromClient.entrySet()) {
      if (v.getKey().equals("TERM") || v.getKey().equals("LANG") || v.getKey().startsWith("LC_")) {
        e.put(v.getKey(), v.getValue());
      }
    }
    e.put("PATH", PATH);
    e.put("HOME", home);
    e.put("USER", user);
    e.put("LOGNAME", user);
    e.put("SHELL", "/bin/sh");
    String endpoint = world == null ? null : world.endpoint();
    if (endpoint != null) {
      // As on EC2, credentials and region come from the instance's own metadata service, here at
      // the instance's address; calls go to the emulator, which a real instance need not be told.
      int port = java.net.URI.create(endpoint).getPort();
      if (r.publicIp != null) {
        e.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://" + r.publicIp + ":" + port + "/");
      }
      e.put("AWS_ENDPOINT_URL", endpoint);
    }
    return e;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      IoAcceptor acceptor = server.acceptor();
      // the addresses closed under the lock, then MINA's own ending (its threads) outside it
      Spawns.closing(() -> acceptor.unbind());
      try {
        server.stop(true);
      } catch (IOException e) {
        // closing anyway
      }
      server = null;
    }
    sessions.clear();
    listening.clear();
  }
}
