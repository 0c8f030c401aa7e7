package dev.ec2kit.local;

import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import dev.ec2kit.local.internal.ActionTable;
import dev.ec2kit.local.internal.AddressesArea;
import dev.ec2kit.local.internal.Ec2Error;
import dev.ec2kit.local.internal.Faults;
import dev.ec2kit.local.internal.Geography;
import dev.ec2kit.local.internal.HttpFront;
import dev.ec2kit.local.internal.IdentityServices;
import dev.ec2kit.local.internal.ImagesArea;
import dev.ec2kit.local.internal.InstanceDetailsArea;
import dev.ec2kit.local.internal.InstanceTypesArea;
import dev.ec2kit.local.internal.InstancesArea;
import dev.ec2kit.local.internal.KeyPairsArea;
import dev.ec2kit.local.internal.LaunchTemplatesArea;
import dev.ec2kit.local.internal.RegionsArea;
import dev.ec2kit.local.internal.SecurityGroupsArea;
import dev.ec2kit.local.internal.SignatureVerifier;
import dev.ec2kit.local.internal.SshFront;
import dev.ec2kit.local.internal.TagsArea;
import dev.ec2kit.local.internal.Timing;
import dev.ec2kit.local.internal.Tokens;
import dev.ec2kit.local.internal.VolumeModificationsArea;
import dev.ec2kit.local.internal.VolumesArea;
import dev.ec2kit.local.internal.VpcsArea;
import dev.ec2kit.local.internal.WireServer;
import dev.ec2kit.local.internal.World;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local EC2-compatible endpoint: the EC2 Query API (2016-11-15) over HTTP, every request's
 * Signature V4 checked against the configured secret, errors in EC2's format. The AWS CLI, the AWS
 * SDKs and {@link dev.ec2kit.Ec2} all work against it.
 *
 * <pre>{@code
 * try (Ec2Local local = Ec2Local.builder().port(0).build().start()) {
 *   Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
 *   ec2.describeRegions();
 * }
 * }</pre>
 *
 * <p>By default it listens on 127.0.0.1:{@value #DEFAULT_PORT} and knows access key {@code test}
 * with secret {@code test}, in account {@value #DEFAULT_ACCOUNT}.
 */
public final class Ec2Local implements AutoCloseable {
  /** The port it listens on unless told otherwise. */
  public static final int DEFAULT_PORT = 4599;

  /** The address it listens on unless told otherwise: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /**
   * The access key it accepts (with the secret {@code test}) when no credentials are configured.
   */
  public static final String DEFAULT_ACCESS_KEY = "test";

  /** The account of the default access key. */
  public static final String DEFAULT_ACCOUNT = "123456789012";

  /** {@link #DEFAULT_TRANSITION} in seconds. */
  public static final int DEFAULT_TRANSITION_SECONDS = 3;

  /**
   * How long instances stay pending (and stopping, shutting-down) and images pending unless told
   * otherwise.
   */
  public static final Duration DEFAULT_TRANSITION = Duration.ofSeconds(DEFAULT_TRANSITION_SECONDS);

  private final String host;
  private final int requestedPort;
  private final Map<String, SignatureVerifier.Key> keys;
  private final Clock clock;
  private final PrintStream log;
  private final Timing timing;
  private final int instanceLimit;
  private final boolean sshEnabled;
  private final int requestedSshPort;
  private final int maxInstances;
  private final Faults faults;
  private final WireServer.Limits limits;
  private final List<IdentityServices.Trust> trust;
  private final List<Tokens.Issuer> issuers;
  private IdentityServices identityServices;
  private SshFront ssh;
  private java.nio.file.Path sshRoot;
  private WireServer server;
  private HttpFront front;
  private World world;

  private Ec2Local(Builder b) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.keys = new LinkedHashMap<>(b.keys);
    List<IdentityServices.Trust> t = new ArrayList<>(b.trust);
    if (keys.isEmpty()) {
      keys.put(DEFAULT_ACCESS_KEY, new SignatureVerifier.Key("test", DEFAULT_ACCOUNT));
      // its only key is public: anyone may sign as anyone, so roles trust every account, as moto's
      t.add(IdentityServices.Trust.ANY);
    }
    this.trust = List.copyOf(t);
    this.issuers = List.copyOf(b.issuers);
    this.clock = b.clock;
    this.log = b.log;
    this.timing = new Timing(b.transition, b.terminatedRetention);
    this.instanceLimit = b.instanceLimit;
    this.sshEnabled = b.ssh;
    this.requestedSshPort = b.sshPort;
    this.maxInstances = b.maxInstances > 0 ? b.maxInstances : defaultMaxInstances(b.ssh);
    this.faults = b.faults;
    this.limits = b.limits;
  }

  /**
   * Without SSH, 100,000 (about 1 KB of heap each); with it, one listening socket each, so as many
   * as a quarter of the process's descriptor limit allows (at most 10,000).
   */
  static int defaultMaxInstances(boolean ssh) {
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

  /**
   * Starts configuring an emulator: {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}, the {@code test}
   * key, {@value #DEFAULT_TRANSITION_SECONDS} s transitions, SSH on.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port (and, with SSH, the instances' SSH port) and starts answering, with an empty
   * world: no instances, volumes or addresses yet.
   *
   * @return this emulator, started
   * @throws IllegalStateException when it is already started
   * @throws UncheckedIOException when the port cannot be bound (the message names it and what to
   *     do), or, with SSH, the instances' directory cannot be made
   */
  public synchronized Ec2Local start() {
    if (server != null) {
      throw new IllegalStateException("already started at " + endpoint());
    }
    Geography geography = new Geography();
    if (sshEnabled) {
      try {
        sshRoot = java.nio.file.Files.createTempDirectory("ec2-local-instances-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a directory for instance files", e);
      }
      ssh = new SshFront(SshFront.choosePort(requestedSshPort), sshRoot, log);
    }
    world = new World(geography, clock, timing, ssh, maxInstances);
    ActionTable actions = new ActionTable();
    registerAreas(actions, world, instanceLimit);
    SignatureVerifier verifier = new SignatureVerifier(keys, clock, geography::isRegion);
    identityServices = new IdentityServices(world, verifier, trust, issuers);
    front = new HttpFront(verifier, actions, world, faults, log, identityServices);
    try {
      server =
          new WireServer(
              new InetSocketAddress(host, requestedPort),
              front,
              (status, code, message) ->
                  HttpFront.error(status, code, message, java.util.UUID.randomUUID().toString()),
              limits,
              log);
    } catch (IOException e) {
      if (ssh != null) {
        ssh.close();
      }
      throw new UncheckedIOException(
          "cannot listen on "
              + host
              + ":"
              + requestedPort
              + " ("
              + e.getMessage()
              + "): choose another port with --port, or stop what uses it",
          e);
    }
    world.endpoint("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + server.port());
    if (sshEnabled) {
      WireServer wire = server;
      world.metadata(
          new World.Listener() {
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
          });
    }
    return this;
  }

  /**
   * A web identity token (a JWT) that this emulator's STS accepts in AssumeRoleWithWebIdentity for
   * roles of {@code accountId}, as a Kubernetes service account's projected token is accepted for
   * roles that trust its cluster's issuer. Write it to the file {@code AWS_WEB_IDENTITY_TOKEN_FILE}
   * names. The emulator must be started.
   *
   * <pre>{@code
   * Files.writeString(tokenFile, local.webIdentityToken("123456789012", "system:serviceaccount:app:web"));
   * }</pre>
   *
   * @param accountId the 12-digit account whose roles accept it
   * @param subject the token's {@code sub}, such as a service account's name
   * @return the token, valid for an hour
   * @throws IllegalArgumentException when {@code accountId} is not 12 digits
   * @throws IllegalStateException when the emulator is not started
   */
  public String webIdentityToken(String accountId, String subject) {
    requireAccount(accountId);
    return started().webIdentityToken(accountId, subject, Duration.ofHours(1));
  }

  /**
   * A sign-in to IAM Identity Center, as {@code aws sso login} caches it, whose access token this
   * emulator's portal accepts for roles of {@code accountIds} (an hour) and whose refresh token
   * renews it (90 days). {@link SsoLogin#cacheJson} is the cache file's content.
   *
   * @param accountIds the 12-digit accounts whose roles the sign-in may use
   * @return the sign-in, with its tokens and client registration
   * @throws IllegalArgumentException when an account is not 12 digits
   * @throws IllegalStateException when the emulator is not started
   */
  public SsoLogin ssoLogin(String... accountIds) {
    for (String a : accountIds) {
      requireAccount(a);
    }
    return started().ssoLogin(java.util.Set.of(accountIds), Duration.ofHours(1));
  }

  private synchronized IdentityServices started() {
    if (identityServices == null) {
      throw new IllegalStateException("start the emulator first");
    }
    return identityServices;
  }

  private static void requireAccount(String accountId) {
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("accountId must be 12 digits, got '" + accountId + "'");
    }
  }

  /**
   * The EC2 actions the emulator answers, sorted (what its action table holds; the README's list is
   * made from this). Nothing needs to be started.
   *
   * @return the action names, such as {@code DescribeInstances}, in alphabetical order
   */
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
   * The port it listens on (the one chosen by the system when built with port 0).
   *
   * @return the port
   * @throws IllegalStateException when it is not started
   */
  public int port() {
    requireStarted();
    return server.port();
  }

  /**
   * The endpoint to give clients.
   *
   * @return {@code http://HOST:PORT/}, with the host it was built with
   * @throws IllegalStateException when it is not started
   */
  public URI endpoint() {
    requireStarted();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /**
   * An identity for the first configured access key, in {@code region}, at this endpoint: what a
   * client needs to call the emulator.
   *
   * @param region the region's name, such as {@code us-east-1}
   * @return the identity, with the key, its secret and its account
   * @throws IllegalStateException when it is not started
   * @throws IllegalArgumentException when {@code region} is not a region name
   */
  public Identity identity(String region) {
    Map.Entry<String, SignatureVerifier.Key> first = keys.entrySet().iterator().next();
    Identity.Builder b =
        Identity.builder()
            .accessKey(first.getKey())
            .secretAccessKey(first.getValue().secret())
            .accountId(first.getValue().accountId())
            .region(Region.of(region).withUri(endpoint()));
    if (ssh != null) {
      b.sshPort(ssh.port()); // instances launched with it answer SSH where the emulator listens
    }
    return b.build();
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("not started: call start() first");
    }
  }

  /**
   * How many requests so far ended in an unexpected exception (a 500 InternalError that no fault
   * injection asked for): a bug in the emulator, which tests check stays zero.
   *
   * @return the count since it was started; 0 before
   */
  public long internalErrors() {
    return front == null ? 0 : front.internalErrors();
  }

  /**
   * Instances alive now (not shutting down or terminated), over all accounts and regions.
   *
   * @return the count
   * @throws IllegalStateException when it is not started
   */
  public int liveInstances() {
    requireStarted();
    return world.liveInstances();
  }

  /**
   * The emulator-wide ceiling on live instances (see {@link Builder#maxInstances}).
   *
   * @return the ceiling
   */
  public int maxInstances() {
    return maxInstances;
  }

  /**
   * Whether the address it listens on can be reached from other machines (not loopback).
   *
   * @return {@code true} unless the host is a loopback address (a host name that does not resolve
   *     counts as exposed)
   */
  public boolean exposed() {
    try {
      return !java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  /**
   * The port emulated instances answer SSH on (at their own addresses).
   *
   * @return the port; 0 without SSH
   * @throws IllegalStateException when it is not started
   */
  public int sshPort() {
    requireStarted();
    return ssh == null ? 0 : ssh.port();
  }

  /**
   * Stops answering: closes the HTTP and SSH listeners and deletes the instances' files. Nothing
   * happens when it is not started.
   */
  @Override
  public synchronized void close() {
    if (ssh != null) {
      ssh.close();
      ssh = null;
      deleteTree(sshRoot);
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static void deleteTree(java.nio.file.Path root) {
    if (root == null) {
      return;
    }
    try (var walk = java.nio.file.Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: what is left, the system cleans
    }
  }

  @Override
  public String toString() {
    return server == null ? "Ec2Local[stopped]" : "Ec2Local[" + endpoint() + "]";
  }

  /** Configures an {@link Ec2Local}. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private final Map<String, SignatureVerifier.Key> keys = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private PrintStream log = System.err;
    private Duration transition = DEFAULT_TRANSITION;
    private Duration terminatedRetention = Duration.ofHours(1);
    private int instanceLimit = 1000;
    private int maxInstances;
    private boolean ssh = true;
    private int sshPort;
    private Faults faults = Faults.NONE;
    private WireServer.Limits limits = WireServer.Limits.DEFAULT;
    private final List<IdentityServices.Trust> trust = new ArrayList<>();
    private final List<Tokens.Issuer> issuers = new ArrayList<>();

    private Builder() {}

    /**
     * Lets principals of {@code principalAccount} assume roles of {@code roleAccount} (STS
     * AssumeRole); a role always trusts its own account. {@code "*"} stands for any account. With
     * no {@link #credentials} configured (the public {@code test} key), every account trusts every
     * other, as moto's STS does.
     *
     * @param principalAccount the 12-digit account whose principals may assume, or {@code "*"}
     * @param roleAccount the 12-digit account whose roles they may assume, or {@code "*"}
     * @return this builder
     * @throws IllegalArgumentException when an account is neither 12 digits nor {@code "*"}
     */
    public Builder trust(String principalAccount, String roleAccount) {
      for (String a : new String[] {principalAccount, roleAccount}) {
        if (a == null || !(a.equals("*") || a.matches("\\d{12}"))) {
          throw new IllegalArgumentException(
              "trust takes 12-digit accounts or \"*\", got '" + a + "'");
        }
      }
      trust.add(new IdentityServices.Trust(principalAccount, roleAccount));
      return this;
    }

    /**
     * Accepts web identity tokens of this OpenID Connect issuer (its {@code iss}), signed RS256
     * with {@code key}, for roles of {@code accountId} (as an IAM OIDC provider registered in that
     * account). Tokens the emulator makes itself ({@link Ec2Local#webIdentityToken}) are always
     * accepted for their account.
     *
     * @param issuer the issuer URL, as the tokens' {@code iss}
     * @param key the issuer's RSA public key
     * @param accountId the 12-digit account whose roles accept the tokens
     * @return this builder
     * @throws IllegalArgumentException when the issuer is blank, the key is not an RSA public key,
     *     or the account is not 12 digits
     */
    public Builder webIdentityIssuer(String issuer, java.security.PublicKey key, String accountId) {
      if (issuer == null || issuer.isBlank()) {
        throw new IllegalArgumentException("webIdentityIssuer needs the issuer URL (iss)");
      }
      if (!(key instanceof java.security.interfaces.RSAPublicKey)) {
        throw new IllegalArgumentException(
            "webIdentityIssuer takes the issuer's RSA public key (tokens signed RS256)");
      }
      requireAccount(accountId);
      issuers.add(new Tokens.Issuer(issuer, key, accountId));
      return this;
    }

    /**
     * Whether running instances answer SSH at their addresses (on by default). Each instance
     * listens on its own loopback address, so a fleet of thousands wants it off.
     *
     * @param value whether instances answer SSH
     * @return this builder
     */
    public Builder ssh(boolean value) {
      this.ssh = value;
      return this;
    }

    /**
     * The SSH port of the instances; 0 (default): 22 where it may be bound, else a free one.
     *
     * @param value the port, 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException when it is out of range
     */
    public Builder sshPort(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("sshPort must be 0 to 65535, got " + value);
      }
      this.sshPort = value;
      return this;
    }

    /**
     * How long instances stay pending (and stopping, shutting-down) and images pending; {@value
     * #DEFAULT_TRANSITION_SECONDS} s by default, zero for tests that want running at once.
     *
     * @param value the time in each passing state; zero or more
     * @return this builder
     * @throws IllegalArgumentException when it is negative
     * @throws NullPointerException when {@code value} is null
     */
    public Builder transition(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("transition must not be negative, got " + value);
      }
      this.transition = value;
      return this;
    }

    /**
     * How long terminated instances stay visible (an hour, as on EC2); after it, their ids are
     * answered with {@code InvalidInstanceID.NotFound}.
     *
     * @param value the time; zero or more
     * @return this builder
     * @throws IllegalArgumentException when it is negative
     * @throws NullPointerException when {@code value} is null
     */
    public Builder terminatedRetention(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(
            "terminatedRetention must not be negative, got " + value);
      }
      this.terminatedRetention = value;
      return this;
    }

    /**
     * How many instances an account may have in a region that are not terminated (1000); past it,
     * RunInstances answers InstanceLimitExceeded.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is below 1
     */
    public Builder instanceLimit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("instanceLimit must be at least 1, got " + value);
      }
      this.instanceLimit = value;
      return this;
    }

    /**
     * The ceiling on live instances over the whole emulator, all accounts and regions: past it,
     * RunInstances answers InstanceLimitExceeded before making anything. By default 100,000 without
     * SSH, and with SSH a quarter of the process's file descriptor limit (at most 10,000), since
     * each running instance listens on its own address.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is below 1
     */
    public Builder maxInstances(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxInstances must be at least 1, got " + value);
      }
      this.maxInstances = value;
      return this;
    }

    /**
     * Faults to inject, so a client's retry logic can be tested: a spec such as {@code
     * seed=7,throttle=0.05,error=0.05,drop=0.1,latency=0-20,actions=RunInstances+CreateVolume}
     * (throttle: RequestLimitExceeded; bucket=SIZE/RATE: a token bucket per account and action;
     * error: 500 InternalError; drop: the request is done and the answer lost; latency in ms).
     *
     * @param spec the faults, or {@code null}, blank or {@code none} for none
     * @return this builder
     * @throws IllegalArgumentException when a part of the spec is not understood, naming it
     */
    public Builder faults(String spec) {
      this.faults = Faults.parse(spec);
      return this;
    }

    /**
     * How long a client may take to send a request head and body (10 s and 20 s) before it is
     * answered 400 RequestTimeout and cut off.
     *
     * @param head the time for the request line and headers; positive
     * @param body the time for the body; positive
     * @return this builder
     * @throws IllegalArgumentException when either is zero or negative
     * @throws NullPointerException when either is null
     */
    public Builder requestTimeouts(Duration head, Duration body) {
      this.limits =
          new WireServer.Limits(
              limits.maxConnections(),
              head,
              body,
              limits.idleTimeout(),
              limits.maxHeadBytes(),
              limits.maxBodyBytes());
      return this;
    }

    /**
     * How many HTTP connections may be open at once (256); more are answered 503 Unavailable.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is below 1
     */
    public Builder maxConnections(int value) {
      this.limits =
          new WireServer.Limits(
              value,
              limits.headTimeout(),
              limits.bodyTimeout(),
              limits.idleTimeout(),
              limits.maxHeadBytes(),
              limits.maxBodyBytes());
      return this;
    }

    /**
     * The address to listen on; 127.0.0.1 by default. Another address lets other machines call it
     * with the key it accepts (see {@link Ec2Local#exposed()}).
     *
     * @param value an IP address or host name, such as {@code 0.0.0.0} for every interface
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /**
     * The port ({@value Ec2Local#DEFAULT_PORT} by default); 0 lets the system choose a free one,
     * which {@link Ec2Local#port()} tells once started.
     *
     * @param value the port, 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException when it is out of range
     */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Accepts this access key with this secret, for the given account. The first key added replaces
     * the default {@code test}/{@code test}; the same key given again takes the new secret.
     *
     * @param accessKey the access key id
     * @param secret its secret
     * @param accountId the 12-digit account it belongs to
     * @return this builder
     * @throws IllegalArgumentException when the key or secret is empty, or the account is not 12
     *     digits
     */
    public Builder credentials(String accessKey, String secret, String accountId) {
      if (accessKey == null || accessKey.isBlank() || secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("credentials need a non-empty access key and secret");
      }
      if (accountId == null || !accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException("accountId must be 12 digits, got '" + accountId + "'");
      }
      keys.put(accessKey, new SignatureVerifier.Key(secret, accountId));
      return this;
    }

    /**
     * The emulator's time: the clock that request timestamps are checked against, and that moves
     * instances, volumes and snapshots through their states (the system's UTC clock by default).
     *
     * @param value the clock
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Where internal errors are reported (never to clients); standard error by default.
     *
     * @param value the stream, or {@code null} for nowhere
     * @return this builder
     */
    public Builder log(PrintStream value) {
      this.log = value;
      return this;
    }

    /**
     * Builds the emulator, not yet listening: {@link Ec2Local#start()} it.
     *
     * @return a new emulator
     */
    public Ec2Local build() {
      return new Ec2Local(this);
    }
  }
}
