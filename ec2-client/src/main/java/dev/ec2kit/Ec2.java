package dev.ec2kit;

import dev.ec2kit.internal.areas.Regions;
import dev.ec2kit.internal.config.SettingsResolver;
import dev.ec2kit.internal.query.QueryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The EC2 client: one object per identity, thread-safe, sharing one HTTP connection pool.
 *
 * <pre>{@code
 * Ec2 ec2 = Ec2.create();                        // settings from AWS_* variables and ~/.aws
 * for (RegionInfo r : ec2.describeRegions()) {
 *   System.out.println(r);                       // eu-west-1 ec2.eu-west-1.amazonaws.com (opt-in-not-required)
 * }
 * Ec2 local = Ec2.builder()
 *     .identity(Identity.builder().accessKey("test").secretAccessKey("test")
 *         .region(Region.of("us-east-1").withUri(URI.create("http://127.0.0.1:4599/"))).build())
 *     .build();
 * }</pre>
 *
 * <p>Service errors are {@link Ec2Exception}s; failures to reach the endpoint are {@link
 * java.io.UncheckedIOException}s naming it; bad arguments are {@link IllegalArgumentException}s
 * thrown before anything is sent.
 */
public final class Ec2 {
  private final Identity identity;
  private final QueryClient query;
  private final Regions regions;

  private Ec2(Identity identity, QueryClient query) {
    this.identity = identity;
    this.query = query;
    this.regions = new Regions(query);
  }

  /** A client for the identity the standard AWS settings describe ({@link Identity#fromEnvironment}). */
  public static Ec2 create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The identity every call of this client uses (its region says where calls go). */
  public Identity identity() {
    return identity;
  }

  /** A client for another identity (another region, other keys), sharing this one's connections. */
  public Ec2 withIdentity(Identity other) {
    return new Ec2(Objects.requireNonNull(other, "identity"), query);
  }

  /** A client for another region, same credentials, sharing this one's connections. */
  public Ec2 withRegion(Region region) {
    return withIdentity(identity.withRegion(region));
  }

  /**
   * The regions enabled for the account, or only those named (the manual's {@code
   * describe-regions}).
   */
  public List<RegionInfo> describeRegions(String... regionNames) {
    return describeRegions(Arrays.asList(regionNames), false);
  }

  /** As {@link #describeRegions(String...)}; {@code all} includes regions not opted in to. */
  public List<RegionInfo> describeRegions(Collection<String> regionNames, boolean all) {
    return regions.describeRegions(identity, checkNames("regionNames", regionNames), all);
  }

  /** The zones of this client's region and their state, or only those named. */
  public List<AvailabilityZone> describeAvailabilityZones(String... zoneNames) {
    return describeAvailabilityZones(Arrays.asList(zoneNames), false);
  }

  /** As {@link #describeAvailabilityZones(String...)}; {@code all} includes zones not opted in to. */
  public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames, boolean all) {
    return regions.describeAvailabilityZones(identity, checkNames("zoneNames", zoneNames), all);
  }

  private static List<String> checkNames(String parameter, Collection<String> names) {
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException(parameter + " holds an empty name: give names such as us-east-1");
      }
    }
    return List.copyOf(names);
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
    private RetryPolicy retryPolicy = RetryPolicy.standard();
    private RandomGenerator random;
    private Map<String, String> environment = System.getenv();
    private Path home = Path.of(System.getProperty("user.home"));

    private Builder() {}

    /** Use this identity instead of the standard AWS settings. */
    public Builder identity(Identity value) {
      this.identity = value;
      return this;
    }

    /** The profile of ~/.aws/credentials and ~/.aws/config to use (wins over AWS_ACCESS_KEY_ID). */
    public Builder profile(String value) {
      this.profile = value;
      return this;
    }

    /** The region name, over AWS_REGION and the profile. */
    public Builder region(String value) {
      this.region = value;
      return this;
    }

    /** The endpoint, over AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL and the profile. */
    public Builder endpoint(URI value) {
      this.endpoint = value;
      return this;
    }

    public Builder transport(Transport value) {
      this.transport = Objects.requireNonNull(value, "transport");
      return this;
    }

    /** The clock that dates signatures. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** What waits between retries and polls. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /** The source of retry jitter. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** The environment variables to read settings from (default: this process's). */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /** The home directory holding .aws/ (default: user.home). */
    public Builder home(Path value) {
      this.home = Objects.requireNonNull(value, "home");
      return this;
    }

    /**
     * @throws IllegalStateException when no identity is given and the settings lack credentials or
     *     a region, naming where they were looked for
     */
    public Ec2 build() {
      Identity id = identity;
      if (id == null) {
        id = new SettingsResolver(environment, home).resolve(profile, region, endpoint);
      } else if (region != null || endpoint != null) {
        Region r = region == null ? id.region() : Region.of(region);
        if (endpoint != null) {
          r = r.withUri(SettingsResolver.endpointUri(endpoint.toString()));
        } else if (region != null && !id.region().uri().equals(Region.of(id.region().name()).uri())) {
          r = r.withUri(id.region().uri());
        }
        id = id.withRegion(r);
      }
      Transport t = transport == null ? Transport.jdk() : transport;
      RandomGenerator rnd = random == null ? new java.util.SplittableRandom() : random;
      return new Ec2(id, new QueryClient(t, clock, sleeper, retryPolicy, rnd));
    }
  }
}
