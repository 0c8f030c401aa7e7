package dev.ec2kit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the emulator's sandboxes: sandboxes made by hand with this machine's tools, as one
 * would without Docker, each with OpenSSH's {@code sshd} as its SSH server. Per instance: a network
 * namespace behind a veth pair with an address of its own ({@code 10.214.I.2}), {@code unshare} of
 * mount, UTS, IPC and PID namespaces, an overlayfs root (one shared layer: the mount points, links
 * to this machine's program directories, a copy of {@code /etc} with {@code ec2-user} and the
 * client's key; a writable layer each), this machine's program directories bound read-only, its own
 * {@code /proc}, this machine's {@code /dev}, {@code /run} in memory, its own host name, then
 * {@code chroot} and {@code sshd -D} as the namespace's PID 1. Needs root, iproute2 and
 * openssh-server.
 */
final class SandboxPeer implements AutoCloseable {
  static final String NET = "10.214";
  private static final String PREFIX = "ec2sb-";

  /** One sandbox: made in a namespace, then everything in it. */
  private static final String START =
      """
      set -e
      i=$1 d=$2 layer=$3 ns=%s$1
      ip netns add "$ns"
      ip link add "sb$i" type veth peer name eth0 netns "$ns"
      ip addr add "%s.$i.1/30" dev "sb$i"
      ip link set "sb$i" up
      ip -n "$ns" addr add "%s.$i.2/30" dev eth0
      ip -n "$ns" link set eth0 up
      ip -n "$ns" link set lo up
      mkdir -p "$d/upper" "$d/work" "$d/root"
      exec ip netns exec "$ns" unshare --mount --uts --ipc --pid --fork --kill-child \\
        --propagation private /bin/sh -c '
        set -e
        i=$1 d=$2 layer=$3 root=$2/root
        mount -t overlay overlay -o "lowerdir=$layer,upperdir=$d/upper,workdir=$d/work" "$root"
        for p in usr bin sbin lib lib32 lib64 libx32; do
          if [ -d "/$p" ] && [ ! -L "/$p" ]; then
            mount --bind "/$p" "$root/$p"
            mount -o remount,bind,ro "$root/$p"
          fi
        done
        mount -t proc proc "$root/proc"
        mount --bind /dev "$root/dev"
        mount -t tmpfs -o mode=755 tmpfs "$root/run"
        mkdir -m 755 "$root/run/sshd"
        hostname "peer-$i"
        exec chroot "$root" /usr/sbin/sshd -D -e -f /etc/ssh/bench_sshd_config \\
          -o ListenAddress=%s.$i.2
      ' sh "$i" "$d" "$layer"
      """
          .formatted(PREFIX, NET, NET, NET);

  /** The shared layer: made once, as the emulator makes an image's layer at its first boot. */
  private static final String LAYER =
      """
      set -e
      layer=$1 pub=$2
      mkdir -p "$layer"
      cd "$layer"
      mkdir -p proc sys dev run tmp var/tmp home root mnt
      chmod 1777 tmp var/tmp
      for p in usr bin sbin lib lib32 lib64 libx32; do
        if [ -L "/$p" ]; then ln -s "$(readlink "/$p")" "$p"; elif [ -d "/$p" ]; then mkdir "$p"; fi
      done
      cp -a /etc/. etc/
      echo 'ec2-user:x:1000:1000::/home/ec2-user:/bin/sh' >> etc/passwd
      echo 'ec2-user:x:1000:' >> etc/group
      mkdir -p home/ec2-user/.ssh
      cp "$pub" home/ec2-user/.ssh/authorized_keys
      chown -R 1000:1000 home/ec2-user
      rm -f etc/ssh/bench_host_ed25519*
      ssh-keygen -q -t ed25519 -N '' -f etc/ssh/bench_host_ed25519
      printf '%s\\n' 'HostKey /etc/ssh/bench_host_ed25519' 'PasswordAuthentication no' \\
        'KbdInteractiveAuthentication no' 'UsePAM no' 'StrictModes no' 'PrintMotd no' \\
        'MaxStartups 200' > etc/ssh/bench_sshd_config
      """;

  private final Path dir;
  private final Path layer;
  private final Map<Integer, Process> running = new TreeMap<>();

  private SandboxPeer(Path dir) {
    this.dir = dir;
    this.layer = dir.resolve("layer");
  }

  /**
   * Makes the shared layer in {@code dir}, for the client key {@code publicKey}, and a route that
   * answers "unreachable" at once for the sandboxes' addresses not up yet (so a client trying too
   * early fails fast instead of waiting out a connection timeout).
   */
  static SandboxPeer create(Path dir, Path publicKey) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
      throw new IllegalStateException("/usr/sbin/sshd is missing: apt-get install openssh-server");
    }
    removeNamespaces();
    Files.createDirectories(dir);
    SandboxPeer peer = new SandboxPeer(dir);
    Shell.run(
        "bash -c "
            + quote(LAYER)
            + " layer "
            + quote(peer.layer.toString())
            + " "
            + quote(publicKey.toString()));
    Shell.run("ip route replace unreachable " + NET + ".0.0/16");
    return peer;
  }

  /** The address of sandbox {@code i} (1 to 250). */
  static String address(int i) {
    return NET + "." + i + ".2";
  }

  /** Starts sandbox {@code i} and returns at once; {@link #address} answers SSH when it is up. */
  void start(int i) throws Exception {
    if (i < 1 || i > 250) {
      throw new IllegalArgumentException("sandbox 1 to 250, not " + i);
    }
    Path d = dir.resolve("sb-" + i);
    Process p =
        new ProcessBuilder(
                "/bin/bash",
                "-c",
                START,
                "peer",
                Integer.toString(i),
                d.toString(),
                layer.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sb-" + i + ".log").toFile())
            .start();
    p.getOutputStream().close();
    running.put(i, p);
  }

  /** Every process of the running sandboxes ({@code unshare} and all under it). */
  List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : running.values()) {
      all.add(p.toHandle());
      p.descendants().forEach(all::add);
    }
    return all;
  }

  /** The PID 1 of each running sandbox ({@code sshd}), whose root shows the sandbox's mounts. */
  List<Long> inits() {
    List<Long> out = new ArrayList<>();
    for (Process p : running.values()) {
      p.children().findFirst().ifPresent(c -> out.add(c.pid()));
    }
    return out;
  }

  /** The writable layers of the running sandboxes. */
  List<Path> uppers() {
    return running.keySet().stream().map(i -> dir.resolve("sb-" + i).resolve("upper")).toList();
  }

  /** Kills every sandbox and removes its namespace and files. */
  void stopAll() throws Exception {
    for (Process p : running.values()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : running.values()) {
      p.waitFor(10, TimeUnit.SECONDS);
    }
    running.clear();
    removeNamespaces();
    try (var s = Files.list(dir)) {
      for (Path d : s.filter(x -> x.getFileName().toString().startsWith("sb-")).toList()) {
        Shell.run("rm -rf " + quote(d.toString()));
      }
    }
  }

  @Override
  public void close() throws Exception {
    stopAll();
    Shell.run("ip route del unreachable " + NET + ".0.0/16 2>/dev/null; true");
  }

  private static void removeNamespaces() throws Exception {
    Shell.run(
        "for ns in $(ip netns list | awk '{print $1}' | grep '^"
            + PREFIX
            + "'); do ip netns pids $ns | xargs -r kill -9 2>/dev/null; ip netns del $ns; done; true");
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The client's key pair for the peer, ED25519, made in {@code dir}: the private key's path. */
  static Path clientKey(Path dir) throws Exception {
    Path key = dir.resolve("peer_ed25519");
    Shell.run("ssh-keygen -q -t ed25519 -N '' -f " + quote(key.toString()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return key;
  }
}
