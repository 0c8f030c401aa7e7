package dev.ec2kit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An Amazon Machine Image, with every slot of the manual's {@code ec2-image} (id, location, state,
 * owner id, public, architecture, type, kernel id, ramdisk id) and what EC2 returns today. Absent
 * text parts are {@code null}.
 *
 * <pre>{@code
 * for (Image i : ec2.images().describe(ImageQuery.builder().owners("self").build())) {
 *   System.out.println(i.imageId() + " " + i.name() + " " + i.state());
 * }
 * }</pre>
 *
 * @param imageId the image's id, such as {@code ami-0123456789abcdef0}
 * @param name the name given at registration
 * @param description the description given at registration
 * @param imageLocation where the image was registered from (an S3 manifest, or owner/name)
 * @param state the image's state ({@link State#AVAILABLE} when EC2 does not say)
 * @param ownerId the owner's account id
 * @param imageOwnerAlias the owner's alias, such as {@code amazon}, or {@code null} for an account
 * @param isPublic whether every account may launch it
 * @param architecture {@code x86_64}, {@code arm64}, {@code i386}...
 * @param imageType {@code machine}, {@code kernel} or {@code ramdisk}
 * @param platform {@code windows} for Windows images, else {@code null}
 * @param kernelId the kernel image ({@code aki-...}) of a paravirtual image, or {@code null}
 * @param ramdiskId the ramdisk image ({@code ari-...}), or {@code null}
 * @param rootDeviceType {@code ebs} or {@code instance-store}
 * @param rootDeviceName the root device's name, such as {@code /dev/xvda}
 * @param virtualizationType {@code hvm} or {@code paravirtual}
 * @param creationDate when the image was created, or {@code null}
 * @param blockDeviceMappings the devices an instance of it starts with
 * @param tags the image's tags, key to value
 */
public record Image(
    String imageId,
    String name,
    String description,
    String imageLocation,
    State state,
    String ownerId,
    String imageOwnerAlias,
    boolean isPublic,
    String architecture,
    String imageType,
    String platform,
    String kernelId,
    String ramdiskId,
    String rootDeviceType,
    String rootDeviceName,
    String virtualizationType,
    Instant creationDate,
    List<BlockDeviceMapping> blockDeviceMappings,
    Map<String, String> tags) {

  /** An image's state, as EC2 names it. */
  public enum State {
    /** Being registered or copied: {@code pending}. */
    PENDING,
    /** Ready to launch: {@code available}. */
    AVAILABLE,
    /** {@code invalid}. */
    INVALID,
    /** Deregistered; EC2 lists it for a while longer: {@code deregistered}. */
    DEREGISTERED,
    /** {@code transient}. */
    TRANSIENT,
    /** Registration or copy failed: {@code failed}. */
    FAILED,
    /** {@code error}. */
    ERROR,
    /** Disabled by its owner, so that it cannot be launched: {@code disabled}. */
    DISABLED;

    /**
     * The state's name as EC2 writes it.
     *
     * @return the lower-case name, such as {@code available}
     */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state EC2 names so; case and surrounding spaces do not matter.
     *
     * @param name the name as EC2 writes it, such as {@code available}
     * @return the state of that name
     * @throws IllegalArgumentException when no state has that name
     * @throws NullPointerException when {@code name} is null
     */
    public static State fromName(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return apiName();
    }
  }

  /**
   * Checks that the id and state are given and copies the lists.
   *
   * @param imageId the image's id; required
   * @param name its name
   * @param description its description
   * @param imageLocation where it was registered from
   * @param state its state; required
   * @param ownerId the owner's account id
   * @param imageOwnerAlias the owner's alias
   * @param isPublic whether every account may launch it
   * @param architecture its architecture
   * @param imageType its type
   * @param platform its platform
   * @param kernelId its kernel image
   * @param ramdiskId its ramdisk image
   * @param rootDeviceType its root device type
   * @param rootDeviceName its root device's name
   * @param virtualizationType its virtualization type
   * @param creationDate when it was created
   * @param blockDeviceMappings its devices; copied
   * @param tags its tags; copied
   * @throws NullPointerException when {@code imageId}, {@code state}, {@code blockDeviceMappings}
   *     or {@code tags} is null
   */
  public Image {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(state, "state");
    blockDeviceMappings = List.copyOf(blockDeviceMappings);
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return "Image["
        + imageId
        + " "
        + state
        + " "
        + (imageOwnerAlias != null ? imageOwnerAlias : ownerId)
        + " "
        + architecture
        + " "
        + (name != null ? name : imageLocation)
        + "]";
  }
}
