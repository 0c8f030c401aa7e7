package dev.ec2kit;

import dev.ec2kit.internal.areas.AddressCalls;
import dev.ec2kit.internal.areas.GatewayCalls;
import dev.ec2kit.internal.areas.ImageCalls;
import dev.ec2kit.internal.areas.InstanceCalls;
import dev.ec2kit.internal.areas.InterfaceCalls;
import dev.ec2kit.internal.areas.KeyPairCalls;
import dev.ec2kit.internal.areas.LaunchTemplateCalls;
import dev.ec2kit.internal.areas.NetworkCalls;
import dev.ec2kit.internal.areas.RegionCalls;
import dev.ec2kit.internal.areas.RouteTableCalls;
import dev.ec2kit.internal.areas.SecurityGroupCalls;
import dev.ec2kit.internal.areas.TagCalls;
import dev.ec2kit.internal.areas.VolumeCalls;
import dev.ec2kit.internal.areas.VpcCalls;
import dev.ec2kit.internal.areas.Waiter;
import dev.ec2kit.internal.config.SettingsResolver;
import dev.ec2kit.internal.http.ClosingTransport;
import dev.ec2kit.internal.query.QueryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The EC2 client: one object per identity, thread-safe, sharing one HTTP connection pool.
 *
 * <pre>{@code
 * Ec2 ec2 = Ec2.create();                        // settings from AWS_* variables and ~/.aws
 * for (RegionInfo r : ec2.regions().describe()) {
 *   System.out.println(r);                       // eu-west-1 ec2.eu-west-1.amazonaws.com (opt-in-not-required)
 * }
 * Ec2 local = Ec2.builder()
 *     .identity(Identity.builder().accessKey("test").secretAccessKey("test")
 *         .region(Region.of("us-east-1").withUri(URI.create("http://127.0.0.1:4599/"))).build())
 *     .build();
 * List<Instance> web = ec2.instances().run("ami-0123456789abcdef0", 2, 2, RunOptions.defaults());
 * ec2.instances().terminate(web);
 * }</pre>
 *
 * <p>The calls live in areas reached by name, one per part of EC2: {@link #regions()}, {@link
 * #images()}, {@link #instances()}, {@link #keyPairs()}, {@link #securityGroups()}, {@link
 * #addresses()}, {@link #volumes()}, {@link #snapshots()}, {@link #tags()}, {@link
 * #launchTemplates()}, {@link #vpcs()}, {@link #subnets()}, {@link #networkInterfaces()}. Each area
 * calls as this client's identity and shares its connections; this class only makes, configures and
 * closes clients.
 *
 * <p>Service errors are {@link Ec2Exception}s; failures to reach the endpoint are {@link
 * java.io.UncheckedIOException}s naming it; bad arguments are {@link IllegalArgumentException}s
 * thrown before anything is sent.
 */
public final class Ec2 implements AutoCloseable {
  private final Identity identity;

  /** What this client closes: null for a client made from another, which shares its transport. */
  private final ClosingTransport closes;

  private final QueryClient query;
  private final Clock clock;
  private final Sleeper sleeper;
  // The areas, each made on first use: a command uses one or two of them, and making all of them
  // was a measurable part of a short command's start-up. Areas hold only final fields, so two
  // threads that race here make equal areas and either may be kept (the racy single-check idiom).
  private Waiter waiter;
  private Regions regions;
  private Images images;
  private Instances instances;
  private KeyPairs keyPairs;
  private SecurityGroups securityGroups;
  private Addresses addresses;
  private Volumes volumes;
  private Snapshots snapshots;
  private Tags tags;
  private LaunchTemplates launchTemplates;
  private Vpcs vpcs;
  private Subnets subnets;
  private NetworkInterfaces networkInterfaces;
  private InternetGateways internetGateways;
  private RouteTables routeTables;
  private NatGateways natGateways;

  private Ec2(
      Identity identity, QueryClient query, Clock clock, Sleeper sleeper, ClosingTransport closes) {
    this.identity = identity;
    this.closes = closes;
    this.query = query;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A client for the identity the standard AWS settings describe ({@link
   * Identity#fromEnvironment}), the same as {@code Ec2.builder().build()}.
   *
   * @return a new client
   * @throws IllegalStateException when the settings lack credentials or a region, or a setting is
   *     malformed; the message names where they were looked for
   * @throws IllegalArgumentException when the region or endpoint set is not a region name or an
   *     http(s) URL
   */
  public static Ec2 create() {
    return builder().build();
  }

  /**
   * Starts configuring a client; every part has a default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The identity every call of this client uses (its region says where calls go).
   *
   * @return the identity
   */
  public Identity identity() {
    return identity;
  }

  /**
   * A client for another identity (another region, other keys), sharing this one's connections,
   * retry policy and call timeout: closing it does nothing, and it stops working when this one is
   * closed.
   *
   * @param other the identity to call as
   * @return a new client; this one is unchanged
   * @throws NullPointerException when {@code other} is null
   */
  public Ec2 withIdentity(Identity other) {
    return new Ec2(Objects.requireNonNull(other, "identity"), query, clock, sleeper, null);
  }

  /**
   * Releases the connections and threads of the transport this client made (one given to {@link
   * Builder#transport} stays open: it is the caller's), after which every call of this client and
   * of those made from it with {@link #withIdentity}/{@link #withRegion} fails with an
   * IllegalStateException. On clients made from another, does nothing. Closing twice is harmless.
   *
   * <pre>{@code
   * try (Ec2 ec2 = Ec2.create()) {
   *   ec2.regions().describe();
   * }
   * }</pre>
   */
  @Override
  public void close() {
    if (closes != null) {
      closes.close();
    }
  }

  /**
   * A client for another region, same credentials, sharing this one's connections.
   *
   * @param region the region (and endpoint) to call, such as a {@link RegionInfo#region()}
   * @return a new client; this one is unchanged
   * @throws IllegalArgumentException when {@code region} is null
   */
  public Ec2 withRegion(Region region) {
    return withIdentity(identity.withRegion(region));
  }

  // ---- the areas, one accessor each: each calls as this client's identity (or an instance's) ----

  /** {@return the regions and availability zones: describe, describeZones} */
  public Regions regions() {
    Regions a = regions;
    return a != null ? a : (regions = new Regions(identity, new RegionCalls(query)));
  }

  /** {@return the machine images: describe, find, register, deregister, copy} */
  public Images images() {
    Images a = images;
    return a != null ? a : (images = new Images(identity, new ImageCalls(query)));
  }

  /** {@return the instances: run, describe, terminate, stop, start, waitFor, status} */
  public Instances instances() {
    Instances a = instances;
    return a != null
        ? a
        : (instances = new Instances(identity, new InstanceCalls(query), waiter()));
  }

  /** {@return the key pairs: create, importKey, describe, delete} */
  public KeyPairs keyPairs() {
    KeyPairs a = keyPairs;
    return a != null ? a : (keyPairs = new KeyPairs(identity, new KeyPairCalls(query)));
  }

  /** {@return the security groups: create, describe, delete, rules in and out} */
  public SecurityGroups securityGroups() {
    SecurityGroups a = securityGroups;
    return a != null
        ? a
        : (securityGroups = new SecurityGroups(identity, new SecurityGroupCalls(query)));
  }

  /** {@return the Elastic IPs: allocate, describe, release, associate, disassociate} */
  public Addresses addresses() {
    Addresses a = addresses;
    return a != null ? a : (addresses = new Addresses(identity, new AddressCalls(query)));
  }

  /** {@return the EBS volumes: create, describe, delete, attach, detach, modify} */
  public Volumes volumes() {
    Volumes a = volumes;
    return a != null ? a : (volumes = new Volumes(identity, new VolumeCalls(query), waiter()));
  }

  /** {@return the EBS snapshots: create, describe, delete, waitFor} */
  public Snapshots snapshots() {
    Snapshots a = snapshots;
    return a != null ? a : (snapshots = new Snapshots(identity, new VolumeCalls(query), waiter()));
  }

  /** {@return the tags of any resource: create, delete, describe} */
  public Tags tags() {
    Tags a = tags;
    return a != null ? a : (tags = new Tags(identity, new TagCalls(query)));
  }

  /** {@return the launch templates and their versions} */
  public LaunchTemplates launchTemplates() {
    LaunchTemplates a = launchTemplates;
    return a != null
        ? a
        : (launchTemplates = new LaunchTemplates(identity, new LaunchTemplateCalls(query)));
  }

  /** {@return the VPCs: create, delete, describe, attributes, secondary ranges} */
  public Vpcs vpcs() {
    Vpcs a = vpcs;
    return a != null
        ? a
        : (vpcs = new Vpcs(identity, new NetworkCalls(query), new VpcCalls(query)));
  }

  /** {@return the subnets of the VPCs: create, delete, describe, public addresses on launch} */
  public Subnets subnets() {
    Subnets a = subnets;
    return a != null
        ? a
        : (subnets = new Subnets(identity, new NetworkCalls(query), new VpcCalls(query)));
  }

  /** {@return the network interfaces: create, delete, attach, addresses, attributes, describe} */
  public NetworkInterfaces networkInterfaces() {
    NetworkInterfaces a = networkInterfaces;
    return a != null
        ? a
        : (networkInterfaces =
            new NetworkInterfaces(identity, new NetworkCalls(query), new InterfaceCalls(query)));
  }

  /** {@return the internet gateways: create, attach, detach, delete, describe} */
  public InternetGateways internetGateways() {
    InternetGateways a = internetGateways;
    return a != null
        ? a
        : (internetGateways = new InternetGateways(identity, new GatewayCalls(query)));
  }

  /** {@return the route tables: tables, routes, associations} */
  public RouteTables routeTables() {
    RouteTables a = routeTables;
    return a != null ? a : (routeTables = new RouteTables(identity, new RouteTableCalls(query)));
  }

  /** {@return the NAT gateways: create, delete, describe, wait} */
  public NatGateways natGateways() {
    NatGateways a = natGateways;
    return a != null
        ? a
        : (natGateways = new NatGateways(identity, new GatewayCalls(query), waiter()));
  }

  /** The waits of instances, volumes, snapshots and NAT gateways. */
  private Waiter waiter() {
    Waiter w = waiter;
    return w != null ? w : (waiter = new Waiter(new InstanceCalls(query), clock, sleeper));
  }

  // ---- typed areas go above this line; the generic model-driven accessor last ----

  /**
   * Every EC2 operation, waiter and paginator by name, from botocore's model, for what the typed
   * areas do not cover; calls go out as this client's do (identity, retries, deadline).
   *
   * <pre>{@code
   * Map<String, Object> vpc = ec2.operations().call("CreateVpc", Map.of("CidrBlock", "10.0.0.0/16"));
   * }</pre>
   *
   * @return the generic operations of this client
   */
  public Operations operations() {
    return new Operations(query, identity, clock, sleeper);
  }

  @Override
  public String toString() {
    return "Ec2[" + identity + "]";
  }

  /** Configures an {@link Ec2}; every part has a default. */
  public static final class Builder {
    private Identity identity;
    private String profile;
    private String region;
    private URI endpoint;
    private Transport transport;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private RetryPolicy retryPolicy;
    private java.time.Duration callTimeout = QueryClient.DEFAULT_DEADLINE;
    private java.util.function.Consumer<String> settingsLog;
    private RandomGenerator random;
    private Map<String, String> environment = System.getenv();
    private Path home; // $HOME, else user.home, unless set

    private Builder() {}

    /**
     * Use this identity instead of the standard AWS settings; {@link #region} and {@link #endpoint}
     * still override its region and endpoint.
     *
     * @param value the identity, or {@code null} to find one in the settings
     * @return this builder
     */
    public Builder identity(Identity value) {
      this.identity = value;
      return this;
    }

    /**
     * The profile of ~/.aws/credentials and ~/.aws/config to use (wins over AWS_ACCESS_KEY_ID), as
     * {@code --profile} does; also whose {@code ca_bundle}, {@code retry_mode} and {@code
     * max_attempts} count.
     *
     * @param value the profile's name, or {@code null} for {@code AWS_PROFILE}, else {@code
     *     AWS_DEFAULT_PROFILE}, else {@code default}
     * @return this builder
     */
    public Builder profile(String value) {
      this.profile = value;
      return this;
    }

    /**
     * The region name, over AWS_REGION and the profile (and over the region of an identity given).
     * Checked by {@link #build()}.
     *
     * @param value the region's name, such as {@code eu-west-1}, or {@code null} for the settings'
     * @return this builder
     */
    public Builder region(String value) {
      this.region = value;
      return this;
    }

    /**
     * The endpoint, over AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL and the profile (and over the
     * endpoint of an identity given). Checked by {@link #build()}.
     *
     * @param value an http or https URL with a host, or {@code null} for the settings'
     * @return this builder
     */
    public Builder endpoint(URI value) {
      this.endpoint = value;
      return this;
    }

    /**
     * The endpoint as a user writes it ({@code http://127.0.0.1:4599}); anything that is not an
     * http or https URL with a host is an IllegalArgumentException saying how to write it.
     *
     * @param url the endpoint, such as {@code http://127.0.0.1:4599}
     * @return this builder
     * @throws IllegalArgumentException when it is not an http or https URL with a host
     * @throws NullPointerException when {@code url} is null
     */
    public Builder endpoint(String url) {
      this.endpoint = SettingsResolver.endpointUri(Objects.requireNonNull(url, "url"));
      return this;
    }

    /**
     * What sends the signed requests, such as {@link Transport#debugging} around another; also used
     * by the credential sources that call STS, SSO or instance metadata. By default {@link
     * Transport#jdk(Map, String)} with this builder's environment and profile.
     *
     * @param value the transport
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder transport(Transport value) {
      this.transport = Objects.requireNonNull(value, "transport");
      return this;
    }

    /**
     * The clock that dates signatures and times waits and retries (the system's UTC clock by
     * default).
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
     * What waits between retries and polls ({@link Sleeper#system()} by default).
     *
     * @param value the sleeper
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * How calls are retried; by default as the settings say ({@code AWS_RETRY_MODE} and {@code
     * AWS_MAX_ATTEMPTS}, or {@code retry_mode} and {@code max_attempts} in the profile), else
     * {@link RetryPolicy#standard()}.
     *
     * @param value the policy
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * How long one call may take, every attempt and wait included (30 s by default): past it the
     * call fails with an I/O error saying how long it waited and how many attempts it made. Waits
     * for instances, volumes and snapshots have their own timeout ({@link WaitOptions}).
     *
     * @param value the timeout; positive
     * @return this builder
     * @throws IllegalArgumentException when it is zero or negative
     * @throws NullPointerException when {@code value} is null
     */
    public Builder callTimeout(java.time.Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive, got " + value);
      }
      this.callTimeout = value;
      return this;
    }

    /**
     * The source of retry jitter (a new {@link java.util.SplittableRandom} by default).
     *
     * @param value the generator
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * Where to report how the settings were found: a line per credential source the chain looked at
     * and why it did or did not apply (never a secret). For {@code --debug}. Nothing is reported
     * when an identity is given.
     *
     * @param value where the lines go, or {@code null} for nowhere
     * @return this builder
     */
    public Builder settingsLog(java.util.function.Consumer<String> value) {
      this.settingsLog = value;
      return this;
    }

    /**
     * The environment variables to read settings from (default: this process's).
     *
     * @param value variable name to value; copied
     * @return this builder
     * @throws NullPointerException when {@code value} is or holds null
     */
    public Builder environment(Map<String, String> value) {
      // this process's own is unmodifiable already (and copying it visits every variable)
      this.environment = value == System.getenv() ? value : Map.copyOf(value);
      return this;
    }

    /**
     * The home directory holding .aws/ (default: $HOME of the environment, else the JVM's
     * user.home).
     *
     * @param value the directory
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder home(Path value) {
      this.home = Objects.requireNonNull(value, "home");
      return this;
    }

    /**
     * Builds the client: finds the identity in the settings unless one was given, applies the
     * region and endpoint given, and reads the retry policy from the settings unless one was given.
     *
     * @return a new client
     * @throws IllegalStateException when no identity is given and the settings lack credentials or
     *     a region, naming where they were looked for; or when a setting (a CA bundle, a proxy, the
     *     retry mode or attempts) is malformed
     * @throws IllegalArgumentException when the region or endpoint given or set is not a region
     *     name or an http(s) URL
     */
    public Ec2 build() {
      Identity id = identity;
      Path homeDir = home != null ? home : SettingsResolver.home(environment);
      ClosingTransport t =
          new ClosingTransport(
              transport == null ? Transport.jdk(environment, profile) : transport,
              transport == null);
      try {
        if (id == null) {
          SettingsResolver resolver = new SettingsResolver(environment, homeDir, t, clock, sleeper);
          id = resolver.resolve(profile, region, endpoint);
          if (settingsLog != null) {
            resolver.lastWalk().forEach(line -> settingsLog.accept("credentials: " + line));
          }
        } else if (region != null || endpoint != null) {
          Region r = region == null ? id.region() : Region.of(region);
          if (endpoint != null) {
            r = r.withUri(SettingsResolver.endpointUri(endpoint.toString()));
          } else if (region != null && !id.region().isPublicEndpoint()) {
            r = r.withUri(id.region().uri());
          }
          id = id.withRegion(r);
        }
        RandomGenerator rnd = random == null ? new java.util.SplittableRandom() : random;
        RetryPolicy retry =
            retryPolicy != null
                ? retryPolicy
                : new SettingsResolver(environment, homeDir).retryPolicy(profile);
        return new Ec2(
            id, new QueryClient(t, clock, sleeper, retry, rnd, callTimeout), clock, sleeper, t);
      } catch (RuntimeException e) {
        t.close(); // the settings were incomplete: nothing keeps what the lookup opened
        throw e;
      }
    }
  }
}
