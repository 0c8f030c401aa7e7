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
    PENDING,
    AVAILABLE,
    INVALID,
    DEREGISTERED,
    TRANSIENT,
    FAILED,
    ERROR,
    DISABLED;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromName(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return apiName();
    }
  }

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
