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

  /**
   * An online address goes straight from one online instance to another (an Elastic IP moved): SSH
   * keeps listening at it, so a client is never refused, and routes each new session to the
   * instance that holds the address then; the old instance's sessions and metadata connections
   * there are closed.
   */
  void moved(String ip) {
    if (ssh != null) {
      ssh.drop(ip);
    }
    Listener m = metadata;
    if (m != null) {
      m.drop(ip);
    }
  }

  /** Something that listens at the addresses of instances while they are online. */
  public interface Listener {
    /** Listens at {@code ip}; an Ec2Error (InsufficientInstanceCapacity) when it cannot. */
    void listen(String ip);

    void unlisten(String ip);

    /** Ends the connections at {@code ip}, still listening there. */
    void drop(String ip);
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
   * ServiceUnavailable once the emulator is closing (its instances' ends are its close's).
   */
  void halt(String instanceId, boolean discard) {
    if (ssh != null) {
      if (ssh.closing()) {
        // its line of work has no threads left: refused before the record changes (it halts first)
        throw new Ec2Error(
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server: the emulator is"
                + " shutting down.",
            503);
      }
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

  /**
   * CreateImage's part: the instance's disk captured as the image's layer, where it has one, after
   * what its sandbox is doing (never waited for here); the future ends when the layer is whole.
   */
  java.util.concurrent.CompletableFuture<Void> capture(InstanceRecord r, String imageId) {
    return ssh == null
        ? java.util.concurrent.CompletableFuture.completedFuture(null)
        : ssh.capture(r, imageId);
  }

  /** CopyImage's part: the copy has its source's layers, where images have them. */
  void copyImage(String sourceImageId, String imageId) {
    if (ssh != null) {
      ssh.copyImage(sourceImageId, imageId);
    }
  }

  /**
   * Where an instance's latest boot is (never waited for: the caller holds the region's lock, which
   * no boot needs): UP when its sandbox is up or it has none.
   */
  dev.ec2kit.local.internal.sandbox.Sandboxes.Phase bootPhase(String instanceId) {
    return ssh == null
        ? dev.ec2kit.local.internal.sandbox.Sandboxes.Phase.UP
        : ssh.bootPhase(instanceId);
  }

  /** Why an instance's latest boot failed, or null. */
  String bootFailure(String instanceId) {
    return ssh == null ? null : ssh.bootFailure(instanceId);
  }

  /** Whether what was asked of an instance's sandbox (a kill, a copy, removal) is done. */
  boolean sandboxSettled(String instanceId) {
    return ssh == null || ssh.settled(instanceId);
  }

  /** The lines of an instance's console over its boots, or null without sandboxes. */
  java.util.List<String> guestConsole(String instanceId) {
    return ssh == null ? null : ssh.console(instanceId);
  }

  /**
   * The system inside an instance powered off or rebooted: entered as a call is, under the lock of
   * the instance's region brought up to now, and told to the instance's record, unless it comes
   * from an earlier boot than the instance's latest ({@code generation}: a stale event).
   */
  void endedInside(String instanceId, boolean reboot, long generation) {
    if (ssh != null && ssh.closing()) {
      return; // the close ends every instance's system
    }
    for (RegionState state : states()) {
      synchronized (state) {
        InstanceRecord r = state.instances.get(instanceId);
        if (r != null) {
          if (ssh != null && !ssh.currentBoot(instanceId, generation)) {
            return;
          }
          Instant now = now();
          advance(state, now);
          r.endedInside(now, this, reboot);
          changed(state);
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

  /** Keeps a state after each change (see {@code --state}), under the state's lock. */
  public interface Keeper {
    /** Saves {@code state} whole and durably, as {@code name}, before the change is answered. */
    void keep(String name, RegionState state);
  }

  private volatile Keeper keeper;

  /** Where each account and region's state is kept after every change; none by default. */
  public void keeper(Keeper k) {
    this.keeper = k;
  }

  /**
   * A state changed: kept, where the world is kept, before its change is answered. Called by the
   * dispatcher after every action that may change state (and after a guest's poweroff), holding the
   * state's lock, never by handlers.
   */
  void changed(RegionState state) {
    Keeper k = keeper;
    if (k != null) {
      k.keep(state.accountId + "-" + state.region, state);
    }
  }

  /**
   * Takes back the states kept before a restart, before any call: their instances' addresses are
   * taken from the pool, those not shutting down counted as live, and those that were pending or
   * running answer SSH and metadata at their addresses again and boot their sandboxes again (their
   * disks kept, their user data not run again). The ends of those stopping, shutting down or
   * terminated are asked for again (an emulator killed after keeping their state, before their
   * disks, groups or loop devices went, would leave them); repeated, they find nothing to do.
   */
  public void resume(java.util.Collection<RegionState> kept) {
    for (RegionState s : kept) {
      states.put(s.accountId + "/" + s.region, s);
      s.addresses.values().forEach(a -> ips.taken(a.publicIp));
      for (InstanceRecord r : s.instances.values()) {
        ips.taken(r.publicIp);
        if (r.state != dev.ec2kit.InstanceState.SHUTTING_DOWN
            && r.state != dev.ec2kit.InstanceState.TERMINATED) {
          live.incrementAndGet();
        }
      }
    }
    for (RegionState s : kept) {
      synchronized (s) {
        for (InstanceRecord r : s.instances.values()) {
          if (r.online()) {
            online(r.publicIp);
            boot(r);
          } else if (r.state == dev.ec2kit.InstanceState.SHUTTING_DOWN
              || r.state == dev.ec2kit.InstanceState.TERMINATED) {
            halt(r.id, true); // its disk and groups, had the emulator ended before they went
          } else if (r.state == dev.ec2kit.InstanceState.STOPPING) {
            halt(r.id, false);
          }
        }
      }
    }
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
