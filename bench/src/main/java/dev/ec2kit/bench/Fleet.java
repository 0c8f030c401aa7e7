package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.RunOptions;
import dev.ec2kit.local.Ec2Local;
import java.time.Duration;

/** An emulator holding a fleet of running instances, for the benchmarks. */
final class Fleet implements AutoCloseable {
  final Ec2Local local;
  final Ec2 ec2;

  Fleet(int instances) {
    local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .instanceLimit(Math.max(1000, instances))
            .ssh(false)
            .log(null)
            .build()
            .start();
    ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
    String ami = linux(ec2);
    for (int left = instances; left > 0; left -= 1000) {
      int n = Math.min(1000, left);
      ec2.instances().run(ami, n, n, RunOptions.builder().tag("Name", "bench").build());
    }
  }

  /** The region's Amazon Linux 2023 image (x86_64), which every benchmark launches. */
  static String linux(Ec2 ec2) {
    return ec2.images()
        .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
        .get(0)
        .imageId();
  }

  @Override
  public void close() {
    local.close();
  }
}
