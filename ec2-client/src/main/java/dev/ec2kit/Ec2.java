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
   * Identity#fromEnvironment}).
   */
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

  /**
   * A client for another identity (another region, other keys), sharing this one's connections:
   * closing it does nothing, and it stops working when this one is closed.
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
    return regions.describeRegions(identity, Ids.checkNames("regionNames", regionNames), all);
  }

  /** The zones of this client's region and their state, or only those named. */
  public List<AvailabilityZone> describeAvailabilityZones(String... zoneNames) {
    return describeAvailabilityZones(Arrays.asList(zoneNames), false);
  }

  /**
   * As {@link #describeAvailabilityZones(String...)}; {@code all} includes zones not opted in to.
   */
  public List<AvailabilityZone> describeAvailabilityZones(
      Collection<String> zoneNames, boolean all) {
    return regions.describeAvailabilityZones(identity, Ids.checkNames("zoneNames", zoneNames), all);
  }

  // ---- images (the manual's section 4.0) ----

  /**
   * Every image the account may launch (thousands on EC2: narrow it with an {@link ImageQuery}).
   */
  public List<Image> describeImages() {
    return describeImages(ImageQuery.all());
  }

  /**
   * The manual's {@code describe-images} with {@code image-id}, {@code owner}, {@code
   * executable-by}, and filters.
   */
  public List<Image> describeImages(ImageQuery query) {
    return images.describeImages(identity, Objects.requireNonNull(query, "query"));
  }

  /**
   * The image with this id, or empty when EC2 lists none (an image that is not visible to this
   * account); an id EC2 does not know at all is its {@code InvalidAMIID.NotFound} error.
   */
  public java.util.Optional<Image> findImage(String imageId) {
    return describeImages(ImageQuery.builder().imageIds(imageId).build()).stream().findFirst();
  }

  /** Registers an image and returns its id (the manual's {@code register-image}). */
  public String registerImage(ImageRegistration registration) {
    return images.registerImage(identity, Objects.requireNonNull(registration, "registration"));
  }

  /** Deregisters one of the account's images (the manual's {@code deregister-image}). */
  public void deregisterImage(String imageId) {
    images.deregisterImage(identity, Ids.checkImage("imageId", imageId));
  }

  /**
   * Copies an image from {@code sourceRegion} into this client's region and returns the new image's
   * id (the manual's {@code copy-image}); the copy is pending until EC2 finishes it.
   */
  public String copyImage(String sourceRegion, String sourceImageId, String name) {
    return copyImage(sourceRegion, sourceImageId, name, null);
  }

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
   * Runs {@code min} to {@code max} instances of an image with the defaults of {@link RunOptions}.
   */
  public List<Instance> runInstances(String imageId, int minCount, int maxCount) {
    return runInstances(imageId, minCount, maxCount, RunOptions.defaults());
  }

  /**
   * The manual's {@code run-instances}: launches at least {@code minCount} and at most {@code
   * maxCount} instances of {@code imageId}, or none. The launch carries one client token, reused on
   * every retry, so a retried call never launches twice. With {@link
   * RunOptions.Builder#waitUntilRunning()} it returns once all are running.
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

  /** The manual's {@code describe-instances}: instances pending, running or shutting down. */
  public List<Instance> describeInstances() {
    return describeInstances(InstanceQuery.defaults());
  }

  /** Instances by id, state and filter, across every page. */
  public List<Instance> describeInstances(InstanceQuery query) {
    return instances.describeInstances(identity, Objects.requireNonNull(query, "query"));
  }

  /**
   * As {@link #describeInstances(InstanceQuery)}, handing the instances to {@code each} a page at a
   * time (up to 1,000 per DescribeInstances) and keeping none: the client's memory is bounded by
   * one page whatever the number of instances.
   */
  public void forEachInstance(InstanceQuery query, java.util.function.Consumer<Instance> each) {
    Objects.requireNonNull(each, "each");
    instances.eachPage(
        identity, Objects.requireNonNull(query, "query"), page -> page.forEach(each));
  }

  /**
   * Fresh copies of these instances, each asked of its own region with its own identity (the
   * manual's {@code :instances}), whatever their state.
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
   */
  public java.util.Optional<Instance> findInstance(String instanceId) {
    return describeInstances(InstanceQuery.builder().instanceIds(instanceId).build()).stream()
        .findFirst();
  }

  /**
   * Terminates instances (the manual's {@code terminate-instances}); returns each one's state
   * change.
   */
  public List<StateChange> terminateInstances(Collection<Instance> which) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(instances.terminateInstances(id, ids)));
    return out;
  }

  /** Terminates instances of this client's region by id. */
  public List<StateChange> terminateInstances(String... instanceIds) {
    return instances.terminateInstances(identity, Ids.checkIds(instanceIds));
  }

  /** Stops EBS-backed instances; {@code force} skips the guest's orderly shutdown. */
  public List<StateChange> stopInstances(Collection<Instance> which, boolean force) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(instances.stopInstances(id, ids, force)));
    return out;
  }

  public List<StateChange> stopInstances(String... instanceIds) {
    return instances.stopInstances(identity, Ids.checkIds(instanceIds), false);
  }

  /** Stops these instances without waiting for their systems to shut down cleanly (EC2's Force). */
  public List<StateChange> forceStopInstances(String... instanceIds) {
    return instances.stopInstances(identity, Ids.checkIds(instanceIds), true);
  }

  /** Starts stopped instances. */
  public List<StateChange> startInstances(Collection<Instance> which) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(instances.startInstances(id, ids)));
    return out;
  }

  public List<StateChange> startInstances(String... instanceIds) {
    return instances.startInstances(identity, Ids.checkIds(instanceIds));
  }

  /** Reboots instances (the manual's {@code reboot-instances}); they stay running. */
  public void rebootInstances(Collection<Instance> which) {
    byIdentity(which).forEach(instances::rebootInstances);
  }

  public void rebootInstances(String... instanceIds) {
    instances.rebootInstances(identity, Ids.checkIds(instanceIds));
  }

  // ---- waiting and status (section 10.0) ----

  /** Waits until every instance is running, polling every 2 s for up to 10 minutes. */
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
   * @throws InstanceWaitException when the timeout passes, or an instance reaches a state from
   *     which {@code state} cannot come; it tells which instances reached the state
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
   */
  public List<Instance> waitForInstanceIds(
      Collection<String> instanceIds, InstanceState state, WaitOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    return waiter.waitFor(
        Map.of(identity, Ids.checkIds(instanceIds.toArray(String[]::new))), state, options);
  }

  /** The manual's {@code wait-for-instance}: one instance. */
  public Instance waitForInstance(Instance instance, InstanceState state, WaitOptions options) {
    return waitForInstances(List.of(instance), state, options).get(0);
  }

  /**
   * The manual's {@code query-status}: the instance's state now, and a fresh copy. An instance EC2
   * no longer lists has been terminated (EC2 forgets terminated instances after about an hour): its
   * state is then {@code TERMINATED}, with the copy given.
   */
  public InstanceStatus queryStatus(Instance instance) {
    List<Instance> fresh = describeInstances(List.of(instance));
    if (fresh.isEmpty()) {
      return new InstanceStatus(InstanceState.TERMINATED, instance);
    }
    return new InstanceStatus(fresh.get(0).state(), fresh.get(0));
  }

  /** The manual's {@code get-console-output}: the decoded text and when it was last updated. */
  public ConsoleOutput getConsoleOutput(Instance instance) {
    return instances.getConsoleOutput(instance.identity(), instance.instanceId());
  }

  public ConsoleOutput getConsoleOutput(String instanceId) {
    return instances.getConsoleOutput(identity, Ids.check("instanceId", instanceId, "i-"));
  }

  // ---- key pairs (section 6.0) ----

  /**
   * The manual's {@code create-key-pair}: a new RSA 2048 key pair; the answer carries the
   * unencrypted private key (PEM), which EC2 gives only this once.
   */
  public KeyPair createKeyPair(String keyName) {
    return createKeyPair(keyName, KeyType.RSA);
  }

  public KeyPair createKeyPair(String keyName, KeyType type) {
    return keyPairs.create(identity, checkKeyName(keyName), Objects.requireNonNull(type, "type"));
  }

  /**
   * Registers the public half of a key you already have: an OpenSSH line ({@code ssh-ed25519
   * AAAA... me@host}), an RFC 4716 block, or base64 DER.
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

  /** The manual's {@code describe-key-pairs}: all, or those named. */
  public List<KeyPair> describeKeyPairs(String... keyNames) {
    for (String n : keyNames) {
      checkKeyName(n);
    }
    return keyPairs.describe(identity, List.of(keyNames));
  }

  /**
   * The manual's {@code delete-key-pair}; deleting a key pair that does not exist succeeds, as on
   * EC2.
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

  /** The manual's {@code create-security-group}, in the default VPC; returns the new group's id. */
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

  /** The manual's {@code describe-security-groups}: all, or those named by name or id. */
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
   */
  public List<SecurityGroup> describeSecurityGroups(Map<String, List<String>> filters) {
    return securityGroups.describe(identity, List.of(), List.of(), Map.copyOf(filters));
  }

  /** The manual's {@code delete-security-group}, by name or id. */
  public void deleteSecurityGroup(String groupNameOrId) {
    securityGroups.delete(identity, checkGroup(groupNameOrId));
  }

  /**
   * The manual's {@code authorize-security-group-ingress}: adds rules to a group (by name or id). A
   * rule with no source admits 0.0.0.0/0, the manual's default.
   */
  public void authorizeSecurityGroupIngress(String groupNameOrId, IpPermission... permissions) {
    changeRules("AuthorizeSecurityGroupIngress", groupNameOrId, permissions);
  }

  /** The manual's {@code revoke-security-group-ingress}: removes exactly the rules given. */
  public void revokeSecurityGroupIngress(String groupNameOrId, IpPermission... permissions) {
    changeRules("RevokeSecurityGroupIngress", groupNameOrId, permissions);
  }

  /** Adds outbound rules to a group (EC2 takes egress rules by group id; a name is looked up). */
  public void authorizeSecurityGroupEgress(String groupNameOrId, IpPermission... permissions) {
    changeRules("AuthorizeSecurityGroupEgress", groupIdOf(groupNameOrId), permissions);
  }

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

  /** The manual's {@code allocate-address}: a new Elastic IP (VPC), with its allocation id. */
  public Address allocateAddress() {
    return addresses.allocate(identity);
  }

  /** The manual's {@code describe-addresses}: all, or those named by IP or allocation id. */
  public List<Address> describeAddresses(String... ipsOrAllocationIds) {
    List<String> ips = new ArrayList<>();
    List<String> allocations = new ArrayList<>();
    for (String a : ipsOrAllocationIds) {
      (checkAddress(a).startsWith("eipalloc-") ? allocations : ips).add(a);
    }
    return addresses.describe(identity, ips, allocations);
  }

  /** The manual's {@code release-address}, by IP or allocation id; it must not be associated. */
  public void releaseAddress(String ipOrAllocationId) {
    addresses.release(identity, checkAddress(ipOrAllocationId));
  }

  /**
   * The manual's {@code associate-address}: the address (IP or allocation id) becomes the
   * instance's public address; returns the association id. The region is the instance's.
   */
  public String associateAddress(Instance instance, String ipOrAllocationId) {
    return addresses.associate(
        instance.identity(), instance.instanceId(), checkAddress(ipOrAllocationId), false);
  }

  /**
   * As {@link #associateAddress(Instance, String)}, by instance id; {@code allowReassociation}
   * moves it from another.
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
   */
  public Volume createVolume(String availabilityZone, int sizeGiB) {
    return createVolume(availabilityZone, VolumeSpec.ofSize(sizeGiB));
  }

  /** The manual's {@code create-volume}: from a size or a snapshot (exactly one), in a zone. */
  public Volume createVolume(String availabilityZone, VolumeSpec spec) {
    if (availabilityZone == null || !availabilityZone.matches("[a-z]{2}(-[a-z]+)+-\\d+[a-z]")) {
      throw new IllegalArgumentException(
          "availabilityZone '" + availabilityZone + "' is not a zone name such as us-east-1c");
    }
    return volumes.create(identity, availabilityZone, Objects.requireNonNull(spec, "spec"));
  }

  /** The manual's {@code describe-volumes}: all, or those named. */
  public List<Volume> describeVolumes(String... volumeIds) {
    for (String id : volumeIds) {
      Ids.check("volumeId", id, "vol-");
    }
    return volumes.describe(identity, List.of(volumeIds), Map.of());
  }

  /** Volumes by EC2 filter, such as {@code Map.of("attachment.instance-id", List.of(id))}. */
  public List<Volume> describeVolumes(Map<String, List<String>> filters) {
    return volumes.describe(identity, List.of(), Map.copyOf(filters));
  }

  /** The manual's {@code delete-volume}; an attached volume cannot be deleted (VolumeInUse). */
  public void deleteVolume(String volumeId) {
    volumes.delete(identity, Ids.check("volumeId", volumeId, "vol-"));
  }

  /** The manual's {@code attach-volume}: the volume appears on the instance as {@code device}. */
  public Attachment attachVolume(String volumeId, Instance instance, String device) {
    return volumes.attach(
        instance.identity(),
        Ids.check("volumeId", volumeId, "vol-"),
        instance.instanceId(),
        Ids.checkDevice(device));
  }

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
   */
  public Attachment detachVolume(String volumeId, String instanceId, String device, boolean force) {
    Ids.check("volumeId", volumeId, "vol-");
    if (instanceId != null) {
      Ids.check("instanceId", instanceId, "i-");
    }
    return volumes.detach(
        identity, volumeId, instanceId, device == null ? null : Ids.checkDevice(device), force);
  }

  /** The manual's {@code create-snapshot}: a point-in-time copy of the volume; pending at first. */
  public Snapshot createSnapshot(String volumeId, String description) {
    return volumes.createSnapshot(identity, Ids.check("volumeId", volumeId, "vol-"), description);
  }

  /** The manual's {@code describe-snapshots}: the account's own (owner self), or those named. */
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

  /** Removes the tags with these keys (whatever their values) from the resources. */
  public void deleteTags(Collection<String> resourceIds, Collection<String> keys) {
    if (resourceIds.isEmpty() || keys.isEmpty()) {
      throw new IllegalArgumentException("deleteTags needs at least one resource id and one key");
    }
    this.tags.delete(identity, resourceIds, keys);
  }

  /**
   * The tags of the account's resources in this region, narrowed by EC2's filters ({@code
   * resource-id}, {@code resource-type}, {@code key}, {@code value}).
   */
  public List<Tag> describeTags(Map<String, List<String>> filters) {
    return tags.describe(identity, filters);
  }

  /** Waits until the volumes are in {@code state} (available, in-use); one call per poll. */
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

  /** Waits until the snapshots are completed; one call per poll. */
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

    /**
     * The endpoint as a user writes it ({@code http://127.0.0.1:4599}); anything that is not an
     * http or https URL with a host is an IllegalArgumentException saying how to write it.
     */
    public Builder endpoint(String url) {
      this.endpoint = SettingsResolver.endpointUri(Objects.requireNonNull(url, "url"));
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

    /**
     * How calls are retried; by default as the settings say ({@code AWS_RETRY_MODE} and {@code
     * AWS_MAX_ATTEMPTS}, or {@code retry_mode} and {@code max_attempts} in the profile), else
     * {@link RetryPolicy#standard()}.
     */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * How long one call may take, every attempt and wait included (30 s by default): past it the
     * call fails with an I/O error saying how long it waited and how many attempts it made.
     */
    public Builder callTimeout(java.time.Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive, got " + value);
      }
      this.callTimeout = value;
      return this;
    }

    /** The source of retry jitter. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * Where to report how the settings were found: a line per credential source the chain looked at
     * and why it did or did not apply (never a secret). For {@code --debug}.
     */
    public Builder settingsLog(java.util.function.Consumer<String> value) {
      this.settingsLog = value;
      return this;
    }

    /** The environment variables to read settings from (default: this process's). */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /** The home directory holding .aws/ (default: $HOME, else the JVM's user.home). */
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
