package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.RunOptions;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's test, in a project that has nothing of ec2kit but its published artifacts. */
@ExtendWith(Ec2LocalExtension.class)
class ConsumerTest {
  @Test
  void launches(Ec2 ec2) {
    try (ec2) {
      String ami =
          ec2.images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      List<Instance> two =
          ec2.instances().run(ami, 2, 2, RunOptions.builder().waitUntilRunning().build());
      assertEquals(2, two.size());
      assertTrue(two.stream().allMatch(i -> i.state() == InstanceState.RUNNING));
    }
  }
}
