package example;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.RunOptions;
import dev.ec2kit.local.Ec2Local;
import java.util.List;

/**
 * A small program on the published artifacts: an emulator in process, a client of it, a launch.
 * Prints where the library's classes came from (a named module on the module path).
 */
public final class Program {
  public static void main(String[] args) {
    try (Ec2Local local = Ec2Local.builder().port(0).ssh(false).log(null).build().start();
        Ec2 ec2 = Ec2.builder().identity(local.identity("us-east-1")).build()) {
      String ami =
          ec2.images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      List<Instance> launched =
          ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build());
      System.out.println(
          "launched "
              + launched.size()
              + " from "
              + Ec2.class.getModule()
              + " and "
              + Ec2Local.class.getModule());
    }
  }
}
