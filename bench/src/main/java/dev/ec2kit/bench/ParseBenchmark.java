package dev.ec2kit.bench;

import dev.ec2kit.Ec2;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceQuery;
import dev.ec2kit.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;

/**
 * One DescribeInstances answer of 100, 1,000 and 10,000 instances, captured from the emulator,
 * turned into objects by our client and by the AWS SDK for Java v2, each signing its request and
 * parsing the same bytes, the network replaced by the captured answer. Run with {@code -prof gc}
 * for the allocation per answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  @Param({"100", "1000", "10000"})
  public int instances;

  private Ec2 ours;
  private Ec2Client sdk;
  private final InstanceQuery all = InstanceQuery.builder().allStates().build();

  @Setup
  public void setUp() throws Exception {
    byte[] answer;
    dev.ec2kit.Identity identity;
    try (Fleet fleet = new Fleet(instances)) {
      answer = capture(fleet);
      identity = fleet.ec2.identity();
    }
    Transport.Response response = new Transport.Response(200, Map.of(), answer);
    ours = Ec2.builder().identity(identity).transport(r -> response).build();
    sdk = sdk(URI.create("http://127.0.0.1:1/"), new Canned(answer), null);
    if (describeInstances() != instances || sdkDescribeInstances() != instances) {
      throw new IllegalStateException("expected " + instances + " instances from both");
    }
    System.err.printf(
        "%n# DescribeInstances answer of %d instances: %d bytes%n", instances, answer.length);
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  /** The emulator's whole answer (no MaxResults, so one page), read through the SDK. */
  private static byte[] capture(Fleet fleet) {
    byte[][] body = new byte[1][];
    ExecutionInterceptor keep =
        new ExecutionInterceptor() {
          @Override
          public Optional<InputStream> modifyHttpResponseContent(
              Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            try (InputStream in = context.responseBody().orElseThrow()) {
              body[0] = in.readAllBytes();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return Optional.of(new ByteArrayInputStream(body[0]));
          }
        };
    try (Ec2Client capturing = sdk(fleet.local.endpoint(), null, keep)) {
      capturing.describeInstances();
    }
    return body[0];
  }

  private static Ec2Client sdk(URI endpoint, SdkHttpClient http, ExecutionInterceptor interceptor) {
    var b =
        Ec2Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    if (http != null) {
      b.httpClient(http);
    }
    if (interceptor != null) {
      b.overrideConfiguration(c -> c.addExecutionInterceptor(interceptor));
    }
    return b.build();
  }

  @Benchmark
  public int describeInstances() {
    List<Instance> list = ours.instances().describe(all);
    return list.size();
  }

  @Benchmark
  public int sdkDescribeInstances() {
    DescribeInstancesResponse r = sdk.describeInstances();
    return r.reservations().stream().mapToInt(res -> res.instances().size()).sum();
  }

  /** An SDK HTTP client that answers every request with the captured bytes. */
  private record Canned(byte[] answer) implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      request.contentStreamProvider().ifPresent(p -> drain(p.newStream()));
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200).build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    private static void drain(InputStream in) {
      try (in) {
        in.transferTo(new ByteArrayOutputStream());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  }
}
