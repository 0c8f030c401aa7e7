package dev.ec2kit;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Ec2#registerImage(ImageRegistration)} registers: the manual's S3 manifest form, or
 * today's EBS form (a root device name and block device mappings). A name is required by EC2.
 *
 * <pre>{@code
 * ImageRegistration.fromManifest("my-bucket/image.manifest.xml", "my-image").build()
 * ImageRegistration.ebs("my-image", "/dev/xvda").blockDevice(BlockDeviceMapping.ebs("/dev/xvda", "snap-...", 8)).build()
 * }</pre>
 */
public final class ImageRegistration {
  private final String name;
  private final String imageLocation;
  private final String description;
  private final String architecture;
  private final String rootDeviceName;
  private final String kernelId;
  private final String ramdiskId;
  private final String virtualizationType;
  private final List<BlockDeviceMapping> blockDeviceMappings;

  private ImageRegistration(Builder b) {
    name = b.name;
    imageLocation = b.imageLocation;
    description = b.description;
    architecture = b.architecture;
    rootDeviceName = b.rootDeviceName;
    kernelId = b.kernelId;
    ramdiskId = b.ramdiskId;
    virtualizationType = b.virtualizationType;
    blockDeviceMappings = List.copyOf(b.blockDeviceMappings);
  }

  /** An instance-store image from its manifest in S3 ({@code bucket/path.manifest.xml}). */
  public static Builder fromManifest(String manifest, String name) {
    Builder b = new Builder(name);
    if (manifest == null || manifest.isBlank()) {
      throw new IllegalArgumentException(
          "manifest must be the S3 path of the image manifest, such as my-bucket/image.manifest.xml");
    }
    b.imageLocation = manifest;
    return b;
  }

  /** An EBS-backed image whose root is {@code rootDeviceName}; add its block devices. */
  public static Builder ebs(String name, String rootDeviceName) {
    Builder b = new Builder(name);
    if (rootDeviceName == null || !rootDeviceName.startsWith("/dev/")) {
      throw new IllegalArgumentException(
          "rootDeviceName must be a device such as /dev/xvda, got '" + rootDeviceName + "'");
    }
    b.rootDeviceName = rootDeviceName;
    return b;
  }

  public String name() {
    return name;
  }

  public String imageLocation() {
    return imageLocation;
  }

  public String description() {
    return description;
  }

  public String architecture() {
    return architecture;
  }

  public String rootDeviceName() {
    return rootDeviceName;
  }

  public String kernelId() {
    return kernelId;
  }

  public String ramdiskId() {
    return ramdiskId;
  }

  public String virtualizationType() {
    return virtualizationType;
  }

  public List<BlockDeviceMapping> blockDeviceMappings() {
    return blockDeviceMappings;
  }

  /** Builds an {@link ImageRegistration}. */
  public static final class Builder {
    private final String name;
    private String imageLocation;
    private String description;
    private String architecture;
    private String rootDeviceName;
    private String kernelId;
    private String ramdiskId;
    private String virtualizationType;
    private final List<BlockDeviceMapping> blockDeviceMappings = new ArrayList<>();

    private Builder(String name) {
      if (name == null || !name.matches("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}")) {
        throw new IllegalArgumentException(
            "image name '" + name + "' must be 3 to 128 letters, digits, spaces or ()[]./-'@_");
      }
      this.name = name;
    }

    public Builder description(String value) {
      if (value != null && value.length() > 255) {
        throw new IllegalArgumentException("description takes at most 255 characters");
      }
      this.description = value;
      return this;
    }

    /** {@code x86_64}, {@code arm64} or {@code i386}. */
    public Builder architecture(String value) {
      if (!List.of("x86_64", "arm64", "i386", "x86_64_mac", "arm64_mac").contains(value)) {
        throw new IllegalArgumentException(
            "architecture must be x86_64, arm64 or i386, got '" + value + "'");
      }
      this.architecture = value;
      return this;
    }

    public Builder kernelId(String value) {
      this.kernelId = Ids.check("kernelId", value, "aki-");
      return this;
    }

    public Builder ramdiskId(String value) {
      this.ramdiskId = Ids.check("ramdiskId", value, "ari-");
      return this;
    }

    /** {@code hvm} or {@code paravirtual}. */
    public Builder virtualizationType(String value) {
      if (!List.of("hvm", "paravirtual").contains(value)) {
        throw new IllegalArgumentException(
            "virtualizationType must be hvm or paravirtual, got '" + value + "'");
      }
      this.virtualizationType = value;
      return this;
    }

    public Builder blockDevice(BlockDeviceMapping mapping) {
      blockDeviceMappings.add(java.util.Objects.requireNonNull(mapping, "mapping"));
      return this;
    }

    public ImageRegistration build() {
      if (rootDeviceName != null
          && blockDeviceMappings.stream()
              .noneMatch(m -> m.deviceName().equals(rootDeviceName) && m.snapshotId() != null)) {
        throw new IllegalArgumentException(
            "an EBS image needs a block device for its root "
                + rootDeviceName
                + " with a snapshot: add blockDevice(BlockDeviceMapping.ebs(\""
                + rootDeviceName
                + "\", \"snap-...\", 0))");
      }
      return new ImageRegistration(this);
    }
  }
}
