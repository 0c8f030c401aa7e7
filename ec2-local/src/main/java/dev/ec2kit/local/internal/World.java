package dev.ec2kit.local.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All accounts and regions of one emulator, the public image catalogue, the clock. */
public final class World {
  private final Geography geography;
  private final Clock clock;
  private final Timing timing;
  private final IpPool ips;
  private final SshFront ssh;
  private final Map<String, RegionState> states = new ConcurrentHashMap<>();
  private final Map<String, Map<String, ImageRecord>> catalog = new ConcurrentHashMap<>();

  /** {@code ssh} is the SSH side of the instances, or null when the emulator runs without it. */
  public World(Geography geography, Clock clock, Timing timing, SshFront ssh) {
    this.geography = geography;
    this.clock = clock;
    this.timing = timing;
    this.ssh = ssh;
    this.ips = new IpPool(ssh);
    if (ssh != null) {
      ssh.attach(this);
    }
  }

  /** Every account's state in every region so far. */
  public java.util.Collection<RegionState> states() {
    return states.values();
  }

  /** Ends the SSH sessions of an instance's address (it stopped, rebooted or went away). */
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
    return states.computeIfAbsent(accountId + "/" + region,
        k -> new RegionState(accountId, region, geography.zones(region)));
  }

  /** The public images of a region. */
  public Map<String, ImageRecord> catalog(String region) {
    return catalog.computeIfAbsent(region, ImageCatalog::forRegion);
  }
}
