package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.AvailabilityZone;
import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.RegionInfo;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.internal.signing.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our client and raw HTTP against the emulator over real sockets. */
@Emulated
class EmulatorProtocolTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> raw(Ec2Local local, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(local.endpoint()).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A correctly signed raw request, so the tests can reach past authentication. */
  private static HttpResponse<String> signed(Ec2Local local, String body, String region)
      throws Exception {
    return Raw.signed(local, Instant.now(), body, region);
  }

  private static Ec2 client(Ec2Local local, Identity identity) {
    return Ec2.builder().identity(identity).retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void describe_regions_lists_todays_regions_with_their_public_endpoints(Ec2 ec2) {
    List<RegionInfo> regions = ec2.regions().describe();
    assertThat(regions)
        .extracting(RegionInfo::regionName)
        .contains("us-east-1", "eu-west-1", "ap-southeast-2");
    assertThat(regions)
        .filteredOn(r -> r.regionName().equals("eu-west-1"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.endpoint()).isEqualTo("ec2.eu-west-1.amazonaws.com");
              assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
              // a configured endpoint serves every region, as AWS_ENDPOINT_URL does
              assertThat(r.region().uri()).isEqualTo(ec2.identity().region().uri());
            });
  }

  @Test
  void describe_regions_by_name_and_unknown_names(Ec2 ec2) {
    assertThat(ec2.regions().describe("eu-west-1", "us-west-2"))
        .extracting(RegionInfo::regionName)
        .containsExactlyInAnyOrder("eu-west-1", "us-west-2");
    assertThatThrownBy(() -> ec2.regions().describe("mars-north-1"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorMessage()).contains("mars-north-1");
              assertThat(e.requestId()).isNotEmpty();
            });
  }

  @Test
  void zones_follow_the_region_of_the_signature(Ec2Local local) {
    Ec2 east = client(local, local.identity("us-east-1"));
    Ec2 west = client(local, local.identity("eu-west-1"));
    assertThat(east.regions().describeZones())
        .extracting(AvailabilityZone::zoneName)
        .startsWith("us-east-1a", "us-east-1b", "us-east-1c");
    assertThat(west.regions().describeZones())
        .extracting(AvailabilityZone::zoneName)
        .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
    AvailabilityZone b = east.regions().describeZones("us-east-1b").get(0);
    assertThat(b.state()).isEqualTo("available");
    assertThat(b.zoneId()).isEqualTo("use1-az2");
    assertThat(b.toString()).isEqualTo("us-east-1b (available)");
    assertThatThrownBy(() -> east.regions().describeZones("us-east-1z"))
        .isInstanceOf(Ec2Exception.class)
        .hasMessageContaining("InvalidParameterValue")
        .hasMessageContaining("us-east-1z");
  }

  @Test
  void a_wrong_secret_is_auth_failure(Ec2Local local) {
    Identity wrong = local.identity("us-east-1").copy().secretAccessKey("not-the-secret").build();
    assertThatThrownBy(() -> client(local, wrong).regions().describe())
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo("AuthFailure");
              assertThat(e.statusCode()).isEqualTo(401);
            });
  }

  @Test
  void an_unknown_access_key_is_auth_failure(Ec2Local local) {
    Identity unknown = local.identity("us-east-1").copy().accessKey("AKIANOBODY").build();
    assertThatThrownBy(() -> client(local, unknown).regions().describe())
        .isInstanceOf(Ec2Exception.class)
        .hasMessageStartingWith("AuthFailure");
  }

  @Test
  void a_timestamp_more_than_five_minutes_off_is_request_expired(Ec2Local local) {
    Clock late = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(-6));
    Ec2 ec2 =
        Ec2.builder()
            .identity(local.identity("us-east-1"))
            .clock(late)
            .retryPolicy(RetryPolicy.none())
            .build();
    assertThatThrownBy(ec2.regions()::describe)
        .isInstanceOf(Ec2Exception.class)
        .hasMessageStartingWith("RequestExpired");
    Clock slightlyOff = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(4));
    assertThat(
            Ec2.builder()
                .identity(local.identity("us-east-1"))
                .clock(slightlyOff)
                .build()
                .regions()
                .describe())
        .isNotEmpty();
  }

  @Test
  void no_authorization_is_missing_authentication_token(Ec2Local local) throws Exception {
    HttpResponse<String> r =
        raw(
            local,
            "Action=DescribeRegions&Version=2016-11-15",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("<Code>MissingAuthenticationToken</Code>", "<RequestID>");
  }

  @Test
  void a_malformed_authorization_header_is_incomplete_signature(Ec2Local local) throws Exception {
    HttpResponse<String> r =
        raw(
            local,
            "Action=DescribeRegions&Version=2016-11-15",
            Map.of(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/ec2/aws4_request",
                "X-Amz-Date",
                "20250101T000000Z"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>IncompleteSignature</Code>", "SignedHeaders");
  }

  @Test
  void an_unknown_action_is_invalid_action(Ec2Local local) throws Exception {
    HttpResponse<String> r = signed(local, "Action=LaunchRocket&Version=2016-11-15", "us-east-1");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidAction</Code>", "LaunchRocket");
  }

  @Test
  void a_missing_version_is_missing_parameter(Ec2Local local) throws Exception {
    HttpResponse<String> r = signed(local, "Action=DescribeRegions", "us-east-1");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MissingParameter</Code>", "Version");
  }

  @Test
  void filters_apply_with_wildcards_and_unknown_filters_are_refused(Ec2Local local)
      throws Exception {
    HttpResponse<String> r =
        signed(
            local,
            "Action=DescribeRegions&Version=2016-11-15"
                + "&Filter.1.Name=region-name&Filter.1.Value.1=eu-*&Filter.1.Value.2=us-west-2",
            "us-east-1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<regionName>eu-west-1</regionName>", "<regionName>us-west-2</regionName>")
        .doesNotContain("<regionName>us-east-1</regionName>");
    HttpResponse<String> bad =
        signed(
            local,
            "Action=DescribeRegions&Version=2016-11-15&Filter.1.Name=colour"
                + "&Filter.1.Value.1=red",
            "us-east-1");
    assertThat(bad.body()).contains("<Code>InvalidParameterValue</Code>", "colour");
  }

  @Test
  void dry_run_answers_dry_run_operation(Ec2Local local) throws Exception {
    HttpResponse<String> r =
        signed(local, "Action=DescribeRegions&Version=2016-11-15&DryRun=true", "us-east-1");
    assertThat(r.statusCode()).isEqualTo(412);
    assertThat(r.body()).contains("<Code>DryRunOperation</Code>");
  }

  @Test
  void a_region_the_emulator_does_not_serve_is_refused(Ec2Local local) throws Exception {
    HttpResponse<String> r =
        signed(local, "Action=DescribeRegions&Version=2016-11-15", "mars-north-1");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("<Code>AuthFailure</Code>", "mars-north-1");
  }

  @Test
  void responses_are_ec2_xml_with_namespace_and_request_id(Ec2Local local) throws Exception {
    HttpResponse<String> r =
        signed(local, "Action=DescribeAvailabilityZones&Version=2016-11-15", "us-east-1");
    assertThat(r.body())
        .contains(
            "<DescribeAvailabilityZonesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">",
            "<requestId>");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  @Test
  void a_query_string_get_is_accepted_too(Ec2Local local) throws Exception {
    String query = "Action=DescribeRegions&RegionName.1=sa-east-1&Version=2016-11-15";
    URI uri = URI.create(local.endpoint() + "?" + query);
    Map<String, String> added =
        new RequestSigner("ec2")
            .sign(
                "GET",
                uri,
                Map.of(),
                new byte[0],
                "test",
                "test",
                null,
                "us-east-1",
                Instant.now());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    added.forEach(b::header);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<regionName>sa-east-1</regionName>")
        .doesNotContain("us-east-1</regionName>");
  }
}
