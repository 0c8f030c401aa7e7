package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.BlockDeviceMapping;
import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Image;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.ImageRegistration;
import dev.ec2kit.Region;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Images through our client against the emulator. */
class ImagesTest {
  private final Sim sim = new Sim(Duration.ofSeconds(5));

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void the_catalogue_has_linux_images_from_several_owners_and_architectures() {
    List<Image> all = sim.ec2.images().describe();
    assertThat(all)
        .extracting(Image::ownerId)
        .contains("137112412989", "099720109477", "136693071363");
    assertThat(all).extracting(Image::architecture).contains("x86_64", "arm64");
    assertThat(all)
        .allSatisfy(
            i -> {
              assertThat(i.imageId()).matches("a[mkr]i-[0-9a-f]{17}");
              assertThat(i.isPublic()).isTrue();
              assertThat(i.state()).isEqualTo(Image.State.AVAILABLE);
            });
  }

  @Test
  void the_manuals_fedora_image_has_its_kernel_and_ramdisk() {
    Image fedora =
        sim.ec2
            .images()
            .describe(
                ImageQuery.builder()
                    .owners("amazon")
                    .filter(
                        "manifest-location",
                        "ec2-public-images/fedora-8-x86_64-base-v1.07.manifest.xml")
                    .build())
            .get(0);
    assertThat(fedora.imageLocation())
        .isEqualTo("ec2-public-images/fedora-8-x86_64-base-v1.07.manifest.xml");
    assertThat(fedora.imageOwnerAlias()).isEqualTo("amazon");
    assertThat(fedora.imageType()).isEqualTo("machine");
    assertThat(fedora.kernelId()).startsWith("aki-");
    assertThat(fedora.ramdiskId()).startsWith("ari-");
    assertThat(sim.ec2.images().find(fedora.kernelId()).orElseThrow().imageType())
        .isEqualTo("kernel");
    assertThat(sim.ec2.images().find(fedora.imageId()).orElseThrow()).isEqualTo(fedora);
  }

  @Test
  void owners_and_executable_by_narrow_the_list() {
    assertThat(sim.ec2.images().describe(ImageQuery.builder().owners("self").build())).isEmpty();
    assertThat(sim.ec2.images().describe(ImageQuery.builder().owners("099720109477").build()))
        .isNotEmpty()
        .allMatch(i -> i.name().startsWith("ubuntu/"));
    assertThat(sim.ec2.images().describe(ImageQuery.builder().executableBy("all").build()))
        .allMatch(Image::isPublic);
    assertThatThrownBy(
            () -> sim.ec2.images().describe(ImageQuery.builder().owners("someone").build()))
        .hasMessageStartingWith("InvalidUserID.Malformed");
  }

  @Test
  void registered_images_are_pending_then_available_and_owned_by_self() {
    String id =
        sim.ec2
            .images()
            .register(ImageRegistration.fromManifest("my-bucket/bms.manifest.xml", "bms").build());
    Image pending = sim.ec2.images().find(id).orElseThrow();
    assertThat(pending.state()).isEqualTo(Image.State.PENDING);
    assertThat(pending.ownerId()).isEqualTo(Ec2Local.DEFAULT_ACCOUNT);
    assertThat(pending.imageLocation()).isEqualTo("my-bucket/bms.manifest.xml");
    assertThat(pending.isPublic()).isFalse();
    sim.clock.advance(Duration.ofSeconds(5));
    assertThat(sim.ec2.images().describe(ImageQuery.builder().owners("self").build()))
        .singleElement()
        .satisfies(i -> assertThat(i.state()).isEqualTo(Image.State.AVAILABLE));
    assertThat(sim.ec2.images().describe(ImageQuery.builder().executableBy("self").build()))
        .extracting(Image::imageId)
        .containsExactly(id);
    assertThatThrownBy(
            () ->
                sim.ec2
                    .images()
                    .register(
                        ImageRegistration.fromManifest("b/other.manifest.xml", "bms").build()))
        .hasMessageStartingWith("InvalidAMIName.Duplicate");
    sim.ec2.images().deregister(id);
    assertThat(sim.ec2.images().describe(ImageQuery.builder().owners("self").build())).isEmpty();
    assertThatThrownBy(() -> sim.ec2.images().deregister(id))
        .hasMessageStartingWith("InvalidAMIID.NotFound");
  }

  @Test
  void an_ebs_image_needs_a_snapshot_the_account_owns() {
    assertThatThrownBy(() -> ImageRegistration.ebs("web", "/dev/xvda").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snapshot");
    assertThatThrownBy(
            () ->
                sim.ec2
                    .images()
                    .register(
                        ImageRegistration.ebs("web", "/dev/xvda")
                            .blockDevice(
                                BlockDeviceMapping.ebs("/dev/xvda", "snap-0123456789abcdef0", 8))
                            .build()))
        .isInstanceOf(Ec2Exception.class)
        .hasMessageStartingWith("InvalidSnapshot.NotFound");
  }

  @Test
  void public_images_cannot_be_deregistered_by_others() {
    Image amazon = sim.ec2.images().describe(ImageQuery.builder().owners("amazon").build()).get(0);
    assertThatThrownBy(() -> sim.ec2.images().deregister(amazon.imageId()))
        .hasMessageStartingWith("AuthFailure");
  }

  @Test
  void copy_image_brings_an_image_from_another_region_pending_then_available() {
    Ec2 west = sim.ec2.withRegion(Region.of("us-west-2").withUri(sim.local.endpoint()));
    Image source =
        west.images().describe(ImageQuery.builder().filter("name", "debian-12-*").build()).get(0);
    String copy = sim.ec2.images().copy("us-west-2", source.imageId(), "debian-copy", "my copy");
    Image pending = sim.ec2.images().find(copy).orElseThrow();
    assertThat(pending.state()).isEqualTo(Image.State.PENDING);
    assertThat(pending.name()).isEqualTo("debian-copy");
    assertThat(pending.description()).isEqualTo("my copy");
    assertThat(pending.ownerId()).isEqualTo(Ec2Local.DEFAULT_ACCOUNT);
    assertThat(pending.architecture()).isEqualTo(source.architecture());
    sim.clock.advance(Duration.ofSeconds(5));
    assertThat(sim.ec2.images().find(copy).orElseThrow().state()).isEqualTo(Image.State.AVAILABLE);
    assertThat(west.images().describe(ImageQuery.builder().owners("self").build())).isEmpty();
    assertThatThrownBy(() -> sim.ec2.images().copy("us-west-2", "ami-0123456789abcdef0", "nothing"))
        .hasMessageStartingWith("InvalidAMIID.NotFound");
  }

  @Test
  void unknown_and_malformed_image_ids() throws Exception {
    assertThatThrownBy(() -> sim.ec2.images().find("ami-0123456789abcdef0").orElseThrow())
        .hasMessageStartingWith("InvalidAMIID.NotFound");
    assertThat(
            Raw.signed(
                    sim.local,
                    sim.clock.instant(),
                    "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-xyz")
                .body())
        .contains("InvalidAMIID.Malformed");
    assertThatThrownBy(() -> ImageQuery.builder().imageIds("ami-xyz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
