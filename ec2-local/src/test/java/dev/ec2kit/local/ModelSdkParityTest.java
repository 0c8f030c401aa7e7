package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.Identity;
import dev.ec2kit.Operations;
import dev.ec2kit.Region;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.model.Model;
import dev.ec2kit.internal.model.Model.Member;
import dev.ec2kit.internal.model.Model.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The generic call writes the same request body as the AWS SDK for Java v2 (test scope only) for
 * the same input, ordering aside: every operation of the model, each with an input filled from its
 * shape (nested structures, lists of structures, tags, filters, enums, numbers, booleans,
 * timestamps, blobs), handed to both; the SDK's body is taken by an interceptor before it would be
 * sent, ours by a transport.
 */
class ModelSdkParityTest {
  /** Stops the SDK's call once its body is taken. */
  private static final class Taken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient String body;

    Taken(String body) {
      super("taken", null, false, false);
      this.body = body;
    }
  }

  private static final Ec2Client SDK =
      Ec2Client.builder()
          .endpointOverride(URI.create("http://127.0.0.1:9"))
          .region(software.amazon.awssdk.regions.Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
          .overrideConfiguration(
              c ->
                  c.addExecutionInterceptor(
                      new ExecutionInterceptor() {
                        @Override
                        public void beforeTransmission(
                            Context.BeforeTransmission context, ExecutionAttributes attributes) {
                          String body =
                              context
                                  .requestBody()
                                  .map(b -> read(b.contentStreamProvider().newStream()))
                                  .orElse("");
                          if (body.isEmpty()
                              && context.httpRequest()
                                  instanceof software.amazon.awssdk.http.SdkHttpFullRequest full) {
                            body =
                                full.contentStreamProvider()
                                    .map(p -> read(p.newStream()))
                                    .orElse("");
                          }
                          if (body.isEmpty()) {
                            body = context.httpRequest().getUri().getRawQuery();
                          }
                          throw new Taken(body);
                        }
                      }))
          .build();

  private static final List<String> OURS = new ArrayList<>();

  private static final Operations OPS =
      Ec2.builder()
          .identity(
              Identity.builder()
                  .accessKey("AKID")
                  .secretAccessKey("secret")
                  .region(Region.of("us-east-1").withUri(URI.create("http://127.0.0.1:9")))
                  .build())
          .retryPolicy(RetryPolicy.none())
          .transport(
              new Transport() {
                @Override
                public Response send(Request request) {
                  OURS.add(new String(request.body(), StandardCharsets.UTF_8));
                  return new Response(200, Map.of(), "<R/>".getBytes(StandardCharsets.UTF_8));
                }
              })
          .build()
          .operations();

  @AfterAll
  static void close() {
    SDK.close();
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new TreeMap<>();
    if (body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The SDK's form body for {@code params} of {@code operation}. */
  private static Map<String, String> sdk(String operation, Map<String, Object> params) {
    try {
      SdkTrees.call(SDK, operation, params);
    } catch (Taken t) {
      return form(t.body);
    }
    throw new AssertionError(operation + ": the SDK sent nothing");
  }

  /** Our form body for the same. */
  private static Map<String, String> ours(String operation, Map<String, Object> params) {
    OURS.clear();
    OPS.call(operation, params);
    return form(OURS.get(0));
  }

  // ---- inputs filled from the model

  private int counter;

  private Map<String, Object> sample(Shape shape, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Member m : shape.members().values()) {
      if (depth > 4 && !m.required()) {
        continue;
      }
      Object v = value(m.shape(), depth + 1, m.name());
      if (v != null) {
        out.put(m.name(), v);
      }
    }
    return out;
  }

  private Object value(Shape s, int depth, String member) {
    int n = counter++;
    return switch (s.type()) {
      case STRUCTURE -> sample(s, depth);
      case LIST -> {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Object v = value(s.item(), depth + 1, member);
          if (v != null) {
            l.add(v);
          }
        }
        yield l;
      }
      case STRING -> {
        if (!s.enumValues().isEmpty()) {
          List<String> values = new ArrayList<>(new java.util.TreeSet<>(s.enumValues()));
          yield values.get(n % values.size());
        }
        yield n % 7 == 0 ? "a b/c=d&e+f~é" + n : member + "-" + n;
      }
      case INTEGER -> n % 100;
      case LONG -> 10_000_000_000L + n;
      case DOUBLE -> n % 3 == 0 ? 2.5 : 0.125 * n;
      case FLOAT -> 1.25f;
      case BOOLEAN -> n % 2 == 0;
      case TIMESTAMP ->
          n % 2 == 0
              ? Instant.parse("2024-01-02T03:04:05Z")
              : Instant.parse("2024-01-02T03:04:05.250Z");
      case BLOB -> new byte[] {0, 1, 2, (byte) 255, (byte) n};
    };
  }

  @Test
  void every_operation_sends_the_sdks_body_for_an_input_filled_from_its_shape() throws Exception {
    Map<String, String> differences = new TreeMap<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    int compared = 0;
    for (Model.Operation op : Model.ec2().operations().values()) {
      Map<String, Object> params = sample(op.input(), 0);
      Map<String, String> theirs = sdk(op.name(), params);
      Map<String, String> mine = ours(op.name(), params);
      mine.keySet().forEach(k -> keys.add(op.name() + " " + k));
      if (!theirs.equals(mine)) {
        Map<String, String> diff = new TreeMap<>();
        theirs.forEach(
            (k, v) -> {
              if (!v.equals(mine.get(k))) {
                diff.put("sdk " + k, v);
              }
            });
        mine.forEach(
            (k, v) -> {
              if (!v.equals(theirs.get(k))) {
                diff.put("ours " + k, v);
              }
            });
        differences.put(op.name(), diff.toString());
      }
      compared++;
    }
    assertThat(differences).isEmpty();
    assertThat(compared).isEqualTo(765);
    // what the inputs held: filters, tags, block device mappings, times, bytes, nested lists
    assertThat(keys)
        .contains(
            "DescribeInstances Filter.2.Value.2",
            "RunInstances BlockDeviceMapping.2.Ebs.VolumeSize",
            "RunInstances TagSpecification.2.Tag.2.Value",
            "RunInstances NetworkInterface.1.PrivateIpAddresses.2.PrivateIpAddress",
            "ImportKeyPair PublicKeyMaterial",
            "DescribeSpotPriceHistory StartTime",
            "CreateLaunchTemplate LaunchTemplateData.BlockDeviceMapping.1.Ebs.Iops",
            "AuthorizeSecurityGroupIngress IpPermissions.1.IpRanges.2.CidrIp");
  }
}
