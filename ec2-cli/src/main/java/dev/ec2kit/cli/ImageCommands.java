package dev.ec2kit.cli;

import dev.ec2kit.BlockDeviceMapping;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.ImageRegistration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manual's section 4.0: describe-images, register-image, deregister-image, copy-image. */
final class ImageCommands {
  private ImageCommands() {}

  @Command(
      name = "describe-images",
      mixinStandardHelpOptions = true,
      description = "List images: by id, owner, who may launch them, and filters.")
  static final class Describe extends ApiCommand {
    @Parameters(
        paramLabel = "IMAGE-ID",
        arity = "0..*",
        description = "Image ids (the manual's :image-id).")
    List<String> imageIds = List.of();

    @Option(
        names = {"--image-id"},
        paramLabel = "ID",
        arity = "1..*",
        description = "Image ids, as an option.")
    List<String> imageIdOption = List.of();

    @Option(
        names = "--owner",
        paramLabel = "OWNER",
        arity = "1..*",
        description = "self, amazon, aws-marketplace or account ids.")
    List<String> owners = List.of();

    @Option(
        names = "--executable-by",
        paramLabel = "WHO",
        arity = "1..*",
        description = "self, all or account ids.")
    List<String> executableBy = List.of();

    @Option(
        names = "--filter",
        paramLabel = "NAME=V1,V2",
        description = "An EC2 filter, such as architecture=arm64.")
    List<String> filters = List.of();

    @Override
    public Integer call() {
      ImageQuery.Builder q =
          ImageQuery.builder()
              .imageIds(imageIds)
              .imageIds(imageIdOption)
              .owners(owners)
              .executableBy(executableBy);
      for (Map.Entry<String, List<String>> f : filters(filters).entrySet()) {
        q.filter(f.getKey(), f.getValue().toArray(String[]::new));
      }
      Tables.IMAGES.print(output(), out(), format(), ec2().images().describe(q.build()));
      return 0;
    }
  }

  @Command(
      name = "register-image",
      mixinStandardHelpOptions = true,
      description =
          "Register an image from its S3 manifest, or an EBS image from snapshots; prints its id.")
  static final class Register extends ApiCommand {
    @Parameters(
        paramLabel = "MANIFEST",
        arity = "0..1",
        description = "S3 path of the manifest (bucket/image.manifest.xml).")
    String manifest;

    @Option(names = "--name", required = true, description = "The image's name (EC2 requires one).")
    String name;

    @Option(names = "--description")
    String description;

    @Option(names = "--architecture", description = "x86_64, arm64 or i386.")
    String architecture;

    @Option(names = "--kernel-id")
    String kernelId;

    @Option(names = "--ramdisk-id")
    String ramdiskId;

    @Option(
        names = "--root-device-name",
        paramLabel = "DEVICE",
        description = "EBS form: the root device, such as /dev/xvda.")
    String rootDeviceName;

    @Option(
        names = "--block-device",
        paramLabel = "DEVICE=SNAPSHOT[:GIB]",
        description =
            "EBS form: a device from a snapshot, such as /dev/xvda=snap-0123456789abcdef0:8.")
    List<String> blockDevices = List.of();

    @Override
    public Integer call() {
      if ((manifest == null) == (rootDeviceName == null)) {
        throw new IllegalArgumentException(
            "give either MANIFEST or --root-device-name with --block-device, not both or neither");
      }
      ImageRegistration.Builder b =
          manifest != null
              ? ImageRegistration.fromManifest(manifest, name)
              : ImageRegistration.ebs(name, rootDeviceName);
      b.description(description);
      if (architecture != null) {
        b.architecture(architecture);
      }
      if (kernelId != null) {
        b.kernelId(kernelId);
      }
      if (ramdiskId != null) {
        b.ramdiskId(ramdiskId);
      }
      for (String d : blockDevices) {
        int eq = d.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "--block-device '" + d + "' must be DEVICE=SNAPSHOT[:GIB]");
        }
        String[] snap = d.substring(eq + 1).split(":");
        int size;
        try {
          size = snap.length > 1 ? Integer.parseInt(snap[1]) : 0;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--block-device '" + d + "': the size after ':' must be whole GiB");
        }
        b.blockDevice(BlockDeviceMapping.ebs(d.substring(0, eq), snap[0], size));
      }
      String id = ec2().images().register(b.build());
      IdOutput.print(output(), out(), format(), "ImageId", id);
      return 0;
    }
  }

  @Command(
      name = "deregister-image",
      mixinStandardHelpOptions = true,
      description = "Deregister one of your images.")
  static final class Deregister extends ApiCommand {
    @Parameters(paramLabel = "IMAGE-ID")
    String imageId;

    @Override
    public Integer call() {
      ec2().images().deregister(imageId);
      IdOutput.print(output(), out(), format(), "ImageId", imageId);
      return 0;
    }
  }

  @Command(
      name = "copy-image",
      mixinStandardHelpOptions = true,
      description = "Copy an image from another region into this one; prints the new image's id.")
  static final class Copy extends ApiCommand {
    @Parameters(index = "0", paramLabel = "SOURCE-REGION")
    String sourceRegion;

    @Parameters(index = "1", paramLabel = "SOURCE-IMAGE-ID")
    String sourceImageId;

    @Option(names = "--name", description = "The copy's name (default: the source image's id).")
    String name;

    @Option(names = "--description")
    String description;

    @Override
    public Integer call() {
      String id =
          ec2()
              .images()
              .copy(sourceRegion, sourceImageId, name != null ? name : sourceImageId, description);
      IdOutput.print(output(), out(), format(), "ImageId", id);
      return 0;
    }
  }
}
