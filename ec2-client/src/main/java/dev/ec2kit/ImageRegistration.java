package dev.ec2kit;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Images#register(ImageRegistration)} registers: the manual's S3 manifest form, or
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

  /**
   * An instance-store image from its manifest in S3, the manual's form.
   *
   * @param manifest the manifest's S3 path, {@code bucket/path.manifest.xml}
   * @param name the image's name: 3 to 128 letters, digits, spaces or {@code ()[]./-'@_}
   * @return a builder for the rest
   * @throws IllegalArgumentException when the name is not of that form or the manifest is blank
   */
  public static Builder fromManifest(String manifest, String name) {
    Builder b = new Builder(name);
    if (manifest == null || manifest.isBlank()) {
      throw new IllegalArgumentException(
          "manifest must be the S3 path of the image manifest, such as my-bucket/image.manifest.xml");
    }
    b.imageLocation = manifest;
    return b;
  }

  /**
   * An EBS-backed image whose root is {@code rootDeviceName}; add its block devices, the root's
   * with a snapshot.
   *
   * @param name the image's name: 3 to 128 letters, digits, spaces or {@code ()[]./-'@_}
   * @param rootDeviceName the root device, such as {@code /dev/xvda}
   * @return a builder for the rest
   * @throws IllegalArgumentException when the name is not of that form or the root device does not
   *     start with {@code /dev/}
   */
  public static Builder ebs(String name, String rootDeviceName) {
    Builder b = new Builder(name);
    if (rootDeviceName == null || !rootDeviceName.startsWith("/dev/")) {
      throw new IllegalArgumentException(
          "rootDeviceName must be a device such as /dev/xvda, got '" + rootDeviceName + "'");
    }
    b.rootDeviceName = rootDeviceName;
    return b;
  }

  /**
   * The image's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The manifest's S3 path, for an instance-store image.
   *
   * @return the path, or {@code null} for an EBS image
   */
  public String imageLocation() {
    return imageLocation;
  }

  /**
   * The image's description.
   *
   * @return the description, or {@code null} when none was given
   */
  public String description() {
    return description;
  }

  /**
   * The image's architecture.
   *
   * @return such as {@code x86_64}, or {@code null} when none was given (EC2's default applies)
   */
  public String architecture() {
    return architecture;
  }

  /**
   * The root device of an EBS image.
   *
   * @return such as {@code /dev/xvda}, or {@code null} for an instance-store image
   */
  public String rootDeviceName() {
    return rootDeviceName;
  }

  /**
   * The kernel image of a paravirtual image.
   *
   * @return its id ({@code aki-...}), or {@code null} when none was given
   */
  public String kernelId() {
    return kernelId;
  }

  /**
   * The ramdisk image.
   *
   * @return its id ({@code ari-...}), or {@code null} when none was given
   */
  public String ramdiskId() {
    return ramdiskId;
  }

  /**
   * The virtualization type.
   *
   * @return {@code hvm} or {@code paravirtual}, or {@code null} when none was given
   */
  public String virtualizationType() {
    return virtualizationType;
  }

  /**
   * The block devices to register.
   *
   * @return the mappings in the order given, unmodifiable
   */
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

    /**
     * The image's description.
     *
     * @param value at most 255 characters, or {@code null}
     * @return this builder
     * @throws IllegalArgumentException when it is longer
     */
    public Builder description(String value) {
      if (value != null && value.length() > 255) {
        throw new IllegalArgumentException("description takes at most 255 characters");
      }
      this.description = value;
      return this;
    }

    /**
     * The image's architecture.
     *
     * @param value {@code x86_64}, {@code arm64} or {@code i386} (or {@code x86_64_mac}, {@code
     *     arm64_mac})
     * @return this builder
     * @throws IllegalArgumentException when it is none of these
     */
    public Builder architecture(String value) {
      if (!List.of("x86_64", "arm64", "i386", "x86_64_mac", "arm64_mac").contains(value)) {
        throw new IllegalArgumentException(
            "architecture must be x86_64, arm64 or i386, got '" + value + "'");
      }
      this.architecture = value;
      return this;
    }

    /**
     * The kernel image of a paravirtual image.
     *
     * @param value an id such as {@code aki-0123456789abcdef0}
     * @return this builder
     * @throws IllegalArgumentException when it is not {@code aki-} and 8 or 17 hex digits
     */
    public Builder kernelId(String value) {
      this.kernelId = Ids.check("kernelId", value, "aki-");
      return this;
    }

    /**
     * The ramdisk image.
     *
     * @param value an id such as {@code ari-0123456789abcdef0}
     * @return this builder
     * @throws IllegalArgumentException when it is not {@code ari-} and 8 or 17 hex digits
     */
    public Builder ramdiskId(String value) {
      this.ramdiskId = Ids.check("ramdiskId", value, "ari-");
      return this;
    }

    /**
     * The virtualization type.
     *
     * @param value {@code hvm} or {@code paravirtual}
     * @return this builder
     * @throws IllegalArgumentException when it is neither
     */
    public Builder virtualizationType(String value) {
      if (!List.of("hvm", "paravirtual").contains(value)) {
        throw new IllegalArgumentException(
            "virtualizationType must be hvm or paravirtual, got '" + value + "'");
      }
      this.virtualizationType = value;
      return this;
    }

    /**
     * Adds a block device.
     *
     * @param mapping the device, such as {@code BlockDeviceMapping.ebs("/dev/xvda", "snap-...", 8)}
     * @return this builder
     * @throws NullPointerException when {@code mapping} is null
     */
    public Builder blockDevice(BlockDeviceMapping mapping) {
      blockDeviceMappings.add(java.util.Objects.requireNonNull(mapping, "mapping"));
      return this;
    }

    /**
     * Builds the registration.
     *
     * @return the registration
     * @throws IllegalArgumentException when an EBS image has no block device with a snapshot for
     *     its root device
     */
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
