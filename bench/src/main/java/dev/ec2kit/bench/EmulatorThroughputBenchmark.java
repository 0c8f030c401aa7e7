package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The emulator's DescribeInstances throughput with 1,000 instances in the account, from four
 * concurrent client threads over loopback HTTP (signing, verifying, filtering, XML both ways): one
 * filtered to a single instance, one answering all 1,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(4)
@Fork(1)
public class EmulatorThroughputBenchmark {
  private Fleet fleet;
  private Ec2 client;
  private InstanceQuery one;
  private final InstanceQuery all = InstanceQuery.builder().allStates().build();

  @Setup(Level.Trial)
  public void setUp() {
    fleet = new Fleet(1000);
    client =
        Ec2.builder()
            .identity(fleet.ec2.identity())
            .transport(Transport.jdk(Duration.ofSeconds(10), Duration.ofSeconds(60)))
            .build();
    String id = client.describeInstances(all).get(500).instanceId();
    one = InstanceQuery.builder().instanceIds(id).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fleet.close();
  }

  @Benchmark
  public List<Instance> describeOneOf1000() {
    return client.describeInstances(one);
  }

  @Benchmark
  public List<Instance> describeAll1000() {
    return client.describeInstances(all);
  }
}
