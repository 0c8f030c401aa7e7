package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.Transport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's cost of one DescribeInstances answer of 1,000 instances: signing the request,
 * parsing the XML and building the records, with the network replaced by the captured answer. Run
 * with {@code -prof gc} for the allocation per answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  private Ec2 canned;
  private final InstanceQuery all = InstanceQuery.builder().allStates().build();

  @Setup
  public void setUp() throws Exception {
    byte[][] answer = new byte[1][];
    try (Fleet fleet = new Fleet(1000)) {
      Transport jdk = Transport.jdk();
      Ec2 capturing =
          Ec2.builder()
              .identity(fleet.ec2.identity())
              .transport(
                  r -> {
                    Transport.Response response = jdk.send(r);
                    answer[0] = response.body();
                    return response;
                  })
              .build();
      if (capturing.describeInstances(all).size() != 1000) {
        throw new IllegalStateException("expected 1000 instances");
      }
      Transport.Response response = new Transport.Response(200, java.util.Map.of(), answer[0]);
      canned = Ec2.builder().identity(fleet.ec2.identity()).transport(r -> response).build();
    }
    System.err.printf(
        "%n# DescribeInstances answer of 1000 instances: %d bytes%n", answer[0].length);
  }

  @Benchmark
  public List<Instance> describeInstances1000() {
    return canned.describeInstances(all);
  }
}
