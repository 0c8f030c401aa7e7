package dev.ec2kit.local;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.RunOptions;
import java.time.Duration;

/**
 * A program that embeds the emulator and never closes it (for {@link EmbeddedExitTest}, run as a
 * JVM of its own): it starts one, launches one instance, prints {@code ready INSTANCE-ID} and waits
 * to be ended from outside.
 */
final class EmbeddedEmulator {
  private EmbeddedEmulator() {}

  public static void main(String[] args) throws Exception {
    SandboxMode mode = SandboxMode.valueOf(args[0]);
    Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).sandbox(mode).build().start();
    Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    Instance i =
        ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
    System.out.println("ready " + i.instanceId());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
