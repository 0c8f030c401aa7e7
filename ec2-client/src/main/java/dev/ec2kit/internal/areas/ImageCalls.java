package dev.ec2kit.internal.areas;

import dev.ec2kit.BlockDeviceMapping;
import dev.ec2kit.Identity;
import dev.ec2kit.Image;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.ImageRegistration;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import java.util.List;
import java.util.UUID;

/** DescribeImages, RegisterImage, DeregisterImage, CopyImage. */
public final class ImageCalls {
  private final QueryClient query;

  public ImageCalls(QueryClient query) {
    this.query = query;
  }

  public List<Image> describeImages(Identity identity, ImageQuery q) {
    Params base =
        new Params()
            .list("ImageId", q.imageIds())
            .list("Owner", q.owners())
            .list("ExecutableBy", q.executableBy())
            .filters(q.filters());
    return Pages.all(
        query,
        identity,
        "DescribeImages",
        base,
        q.imageIds().isEmpty() ? 1000 : 0,
        doc -> doc.items("imagesSet").stream().map(Parse::image).toList());
  }

  public String registerImage(Identity identity, ImageRegistration r) {
    Params p =
        new Params()
            .put("Name", r.name())
            .put("ImageLocation", r.imageLocation())
            .put("Description", r.description())
            .put("Architecture", r.architecture())
            .put("RootDeviceName", r.rootDeviceName())
            .put("KernelId", r.kernelId())
            .put("RamdiskId", r.ramdiskId())
            .put("VirtualizationType", r.virtualizationType());
    int i = 1;
    for (BlockDeviceMapping m : r.blockDeviceMappings()) {
      String prefix = "BlockDeviceMapping." + i++ + ".";
      p.put(prefix + "DeviceName", m.deviceName());
      if (m.isEbs()) {
        p.put(prefix + "Ebs.SnapshotId", m.snapshotId());
        if (m.volumeSize() > 0) {
          p.put(prefix + "Ebs.VolumeSize", m.volumeSize());
        }
        p.put(prefix + "Ebs.VolumeType", m.volumeType());
        p.put(prefix + "Ebs.DeleteOnTermination", m.deleteOnTermination());
        if (m.encrypted()) {
          p.put(prefix + "Ebs.Encrypted", true);
        }
      } else {
        p.put(prefix + "VirtualName", m.virtualName());
      }
    }
    // Not safe to repeat blindly: a second registration would fail as a duplicate name.
    return query.call(identity, "RegisterImage", p, Repeat.ONCE).required("imageId");
  }

  public void deregisterImage(Identity identity, String imageId) {
    query.call(identity, "DeregisterImage", new Params().put("ImageId", imageId), Repeat.ONCE);
  }

  public String copyImage(
      Identity identity,
      String sourceRegion,
      String sourceImageId,
      String name,
      String description) {
    Params p =
        new Params()
            .put("SourceRegion", sourceRegion)
            .put("SourceImageId", sourceImageId)
            .put("Name", name)
            .put("Description", description)
            .put(
                "ClientToken",
                UUID.randomUUID().toString()); // one token for every retry of this copy
    return query.call(identity, "CopyImage", p, Repeat.SAFE).required("imageId");
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
