package dev.ec2kit.local;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.RunOptions;
import java.time.Duration;

/**
 * A program that embeds the emulator and never closes it (for {@link EmbeddedExitTest} and {@link
 * SandboxKilledEmulatorTest}, run as a JVM of its own): it starts one in the mode its first
 * argument names, launches one instance, prints {@code ready INSTANCE-ID} and waits to be ended
 * from outside. With a second argument, the emulator keeps its world in that state directory, and
 * the instance has a volume attached at /dev/sdf: {@code ready INSTANCE-ID VOLUME-ID}.
 */
final class EmbeddedEmulator {
  private EmbeddedEmulator() {}

  public static void main(String[] args) throws Exception {
    SandboxMode mode = SandboxMode.valueOf(args[0]);
    Ec2Local.Builder b = Ec2Local.builder().port(0).transition(Duration.ZERO).sandbox(mode);
    if (args.length > 1) {
      b.state(java.nio.file.Path.of(args[1]));
    }
    Ec2Local local = b.build().start();
    Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build();
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    Instance i =
        ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
    String volume = "";
    if (args.length > 1) {
      volume = " " + ec2.volumes().create(i.availabilityZone(), 1).volumeId();
      ec2.volumes().attach(volume.strip(), i, "/dev/sdf");
    }
    System.out.println("ready " + i.instanceId() + volume);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
