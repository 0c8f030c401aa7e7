package dev.ec2kit.local.internal.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Images' layers under {@code root/.layers}: a public image's layer per user ({@code IMAGE-USER},
 * made at the first boot of one of its instances), what CreateImage captured of an instance ({@code
 * IMAGE.captured} over the image named in {@code IMAGE.parent}), and CopyImage's copies ({@code
 * IMAGE.alias}: the source's layers, which never change once made).
 */
final class Layers {
  private Layers() {}

  /** How long a disk's copy may take. */
  private static final long COPY_SECONDS = 3600;

  /**
   * A copy that nothing the instance left in its disk can lead out of: {@code cp -a} chrooted into
   * a tree of its own (a tmpfs in a mount namespace of its own) that holds only this machine's
   * programs (read-only), the disk (read-only, at {@code /src}) and the new layer ({@code /dst}),
   * so a link, even one swapped in mid-copy, resolves inside that tree, never to this machine's
   * files. Arguments: the disk, the new layer, an empty directory for the tree.
   */
  static final String CONFINED_COPY =
      """
      set -eu
      src=$1 dst=$2 jail=$3
      mount -t tmpfs -o mode=700 tmpfs "$jail"
      cd "$jail"
      for d in %s; do
        if [ -L "/$d" ]; then
          ln -s "$(readlink "/$d")" "$d"
        elif [ -d "/$d" ]; then
          mkdir "$d"
          mount --bind "/$d" "$d"
          mount -o remount,bind,ro "$d"
        fi
      done
      mkdir src dst
      mount --bind "$src" src
      mount -o remount,bind,ro src
      mount --bind "$dst" dst
      exec chroot "$jail" /bin/cp -a /src/. /dst/
      """
          .formatted(Scripts.PROGRAM_DIRS);

  /**
   * An image's lower layers for its user, highest first, as overlayfs takes them: what CreateImage
   * captured of an instance over its source image's layers, down to a public image's layer (made
   * here when missing, under {@code lock} of its path).
   */
  static String of(Path root, String imageId, String user, Function<String, Object> lock)
      throws IOException {
    Path layers = root.resolve(".layers");
    Path alias = layers.resolve(Sandboxes.safe(imageId) + ".alias");
    if (Files.isRegularFile(alias)) {
      return of(root, Files.readString(alias).strip(), user, lock);
    }
    Path captured = layers.resolve(imageId + ".captured");
    Path parent = layers.resolve(imageId + ".parent");
    if (Files.isDirectory(captured) && Files.exists(parent)) {
      return captured + ":" + of(root, Files.readString(parent).strip(), user, lock);
    }
    Path layer = layers.resolve(imageId + "-" + user);
    synchronized (lock.apply(layer.toString())) {
      if (!Files.isDirectory(layer)) {
        Files.createDirectories(layers);
        Probe.run(
            List.of(
                "/bin/sh", "-c", Scripts.IMAGE_LAYER, "ec2-local-layer", layer.toString(), user),
            "the layer of image " + imageId);
      }
    }
    return layer.toString();
  }

  /**
   * The writable layer of the instance in {@code instanceDir} copied (whiteouts and all, as
   * overlayfs keeps them) through {@link #CONFINED_COPY} as the layer of {@code imageId} over
   * {@code sourceImageId}'s; whole or not at all.
   */
  static void capture(Path root, Path instanceDir, String sourceImageId, String imageId)
      throws IOException {
    Path layers = Files.createDirectories(root.resolve(".layers"));
    Path upper = Files.createDirectories(instanceDir.resolve("upper"));
    String id = Sandboxes.safe(imageId);
    Path tmp = layers.resolve(id + ".captured.tmp");
    Path jail = layers.resolve(id + ".jail");
    Sandboxes.deleteTree(tmp);
    Files.createDirectories(tmp);
    Files.createDirectories(jail);
    try {
      List<String> argv = new ArrayList<>(Scripts.UNSHARE);
      argv.addAll(
          List.of(
              "/bin/sh",
              "-c",
              CONFINED_COPY,
              "ec2-local-capture",
              upper.toString(),
              tmp.toString(),
              jail.toString()));
      Probe.run(argv, "the disk of " + instanceDir.getFileName(), COPY_SECONDS);
      Files.writeString(layers.resolve(id + ".parent"), Sandboxes.safe(sourceImageId) + "\n");
      Files.move(tmp, layers.resolve(id + ".captured"), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Sandboxes.deleteTree(tmp);
      Sandboxes.deleteTree(jail);
    }
  }

  /** CopyImage: {@code imageId}'s layers are {@code sourceImageId}'s. */
  static void copy(Path root, String sourceImageId, String imageId) throws IOException {
    Path layers = Files.createDirectories(root.resolve(".layers"));
    Files.writeString(
        layers.resolve(Sandboxes.safe(imageId) + ".alias"), Sandboxes.safe(sourceImageId) + "\n");
  }
}
