package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public images of a region: a few realistic Linux images from Amazon, Canonical and Debian,
 * x86_64 and arm64, and the manual's own paravirtual Fedora 8 image with its kernel and ramdisk.
 * Ids are derived from the region and name, so they are the same on every run.
 */
final class ImageCatalog {
  static final String AMAZON = "137112412989";
  static final String CANONICAL = "099720109477";
  static final String DEBIAN = "136693071363";

  private ImageCatalog() {}

  static Map<String, ImageRecord> forRegion(String region) {
    Instant created = Instant.parse("2024-11-21T00:00:00Z");
    List<ImageRecord> images = new ArrayList<>();
    String aki = ResourceIds.stable("aki-", region, "kernel");
    String ari = ResourceIds.stable("ari-", region, "ramdisk");
    images.add(
        kernelOrRamdisk(
            aki,
            "kernel",
            "ec2-public-images/vmlinuz-2.6.21.7-2.fc8xen.x86_64.manifest.xml",
            created));
    images.add(
        kernelOrRamdisk(
            ari,
            "ramdisk",
            "ec2-public-images/initrd-2.6.21.7-2.fc8xen.x86_64.manifest.xml",
            created));
    images.add(
        new ImageRecord(
            ResourceIds.stable("ami-", region, "fedora-8-x86_64"),
            "fedora-8-x86_64-base-v1.07",
            "Fedora 8 base image (the manual's)",
            "ec2-public-images/fedora-8-x86_64-base-v1.07.manifest.xml",
            AMAZON,
            "amazon",
            true,
            "x86_64",
            "machine",
            aki,
            ari,
            "instance-store",
            null,
            "paravirtual",
            "Linux/UNIX",
            List.of(new ImageRecord.Device("sdb", "ephemeral0", null, 0, null, false, false)),
            "root",
            created,
            Set.of(),
            null));
    images.add(
        ebs(
            region,
            "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64",
            "Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1",
            AMAZON,
            "amazon",
            "x86_64",
            "/dev/xvda",
            8,
            "ec2-user",
            created));
    images.add(
        ebs(
            region,
            "al2023-ami-2023.6.20241121.0-kernel-6.1-arm64",
            "Amazon Linux 2023 AMI 2023.6.20241121.0 arm64 HVM kernel-6.1",
            AMAZON,
            "amazon",
            "arm64",
            "/dev/xvda",
            8,
            "ec2-user",
            created));
    images.add(
        ebs(
            region,
            "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2",
            "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 x86_64 HVM gp2",
            AMAZON,
            "amazon",
            "x86_64",
            "/dev/xvda",
            8,
            "ec2-user",
            created));
    images.add(
        ebs(
            region,
            "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119",
            "Canonical, Ubuntu, 24.04, amd64 noble image",
            CANONICAL,
            null,
            "x86_64",
            "/dev/sda1",
            8,
            "ubuntu",
            created));
    images.add(
        ebs(
            region,
            "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20241119",
            "Canonical, Ubuntu, 24.04, arm64 noble image",
            CANONICAL,
            null,
            "arm64",
            "/dev/sda1",
            8,
            "ubuntu",
            created));
    images.add(
        ebs(
            region,
            "debian-12-amd64-20241125-1942",
            "Debian 12 (20241125-1942)",
            DEBIAN,
            null,
            "x86_64",
            "/dev/xvda",
            8,
            "admin",
            created));
    Map<String, ImageRecord> out = new LinkedHashMap<>();
    for (ImageRecord i : images) {
      out.put(i.id, i);
    }
    return out;
  }

  private static ImageRecord ebs(
      String region,
      String name,
      String description,
      String owner,
      String alias,
      String arch,
      String root,
      int size,
      String user,
      Instant created) {
    String snapshot = ResourceIds.stable("snap-", region, name);
    return new ImageRecord(
        ResourceIds.stable("ami-", region, name),
        name,
        description,
        (alias != null ? alias : owner) + "/" + name,
        owner,
        alias,
        true,
        arch,
        "machine",
        null,
        null,
        "ebs",
        root,
        "hvm",
        "Linux/UNIX",
        List.of(new ImageRecord.Device(root, null, snapshot, size, "gp3", true, false)),
        user,
        created,
        Set.of(),
        null);
  }

  private static ImageRecord kernelOrRamdisk(
      String id, String type, String location, Instant created) {
    return new ImageRecord(
        id,
        null,
        null,
        location,
        AMAZON,
        "amazon",
        true,
        "x86_64",
        type,
        null,
        null,
        "instance-store",
        null,
        "paravirtual",
        null,
        List.of(),
        null,
        created,
        Set.of(),
        null);
  }
}
