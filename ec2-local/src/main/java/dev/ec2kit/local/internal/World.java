package dev.ec2kit.local.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All accounts and regions of one emulator, the public image catalogue, the clock, and the
 * emulator-wide limits: how many instances may be alive at once, and SSH listening at the address
 * of each instance that is pending or running (never at one that has stopped or ended).
 */
public final class World {
  private final Geography geography;
  private final Clock clock;
  private final Timing timing;
  private final IpPool ips = new IpPool();
  private final SshFront ssh;
  private final int maxLiveInstances;
  private final AtomicInteger live = new AtomicInteger();
  private final Map<String, RegionState> states = new ConcurrentHashMap<>();
  private final Map<String, Map<String, ImageRecord>> catalog = new ConcurrentHashMap<>();

  /**
   * {@code ssh} is the SSH side of the instances, or null when the emulator runs without it; {@code
   * maxLiveInstances} bounds the instances not yet shutting down, over all accounts and regions.
   */
  public World(
      Geography geography, Clock clock, Timing timing, SshFront ssh, int maxLiveInstances) {
    this.geography = geography;
    this.clock = clock;
    this.timing = timing;
    this.ssh = ssh;
    this.maxLiveInstances = maxLiveInstances;
    if (ssh != null) {
      ssh.attach(this);
    }
  }

  private volatile String endpoint;

  /** The emulator's HTTP endpoint ({@code http://127.0.0.1:4599}), once it listens. */
  public void endpoint(String url) {
    this.endpoint = url;
  }

  /** The emulator's HTTP endpoint, or null before it listens. */
  public String endpoint() {
    return endpoint;
  }

  /** Every account's state in every region so far. */
  public java.util.Collection<RegionState> states() {
    return states.values();
  }

  /** Brings a region's state up to {@code now}; the caller holds its lock. */
  void advance(RegionState state, Instant now) {
    state.advance(now, this);
  }

  /**
   * Reserves room for {@code n} more live instances, all or none; past the emulator's ceiling,
   * InstanceLimitExceeded before anything is made.
   */
  void reserveInstances(int min, int max, java.util.function.IntConsumer granted) {
    while (true) {
      int now = live.get();
      int room = maxLiveInstances - now;
      if (room < min) {
        throw Ec2Error.badRequest(
            "InstanceLimitExceeded",
            "You have requested more instances ("
                + min
                + ") than this emulator's ceiling of "
                + maxLiveInstances
                + " live instances allows ("
                + now
                + " are live; terminate some, or start the emulator with a higher --max-instances).");
      }
      int n = Math.min(max, room);
      if (live.compareAndSet(now, now + n)) {
        granted.accept(n);
        return;
      }
    }
  }

  /** Gives back reserved room that was not used (a launch that failed part way). */
  void unreserveInstances(int n) {
    live.addAndGet(-n);
  }

  /** One live instance fewer: it is shutting down. */
  void instanceEnded() {
    live.decrementAndGet();
  }

  /** How many instances are live (not shutting down or terminated) over the whole emulator. */
  public int liveInstances() {
    return live.get();
  }

  /**
   * Opens SSH at {@code ip}; when it cannot (out of descriptors, say),
   * InsufficientInstanceCapacity, so an instance is never running with a dead SSH port.
   */
  void online(String ip) {
    if (ip == null) {
      return;
    }
    if (ssh != null) {
      ssh.listen(ip);
    }
    Listener m = metadata;
    if (m != null) {
      try {
        m.listen(ip);
      } catch (RuntimeException e) {
        if (ssh != null) {
          ssh.unlisten(ip);
        }
        throw e;
      }
    }
    addresses.add(ip);
  }

  /** Closes SSH and metadata at {@code ip} at once, their connections included. */
  void offline(String ip) {
    if (ip == null) {
      return;
    }
    addresses.remove(ip);
    if (ssh != null) {
      ssh.unlisten(ip);
    }
    Listener m = metadata;
    if (m != null) {
      m.unlisten(ip);
    }
  }

  /** Something that listens at the addresses of instances while they are online. */
  public interface Listener {
    /** Listens at {@code ip}; an Ec2Error (InsufficientInstanceCapacity) when it cannot. */
    void listen(String ip);

    void unlisten(String ip);
  }

  private volatile Listener metadata;
  private final java.util.Set<String> addresses = ConcurrentHashMap.newKeySet();

  /** Where instance metadata listens (the HTTP server, at each online instance's address). */
  public void metadata(Listener listener) {
    this.metadata = listener;
  }

  /** Whether {@code ip} is the address of an instance that is online (pending or running). */
  public boolean isInstanceAddress(String ip) {
    return addresses.contains(ip);
  }

  /**
   * Kills the processes of an instance that stopped, rebooted or terminated; its disk (the
   * sandbox's writable layer, or its directory) goes with {@code discard}, when it terminated.
   */
  void halt(String instanceId, boolean discard) {
    if (ssh != null) {
      ssh.halt(instanceId, discard);
    }
  }

  /**
   * Boots an instance's sandbox, where instances are sandboxes: it launched, started or rebooted.
   */
  void boot(InstanceRecord r) {
    if (ssh != null) {
      ssh.boot(r);
    }
  }

  /** EBS volumes' data and block devices inside instances (nothing without sandboxes). */
  dev.ec2kit.local.internal.sandbox.BlockDevices blockDevices() {
    return ssh == null ? dev.ec2kit.local.internal.sandbox.BlockDevices.NONE : ssh.blockDevices();
  }

  /** CreateImage's part: the instance's disk captured as the image's layer, where it has one. */
  void capture(InstanceRecord r, String imageId) {
    if (ssh != null) {
      ssh.capture(r, imageId);
    }
  }

  /**
   * Waits for an instance's sandbox to be up: null when it is (or there is none), else why it did
   * not boot. The caller holds the region's lock: no boot needs it.
   */
  String bootFailure(String instanceId) {
    return ssh == null ? null : ssh.bootFailure(instanceId);
  }

  /** The lines an instance's latest boot wrote to its console, or null without sandboxes. */
  java.util.List<String> guestConsole(String instanceId) {
    return ssh == null ? null : ssh.console(instanceId);
  }

  /**
   * The system inside an instance powered off or rebooted: entered as a call is, under the lock of
   * the instance's region brought up to now, and told to the instance's record.
   */
  void endedInside(String instanceId, boolean reboot) {
    for (RegionState state : states()) {
      synchronized (state) {
        InstanceRecord r = state.instances.get(instanceId);
        if (r != null) {
          Instant now = now();
          advance(state, now);
          r.endedInside(now, this, reboot);
          return;
        }
      }
    }
  }

  /** What instances' console output says they are (sandboxes or not), or null without SSH. */
  String consoleNote() {
    return ssh == null ? null : ssh.consoleNote();
  }

  /** Ends the SSH sessions of an instance's address (it rebooted). */
  public void dropSessions(String ip) {
    if (ssh != null && ip != null) {
      ssh.drop(ip);
    }
  }

  public Geography geography() {
    return geography;
  }

  public Instant now() {
    return clock.instant();
  }

  public Timing timing() {
    return timing;
  }

  public IpPool ips() {
    return ips;
  }

  /** The state of the call's account in the call's region (the signature's scope). */
  public RegionState state(Call call) {
    return state(call.accountId(), call.region());
  }

  public RegionState state(String accountId, String region) {
    return states.computeIfAbsent(
        accountId + "/" + region, k -> new RegionState(accountId, region, geography.zones(region)));
  }

  /** The public images of a region. */
  public Map<String, ImageRecord> catalog(String region) {
    return catalog.computeIfAbsent(region, ImageCatalog::forRegion);
  }
}
