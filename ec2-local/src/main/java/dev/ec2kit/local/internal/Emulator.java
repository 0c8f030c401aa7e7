package dev.ec2kit.local.internal;

import dev.ec2kit.local.SandboxMode;
import dev.ec2kit.local.internal.sandbox.Sandboxes;
import dev.ec2kit.local.internal.state.StateDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A started emulator's parts, wired: the world, the action table of every area, the HTTP front and
 * its listener (also at instances' addresses, for their metadata), the SSH front and the instances'
 * sandboxes. {@link dev.ec2kit.local.Ec2Local} is its public face.
 */
public final class Emulator implements AutoCloseable {
  /** What an emulator is built with (see {@link dev.ec2kit.local.Ec2Local.Builder}). */
  /**
   * The keys given, or else the public test key alone ({@code accessKey}, secret {@code test}, of
   * {@code account}): anyone may then sign as anyone, so every account's roles trust every account
   * (added to {@code trust}), as moto's do.
   */
  public static Map<String, SignatureVerifier.Key> keysOrTest(
      Map<String, SignatureVerifier.Key> given,
      List<IdentityServices.Trust> trust,
      String accessKey,
      String account) {
    Map<String, SignatureVerifier.Key> keys = new java.util.LinkedHashMap<>(given);
    if (keys.isEmpty()) {
      keys.put(accessKey, new SignatureVerifier.Key("test", account));
      trust.add(IdentityServices.Trust.ANY);
    }
    return keys;
  }

  public record Settings(
      String host,
      int port,
      Map<String, SignatureVerifier.Key> keys,
      List<IdentityServices.Trust> trust,
      List<Tokens.Issuer> issuers,
      Clock clock,
      PrintStream log,
      Timing timing,
      int instanceLimit,
      boolean ssh,
      int sshPort,
      SandboxMode sandbox,
      int maxInstances,
      Faults faults,
      WireServer.Limits limits,
      java.nio.file.Path state) {
    public Settings {
      keys = Map.copyOf(keys);
      trust = List.copyOf(trust);
      issuers = List.copyOf(issuers);
    }
  }

  private final WireServer server;
  private final HttpFront front;
  private final World world;
  private final IdentityServices identityServices;
  private final SshFront ssh;
  private final Sandboxes sandboxes;
  private final StateDirectory kept;

  private Emulator(
      WireServer server,
      HttpFront front,
      World world,
      IdentityServices identityServices,
      SshFront ssh,
      Sandboxes sandboxes,
      StateDirectory kept) {
    this.server = server;
    this.front = front;
    this.world = world;
    this.identityServices = identityServices;
    this.ssh = ssh;
    this.sandboxes = sandboxes;
    this.kept = kept;
  }

  /**
   * Binds the port (and, with SSH, the instances' SSH port) and starts answering, with an empty
   * world or, with a state directory, the world kept there. With SSH, says once on the log whether
   * instances are sandboxes.
   *
   * @throws UncheckedIOException when the port cannot be bound, or the instances' directory made
   * @throws IllegalStateException when sandboxes are required and this machine cannot have them, or
   *     the state directory is in use or of an incompatible version
   */
  public static Emulator start(Settings s) {
    StateDirectory kept = s.state() == null ? null : StateDirectory.open(s.state());
    try {
      return start(s, kept);
    } catch (RuntimeException | Error e) {
      if (kept != null) {
        kept.close();
      }
      throw e;
    }
  }

  private static Emulator start(Settings s, StateDirectory kept) {
    List<RegionState> saved = kept == null ? List.of() : regions(kept);
    Geography geography = new Geography();
    Sandboxes sandboxes = null;
    SshFront ssh = null;
    if (s.ssh()) {
      java.nio.file.Path root;
      try {
        root =
            kept != null
                ? kept.instances()
                : java.nio.file.Files.createTempDirectory("ec2-local-instances-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a directory for instance files", e);
      }
      try {
        sandboxes = Sandboxes.create(s.sandbox(), root, kept != null);
      } catch (RuntimeException e) {
        Sandboxes.create(SandboxMode.OFF, root, kept != null).close(); // removes a temporary one
        throw e;
      }
      String note = sandboxes.startupNote();
      if (s.log() != null && note != null) {
        s.log().println(note);
      }
      ssh = new SshFront(SshFront.choosePort(s.sshPort()), sandboxes, s.log());
    }
    World world = new World(geography, s.clock(), s.timing(), ssh, s.maxInstances());
    if (kept != null) {
      world.keeper(kept::save);
    }
    ActionTable actions = new ActionTable();
    registerAreas(actions, world, s.instanceLimit());
    SignatureVerifier verifier = new SignatureVerifier(s.keys(), s.clock(), geography::isRegion);
    IdentityServices identityServices =
        new IdentityServices(world, verifier, s.trust(), s.issuers());
    HttpFront front =
        new HttpFront(verifier, actions, world, s.faults(), s.log(), identityServices);
    WireServer server;
    try {
      server =
          new WireServer(
              new InetSocketAddress(s.host(), s.port()),
              front,
              (status, code, message) ->
                  HttpFront.error(status, code, message, java.util.UUID.randomUUID().toString()),
              s.limits(),
              s.log());
    } catch (IOException e) {
      if (ssh != null) {
        ssh.close();
        sandboxes.close();
      }
      throw new UncheckedIOException(
          "cannot listen on "
              + s.host()
              + ":"
              + s.port()
              + " ("
              + e.getMessage()
              + "): choose another port with --port, or stop what uses it",
          e);
    }
    String host = s.host().equals("0.0.0.0") ? "127.0.0.1" : s.host();
    world.endpoint("http://" + host + ":" + server.port());
    if (s.ssh()) {
      world.metadata(metadataAt(server));
    }
    Emulator started = new Emulator(server, front, world, identityServices, ssh, sandboxes, kept);
    try {
      world.resume(saved);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The account and region states kept in a state directory. */
  private static List<RegionState> regions(StateDirectory kept) {
    List<RegionState> out = new java.util.ArrayList<>();
    for (Map.Entry<String, Object> part : kept.load().entrySet()) {
      if (!(part.getValue() instanceof RegionState r)) {
        throw new IllegalStateException(
            "the state directory "
                + kept.root()
                + " holds "
                + part.getKey()
                + ", which is not an account's region: it was written by another version");
      }
      out.add(r);
    }
    return out;
  }

  /** Instance metadata at each online instance's address, on the HTTP server's port. */
  private static World.Listener metadataAt(WireServer wire) {
    return new World.Listener() {
      @Override
      public void listen(String ip) {
        try {
          wire.listenAt(ip);
        } catch (IOException e) {
          throw new Ec2Error(
              "InsufficientInstanceCapacity",
              "There is not enough capacity to fulfill your request: the emulator cannot"
                  + " answer instance metadata on "
                  + ip
                  + ":"
                  + wire.port()
                  + " ("
                  + e.getMessage()
                  + ").",
              500);
        }
      }

      @Override
      public void unlisten(String ip) {
        wire.stopListening(ip);
      }

      @Override
      public void drop(String ip) {
        wire.dropConnections(ip);
      }
    };
  }

  /** The EC2 actions the emulator answers, sorted. Nothing needs to be started. */
  public static java.util.SortedSet<String> supportedActions() {
    ActionTable actions = new ActionTable();
    World world =
        new World(
            new Geography(), Clock.systemUTC(), new Timing(Duration.ZERO, Duration.ZERO), null, 1);
    registerAreas(actions, world, 1);
    return actions.names();
  }

  /** Every area's actions, in one table. */
  private static void registerAreas(ActionTable actions, World world, int instanceLimit) {
    new RegionsArea(world.geography()).register(actions);
    new ImagesArea(world).register(actions);
    InstancesArea instances = new InstancesArea(world, instanceLimit);
    instances.register(actions);
    new AddressesArea(world, instances).register(actions);
    new VolumesArea(world, instances).register(actions);
    new VolumeModificationsArea(world).register(actions);
    new KeyPairsArea(world).register(actions);
    new LaunchTemplatesArea(world).register(actions);
    new SecurityGroupsArea(world).register(actions);
    new TagsArea(world).register(actions);
    new VpcsArea(world).register(actions);
    new InstanceTypesArea().register(actions);
    new InstanceDetailsArea(world).register(actions);
  }

  /**
   * Without SSH, 100,000 (about 1 KB of heap each); with it, one listening socket each, so as many
   * as a quarter of the process's descriptor limit allows (at most 10,000).
   */
  public static int defaultMaxInstances(boolean ssh) {
    if (!ssh) {
      return 100_000;
    }
    long fds = 4096;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      fds = unix.getMaxFileDescriptorCount();
    }
    return (int) Math.max(50, Math.min(10_000, fds / 4));
  }

  /** {@code limits} with other request timeouts (see the builder's requestTimeouts). */
  public static WireServer.Limits withTimeouts(
      WireServer.Limits limits, Duration head, Duration body) {
    return new WireServer.Limits(
        limits.maxConnections(),
        head,
        body,
        limits.idleTimeout(),
        limits.maxHeadBytes(),
        limits.maxBodyBytes());
  }

  /** {@code limits} with another connection ceiling (see the builder's maxConnections). */
  public static WireServer.Limits withMaxConnections(WireServer.Limits limits, int value) {
    return new WireServer.Limits(
        value,
        limits.headTimeout(),
        limits.bodyTimeout(),
        limits.idleTimeout(),
        limits.maxHeadBytes(),
        limits.maxBodyBytes());
  }

  /** A port setting, 0 to 65535; IllegalArgumentException naming it otherwise. */
  public static int port(String name, int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(name + " must be 0 to 65535, got " + value);
    }
    return value;
  }

  /** A 12-digit account id; IllegalArgumentException otherwise. */
  public static void requireAccount(String accountId) {
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("accountId must be 12 digits, got '" + accountId + "'");
    }
  }

  /** A trust between accounts (12 digits or {@code *} each); IllegalArgumentException otherwise. */
  public static IdentityServices.Trust trust(String principalAccount, String roleAccount) {
    for (String a : new String[] {principalAccount, roleAccount}) {
      if (a == null || !(a.equals("*") || a.matches("\\d{12}"))) {
        throw new IllegalArgumentException(
            "trust takes 12-digit accounts or \"*\", got '" + a + "'");
      }
    }
    return new IdentityServices.Trust(principalAccount, roleAccount);
  }

  /** A web identity issuer (URL, RSA key, account); IllegalArgumentException naming what is bad. */
  public static Tokens.Issuer issuer(String issuer, java.security.PublicKey key, String accountId) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("webIdentityIssuer needs the issuer URL (iss)");
    }
    if (!(key instanceof java.security.interfaces.RSAPublicKey)) {
      throw new IllegalArgumentException(
          "webIdentityIssuer takes the issuer's RSA public key (tokens signed RS256)");
    }
    requireAccount(accountId);
    return new Tokens.Issuer(issuer, key, accountId);
  }

  /** A duration setting, zero or more; IllegalArgumentException naming it otherwise. */
  public static Duration notNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }

  /** Whether {@code host} is not loopback (a name that does not resolve counts as exposed). */
  public static boolean exposed(String host) {
    try {
      return !java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  /** A count setting, at least 1; IllegalArgumentException naming it otherwise. */
  public static int atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }

  public int port() {
    return server.port();
  }

  /** The instances' SSH port; 0 without SSH. */
  public int sshPort() {
    return ssh == null ? 0 : ssh.port();
  }

  /** SSH sessions not logged in yet (0 without SSH). */
  public int sshUnauthenticated() {
    return ssh == null ? 0 : ssh.unauthenticated();
  }

  /** Whether instances are sandboxes (false without SSH: nothing runs in them). */
  public boolean sandboxed() {
    return sandboxes != null && sandboxes.enabled();
  }

  public IdentityServices identityServices() {
    return identityServices;
  }

  public long internalErrors() {
    return front.internalErrors();
  }

  public int liveInstances() {
    return world.liveInstances();
  }

  /**
   * Closes SSH (killing every sandbox, removing the instances' files unless they are kept in a
   * state directory), then HTTP, then lets the state directory go.
   */
  @Override
  public void close() {
    if (ssh != null) {
      ssh.close();
      sandboxes.close();
    }
    server.close();
    if (kept != null) {
      kept.close();
    }
  }
}
