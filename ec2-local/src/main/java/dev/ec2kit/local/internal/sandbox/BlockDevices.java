package dev.ec2kit.local.internal.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * EBS volumes as block devices inside sandboxes. A volume's data is a sparse file of its size under
 * {@code root/.volumes}, made when it is first attached (or copied from its snapshot's when made
 * from one); attached to an instance whose sandbox is up, it is a loop device of this machine whose
 * node the instance sees at its device name and its Xen-style alias ({@code /dev/sdf} and {@code
 * /dev/xvdf}). The sandbox's root cannot mount (no {@code CAP_SYS_ADMIN}): its {@code mount} and
 * {@code umount} hand the request to the emulator ({@link MountRequests}), which mounts ext4 and
 * xfs with the new mount API through {@link Sandbox#HELPER}. Detached, stopped or terminated, a
 * volume's mounts inside are detached lazily and its loop device released; loop devices a crashed
 * emulator left are released at the next start. Where there are no loop devices, volumes attach in
 * the API only, said at start-up and in the instance's console output.
 */
public final class BlockDevices implements AutoCloseable {
  /** Nothing here: an emulator without SSH or sandboxes. */
  public static final BlockDevices NONE =
      new BlockDevices(null, null, "instances are not sandboxes");

  private static final long GIB = 1L << 30;
  private static final String VOLUME = ".ec2-local-volume";
  private static final String SNAPSHOT = ".ec2-local-snapshot";

  /** One volume attached to an instance at a device name. */
  static final class Disk {
    final String volumeId;
    final String device;
    final int sizeGib;
    LoopDevice loop; // while plugged into the instance's running sandbox

    Disk(String volumeId, String device, int sizeGib) {
      this.volumeId = volumeId;
      this.device = device;
      this.sizeGib = sizeGib;
    }

    /** The names under /dev inside: the one attached at, then its alias (sdf and xvdf). */
    List<String> names() {
      String n = device.startsWith("/dev/") ? device.substring("/dev/".length()) : device;
      if (n.matches("xvd[a-z]{1,2}")) {
        return List.of(n, "sd" + n.substring(3));
      }
      if (n.matches("sd[a-z]{1,2}")) {
        return List.of(n, "xvd" + n.substring(2));
      }
      return n.matches("[a-z][a-z0-9]{0,30}") ? List.of(n) : List.of();
    }
  }

  /** An instance's volumes and its sandbox while it is up. */
  static final class Host {
    final String instanceId;
    final Map<String, Disk> disks = new LinkedHashMap<>(); // by device name; guarded by this
    Sandbox up; // guarded by this
    final List<String> notes = new ArrayList<>(); // guarded by this

    Host(String instanceId) {
      this.instanceId = instanceId;
    }

    synchronized void say(String line) {
      if (notes.size() < 100) {
        notes.add(line);
      }
    }
  }

  private final Path store;
  private final Function<String, Path> dirs;
  private final String unavailable;
  private final long capBytes;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();
  private final MountRequests requests;

  private BlockDevices(Path store, Function<String, Path> dirs, String unavailable) {
    this.store = store;
    this.dirs = dirs;
    this.unavailable = unavailable;
    long usable = 0;
    if (store != null) {
      try {
        usable = Files.getFileStore(store).getUsableSpace();
      } catch (IOException e) {
        usable = 0;
      }
    }
    // every volume's file could be filled: what they may grow to stays within the free space
    this.capBytes = Math.max(0, usable - GIB);
    this.requests = unavailable == null ? new MountRequests(this) : null;
  }

  /**
   * The block devices of the sandboxes under {@code root} (their directories by instance from
   * {@code dirs}): available where {@code sandboxes} is null (they are sandboxes) and this machine
   * has loop devices. Releases loop devices a crashed emulator left over its volumes' files.
   */
  static BlockDevices create(Path root, String sandboxes, Function<String, Path> dirs) {
    String why = sandboxes != null ? "instances are not sandboxes" : probe();
    Path store = root.resolve(".volumes");
    if (sandboxes == null) {
      // before this emulator takes the store: an emulator killed (-9) whose --state this is owned
      // it, and the loop devices it left over its volumes' files are found by that owner's death
      if (why == null) {
        releaseLeftovers();
      }
      try {
        Files.createDirectories(store);
        ProcessHandle me = ProcessHandle.current();
        Files.writeString(
            store.resolve("owner"),
            me.pid() + " " + me.info().startInstant().map(Object::toString).orElse("") + "\n");
        MountRequests.writeShims(root.resolve(".shims"));
      } catch (IOException e) {
        why = "cannot write the volumes' directory: " + e.getMessage();
      }
    }
    return new BlockDevices(store, dirs, why);
  }

  private static String probe() {
    if (!Files.exists(Path.of("/dev/loop-control"))) {
      return "this machine has no loop devices (/dev/loop-control)";
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/losetup"))) {
      return "losetup is missing (util-linux)";
    }
    try {
      LoopDevice.run(List.of("/usr/sbin/losetup", "--find"), "losetup --find");
      return null;
    } catch (IOException e) {
      return "no free loop device: " + e.getMessage();
    }
  }

  /**
   * Loop devices over a volume's file of an emulator that is gone (killed, crashed): released, and
   * that emulator's volume files removed.
   */
  private static void releaseLeftovers() {
    for (LoopDevice l :
        LoopDevice.over(
            f -> f.matches(".*/\\.volumes/vol-[0-9a-f]+\\" + VOLUME + "( \\(deleted\\))?"))) {
      try {
        String f =
            Files.readString(Path.of("/sys/block", l.path().substring(5), "loop", "backing_file"))
                .strip()
                .replace(" (deleted)", "");
        Path owner = Path.of(f).resolveSibling("owner");
        if (!Files.exists(owner) || !alive(Files.readString(owner).strip())) {
          l.release();
          Path dir = owner.getParent();
          if (dir.getParent() != null
              && dir.getParent().getFileName().toString().startsWith("ec2-local-instances-")) {
            Sandboxes.deleteTree(dir);
          }
        }
      } catch (IOException | RuntimeException e) {
        // gone meanwhile
      }
    }
  }

  private static boolean alive(String owner) {
    String[] f = owner.split(" ");
    if (f.length != 2 || !f[0].matches("[0-9]{1,10}")) {
      return false;
    }
    return ProcessHandle.of(Long.parseLong(f[0]))
        .map(p -> p.info().startInstant().map(Object::toString).orElse("").equals(f[1]))
        .orElse(false);
  }

  /** Why volumes are not block devices here, or null when they are. */
  public String unavailable() {
    return unavailable;
  }

  /** A volume was made (from {@code snapshotId}, or null): its data is the snapshot's. */
  public void created(String volumeId, int sizeGib, String snapshotId) {
    if (unavailable != null || snapshotId == null) {
      return;
    }
    Path snap = store.resolve(snapshotId + SNAPSHOT);
    if (Files.exists(snap)) {
      Path file = file(volumeId);
      try {
        copy(snap, file);
        grow(file, sizeGib);
      } catch (IOException e) {
        // no data: the volume is empty when attached, as a volume of a snapshot with none
      }
    }
  }

  /** A volume was deleted: its data goes. */
  public void deleted(String volumeId) {
    if (unavailable == null) {
      deleteQuietly(file(volumeId));
    }
  }

  /** A snapshot of a volume was taken: a copy of its data now (sparse, or a reflink). */
  public void snapshot(String snapshotId, String volumeId) {
    if (unavailable == null && Files.exists(file(volumeId))) {
      try {
        copy(file(volumeId), store.resolve(snapshotId + SNAPSHOT));
      } catch (IOException e) {
        // the snapshot has no data, as the volume had none: volumes of it are empty
      }
    }
  }

  /** A snapshot was deleted: its data goes. */
  public void snapshotDeleted(String snapshotId) {
    if (unavailable == null) {
      deleteQuietly(store.resolve(snapshotId + SNAPSHOT));
    }
  }

  /**
   * A volume is attached to an instance at {@code device}: a block device inside at once where its
   * sandbox is up, else when it boots.
   */
  public void attach(String instanceId, String volumeId, String device, int sizeGib) {
    if (store == null) {
      return;
    }
    Host h = hosts.computeIfAbsent(instanceId, Host::new);
    synchronized (h) {
      Disk d = new Disk(volumeId, device, sizeGib);
      h.disks.put(device, d);
      if (unavailable != null) {
        h.say(
            "ec2-local: "
                + volumeId
                + " is attached at "
                + device
                + " in the API only: "
                + unavailable);
      } else if (h.up != null) {
        plug(h, h.up, d);
      }
    }
  }

  /**
   * A volume is detached from its instance: its mounts inside are detached lazily (a forced detach,
   * as EC2 allows one), its device nodes removed and its loop device released.
   */
  public void detach(String instanceId, String volumeId) {
    Host h = hosts.get(instanceId);
    if (h == null) {
      return;
    }
    synchronized (h) {
      Disk d =
          h.disks.values().stream()
              .filter(x -> x.volumeId.equals(volumeId))
              .findFirst()
              .orElse(null);
      if (d == null) {
        return;
      }
      h.disks.remove(d.device);
      if (d.loop != null) {
        if (h.up != null) {
          for (String at : requests.mountsOf(h.up, d.loop)) {
            String failed = requests.unmount(h.up, at, d.loop, true);
            if (failed != null) {
              h.say(
                  "ec2-local: "
                      + d.device
                      + " was mounted at "
                      + at
                      + " and could not be unmounted: "
                      + failed);
            }
          }
          try {
            helper(h.up, "unnode", d);
          } catch (IOException e) {
            h.say("ec2-local: the device nodes of " + d.device + " stay: " + e.getMessage());
          }
        }
        release(h, d);
      }
    }
  }

  /** An instance's sandbox is up: its spool for mount requests made, its volumes plugged in. */
  void up(String instanceId, Sandbox s) {
    if (unavailable != null) {
      return;
    }
    Host h = hosts.computeIfAbsent(instanceId, Host::new);
    synchronized (h) {
      if (!s.alive()) {
        return; // halted while it came up
      }
      h.notes.clear();
      h.up = s;
      try {
        requests.open(instanceId, dirs.apply(instanceId).resolve("spool"), s);
      } catch (IOException e) {
        h.say(
            "ec2-local: mount and umount of EBS volumes will not work in this boot: "
                + e.getMessage());
      }
      for (Disk d : h.disks.values()) {
        plug(h, s, d);
      }
    }
  }

  /**
   * An instance's sandbox was killed (it stopped, rebooted or terminated: {@code discard}): its
   * mounts went with it; its loop devices are released, and on terminate it is forgotten.
   */
  void down(String instanceId, boolean discard) {
    Host h = discard ? hosts.remove(instanceId) : hosts.get(instanceId);
    if (h == null) {
      return;
    }
    synchronized (h) {
      h.up = null;
      if (requests != null) {
        requests.close(instanceId);
      }
      for (Disk d : h.disks.values()) {
        release(h, d);
      }
    }
  }

  /**
   * What an instance's volumes change under: its attachments, plugs and mounts. Its sandbox was up
   * (a mount request came from it), so it has its entry unless it terminated since: a lock of its
   * own then, which nothing else holds and no entry keeps (its requests find nothing plugged).
   */
  Object lock(String instanceId) {
    Host h = hosts.get(instanceId);
    return h != null ? h : new Object();
  }

  /** The console lines of the instance's volumes since its latest boot. */
  List<String> notes(String instanceId) {
    Host h = hosts.get(instanceId);
    if (h == null) {
      return List.of();
    }
    synchronized (h) {
      return List.copyOf(h.notes);
    }
  }

  /** The volume attached to the instance whose device name inside is {@code name}, plugged. */
  Disk plugged(String instanceId, String name) {
    Host h = hosts.get(instanceId);
    if (h == null) {
      return null;
    }
    synchronized (h) {
      for (Disk d : h.disks.values()) {
        if (d.loop != null && d.names().stream().anyMatch(n -> ("/dev/" + n).equals(name))) {
          return d;
        }
      }
      return null;
    }
  }

  /** The loop devices plugged into the instance now. */
  List<LoopDevice> loops(String instanceId) {
    Host h = hosts.get(instanceId);
    if (h == null) {
      return List.of();
    }
    synchronized (h) {
      return h.disks.values().stream().filter(d -> d.loop != null).map(d -> d.loop).toList();
    }
  }

  /** The file of the volume's data. */
  Path file(String volumeId) {
    if (!volumeId.matches("vol-[0-9a-f]+")) {
      throw new IllegalArgumentException("not a volume id: " + volumeId);
    }
    return store.resolve(volumeId + VOLUME);
  }

  private void plug(Host h, Sandbox s, Disk d) {
    if (d.loop != null) {
      return;
    }
    Path file = file(d.volumeId);
    try {
      synchronized (this) {
        long more = (long) d.sizeGib * GIB - (Files.exists(file) ? Files.size(file) : 0);
        if (more > 0 && committed() + more > capBytes) {
          throw new IOException(
              "the volumes' files would outgrow this machine's free space ("
                  + capBytes / GIB
                  + " GiB for all of them)");
        }
        grow(file, d.sizeGib);
      }
      d.loop = LoopDevice.attach(file);
      helper(s, "node", d);
      h.say(
          "ec2-local: "
              + d.volumeId
              + " attached as "
              + String.join(" and ", d.names().stream().map(n -> "/dev/" + n).toList()));
    } catch (IOException e) {
      release(h, d);
      h.say(
          "ec2-local: "
              + d.volumeId
              + " at "
              + d.device
              + " is not a block device here: "
              + e.getMessage());
    }
  }

  private static void helper(Sandbox s, String what, Disk d) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(Integer.toString(d.loop.major()), Integer.toString(d.loop.minor())));
    args.addAll(d.names());
    MountRequests.helper(s, what, args.toArray(String[]::new));
  }

  private static void release(Host h, Disk d) {
    if (d.loop != null) {
      String failed = d.loop.release();
      if (failed != null) {
        h.say(
            "ec2-local: the loop device of "
                + d.volumeId
                + " is released as its last mount ends: "
                + failed);
      }
      d.loop = null;
    }
  }

  /** What the volumes' and snapshots' files may grow to, all of them. */
  private long committed() throws IOException {
    long sum = 0;
    try (var files = Files.list(store)) {
      for (Path p : files.toList()) {
        sum += Files.size(p);
      }
    }
    return sum;
  }

  private static void grow(Path file, int sizeGib) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      if (f.length() < (long) sizeGib * GIB) {
        f.setLength((long) sizeGib * GIB); // sparse: nothing is written
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
    LoopDevice.run(
        List.of("/bin/cp", "--sparse=always", "--reflink=auto", from.toString(), tmp.toString()),
        "copying " + from.getFileName());
    Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left for the directory's removal at close
    }
  }

  /** Releases every loop device (the sandboxes are killed first). */
  @Override
  public void close() {
    for (String id : List.copyOf(hosts.keySet())) {
      down(id, true);
    }
    if (requests != null) {
      requests.shutdown();
    }
  }
}
