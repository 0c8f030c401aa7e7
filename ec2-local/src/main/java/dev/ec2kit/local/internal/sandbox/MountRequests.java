package dev.ec2kit.local.internal.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mount} and {@code umount} of EBS volumes inside sandboxes, done by the emulator: the
 * instance's {@code mount}/{@code umount} ({@link #SHIMS}, first in root's PATH) write a request
 * into {@code /run/ec2-local}, a directory of the emulator's bound there (its spool), and wait for
 * the answer the emulator writes beside it. A request is read as data only (no link followed, 4 KB
 * at most); what it names is checked against the instance's attached volumes, the filesystem's type
 * against an allow list (ext2/3/4 read by ext4, and xfs; its superblock read first, and ext4
 * checked with {@code e2fsck -n}, {@link #FSCK_SECONDS} at most), and the mount made by {@link
 * Sandbox#HELPER}. Only the sandbox's root can write into the spool. One thread hears of requests;
 * each instance's are answered on a line of its own ({@link MountLines}).
 */
final class MountRequests {
  /** Inside: where the spool is bound. */
  static final String SPOOL = "/run/ec2-local";

  /** An answer's status that sends the shim on to the real program: not a volume's business. */
  private static final int NOT_OURS = 99;

  private static final String ASK =
      """
      ask() {
        if [ "$(id -u)" != 0 ]; then echo "$prog: only root can do that" >&2; exit 1; fi
        for v in "$@"; do
          case $v in *'
      '*) echo "$prog: a line break in an argument is not supported here" >&2; exit 1 ;; esac
        done
        if [ ! -d %1$s ]; then
          echo "$prog: the emulator does not mount EBS volumes in this instance (see its console output)" >&2
          exit 32
        fi
        req=%1$s/$$.$(date +%%s%%N)
        printf '%%s\\n' "$@" > "$req.tmp" && mv "$req.tmp" "$req.req" || exit 32
        n=0
        while [ ! -e "$req.ans" ]; do
          n=$((n + 1))
          if [ $n -gt 1200 ]; then echo "$prog: the emulator did not answer" >&2; exit 32; fi
          sleep 0.1
        done
        status=$(head -n 1 "$req.ans")
        tail -n +2 "$req.ans" >&2
        rm -f "$req.ans"
      }
      """
          .formatted(SPOOL);

  /**
   * {@code mount DEVICE DIR} ({@code -t}, {@code -o}, {@code -r} taken) of a device under {@code
   * /dev}, and {@code umount DIR|DEVICE} ({@code -l}, {@code -f} lazy), asked of the emulator;
   * anything else runs the real program (which, without the capability, lists or refuses).
   */
  static final Map<String, String> SHIMS =
      Map.of(
          "mount",
          """
          #!/bin/sh
          # ec2-local: this instance is a sandbox whose root may not mount; the emulator mounts its
          # EBS volumes (ext2, ext3, ext4, xfs) on its behalf. Anything else goes to mount(8).
          prog=mount real=/usr/bin/mount
          [ -x "$real" ] || real=/bin/mount
          src= dst= type= opts=
          parse() {
            while [ $# -gt 0 ]; do
              case $1 in
                -t|--types|-o|--options)
                  [ $# -ge 2 ] || return 1
                  case $1 in -t|--types) type=$2 ;; *) opts=${opts:+$opts,}$2 ;; esac
                  shift 2 ;;
                -t?*) type=${1#-t}; shift ;;
                -o?*) opts=${opts:+$opts,}${1#-o}; shift ;;
                --types=*) type=${1#*=}; shift ;;
                --options=*) opts=${opts:+$opts,}${1#*=}; shift ;;
                -r|--read-only) opts=${opts:+$opts,}ro; shift ;;
                -w|--rw|--read-write|-v|--verbose) shift ;;
                -*) return 1 ;;
                *) if [ -z "$src" ]; then src=$1; elif [ -z "$dst" ]; then dst=$1; else return 1; fi
                   shift ;;
              esac
            done
            [ -n "$dst" ] && case $src in /dev/?*) return 0 ;; esac
            return 1
          }
          parse "$@" || exec "$real" "$@"
          case $dst in /*) ;; *) dst=$PWD/$dst ;; esac
          %1$s
          ask mount "$src" "$dst" "$type" "$opts"
          exit "$status"
          """
              .formatted(ASK),
          "umount",
          """
          #!/bin/sh
          # ec2-local: this instance is a sandbox whose root may not unmount; the emulator unmounts
          # its EBS volumes on its behalf (-l and -f: lazily). Anything else goes to umount(8).
          prog=umount real=/usr/bin/umount
          [ -x "$real" ] || real=/bin/umount
          lazy=0 target=
          parse() {
            while [ $# -gt 0 ]; do
              case $1 in
                -l|--lazy|-f|--force|-lf|-fl) lazy=1; shift ;;
                -v|--verbose) shift ;;
                -*) return 1 ;;
                *) [ -z "$target" ] || return 1; target=$1; shift ;;
              esac
            done
            [ -n "$target" ]
          }
          parse "$@" || exec "$real" "$@"
          case $target in /*) ;; *) target=$PWD/$target ;; esac
          %1$s
          ask umount "$target" "$lazy"
          [ "$status" != %2$d ] || exec "$real" "$@"
          exit "$status"
          """
              .formatted(ASK, NOT_OURS));

  private static final Set<String> EXT = Set.of("ext2", "ext3", "ext4");

  private final BlockDevices devices;
  private final Map<WatchKey, String> keys = new ConcurrentHashMap<>();
  private final Map<String, Spool> spools = new ConcurrentHashMap<>();
  private volatile WatchService watcher;
  private Thread thread; // guarded by this

  /** Each instance's requests answered on a line of its own (see {@link MountLines}). */
  private final MountLines lines =
      new MountLines(
          id -> {
            Spool sp = spools.get(id);
            if (sp != null) {
              answerAll(id, sp);
            }
          });

  /** An instance's spool: its directory here, its key, its sandbox. */
  private record Spool(Path dir, WatchKey key, Sandbox sandbox) {}

  MountRequests(BlockDevices devices) {
    this.devices = devices;
  }

  /** Writes the shims beside the sandboxes' others (read-only, first in root's PATH inside). */
  static void writeShims(Path shims) throws IOException {
    Shims.write(shims, SHIMS);
  }

  /** Makes the instance's spool anew, binds it inside at {@link #SPOOL} and listens to it. */
  void open(String instanceId, Path dir, Sandbox s) throws IOException {
    close(instanceId);
    Sandboxes.deleteTree(dir);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    helper(s, "volume-mount", "bind", dir.toString(), SPOOL, "noexec");
    WatchKey key = dir.register(watcher(), StandardWatchEventKinds.ENTRY_CREATE);
    keys.put(key, instanceId);
    spools.put(instanceId, new Spool(dir, key, s));
  }

  /** Stops listening to the instance's spool (its sandbox is gone). */
  void close(String instanceId) {
    Spool old = spools.remove(instanceId);
    if (old != null) {
      old.key().cancel();
      keys.remove(old.key());
    }
  }

  private synchronized WatchService watcher() throws IOException {
    if (watcher == null) {
      watcher = java.nio.file.FileSystems.getDefault().newWatchService();
      thread = new Thread(this::serve, "ec2-local-mounts");
      thread.setDaemon(true);
      thread.start();
    }
    return watcher;
  }

  synchronized void shutdown() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        // closing: nothing waits for it
      }
    }
    lines.shutdown();
  }

  private void serve() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        key.pollEvents();
        key.reset();
        String id = keys.get(key);
        if (id != null) {
          lines.ask(id);
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // the emulator closed
    }
  }

  private void answerAll(String id, Spool sp) {
    try (DirectoryStream<Path> reqs = Files.newDirectoryStream(sp.dir(), "*.req")) {
      for (Path req : reqs) {
        String name = req.getFileName().toString();
        if (!name.matches("[0-9]{1,10}\\.[0-9]{1,20}\\.req")) {
          continue;
        }
        String[] answer;
        try {
          answer = answer(id, sp.sandbox(), read(req));
        } catch (IOException e) {
          answer = new String[] {"32", "ec2-local: unreadable request: " + e.getMessage()};
        }
        Files.deleteIfExists(req);
        write(sp.dir(), name.substring(0, name.length() - 4), answer);
      }
    } catch (IOException e) {
      // the spool went with its sandbox
    }
  }

  /** The request's lines: a regular file, no link followed, 4 KB at most. */
  private static List<String> read(Path req) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(req, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isRegularFile() || a.size() > 4096) {
      throw new IOException("not a request");
    }
    ByteBuffer buf = ByteBuffer.allocate(4097);
    try (SeekableByteChannel c =
        Files.newByteChannel(req, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      while (buf.hasRemaining() && c.read(buf) > 0) {
        // read on
      }
    }
    if (buf.position() > 4096) {
      throw new IOException("too long");
    }
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Writes the answer whole (a new file, renamed over whatever the instance put at its name). */
  private static void write(Path dir, String base, String[] answer) {
    Path part = dir.resolve(base + ".part");
    try {
      Files.deleteIfExists(part);
      Files.writeString(
          part,
          String.join("\n", answer) + "\n",
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      Files.move(part, dir.resolve(base + ".ans"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the instance raced its own request: its shim times out
    }
  }

  /**
   * {status, lines of errors...}; under the instance's lock in {@link BlockDevices}, so a volume
   * cannot be detached (and its loop device pass to another) while its request is answered, except
   * while e2fsck checks a filesystem before its mount: the lock is let go then, and the mount made
   * only if the same loop device of the same volume is still plugged after.
   */
  private String[] answer(String id, Sandbox s, List<String> req) {
    Mount m;
    synchronized (devices.lock(id)) {
      if (req.size() != 5 || !req.get(0).equals("mount")) {
        return answerLocked(id, s, req);
      }
      m = mount(id, s, req.get(1), req.get(2), req.get(3), req.get(4));
    }
    if (m.answer() != null) {
      return m.answer();
    }
    // e2fsck reads the whole filesystem: on no lock, so the instance's attach and detach (and
    // with them its region's calls) never wait for it; a volume detached meanwhile is not mounted
    String[] unsound = m.fsck() ? check(m, FSCK_SECONDS) : null;
    if (unsound != null) {
      return unsound;
    }
    synchronized (devices.lock(id)) {
      if (devices.plugged(id, m.src()) != m.disk() || m.disk().loop != m.loop()) {
        return fail("mount: " + m.src() + " was detached while its filesystem was checked.");
      }
      try {
        helper(s, "volume-mount", m.want(), m.loop().path(), m.target(), m.flags());
        return new String[] {"0"};
      } catch (IOException e) {
        return fail("mount: " + words(e));
      }
    }
  }

  /**
   * A mount request checked under the instance's lock: refused ({@code answer}), or to be made once
   * e2fsck ({@code fsck}) finds its filesystem sound.
   */
  record Mount(
      String[] answer,
      BlockDevices.Disk disk,
      LoopDevice loop,
      String src,
      String target,
      String want,
      String flags,
      boolean fsck) {
    static Mount refused(String[] answer) {
      return new Mount(answer, null, null, null, null, null, null, false);
    }
  }

  /**
   * How long e2fsck may check a filesystem before its mount: less than the shim waits for an answer
   * (120 s), so the instance hears why.
   */
  static final long FSCK_SECONDS = 90;

  /** Whether e2fsck -n finds the filesystem sound (in {@code seconds}): null, else the refusal. */
  static String[] check(Mount m, long seconds) {
    try {
      // the kernel of this machine reads what the instance wrote: only what e2fsck finds sound
      LoopDevice.run(List.of("/usr/sbin/e2fsck", "-n", "-f", m.loop().path()), "e2fsck", seconds);
      return null;
    } catch (LoopDevice.NoAnswer e) {
      return fail(
          "mount: "
              + m.target()
              + ": the check of the filesystem on "
              + m.src()
              + " (e2fsck -n) did not end in "
              + seconds
              + " s; it is not mounted unchecked. Run: sudo e2fsck -f "
              + m.src());
    } catch (IOException e) {
      return fail(
          "mount: "
              + m.target()
              + ": the filesystem on "
              + m.src()
              + " has errors (e2fsck -n found them); run: sudo e2fsck -f "
              + m.src());
    }
  }

  private String[] answerLocked(String id, Sandbox s, List<String> req) {
    if (req.size() == 3 && req.get(0).equals("umount")) {
      return umount(id, s, req.get(1), req.get(2).equals("1"));
    }
    return new String[] {"1", "ec2-local: not a request"};
  }

  private Mount mount(String id, Sandbox s, String src, String dst, String type, String opts) {
    BlockDevices.Disk d = devices.plugged(id, src);
    if (d == null) {
      return Mount.refused(
          fail(
              "mount: "
                  + dst
                  + ": special device "
                  + src
                  + " does not exist (it is no EBS volume attached to this instance)."));
    }
    String target = normal(dst);
    if (target == null) {
      return Mount.refused(fail("mount: " + dst + ": not an absolute path."));
    }
    String found = detect(d.loop.path());
    String want =
        type.isEmpty() || type.equals("auto") ? found : EXT.contains(type) ? "ext4" : type;
    if (!"ext4".equals(want) && !"xfs".equals(want)) {
      return Mount.refused(
          fail(
              want == null
                  ? wrongType(target, src)
                  : "mount: "
                      + target
                      + ": unknown filesystem type '"
                      + type
                      + "' (the emulator mounts ext2, ext3, ext4 and xfs)."));
    }
    if (!want.equals(found)) {
      return Mount.refused(fail(wrongType(target, src)));
    }
    List<String> flags = new ArrayList<>();
    for (String o : opts.isEmpty() ? new String[0] : opts.split(",")) {
      switch (o) {
        case "ro", "noexec", "noatime" -> flags.add(o);
        case "rw",
            "defaults",
            "relatime",
            "nosuid",
            "nodev",
            "exec",
            "auto",
            "noauto",
            "nofail",
            "_netdev",
            "discard",
            "nodiscard",
            "" -> {}
        default -> {
          if (!o.startsWith("x-")) {
            return Mount.refused(
                fail("mount: " + target + ": option " + o + " is not supported here."));
          }
        }
      }
    }
    boolean fsck =
        want.equals("ext4")
            && mountsOf(s, d.loop).isEmpty()
            && Files.isExecutable(Path.of("/usr/sbin/e2fsck"));
    return new Mount(
        null, d, d.loop, src, target, want, flags.isEmpty() ? "-" : String.join(",", flags), fsck);
  }

  private String[] umount(String id, Sandbox s, String target, boolean lazy) {
    BlockDevices.Disk d = devices.plugged(id, target);
    if (d != null) {
      List<String> at = mountsOf(s, d.loop);
      if (at.isEmpty()) {
        return fail("umount: " + target + ": not mounted.");
      }
      for (String m : at) {
        String failed = unmount(s, m, d.loop, lazy);
        if (failed != null) {
          return fail("umount: " + failed);
        }
      }
      return new String[] {"0"};
    }
    String path = normal(target);
    if (path == null) {
      return new String[] {Integer.toString(NOT_OURS)};
    }
    String top = null;
    for (String[] m : mountinfo(s)) {
      if (m[1].equals(path)) {
        top = m[0];
      }
    }
    for (LoopDevice l : devices.loops(id)) {
      if (l.numbers().equals(top)) {
        String failed = unmount(s, path, l, lazy);
        return failed == null ? new String[] {"0"} : fail("umount: " + failed);
      }
    }
    return new String[] {Integer.toString(NOT_OURS)};
  }

  /** Unmounts the volume on {@code loop} at {@code at} inside: null, or why not. */
  String unmount(Sandbox s, String at, LoopDevice loop, boolean lazy) {
    try {
      helper(
          s,
          "volume-umount",
          at,
          Integer.toString(loop.major()),
          Integer.toString(loop.minor()),
          lazy ? "1" : "0");
      return null;
    } catch (IOException e) {
      return words(e);
    }
  }

  /** Runs {@link Sandbox#HELPER}'s {@code command} on the sandbox with {@code args}. */
  static void helper(Sandbox s, String command, String... args) throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(s.helperPath().toString(), command, Long.toString(s.initPid()), s.initStart()));
    argv.addAll(List.of(args));
    LoopDevice.run(argv, command);
  }

  /** Where inside the volume on {@code loop} is mounted, the latest first. */
  List<String> mountsOf(Sandbox s, LoopDevice loop) {
    List<String> at = new ArrayList<>();
    for (String[] m : mountinfo(s)) {
      if (m[0].equals(loop.numbers())) {
        at.add(m[1]);
      }
    }
    Collections.reverse(at);
    return at;
  }

  /** The sandbox's mounts as {device numbers, mount point}, in mountinfo's order. */
  private static List<String[]> mountinfo(Sandbox s) {
    List<String[]> out = new ArrayList<>();
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(s.initPid()), "mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4) {
          out.add(new String[] {f[2], unescape(f[4])});
        }
      }
    } catch (IOException e) {
      // the sandbox is gone: nothing is mounted in it
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** An absolute path without "." and ".." steps or doubled slashes, or null. */
  private static String normal(String p) {
    try {
      Path n = Path.of(p).normalize();
      return n.isAbsolute() && !n.toString().contains("..") ? n.toString() : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /** The filesystem on the device by its superblock: ext4 (ext2/3/4's magic), xfs, or null. */
  private static String detect(String device) {
    byte[] b = new byte[2048];
    int n = 0;
    try (InputStream in = Files.newInputStream(Path.of(device))) {
      for (int r; n < b.length && (r = in.read(b, n, b.length - n)) > 0; ) {
        n += r;
      }
    } catch (IOException e) {
      return null;
    }
    if (n >= 4 && b[0] == 'X' && b[1] == 'F' && b[2] == 'S' && b[3] == 'B') {
      return "xfs";
    }
    return n > 1081 && (b[1080] & 0xff) == 0x53 && (b[1081] & 0xff) == 0xef ? "ext4" : null;
  }

  private static String wrongType(String target, String src) {
    return "mount: "
        + target
        + ": wrong fs type, bad option, bad superblock on "
        + src
        + ", missing codepage or helper program, or other error.";
  }

  /** The helper's words for the instance's user, without its name. */
  private static String words(IOException e) {
    String m = e.getMessage() == null ? "failed" : e.getMessage();
    return m.startsWith("sandbox-enter: ") ? m.substring("sandbox-enter: ".length()) : m;
  }

  private static String[] fail(String message) {
    return new String[] {"32", message};
  }
}
