package dev.ec2kit;

import dev.ec2kit.internal.areas.Addresses;
import dev.ec2kit.internal.areas.Images;
import dev.ec2kit.internal.areas.Instances;
import dev.ec2kit.internal.areas.KeyPairs;
import dev.ec2kit.internal.areas.Regions;
import dev.ec2kit.internal.areas.SecurityGroups;
import dev.ec2kit.internal.areas.Volumes;
import dev.ec2kit.internal.areas.Waiter;
import dev.ec2kit.internal.config.SettingsResolver;
import dev.ec2kit.internal.http.ClosingTransport;
import dev.ec2kit.internal.query.QueryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
public final class Ec2 implements AutoCloseable {
  private final Identity identity;

  /** What this client closes: null for a client made from another, which shares its transport. */
  private final ClosingTransport closes;

  private final QueryClient query;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Regions regions;
  private final Images images;
  private final Instances instances;
  private final Waiter waiter;
  private final KeyPairs keyPairs;
  private final SecurityGroups securityGroups;
  private final Addresses addresses;
  private final Volumes volumes;
  private final dev.ec2kit.internal.areas.Tags tags;

  private Ec2(
      Identity identity, QueryClient query, Clock clock, Sleeper sleeper, ClosingTransport closes) {
    this.identity = identity;
    this.closes = closes;
    this.query = query;
    this.clock = clock;
    this.sleeper = sleeper;
    this.regions = new Regions(query);
    this.images = new Images(query);
    this.instances = new Instances(query);
    this.waiter = new Waiter(instances, clock, sleeper);
    this.keyPairs = new KeyPairs(query);
    this.securityGroups = new SecurityGroups(query);
    this.addresses = new Addresses(query);
    this.volumes = new Volumes(query);
    this.tags = new dev.ec2kit.internal.areas.Tags(query);
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
   *   ec2.describeRegions();
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

  /**
   * The regions enabled for the account, or only those named (the manual's {@code
   * describe-regions}).
   *
   * @param regionNames the regions wanted, such as {@code eu-west-1}; none for all
   * @return the regions, each with the {@link Region} to call it with
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown name)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<RegionInfo> describeRegions(String... regionNames) {
    return describeRegions(Arrays.asList(regionNames), false);
  }

  /**
   * As {@link #describeRegions(String...)}; {@code all} includes regions not opted in to.
   *
   * @param regionNames the regions wanted; empty for all
   * @param all whether to include the regions the account has not opted in to
   * @return the regions, each with the {@link Region} to call it with
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<RegionInfo> describeRegions(Collection<String> regionNames, boolean all) {
    return regions.describeRegions(identity, Ids.checkNames("regionNames", regionNames), all);
  }

  /**
   * The zones of this client's region and their state, or only those named (the manual's {@code
   * describe-availability-zones}).
   *
   * @param zoneNames the zones wanted, such as {@code us-east-1a}; none for all
   * @return the zones
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<AvailabilityZone> describeAvailabilityZones(String... zoneNames) {
    return describeAvailabilityZones(Arrays.asList(zoneNames), false);
  }

  /**
   * As {@link #describeAvailabilityZones(String...)}; {@code all} includes zones not opted in to.
   *
   * @param zoneNames the zones wanted; empty for all
   * @param all whether to include zones (Local Zones, Wavelength Zones) not opted in to
   * @return the zones
   * @throws IllegalArgumentException when a name is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<AvailabilityZone> describeAvailabilityZones(
      Collection<String> zoneNames, boolean all) {
    return regions.describeAvailabilityZones(identity, Ids.checkNames("zoneNames", zoneNames), all);
  }

  // ---- images (the manual's section 4.0) ----

  /**
   * Every image the account may launch (thousands on EC2: narrow it with an {@link ImageQuery}).
   *
   * @return the images, across every page
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Image> describeImages() {
    return describeImages(ImageQuery.all());
  }

  /**
   * The manual's {@code describe-images} with {@code image-id}, {@code owner}, {@code
   * executable-by}, and filters, across every page.
   *
   * <pre>{@code
   * ec2.describeImages(ImageQuery.builder().owners("amazon").filter("name", "al2023-ami-*").build())
   * }</pre>
   *
   * @param query which images
   * @return the images
   * @throws NullPointerException when {@code query} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIID.NotFound} for an id it does not know)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Image> describeImages(ImageQuery query) {
    return images.describeImages(identity, Objects.requireNonNull(query, "query"));
  }

  /**
   * The image with this id, or empty when EC2 lists none (an image that is not visible to this
   * account); an id EC2 does not know at all is its {@code InvalidAMIID.NotFound} error.
   *
   * @param imageId the image's id ({@code ami-}, {@code aki-} or {@code ari-})
   * @return the image, or empty
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public java.util.Optional<Image> findImage(String imageId) {
    return describeImages(ImageQuery.builder().imageIds(imageId).build()).stream().findFirst();
  }

  /**
   * Registers an image (the manual's {@code register-image}).
   *
   * @param registration the manifest or the EBS root and devices, and the name
   * @return the new image's id
   * @throws NullPointerException when {@code registration} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIName.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have registered it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String registerImage(ImageRegistration registration) {
    return images.registerImage(identity, Objects.requireNonNull(registration, "registration"));
  }

  /**
   * Deregisters one of the account's images (the manual's {@code deregister-image}); its snapshots
   * stay.
   *
   * @param imageId the image's id ({@code ami-}, {@code aki-} or {@code ari-})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deregistered it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deregisterImage(String imageId) {
    images.deregisterImage(identity, Ids.checkImage("imageId", imageId));
  }

  /**
   * Copies an image from {@code sourceRegion} into this client's region and returns the new image's
   * id (the manual's {@code copy-image}); the copy is pending until EC2 finishes it. The call
   * carries one client token on every retry, so a retried call never copies twice.
   *
   * @param sourceRegion the region the image is in, such as {@code us-west-2}
   * @param sourceImageId the image to copy ({@code ami-...})
   * @param name the copy's name
   * @return the copy's image id
   * @throws IllegalArgumentException when the region name or the image id is malformed or the name
   *     is blank, before anything is sent
   * @throws NullPointerException when {@code sourceRegion} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String copyImage(String sourceRegion, String sourceImageId, String name) {
    return copyImage(sourceRegion, sourceImageId, name, null);
  }

  /**
   * As {@link #copyImage(String, String, String)}, with a description for the copy.
   *
   * @param sourceRegion the region the image is in, such as {@code us-west-2}
   * @param sourceImageId the image to copy ({@code ami-...})
   * @param name the copy's name
   * @param description the copy's description, or {@code null}
   * @return the copy's image id
   * @throws IllegalArgumentException when the region name or the image id is malformed or the name
   *     is blank, before anything is sent
   * @throws NullPointerException when {@code sourceRegion} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String copyImage(
      String sourceRegion, String sourceImageId, String name, String description) {
    Region.of(Objects.requireNonNull(sourceRegion, "sourceRegion"));
    Ids.check("sourceImageId", sourceImageId, "ami-");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required: EC2 names every copy");
    }
    return images.copyImage(identity, sourceRegion, sourceImageId, name, description);
  }

  // ---- instances (section 5.0) ----

  /**
   * Runs {@code minCount} to {@code maxCount} instances of an image with the defaults of {@link
   * RunOptions}, without waiting for them to run.
   *
   * @param imageId the image ({@code ami-...})
   * @param minCount the fewest instances to launch, at least 1: EC2 launches none if it cannot
   * @param maxCount the most instances to launch, at least {@code minCount}
   * @return the launched instances, pending
   * @throws IllegalArgumentException when the image id is malformed or the counts are out of range,
   *     before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InstanceLimitExceeded})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> runInstances(String imageId, int minCount, int maxCount) {
    return runInstances(imageId, minCount, maxCount, RunOptions.defaults());
  }

  /**
   * The manual's {@code run-instances}: launches at least {@code minCount} and at most {@code
   * maxCount} instances of {@code imageId}, or none. The launch carries one client token, reused on
   * every retry, so a retried call never launches twice. With {@link
   * RunOptions.Builder#waitUntilRunning()} it returns once all are running.
   *
   * <pre>{@code
   * List<Instance> web = ec2.runInstances("ami-0123456789abcdef0", 2, 2,
   *     RunOptions.builder().instanceType("t3.small").tag("Name", "web").waitUntilRunning().build());
   * }</pre>
   *
   * @param imageId the image ({@code ami-...})
   * @param minCount the fewest instances to launch, at least 1: EC2 launches none if it cannot
   * @param maxCount the most instances to launch, at least {@code minCount}
   * @param options the instance type, key pair, groups, tags, user data, and whether to wait
   * @return the launched instances: as launched (pending), or fresh copies once running when asked
   *     to wait
   * @throws IllegalArgumentException when the image id is malformed or the counts are out of range,
   *     before anything is sent
   * @throws NullPointerException when {@code options} is null
   * @throws InstanceWaitException when waiting, and the wait times out or an instance reaches a
   *     state from which it cannot run; the instances stay launched
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InstanceLimitExceeded})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> runInstances(
      String imageId, int minCount, int maxCount, RunOptions options) {
    Ids.check("imageId", imageId, "ami-");
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
    }
    if (maxCount < minCount) {
      throw new IllegalArgumentException(
          "maxCount must be at least minCount (" + minCount + "), got " + maxCount);
    }
    Objects.requireNonNull(options, "options");
    List<Instance> launched =
        instances.runInstances(identity, imageId, minCount, maxCount, options);
    if (options.verbose() != null) {
      for (Instance i : launched) {
        options
            .verbose()
            .accept(
                "; launched "
                    + i.instanceId()
                    + " ("
                    + i.instanceType()
                    + " in "
                    + i.availabilityZone()
                    + "), "
                    + i.state()
                    + ".");
      }
    }
    if (!options.waitUntilRunning()) {
      return launched;
    }
    WaitOptions w = options.waitOptions();
    if (options.verbose() != null && w.progress() == null) {
      w = w.progress(options.verbose());
    }
    return waitForInstances(launched, InstanceState.RUNNING, w);
  }

  /**
   * The manual's {@code describe-instances}: instances pending, running or shutting down, across
   * every page.
   *
   * @return the instances of this client's region
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> describeInstances() {
    return describeInstances(InstanceQuery.defaults());
  }

  /**
   * Instances by id, state and filter, across every page.
   *
   * @param query which instances
   * @return the instances of this client's region
   * @throws NullPointerException when {@code query} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound} for an id it does not know)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> describeInstances(InstanceQuery query) {
    return instances.describeInstances(identity, Objects.requireNonNull(query, "query"));
  }

  /**
   * As {@link #describeInstances(InstanceQuery)}, handing the instances to {@code each} a page at a
   * time (up to 1,000 per DescribeInstances) and keeping none: the client's memory is bounded by
   * one page whatever the number of instances.
   *
   * @param query which instances
   * @param each called with each instance, in the calling thread
   * @throws NullPointerException when an argument is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void forEachInstance(InstanceQuery query, java.util.function.Consumer<Instance> each) {
    Objects.requireNonNull(each, "each");
    instances.eachPage(
        identity, Objects.requireNonNull(query, "query"), page -> page.forEach(each));
  }

  /**
   * Fresh copies of these instances, each asked of its own region with its own identity (the
   * manual's {@code :instances}), whatever their state.
   *
   * @param which the instances, of any regions and identities
   * @return fresh copies, grouped by identity
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound} for an instance it has forgotten)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> describeInstances(Collection<Instance> which) {
    List<Instance> out = new ArrayList<>();
    for (Map.Entry<Identity, List<String>> g : byIdentity(which).entrySet()) {
      out.addAll(
          instances.describeInstances(
              g.getKey(), InstanceQuery.builder().instanceIds(g.getValue()).build()));
    }
    return out;
  }

  /**
   * The instance with this id, in this client's region, whatever its state; empty when EC2 lists
   * none. EC2 answers an id it does not know with its own {@code InvalidInstanceID.NotFound}.
   *
   * @param instanceId the instance's id ({@code i-...})
   * @return the instance, or empty
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public java.util.Optional<Instance> findInstance(String instanceId) {
    return describeInstances(InstanceQuery.builder().instanceIds(instanceId).build()).stream()
        .findFirst();
  }

  /**
   * Terminates instances (the manual's {@code terminate-instances}), one call per region and
   * identity.
   *
   * @param which the instances, of any regions and identities
   * @return each instance's state change
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> terminateInstances(Collection<Instance> which) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(instances.terminateInstances(id, ids)));
    return out;
  }

  /**
   * Terminates instances of this client's region by id (the manual's {@code terminate-instances}).
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> terminateInstances(String... instanceIds) {
    return instances.terminateInstances(identity, Ids.checkIds(instanceIds));
  }

  /**
   * Stops EBS-backed instances (EC2's StopInstances), one call per region and identity; {@code
   * force} skips the guest's orderly shutdown.
   *
   * @param which the instances, of any regions and identities
   * @param force whether to stop them without an orderly shutdown (EC2's Force)
   * @return each instance's state change
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState} or {@code UnsupportedOperation} for an instance-store instance)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> stopInstances(Collection<Instance> which, boolean force) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(instances.stopInstances(id, ids, force)));
    return out;
  }

  /**
   * Stops EBS-backed instances of this client's region by id, with an orderly shutdown.
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> stopInstances(String... instanceIds) {
    return instances.stopInstances(identity, Ids.checkIds(instanceIds), false);
  }

  /**
   * Stops these instances without waiting for their systems to shut down cleanly (EC2's Force).
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> forceStopInstances(String... instanceIds) {
    return instances.stopInstances(identity, Ids.checkIds(instanceIds), true);
  }

  /**
   * Starts stopped instances (EC2's StartInstances), one call per region and identity.
   *
   * @param which the instances, of any regions and identities
   * @return each instance's state change
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> startInstances(Collection<Instance> which) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(instances.startInstances(id, ids)));
    return out;
  }

  /**
   * Starts stopped instances of this client's region by id.
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> startInstances(String... instanceIds) {
    return instances.startInstances(identity, Ids.checkIds(instanceIds));
  }

  /**
   * Reboots instances (the manual's {@code reboot-instances}), one call per region and identity;
   * they stay running.
   *
   * @param which the instances, of any regions and identities
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void rebootInstances(Collection<Instance> which) {
    byIdentity(which).forEach(instances::rebootInstances);
  }

  /**
   * Reboots instances of this client's region by id; they stay running.
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void rebootInstances(String... instanceIds) {
    instances.rebootInstances(identity, Ids.checkIds(instanceIds));
  }

  // ---- waiting and status (section 10.0) ----

  /**
   * Waits until every instance is running, polling every 2 s for up to 10 minutes.
   *
   * @param which the instances, of any regions and identities
   * @return fresh copies of them, running, in the order given; empty when none is given
   * @throws InstanceWaitException when the 10 minutes pass, or an instance reaches a state from
   *     which it cannot run (shutting-down, terminated, stopping)
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Instance> waitForInstances(Collection<Instance> which) {
    return waitForInstances(which, InstanceState.RUNNING, WaitOptions.defaults());
  }

  /**
   * The manual's {@code wait-for-instances}: waits until every instance is in {@code state} and
   * returns fresh copies of them. Each poll asks once per region and identity for all the
   * instances: one DescribeInstances per 200 instances named by id, or, for more than 200 instances
   * of at most 200 reservations (those {@code runInstances} returned), one per 1,000 instances of
   * those reservations. An instance EC2 does not show yet (just launched) counts as not there yet.
   *
   * @param which the instances, of any regions and identities
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return fresh copies of them in {@code state}, in the order given; empty when none is given
   * @throws NullPointerException when {@code state} or {@code options} is null
   * @throws InstanceWaitException when the timeout passes, or an instance reaches a state from
   *     which {@code state} cannot come; it tells which instances reached the state
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Instance> waitForInstances(
      Collection<Instance> which, InstanceState state, WaitOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    if (which.isEmpty()) {
      return List.of();
    }
    Map<String, String> reservations = new HashMap<>();
    which.forEach(
        i -> {
          if (i.reservationId() != null) {
            reservations.put(i.instanceId(), i.reservationId());
          }
        });
    return waiter.waitFor(byIdentity(which), reservations, state, options);
  }

  /**
   * As {@link #waitForInstances(Collection, InstanceState, WaitOptions)}, for instances of this
   * client's region named by id (they may not be visible yet).
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return fresh copies of them in {@code state}, in the order given
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws NullPointerException when {@code state} or {@code options} is null
   * @throws InstanceWaitException when the timeout passes, or an instance reaches a state from
   *     which {@code state} cannot come
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Instance> waitForInstanceIds(
      Collection<String> instanceIds, InstanceState state, WaitOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    return waiter.waitFor(
        Map.of(identity, Ids.checkIds(instanceIds.toArray(String[]::new))), state, options);
  }

  /**
   * The manual's {@code wait-for-instance}: waits until one instance is in {@code state}.
   *
   * @param instance the instance
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return a fresh copy of it in {@code state}
   * @throws NullPointerException when an argument is null
   * @throws InstanceWaitException when the timeout passes, or the instance reaches a state from
   *     which {@code state} cannot come
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public Instance waitForInstance(Instance instance, InstanceState state, WaitOptions options) {
    return waitForInstances(List.of(instance), state, options).get(0);
  }

  /**
   * The manual's {@code query-status}: the instance's state now, and a fresh copy. When EC2 lists
   * no instance, or no longer knows its id ({@code InvalidInstanceID.NotFound}: it forgets
   * terminated instances after about an hour), it has been terminated: its state is then {@code
   * TERMINATED}, with the copy given.
   *
   * @param instance the instance, of any region and identity
   * @return its state and a fresh copy
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public InstanceStatus queryStatus(Instance instance) {
    List<Instance> fresh;
    try {
      fresh = describeInstances(List.of(instance));
    } catch (Ec2Exception e) {
      if (!e.code().equals("InvalidInstanceID.NotFound")) {
        throw e;
      }
      fresh = List.of();
    }
    if (fresh.isEmpty()) {
      return new InstanceStatus(InstanceState.TERMINATED, instance);
    }
    return new InstanceStatus(fresh.get(0).state(), fresh.get(0));
  }

  /**
   * The manual's {@code get-console-output}: the decoded text and when it was last updated.
   *
   * @param instance the instance, of any region and identity
   * @return its console output; empty text while it has written nothing
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public ConsoleOutput getConsoleOutput(Instance instance) {
    return instances.getConsoleOutput(instance.identity(), instance.instanceId());
  }

  /**
   * The console output of an instance of this client's region, by id.
   *
   * @param instanceId the instance's id ({@code i-...})
   * @return its console output; empty text while it has written nothing
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public ConsoleOutput getConsoleOutput(String instanceId) {
    return instances.getConsoleOutput(identity, Ids.check("instanceId", instanceId, "i-"));
  }

  // ---- key pairs (section 6.0) ----

  /**
   * The manual's {@code create-key-pair}: a new RSA 2048 key pair; the answer carries the
   * unencrypted private key (PEM), which EC2 gives only this once.
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @return the key pair, with {@link KeyPair#privateKey()}
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKeyPair.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have created it (and the private key is then lost); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public KeyPair createKeyPair(String keyName) {
    return createKeyPair(keyName, KeyType.RSA);
  }

  /**
   * As {@link #createKeyPair(String)}, of another type: RSA 2048 or ED25519.
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @param type the key's type
   * @return the key pair, with {@link KeyPair#privateKey()}
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, before
   *     anything is sent
   * @throws NullPointerException when {@code type} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKeyPair.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have created it (and the private key is then lost); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public KeyPair createKeyPair(String keyName, KeyType type) {
    return keyPairs.create(identity, checkKeyName(keyName), Objects.requireNonNull(type, "type"));
  }

  /**
   * Registers the public half of a key you already have: an OpenSSH line ({@code ssh-ed25519
   * AAAA... me@host}), an RFC 4716 block, or base64 DER (EC2's ImportKeyPair).
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @param publicKey the public key, such as a {@code .pub} file's contents
   * @return the key pair, without private key
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, or the key is
   *     empty or holds a private key, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKey.Format} or {@code InvalidKeyPair.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have imported it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public KeyPair importKeyPair(String keyName, String publicKey) {
    if (publicKey == null || publicKey.isBlank()) {
      throw new IllegalArgumentException("publicKey is empty: pass the contents of a .pub file");
    }
    if (publicKey.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "publicKey holds a private key: pass the .pub file, never the private key");
    }
    return keyPairs.importKey(identity, checkKeyName(keyName), publicKey.strip());
  }

  /**
   * The manual's {@code describe-key-pairs}: all, or those named.
   *
   * @param keyNames the key pairs' names; none for all
   * @return the key pairs, without private keys
   * @throws IllegalArgumentException when a name is not 1 to 255 ASCII characters, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidKeyPair.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<KeyPair> describeKeyPairs(String... keyNames) {
    for (String n : keyNames) {
      checkKeyName(n);
    }
    return keyPairs.describe(identity, List.of(keyNames));
  }

  /**
   * The manual's {@code delete-key-pair}; deleting a key pair that does not exist succeeds, as on
   * EC2.
   *
   * @param keyName the key pair's name, 1 to 255 ASCII characters
   * @throws IllegalArgumentException when the name is not 1 to 255 ASCII characters, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deleteKeyPair(String keyName) {
    keyPairs.delete(identity, checkKeyName(keyName));
  }

  private static String checkKeyName(String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > 255
        || !name.chars().allMatch(c -> c >= 32 && c < 127)) {
      throw new IllegalArgumentException(
          "keyName must be 1 to 255 ASCII characters, got '" + name + "'");
    }
    return name;
  }

  // ---- security groups (section 7.0) ----

  /**
   * The manual's {@code create-security-group}, in the default VPC.
   *
   * @param groupName the group's name: 1 to 255 characters, not starting with {@code sg-}
   * @param description the group's description: 1 to 255 characters
   * @return the new group's id ({@code sg-...})
   * @throws IllegalArgumentException when the name or description is out of bounds, before anything
   *     is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have created it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String createSecurityGroup(String groupName, String description) {
    if (groupName == null
        || groupName.isBlank()
        || groupName.length() > 255
        || groupName.startsWith("sg-")) {
      throw new IllegalArgumentException(
          "groupName must be 1 to 255 characters and not start with sg-, got '" + groupName + "'");
    }
    if (description == null || description.isBlank() || description.length() > 255) {
      throw new IllegalArgumentException(
          "description is required (1 to 255 characters): EC2 asks for one");
    }
    return securityGroups.create(identity, groupName, description, null);
  }

  /**
   * The manual's {@code describe-security-groups}: all, or those named by name or id.
   *
   * @param groupNamesOrIds names, or ids ({@code sg-...}); none for all
   * @return the groups, with their rules
   * @throws IllegalArgumentException when a name or id is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<SecurityGroup> describeSecurityGroups(String... groupNamesOrIds) {
    List<String> names = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String g : groupNamesOrIds) {
      (checkGroup(g).startsWith("sg-") ? ids : names).add(g);
    }
    return securityGroups.describe(identity, names, ids, Map.of());
  }

  /**
   * Security groups by EC2 filter, such as {@code Map.of("ip-permission.from-port",
   * List.of("22"))}.
   *
   * @param filters filter name to values; empty for all
   * @return the groups, with their rules
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidParameterValue} for an unknown filter)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<SecurityGroup> describeSecurityGroups(Map<String, List<String>> filters) {
    return securityGroups.describe(identity, List.of(), List.of(), Map.copyOf(filters));
  }

  /**
   * The manual's {@code delete-security-group}, by name or id.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @throws IllegalArgumentException when it is null or blank, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     DependencyViolation} while instances use it)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deleteSecurityGroup(String groupNameOrId) {
    securityGroups.delete(identity, checkGroup(groupNameOrId));
  }

  /**
   * The manual's {@code authorize-security-group-ingress}: adds rules to a group (by name or id). A
   * rule with no source admits 0.0.0.0/0, the manual's default.
   *
   * <pre>{@code
   * ec2.authorizeSecurityGroupIngress("web", IpPermission.tcp(80), IpPermission.tcp(22).from("203.0.113.0/24"));
   * }</pre>
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to add; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidPermission.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have added them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void authorizeSecurityGroupIngress(String groupNameOrId, IpPermission... permissions) {
    changeRules("AuthorizeSecurityGroupIngress", groupNameOrId, permissions);
  }

  /**
   * The manual's {@code revoke-security-group-ingress}: removes exactly the rules given; a rule
   * with no source is the rule from 0.0.0.0/0.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to remove; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidPermission.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have removed them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void revokeSecurityGroupIngress(String groupNameOrId, IpPermission... permissions) {
    changeRules("RevokeSecurityGroupIngress", groupNameOrId, permissions);
  }

  /**
   * Adds outbound rules to a group (EC2 takes egress rules by group id; a name is looked up first,
   * with one more call). A rule with no source allows 0.0.0.0/0.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to add; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.NotFound} or {@code InvalidPermission.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have added them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void authorizeSecurityGroupEgress(String groupNameOrId, IpPermission... permissions) {
    changeRules("AuthorizeSecurityGroupEgress", groupIdOf(groupNameOrId), permissions);
  }

  /**
   * Removes exactly these outbound rules from a group (a name is looked up first, with one more
   * call); a rule with no source is the rule to 0.0.0.0/0.
   *
   * @param groupNameOrId the group's name, or its id ({@code sg-...})
   * @param permissions the rules to remove; at least one
   * @throws IllegalArgumentException when the group is blank or no rule is given, before anything
   *     is sent
   * @throws NullPointerException when a rule is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidGroup.NotFound} or {@code InvalidPermission.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have removed them; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void revokeSecurityGroupEgress(String groupNameOrId, IpPermission... permissions) {
    changeRules("RevokeSecurityGroupEgress", groupIdOf(groupNameOrId), permissions);
  }

  private String groupIdOf(String nameOrId) {
    return checkGroup(nameOrId).startsWith("sg-")
        ? nameOrId
        : describeSecurityGroups(nameOrId).get(0).groupId();
  }

  private void changeRules(String action, String group, IpPermission... permissions) {
    checkGroup(group);
    if (permissions.length == 0) {
      throw new IllegalArgumentException("give at least one rule, such as IpPermission.tcp(22)");
    }
    List<IpPermission> rules = new ArrayList<>();
    for (IpPermission p : permissions) {
      rules.add(Objects.requireNonNull(p, "permission").withDefaultSource());
    }
    securityGroups.change(identity, action, group, rules);
  }

  private static String checkGroup(String g) {
    if (g == null || g.isBlank()) {
      throw new IllegalArgumentException(
          "a security group is named by its name or its id (sg-...), not by an empty string");
    }
    return g;
  }

  // ---- Elastic IP addresses (section 8.0) ----

  /**
   * The manual's {@code allocate-address}: a new Elastic IP (VPC), with its allocation id.
   *
   * @return the address, not associated
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     AddressLimitExceeded})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have allocated one (check with {@link #describeAddresses}); it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Address allocateAddress() {
    return addresses.allocate(identity);
  }

  /**
   * The manual's {@code describe-addresses}: all, or those named by IP or allocation id.
   *
   * @param ipsOrAllocationIds public IPv4 addresses or allocation ids ({@code eipalloc-...}); none
   *     for all
   * @return the addresses, with the instances they are associated with
   * @throws IllegalArgumentException when one is neither an IPv4 address nor an {@code eipalloc-}
   *     or {@code eipassoc-} id, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAllocationID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Address> describeAddresses(String... ipsOrAllocationIds) {
    List<String> ips = new ArrayList<>();
    List<String> allocations = new ArrayList<>();
    for (String a : ipsOrAllocationIds) {
      (checkAddress(a).startsWith("eipalloc-") ? allocations : ips).add(a);
    }
    return addresses.describe(identity, ips, allocations);
  }

  /**
   * The manual's {@code release-address}, by IP or allocation id; it must not be associated.
   *
   * @param ipOrAllocationId the public IPv4 address or the allocation id ({@code eipalloc-...})
   * @throws IllegalArgumentException when it is neither an IPv4 address nor an {@code eipalloc-} or
   *     {@code eipassoc-} id, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidIPAddress.InUse})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have released it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void releaseAddress(String ipOrAllocationId) {
    addresses.release(identity, checkAddress(ipOrAllocationId));
  }

  /**
   * The manual's {@code associate-address}: the address (IP or allocation id) becomes the
   * instance's public address. The region is the instance's. An address associated elsewhere is not
   * moved.
   *
   * @param instance the instance
   * @param ipOrAllocationId the public IPv4 address or the allocation id ({@code eipalloc-...})
   * @return the association id ({@code eipassoc-...})
   * @throws IllegalArgumentException when the address is neither an IPv4 address nor an {@code
   *     eipalloc-} or {@code eipassoc-} id, before anything is sent
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     Resource.AlreadyAssociated})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have associated it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String associateAddress(Instance instance, String ipOrAllocationId) {
    return addresses.associate(
        instance.identity(), instance.instanceId(), checkAddress(ipOrAllocationId), false);
  }

  /**
   * As {@link #associateAddress(Instance, String)}, by instance id; {@code allowReassociation}
   * moves it from another.
   *
   * @param instanceId the instance's id ({@code i-...}), in this client's region
   * @param ipOrAllocationId the public IPv4 address or the allocation id ({@code eipalloc-...})
   * @param allowReassociation whether to move the address when it is associated elsewhere
   * @return the association id ({@code eipassoc-...})
   * @throws IllegalArgumentException when the instance id or the address is malformed, before
   *     anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     Resource.AlreadyAssociated})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have associated it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String associateAddress(
      String instanceId, String ipOrAllocationId, boolean allowReassociation) {
    return addresses.associate(
        identity,
        Ids.check("instanceId", instanceId, "i-"),
        checkAddress(ipOrAllocationId),
        allowReassociation);
  }

  /**
   * The manual's {@code disassociate-address}, by IP or association id: the instance loses its
   * public address.
   *
   * @param ipOrAssociationId the public IPv4 address or the association id ({@code eipassoc-...})
   * @throws IllegalArgumentException when it is neither an IPv4 address nor an {@code eipalloc-} or
   *     {@code eipassoc-} id, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAssociationID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have disassociated it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void disassociateAddress(String ipOrAssociationId) {
    addresses.disassociate(identity, checkAddress(ipOrAssociationId));
  }

  private static String checkAddress(String a) {
    if (a == null
        || !(a.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            || a.matches("eipalloc-[0-9a-f]{8,17}")
            || a.matches("eipassoc-[0-9a-f]{8,17}"))) {
      throw new IllegalArgumentException(
          "address '" + a + "' is not an IPv4 address, eipalloc-... or eipassoc-... id");
    }
    return a;
  }

  // ---- EBS volumes and snapshots (section 9.0) ----

  /**
   * The manual's {@code create-volume} with {@code :size}: an empty gp3 volume of that many GiB.
   *
   * @param availabilityZone the zone, such as {@code us-east-1c}
   * @param sizeGiB the size, 1 to 65536 GiB (gp2 to 16384)
   * @return the volume, creating
   * @throws IllegalArgumentException when the zone is not a zone name or the size is out of range,
   *     before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Volume createVolume(String availabilityZone, int sizeGiB) {
    return createVolume(availabilityZone, VolumeSpec.ofSize(sizeGiB));
  }

  /**
   * The manual's {@code create-volume}: from a size or a snapshot (exactly one), in a zone. The
   * call carries one client token on every retry, so a retried call never creates two.
   *
   * @param availabilityZone the zone, such as {@code us-east-1c}
   * @param spec the size or snapshot, type, IOPS and encryption
   * @return the volume, creating
   * @throws IllegalArgumentException when the zone is not a zone name, before anything is sent
   * @throws NullPointerException when {@code spec} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSnapshot.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Volume createVolume(String availabilityZone, VolumeSpec spec) {
    if (availabilityZone == null || !availabilityZone.matches("[a-z]{2}(-[a-z]+)+-\\d+[a-z]")) {
      throw new IllegalArgumentException(
          "availabilityZone '" + availabilityZone + "' is not a zone name such as us-east-1c");
    }
    return volumes.create(identity, availabilityZone, Objects.requireNonNull(spec, "spec"));
  }

  /**
   * The manual's {@code describe-volumes}: all, or those named, across every page.
   *
   * @param volumeIds the volumes' ids ({@code vol-...}); none for all
   * @return the volumes, with their attachments
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidVolume.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Volume> describeVolumes(String... volumeIds) {
    for (String id : volumeIds) {
      Ids.check("volumeId", id, "vol-");
    }
    return volumes.describe(identity, List.of(volumeIds), Map.of());
  }

  /**
   * Volumes by EC2 filter, such as {@code Map.of("attachment.instance-id", List.of(id))}, across
   * every page.
   *
   * @param filters filter name to values; empty for all
   * @return the volumes, with their attachments
   * @throws NullPointerException when {@code filters} is or holds null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Volume> describeVolumes(Map<String, List<String>> filters) {
    return volumes.describe(identity, List.of(), Map.copyOf(filters));
  }

  /**
   * The manual's {@code delete-volume}; an attached volume cannot be deleted (VolumeInUse).
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     VolumeInUse})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deleteVolume(String volumeId) {
    volumes.delete(identity, Ids.check("volumeId", volumeId, "vol-"));
  }

  /**
   * The manual's {@code attach-volume}: the volume appears on the instance as {@code device}. The
   * region is the instance's.
   *
   * @param volumeId the volume's id ({@code vol-...}), in the instance's zone
   * @param instance the instance
   * @param device the device name, such as {@code /dev/sdh}
   * @return the attachment, attaching
   * @throws IllegalArgumentException when the volume id or the device is malformed, before anything
   *     is sent
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code VolumeInUse}
   *     or {@code InvalidVolume.ZoneMismatch})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have attached it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Attachment attachVolume(String volumeId, Instance instance, String device) {
    return volumes.attach(
        instance.identity(),
        Ids.check("volumeId", volumeId, "vol-"),
        instance.instanceId(),
        Ids.checkDevice(device));
  }

  /**
   * As {@link #attachVolume(String, Instance, String)}, by instance id in this client's region.
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param instanceId the instance's id ({@code i-...})
   * @param device the device name, such as {@code /dev/sdh}
   * @return the attachment, attaching
   * @throws IllegalArgumentException when an id or the device is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code VolumeInUse}
   *     or {@code InvalidVolume.ZoneMismatch})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have attached it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Attachment attachVolume(String volumeId, String instanceId, String device) {
    return volumes.attach(
        identity,
        Ids.check("volumeId", volumeId, "vol-"),
        Ids.check("instanceId", instanceId, "i-"),
        Ids.checkDevice(device));
  }

  /**
   * The manual's {@code detach-volume}: detaches the volume from {@code instanceId} (or whatever it
   * is attached to, when null), only at {@code device} when given; {@code force} even if the guest
   * still uses it.
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param instanceId the instance's id ({@code i-...}), or {@code null} for whatever it is
   *     attached to
   * @param device the device name, such as {@code /dev/sdh}, or {@code null} for any
   * @param force whether to detach even if the guest still uses it (data may be lost)
   * @return the attachment, detaching
   * @throws IllegalArgumentException when an id or the device is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectState} for a volume not attached)
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have detached it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Attachment detachVolume(String volumeId, String instanceId, String device, boolean force) {
    Ids.check("volumeId", volumeId, "vol-");
    if (instanceId != null) {
      Ids.check("instanceId", instanceId, "i-");
    }
    return volumes.detach(
        identity, volumeId, instanceId, device == null ? null : Ids.checkDevice(device), force);
  }

  /**
   * The manual's {@code create-snapshot}: a point-in-time copy of the volume; pending at first
   * ({@link #waitForSnapshots} waits for it).
   *
   * @param volumeId the volume's id ({@code vol-...})
   * @param description the snapshot's description, or {@code null}
   * @return the snapshot, pending
   * @throws IllegalArgumentException when the volume id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidVolume.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have started it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public Snapshot createSnapshot(String volumeId, String description) {
    return volumes.createSnapshot(identity, Ids.check("volumeId", volumeId, "vol-"), description);
  }

  /**
   * The manual's {@code describe-snapshots}: the account's own (owner self), or those named, across
   * every page.
   *
   * @param snapshotIds the snapshots' ids ({@code snap-...}); none for the account's own
   * @return the snapshots
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSnapshot.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Snapshot> describeSnapshots(String... snapshotIds) {
    for (String id : snapshotIds) {
      Ids.check("snapshotId", id, "snap-");
    }
    return volumes.describeSnapshots(
        identity,
        List.of(snapshotIds),
        snapshotIds.length == 0 ? List.of("self") : List.of(),
        Map.of());
  }

  /**
   * The manual's {@code delete-snapshot}; a snapshot behind a registered image cannot be deleted.
   *
   * @param snapshotId the snapshot's id ({@code snap-...})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidSnapshot.InUse})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deleted it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deleteSnapshot(String snapshotId) {
    volumes.deleteSnapshot(identity, Ids.check("snapshotId", snapshotId, "snap-"));
  }

  /**
   * Tags resources (instances, volumes, snapshots, security groups, images, Elastic IPs...) with
   * {@code tags}, replacing values of keys they already have.
   *
   * <pre>{@code
   * ec2.createTags(List.of("i-0123456789abcdef0", "vol-0123456789abcdef0"), Map.of("Team", "blue"));
   * }</pre>
   *
   * @param resourceIds the resources' ids; at least one
   * @param tags key to value; at least one
   * @throws IllegalArgumentException when there is no resource or no tag, or a key is not 1 to 128
   *     characters or starts with {@code aws:}, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code InvalidID}
   *     or {@code TagLimitExceeded})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void createTags(Collection<String> resourceIds, Map<String, String> tags) {
    if (resourceIds.isEmpty() || tags.isEmpty()) {
      throw new IllegalArgumentException("createTags needs at least one resource id and one tag");
    }
    for (String key : tags.keySet()) {
      if (key == null || key.isEmpty() || key.length() > 128) {
        throw new IllegalArgumentException("tag key '" + key + "' must be 1 to 128 characters");
      }
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw new IllegalArgumentException(
            "tag key '" + key + "': keys starting with aws: are reserved by AWS");
      }
    }
    this.tags.create(identity, resourceIds, tags);
  }

  /**
   * Removes the tags with these keys (whatever their values) from the resources (EC2's DeleteTags).
   *
   * @param resourceIds the resources' ids; at least one
   * @param keys the tag keys; at least one
   * @throws IllegalArgumentException when there is no resource or no key, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code InvalidID})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deleteTags(Collection<String> resourceIds, Collection<String> keys) {
    if (resourceIds.isEmpty() || keys.isEmpty()) {
      throw new IllegalArgumentException("deleteTags needs at least one resource id and one key");
    }
    this.tags.delete(identity, resourceIds, keys);
  }

  /**
   * The tags of the account's resources in this region, narrowed by EC2's filters ({@code
   * resource-id}, {@code resource-type}, {@code key}, {@code value}), across every page.
   *
   * @param filters filter name to values; empty for every tag
   * @return the tags, one per resource and key
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Tag> describeTags(Map<String, List<String>> filters) {
    return tags.describe(identity, filters);
  }

  /**
   * Waits until the volumes are in {@code state} (available, in-use); one DescribeVolumes per poll.
   * A volume EC2 does not list yet counts as not there yet.
   *
   * @param volumeIds the volumes' ids ({@code vol-...}), in this client's region
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return fresh copies of them in {@code state}, in the order given
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws WaitException when the timeout passes, or a volume reaches a state from which {@code
   *     state} cannot come (error; and deleting or deleted when waiting for available or in-use)
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Volume> waitForVolumes(
      Collection<String> volumeIds, VolumeState state, WaitOptions options) {
    List<String> ids = List.copyOf(volumeIds);
    ids.forEach(id -> Ids.check("volumeId", id, "vol-"));
    java.util.Set<VolumeState> fatal =
        state == VolumeState.AVAILABLE || state == VolumeState.IN_USE
            ? java.util.EnumSet.of(VolumeState.DELETING, VolumeState.DELETED, VolumeState.ERROR)
            : java.util.EnumSet.of(VolumeState.ERROR);
    Map<String, Volume> latest =
        waiter.waitFor(
            ids,
            batch -> {
              Map<String, Volume> seen = new LinkedHashMap<>();
              volumes
                  .describe(identity, List.of(), Map.of("volume-id", batch))
                  .forEach(v -> seen.put(v.volumeId(), v));
              return seen;
            },
            v -> v.state().apiName(),
            List.of(
                Waiter.Acceptor.success(v -> v.state() == state),
                Waiter.Acceptor.failure(v -> fatal.contains(v.state()))),
            state.apiName(),
            options,
            "volume");
    return ids.stream().map(latest::get).toList();
  }

  /**
   * Waits until the snapshots are completed; one DescribeSnapshots per poll. A snapshot EC2 does
   * not list yet counts as not there yet.
   *
   * @param snapshotIds the snapshots' ids ({@code snap-...}), in this client's region
   * @param options how often to poll, and for how long
   * @return fresh copies of them, completed, in the order given
   * @throws IllegalArgumentException when an id is malformed, before anything is sent
   * @throws WaitException when the timeout passes, or a snapshot fails (error)
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Snapshot> waitForSnapshots(Collection<String> snapshotIds, WaitOptions options) {
    List<String> ids = List.copyOf(snapshotIds);
    ids.forEach(id -> Ids.check("snapshotId", id, "snap-"));
    Map<String, Snapshot> latest =
        waiter.waitFor(
            ids,
            batch -> {
              Map<String, Snapshot> seen = new LinkedHashMap<>();
              volumes
                  .describeSnapshots(identity, List.of(), List.of(), Map.of("snapshot-id", batch))
                  .forEach(s -> seen.put(s.snapshotId(), s));
              return seen;
            },
            s -> s.state().apiName(),
            List.of(
                Waiter.Acceptor.success(s -> s.state() == SnapshotState.COMPLETED),
                Waiter.Acceptor.failure(s -> s.state() == SnapshotState.ERROR)),
            SnapshotState.COMPLETED.apiName(),
            options,
            "snapshot");
    return ids.stream().map(latest::get).toList();
  }

  /**
   * Every EC2 operation, waiter and paginator by name, from botocore's model, for what the typed
   * methods do not cover; calls go out as this client's do (identity, retries, deadline).
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

  private static Map<Identity, List<String>> byIdentity(Collection<Instance> which) {
    Map<Identity, List<String>> out = new LinkedHashMap<>();
    for (Instance i : which) {
      out.computeIfAbsent(i.identity(), k -> new ArrayList<>()).add(i.instanceId());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("instances must not be empty: name at least one");
    }
    return out;
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
      this.environment = Map.copyOf(value);
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
