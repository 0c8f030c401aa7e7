package dev.ec2kit;

import dev.ec2kit.internal.areas.ImageCalls;
import java.util.List;
import java.util.Objects;

/**
 * The machine images (the manual's section 4.0: {@code describe-images}, {@code register-image},
 * {@code deregister-image}, {@code copy-image}), reached with {@link Ec2#images()}.
 *
 * <pre>{@code
 * List<Image> al2023 = ec2.images().describe(
 *     ImageQuery.builder().owners("amazon").filter("name", "al2023-ami-*").build());
 * String copy = ec2.images().copy("us-west-2", "ami-0123456789abcdef0", "my-copy");
 * }</pre>
 *
 * <p>Thread-safe; calls as the client's identity, in its region.
 */
public final class Images {
  private final Identity identity;
  private final ImageCalls calls;

  Images(Identity identity, ImageCalls calls) {
    this.identity = identity;
    this.calls = calls;
  }

  /**
   * Every image the account may launch (thousands on EC2: narrow it with an {@link ImageQuery}).
   *
   * @return the images, across every page
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Image> describe() {
    return describe(ImageQuery.all());
  }

  /**
   * The manual's {@code describe-images} with {@code image-id}, {@code owner}, {@code
   * executable-by}, and filters, across every page.
   *
   * <pre>{@code
   * ec2.images().describe(ImageQuery.builder().owners("amazon").filter("name", "al2023-ami-*").build())
   * }</pre>
   *
   * @param query which images
   * @return the images
   * @throws NullPointerException when {@code query} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIID.NotFound} for an id it does not know)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Image> describe(ImageQuery query) {
    return calls.describeImages(identity, Objects.requireNonNull(query, "query"));
  }

  /**
   * The image with this id, or empty when EC2 lists none (an image that is not visible to this
   * account); an id EC2 does not know at all is its {@code InvalidAMIID.NotFound} error.
   *
   * @param imageId the image's id ({@code ami-}, {@code aki-} or {@code ari-})
   * @return the image, or empty
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public java.util.Optional<Image> find(String imageId) {
    return describe(ImageQuery.builder().imageIds(imageId).build()).stream().findFirst();
  }

  /**
   * Registers an image (the manual's {@code register-image}).
   *
   * @param registration the manifest or the EBS root and devices, and the name
   * @return the new image's id
   * @throws NullPointerException when {@code registration} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIName.Duplicate})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have registered it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String register(ImageRegistration registration) {
    return calls.registerImage(identity, Objects.requireNonNull(registration, "registration"));
  }

  /**
   * Deregisters one of the account's images (the manual's {@code deregister-image}); its snapshots
   * stay.
   *
   * @param imageId the image's id ({@code ami-}, {@code aki-} or {@code ari-})
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidAMIID.NotFound})
   * @throws UnknownOutcomeException when the answer was lost after the call was sent: EC2 may or
   *     may not have deregistered it; it was not sent again
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void deregister(String imageId) {
    calls.deregisterImage(identity, Ids.checkImage("imageId", imageId));
  }

  /**
   * Copies an image from {@code sourceRegion} into this client's region and returns the new image's
   * id (the manual's {@code copy-image}); the copy is pending until EC2 finishes it. The call
   * carries one client token on every retry, so a retried call never copies twice.
   *
   * @param sourceRegion the region the image is in, such as {@code us-west-2}
   * @param sourceImageId the image to copy ({@code ami-...})
   * @param name the copy's name
   * @return the copy's image id
   * @throws IllegalArgumentException when the region name or the image id is malformed or the name
   *     is blank, before anything is sent
   * @throws NullPointerException when {@code sourceRegion} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String copy(String sourceRegion, String sourceImageId, String name) {
    return copy(sourceRegion, sourceImageId, name, null);
  }

  /**
   * As {@link #copy(String, String, String)}, with a description for the copy.
   *
   * @param sourceRegion the region the image is in, such as {@code us-west-2}
   * @param sourceImageId the image to copy ({@code ami-...})
   * @param name the copy's name
   * @param description the copy's description, or {@code null}
   * @return the copy's image id
   * @throws IllegalArgumentException when the region name or the image id is malformed or the name
   *     is blank, before anything is sent
   * @throws NullPointerException when {@code sourceRegion} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public String copy(String sourceRegion, String sourceImageId, String name, String description) {
    Region.of(Objects.requireNonNull(sourceRegion, "sourceRegion"));
    Ids.check("sourceImageId", sourceImageId, "ami-");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required: EC2 names every copy");
    }
    return calls.copyImage(identity, sourceRegion, sourceImageId, name, description);
  }

  @Override
  public String toString() {
    return "Images[" + identity + "]";
  }
}
