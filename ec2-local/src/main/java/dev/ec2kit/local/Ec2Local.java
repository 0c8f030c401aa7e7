package dev.ec2kit.local;

import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import dev.ec2kit.local.internal.Emulator;
import dev.ec2kit.local.internal.Faults;
import dev.ec2kit.local.internal.IdentityServices;
import dev.ec2kit.local.internal.SignatureVerifier;
import dev.ec2kit.local.internal.Timing;
import dev.ec2kit.local.internal.Tokens;
import dev.ec2kit.local.internal.WireServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 *   ec2.regions().describe();
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
  private final Map<String, SignatureVerifier.Key> keys;
  private final int maxInstances;
  private final Emulator.Settings settings;
  private Emulator running;

  private Ec2Local(Builder b) {
    this.host = b.host;
    List<IdentityServices.Trust> trust = new ArrayList<>(b.trust);
    this.keys = Emulator.keysOrTest(b.keys, trust, DEFAULT_ACCESS_KEY, DEFAULT_ACCOUNT);
    this.maxInstances = b.maxInstances > 0 ? b.maxInstances : Emulator.defaultMaxInstances(b.ssh);
    this.settings =
        new Emulator.Settings(
            b.host,
            b.port,
            keys,
            trust,
            b.issuers,
            b.clock,
            b.log,
            new Timing(b.transition, b.terminatedRetention),
            b.instanceLimit,
            b.ssh,
            b.sshPort,
            b.sandbox,
            maxInstances,
            b.faults,
            b.limits,
            b.state);
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
   * world, or the one {@link Builder#state} kept (its pending and running instances boot again).
   *
   * @return this emulator, started
   * @throws UncheckedIOException when a port is bound, or a directory cannot be made
   * @throws IllegalStateException when it is already started, sandboxes were asked for ({@link
   *     SandboxMode#ON}) and this machine cannot have them, or the state directory is in use or of
   *     another version (the message says why)
   */
  public synchronized Ec2Local start() {
    if (running != null) {
      throw new IllegalStateException("already started at " + endpoint());
    }
    running = Emulator.start(settings);
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
    Emulator.requireAccount(accountId);
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
      Emulator.requireAccount(a);
    }
    return started().ssoLogin(java.util.Set.of(accountIds), Duration.ofHours(1));
  }

  private synchronized IdentityServices started() {
    if (running == null) {
      throw new IllegalStateException("start the emulator first");
    }
    return running.identityServices();
  }

  /**
   * The EC2 actions the emulator answers, sorted (what its action table holds; the README's list is
   * made from this). Nothing needs to be started.
   *
   * @return the action names, such as {@code DescribeInstances}, in alphabetical order
   */
  public static java.util.SortedSet<String> supportedActions() {
    return Emulator.supportedActions();
  }

  /**
   * The port it listens on (the one chosen by the system when built with port 0).
   *
   * @return the port
   * @throws IllegalStateException when it is not started
   */
  public int port() {
    requireStarted();
    return running.port();
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
    if (running.sshPort() > 0) {
      b.sshPort(
          running.sshPort()); // instances launched with it answer SSH where the emulator listens
    }
    return b.build();
  }

  private void requireStarted() {
    if (running == null) {
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
    Emulator e = running;
    return e == null ? 0 : e.internalErrors();
  }

  /**
   * Instances alive now (not shutting down or terminated), over all accounts and regions.
   *
   * @return the count
   * @throws IllegalStateException when it is not started
   */
  public int liveInstances() {
    requireStarted();
    return running.liveInstances();
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
    return Emulator.exposed(host);
  }

  /**
   * The port emulated instances answer SSH on (at their own addresses).
   *
   * @return the port; 0 without SSH
   * @throws IllegalStateException when it is not started
   */
  public int sshPort() {
    requireStarted();
    return running.sshPort();
  }

  /** SSH sessions that have not logged in yet, over all instances (for tests; 0 when stopped). */
  int sshUnauthenticated() {
    Emulator e = running;
    return e == null ? 0 : e.sshUnauthenticated();
  }

  /**
   * Whether its instances are sandboxes (see {@link SandboxMode}): decided at start, from the mode
   * asked for and what this machine allows; said on the log and in each instance's console output.
   *
   * @return {@code true} when commands over SSH run in sandboxes; {@code false} when they run in a
   *     directory of this machine, or without SSH
   * @throws IllegalStateException when it is not started
   */
  public boolean sandboxed() {
    requireStarted();
    return running.sandboxed();
  }

  /**
   * Stops answering: closes the HTTP and SSH listeners, kills the instances' sandboxes and deletes
   * the instances' files (unless {@link Builder#state kept}). Nothing happens when not started.
   */
  @Override
  public synchronized void close() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  @Override
  public String toString() {
    return running == null ? "Ec2Local[stopped]" : "Ec2Local[" + endpoint() + "]";
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
    private SandboxMode sandbox = SandboxMode.AUTO;
    private Faults faults = Faults.NONE;
    private WireServer.Limits limits = WireServer.Limits.DEFAULT;
    private final List<IdentityServices.Trust> trust = new ArrayList<>();
    private final List<Tokens.Issuer> issuers = new ArrayList<>();
    private java.nio.file.Path state;

    private Builder() {}

    /**
     * Keeps the whole world in {@code dir} across restarts and crashes: every account and region's
     * records, instances' disks, volumes' data and instances' host keys; each change is on disk
     * before it is answered. Without it (the default), everything is gone at close.
     *
     * @param dir a directory, made (0700) where missing; one emulator at a time, refused (at start)
     *     when another holds it or another version of the emulator wrote it
     * @return this builder
     */
    public Builder state(java.nio.file.Path dir) {
      this.state = dir;
      return this;
    }

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
      trust.add(Emulator.trust(principalAccount, roleAccount));
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
      issuers.add(Emulator.issuer(issuer, key, accountId));
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
     * Whether instances are sandboxes ({@link SandboxMode#AUTO} by default: where this machine
     * allows them).
     *
     * @param value the mode
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder sandbox(SandboxMode value) {
      this.sandbox = Objects.requireNonNull(value, "sandbox");
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
      this.sshPort = Emulator.port("sshPort", value);
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
      this.transition = Emulator.notNegative("transition", value);
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
      this.terminatedRetention = Emulator.notNegative("terminatedRetention", value);
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
      this.instanceLimit = Emulator.atLeastOne("instanceLimit", value);
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
      this.maxInstances = Emulator.atLeastOne("maxInstances", value);
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
      this.limits = Emulator.withTimeouts(limits, head, body);
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
      this.limits = Emulator.withMaxConnections(limits, value);
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
      this.port = Emulator.port("port", value);
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
      Emulator.requireAccount(accountId);
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
