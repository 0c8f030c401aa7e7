package dev.ec2kit.local.internal.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A directory where an emulator keeps its world across restarts and crashes ({@code ec2 local
 * --state DIR}). Each part of the world is one file, replaced whole by an atomic snapshot: written
 * to a temporary file, forced to disk, renamed over the old one, and the directory forced too, so a
 * crash at any moment leaves either the old file or the new one, never half of one. A temporary
 * file a crash left behind is ignored and removed at the next start.
 *
 * <p>The directory is the emulator's alone while it runs (a lock file, held for its life: the
 * operating system lets it go when the process dies, even by SIGKILL), made with 0700 permissions
 * and its files 0600, since they hold instances' host keys. A directory written by another format,
 * or whose classes no longer match this version's, is refused with a message naming it, never
 * started empty.
 *
 * <p>Layout: {@code FORMAT} (the format's name and number), {@code lock}, {@code world/NAME.state}
 * (each account and region's records), {@code instances/} (the instances' disks: sandboxes'
 * writable layers and images' layers), {@code volumes/} (EBS volumes' data).
 */
public final class StateDirectory implements AutoCloseable {
  /**
   * The format's number: raise it when a change to the records makes old files unreadable (2: a
   * region's client tokens keep forgotten instances as their answers, no longer as records).
   */
  static final int FORMAT = 2;

  static final String FORMAT_LINE = "ec2kit ec2-local state, format " + FORMAT + "\n";
  private static final byte[] MAGIC = "EC2KITST".getBytes(StandardCharsets.US_ASCII);
  private static final String SUFFIX = ".state";
  private static final String TEMPORARY = ".tmp";

  /** Only the emulator's records, the JDK's collections, times and keys are read back. */
  private static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=200;maxrefs=50000000;dev.ec2kit.local.**;dev.ec2kit.*;java.**;sun.security.**;!*");

  private final Path root;
  private final Path world;
  private final FileChannel lockFile;
  private final FileLock lock;

  private StateDirectory(Path root, FileChannel lockFile, FileLock lock) {
    this.root = root;
    this.world = root.resolve("world");
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Opens (making it where it is missing) a state directory for one emulator.
   *
   * @throws IllegalStateException when another emulator holds it, or it is not one of this format's
   *     (the message names the directory and what to do)
   * @throws UncheckedIOException when it cannot be made or read
   */
  public static StateDirectory open(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    try {
      boolean fresh = !Files.exists(root) || isEmptyDirectory(root);
      if (!fresh) {
        checkFormat(root);
      }
      Files.createDirectories(root);
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      FileChannel channel =
          FileChannel.open(
              root.resolve("lock"),
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "the state directory "
                + root
                + " is in use by another emulator (its lock file is held); stop that one, or"
                + " give this one another --state directory");
      }
      StateDirectory d = new StateDirectory(root, channel, lock);
      if (fresh) {
        d.write(root.resolve("FORMAT"), FORMAT_LINE.getBytes(StandardCharsets.US_ASCII));
      }
      for (String part : new String[] {"world", "instances", "volumes"}) {
        Path p = Files.createDirectories(root.resolve(part));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the state directory " + root, e);
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  private static void checkFormat(Path root) throws IOException {
    Path format = root.resolve("FORMAT");
    if (!Files.isDirectory(root) || !Files.isRegularFile(format)) {
      throw new IllegalStateException(
          root
              + " is not an emulator's state directory (it is not empty and has no FORMAT file);"
              + " give --state an empty or new directory");
    }
    String found = Files.readString(format, StandardCharsets.US_ASCII);
    if (!found.equals(FORMAT_LINE)) {
      throw incompatible(root, "its FORMAT says '" + found.strip() + "'", null);
    }
  }

  private static IllegalStateException incompatible(Path root, String why, Exception cause) {
    return new IllegalStateException(
        "the state directory "
            + root
            + " was written by an incompatible version of ec2-local ("
            + why
            + "; this version reads '"
            + FORMAT_LINE.strip()
            + "'): start with another --state directory, or move this one away",
        cause);
  }

  /** The directory itself. */
  public Path root() {
    return root;
  }

  /** Where instances' disks live: the sandboxes' root (writable layers, images' layers). */
  public Path instances() {
    return root.resolve("instances");
  }

  /** Where EBS volumes' data lives. */
  public Path volumes() {
    return root.resolve("volumes");
  }

  /**
   * Every part saved so far, by name, each as it was last saved whole.
   *
   * @throws IllegalStateException when a file is damaged or written by an incompatible version
   */
  public Map<String, Object> load() {
    Map<String, Object> parts = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(world)) {
      for (Path f : files) {
        String file = f.getFileName().toString();
        if (file.endsWith(TEMPORARY)) {
          Files.delete(f); // a snapshot a crash interrupted; the file it was to replace is whole
        } else if (file.endsWith(SUFFIX)) {
          parts.put(file.substring(0, file.length() - SUFFIX.length()), read(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state directory " + root, e);
    }
    return parts;
  }

  private Object read(Path f) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
    byte[] magic = new byte[MAGIC.length];
    if (b.remaining() < MAGIC.length + 16) {
      throw damaged(f, "shorter than its header");
    }
    b.get(magic);
    int format = b.getInt();
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw damaged(f, "not a state file");
    }
    if (format != FORMAT) {
      throw incompatible(root, f.getFileName() + " is of format " + format, null);
    }
    int length = b.getInt();
    long crc = b.getLong();
    if (length != b.remaining()) {
      throw damaged(f, "its length is not the one its header gives");
    }
    CRC32 check = new CRC32();
    check.update(b.array(), b.position(), length);
    if (check.getValue() != crc) {
      throw damaged(f, "its checksum does not match");
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(b.array(), b.position(), length))) {
      in.setObjectInputFilter(FILTER);
      return in.readObject();
    } catch (InvalidClassException e) {
      throw incompatible(root, f.getFileName() + ": " + e.getMessage(), e);
    } catch (ClassNotFoundException | ObjectStreamException | ClassCastException e) {
      throw incompatible(root, f.getFileName() + ": " + e, e);
    }
  }

  private IllegalStateException damaged(Path f, String why) {
    return new IllegalStateException(
        "the state file "
            + f
            + " is damaged ("
            + why
            + "); the emulator never leaves one so (it replaces files whole), so something else"
            + " changed it: restore it, or start with another --state directory");
  }

  /**
   * Saves a part whole, durably: when this returns, the part is on disk and a crash at any moment
   * before left the previous save whole.
   */
  public void save(String name, Serializable part) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("not a name for a state file: " + name);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(part);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the state of " + name, e);
    }
    byte[] payload = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer file = ByteBuffer.allocate(MAGIC.length + 16 + payload.length);
    file.put(MAGIC).putInt(FORMAT).putInt(payload.length).putLong(crc.getValue()).put(payload);
    try {
      write(world.resolve(name + SUFFIX), file.array());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the state of " + name + " in " + root, e);
    }
  }

  /** Temporary file, forced; renamed over {@code target}; the directory forced. */
  private static void write(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + TEMPORARY);
    try (FileChannel c =
        FileChannel.open(
            tmp,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        c.write(b);
      }
      c.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("this file system cannot rename files atomically", e);
    }
    try (FileChannel d = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** Lets the directory go (another emulator may open it). */
  @Override
  public void close() {
    try {
      lock.release();
      lockFile.close();
    } catch (IOException e) {
      // the process ending lets the lock go as well
    }
  }
}
