package dev.ec2kit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ec2kit.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --debug} shows every exchange, the credential sources' too: each case below is one of them
 * with distinctive secret values, none of which may reach the sink, while what a person debugging
 * needs (the action, the access key id, the expiry, the status) stays.
 */
class DebugTransportTest {

  /** One exchange: what is sent, what comes back, what must not show and what must. */
  record Exchange(
      String name,
      Transport.Request request,
      int status,
      String answer,
      List<String> secrets,
      List<String> visible) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Exchange> exchanges() {
    return Stream.of(
        new Exchange(
            "EC2 call signed with a session token",
            post(
                "https://ec2.us-east-1.amazonaws.com/",
                Map.of(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIAVISIBLE/20250101/us-east-1/ec2/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=abcdef0123456789",
                    "x-amz-security-token",
                    "SECRET-HDR-SESSION-TOKEN"),
                "Action=DescribeInstances&Version=2016-11-15"),
            200,
            "<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>",
            List.of("abcdef0123456789", "SECRET-HDR-SESSION-TOKEN"),
            List.of("Action=DescribeInstances", "Credential=AKIAVISIBLE/20250101", "HTTP 200")),
        new Exchange(
            "EC2 CreateKeyPair answer",
            post("https://ec2.us-east-1.amazonaws.com/", Map.of(), "Action=CreateKeyPair"),
            200,
            "<CreateKeyPairResponse><keyName>k</keyName><keyMaterial>-----BEGIN RSA PRIVATE KEY-----\n"
                + "SECRETPEMBODY\n-----END RSA PRIVATE KEY-----</keyMaterial></CreateKeyPairResponse>",
            List.of("SECRETPEMBODY"),
            List.of("<keyName>k</keyName>", "Action=CreateKeyPair")),
        new Exchange(
            "STS AssumeRole",
            post(
                "https://sts.us-east-1.amazonaws.com/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=s"),
            200,
            "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                + "<AccessKeyId>ASIAVISIBLEKEY</AccessKeyId>"
                + "<SecretAccessKey>SECRET-STS-SECRET-KEY</SecretAccessKey>"
                + "<SessionToken>SECRET-STS-SESSION-TOKEN</SessionToken>"
                + "<Expiration>2025-01-01T01:00:00Z</Expiration>"
                + "</Credentials></AssumeRoleResult></AssumeRoleResponse>",
            List.of("SECRET-STS-SECRET-KEY", "SECRET-STS-SESSION-TOKEN"),
            List.of("Action=AssumeRole", "ASIAVISIBLEKEY", "2025-01-01T01:00:00Z", "HTTP 200")),
        new Exchange(
            "STS AssumeRoleWithWebIdentity",
            post(
                "https://sts.amazonaws.com/",
                Map.of(),
                "Action=AssumeRoleWithWebIdentity&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr"
                    + "&WebIdentityToken=eyJSECRET-WEB-IDENTITY.payload.sig&Version=2011-06-15"),
            200,
            "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>\n"
                + "  <AccessKeyId>ASIAWEBVISIBLE</AccessKeyId>\n"
                + "  <SecretAccessKey>SECRET-WEB-SECRET-KEY</SecretAccessKey>\n"
                + "  <SessionToken>SECRET-WEB-SESSION-TOKEN</SessionToken>\n"
                + "  <Expiration>2025-02-02T02:00:00Z</Expiration>\n"
                + "</Credentials></AssumeRoleWithWebIdentityResult>"
                + "</AssumeRoleWithWebIdentityResponse>",
            List.of("SECRET-WEB-IDENTITY", "SECRET-WEB-SECRET-KEY", "SECRET-WEB-SESSION-TOKEN"),
            List.of(
                "Action=AssumeRoleWithWebIdentity",
                "Version=2011-06-15",
                "ASIAWEBVISIBLE",
                "2025-02-02T02:00:00Z")),
        new Exchange(
            "SSO OIDC CreateToken",
            post(
                "https://oidc.us-east-1.amazonaws.com/token",
                Map.of("Content-Type", "application/json"),
                "{\"grantType\":\"refresh_token\",\"clientId\":\"VISIBLE-CLIENT-ID\","
                    + "\"clientSecret\":\"SECRET-OIDC-CLIENT-SECRET\","
                    + "\"refreshToken\":\"SECRET-OIDC-OLD-REFRESH\"}"),
            200,
            "{\"accessToken\": \"SECRET-OIDC-ACCESS\", \"expiresIn\": 28800,"
                + " \"refreshToken\" : \"SECRET-OIDC-NEW-REFRESH\", \"tokenType\": \"Bearer\"}",
            List.of(
                "SECRET-OIDC-CLIENT-SECRET",
                "SECRET-OIDC-OLD-REFRESH",
                "SECRET-OIDC-ACCESS",
                "SECRET-OIDC-NEW-REFRESH"),
            List.of("refresh_token", "VISIBLE-CLIENT-ID", "\"expiresIn\": 28800", "Bearer")),
        new Exchange(
            "SSO portal GetRoleCredentials",
            request(
                "GET",
                "https://portal.sso.us-east-1.amazonaws.com/federation/credentials"
                    + "?account_id=123456789012&role_name=Dev",
                Map.of("x-amz-sso_bearer_token", "SECRET-SSO-BEARER")),
            200,
            "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSOVISIBLE\","
                + "\"secretAccessKey\":\"SECRET-SSO-SECRET-KEY\","
                + "\"sessionToken\":\"SECRET-SSO-SESSION-TOKEN\",\"expiration\":1735693200000}}",
            List.of("SECRET-SSO-BEARER", "SECRET-SSO-SECRET-KEY", "SECRET-SSO-SESSION-TOKEN"),
            List.of("role_name=Dev", "ASIASSOVISIBLE", "1735693200000")),
        new Exchange(
            "IMDS token",
            request(
                "PUT",
                "http://169.254.169.254/latest/api/token",
                Map.of("x-aws-ec2-metadata-token-ttl-seconds", "21600")),
            200,
            "AQAEAMSECRET-IMDS-TOKEN==",
            List.of("SECRET-IMDS-TOKEN"),
            List.of("/latest/api/token", "21600", "HTTP 200")),
        new Exchange(
            "IMDS token at another endpoint, known by its TTL header",
            request(
                "PUT",
                "http://[fd00:ec2::254]/",
                Map.of("X-aws-ec2-metadata-token-ttl-seconds", "21600")),
            200,
            "SECRET-IMDS-TOKEN-V6",
            List.of("SECRET-IMDS-TOKEN-V6"),
            List.of("HTTP 200")),
        new Exchange(
            "IMDS role credentials",
            request(
                "GET",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/role",
                Map.of("x-aws-ec2-metadata-token", "SECRET-IMDS-HEADER-TOKEN")),
            200,
            "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2025-01-01T00:00:00Z\",\n"
                + "  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIAIMDSVISIBLE\",\n"
                + "  \"SecretAccessKey\" : \"SECRET-IMDS-SECRET-KEY\",\n"
                + "  \"Token\" : \"SECRET-IMDS-SESSION\",\n"
                + "  \"Expiration\" : \"2025-01-01T06:00:00Z\"\n}",
            List.of("SECRET-IMDS-HEADER-TOKEN", "SECRET-IMDS-SECRET-KEY", "SECRET-IMDS-SESSION"),
            List.of("security-credentials/role", "ASIAIMDSVISIBLE", "2025-01-01T06:00:00Z")),
        new Exchange(
            "container endpoint",
            request(
                "GET",
                "http://169.254.170.2/v2/credentials/uuid",
                Map.of("Authorization", "SECRET-CONTAINER-AUTH")),
            200,
            "{\"AccessKeyId\":\"ASIACONTAINERVISIBLE\",\"Expiration\":\"2025-03-03T03:00:00Z\","
                + "\"RoleArn\":\"arn:aws:iam::1:role/task\","
                + "\"SecretAccessKey\":\"SECRET-CONTAINER-SECRET-KEY\","
                + "\"Token\":\"SECRET-CONTAINER-SESSION\"}",
            List.of(
                "SECRET-CONTAINER-AUTH", "SECRET-CONTAINER-SECRET-KEY", "SECRET-CONTAINER-SESSION"),
            List.of("/v2/credentials/uuid", "ASIACONTAINERVISIBLE", "2025-03-03T03:00:00Z")),
        new Exchange(
            "presigned query and form security tokens",
            post(
                "https://ec2.us-east-1.amazonaws.com/?X-Amz-Security-Token=SECRET-QUERY-TOKEN"
                    + "&X-Amz-Credential=AKIAQUERYVISIBLE",
                Map.of("Cookie", "session=SECRET-COOKIE"),
                "Action=DescribeRegions&X-Amz-Security-Token=SECRET-FORM-TOKEN&Version=2016-11-15"),
            200,
            "<DescribeRegionsResponse/>",
            List.of("SECRET-QUERY-TOKEN", "SECRET-FORM-TOKEN", "SECRET-COOKIE"),
            List.of("AKIAQUERYVISIBLE", "Action=DescribeRegions", "Version=2016-11-15")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exchanges")
  void debug_output_never_shows_a_secret_of_any_exchange(Exchange e) throws Exception {
    String all = debug(e.request(), e.status(), e.answer().getBytes(StandardCharsets.UTF_8));
    for (String secret : e.secrets()) {
      assertThat(all).as("debug output of %s", e.name()).doesNotContain(secret);
    }
    assertThat(all).contains(e.visible()).contains("HTTP " + e.status());
  }

  @Test
  void secrets_with_json_escapes_and_xml_entities_are_redacted_whole() throws Exception {
    String json =
        "{\"AccessKeyId\":\"ASIAJSONVISIBLE\",\"SecretAccessKey\":\"JS1\\\"JS2\\\\\\\"JS3\\u0022JS4\","
            + "\"Token\":\"TK1\\\\\",\"Expiration\":\"2025-04-04T04:00:00Z\"}";
    String jsonOut =
        debug(
            request("GET", "http://169.254.170.2/c", Map.of()),
            200,
            json.getBytes(StandardCharsets.UTF_8));
    assertThat(jsonOut)
        .doesNotContain("JS1")
        .doesNotContain("JS2")
        .doesNotContain("JS3")
        .doesNotContain("JS4")
        .doesNotContain("TK1")
        .contains("ASIAJSONVISIBLE", "\"Expiration\":\"2025-04-04T04:00:00Z\"");

    String xml =
        "<Credentials><AccessKeyId>ASIAXMLVISIBLE</AccessKeyId>"
            + "<SecretAccessKey>XM1&lt;/SecretAccessKey&gt;XM2&amp;XM3</SecretAccessKey>"
            + "<SessionToken><![CDATA[CD1</SessionToken>CD2]]></SessionToken>"
            + "<Expiration>2025-05-05T05:00:00Z</Expiration></Credentials>";
    String xmlOut =
        debug(
            post("https://sts.amazonaws.com/", Map.of(), "Action=AssumeRole"),
            200,
            xml.getBytes(StandardCharsets.UTF_8));
    assertThat(xmlOut)
        .doesNotContain("XM1")
        .doesNotContain("XM2")
        .doesNotContain("XM3")
        .doesNotContain("CD1")
        .doesNotContain("CD2")
        .contains("ASIAXMLVISIBLE", "<Expiration>2025-05-05T05:00:00Z</Expiration>");
  }

  @Test
  void a_cut_off_or_non_utf8_answer_is_shown_redacted_without_throwing() throws Exception {
    byte[] cut =
        "{\"AccessKeyId\":\"ASIACUT\",\"SecretAccessKey\":\"CUTSECRET"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(debug(post("http://h/", Map.of(), "x"), 200, cut))
        .contains("ASIACUT")
        .doesNotContain("CUTSECRET");

    byte[] xmlCut = "<Credentials><SessionToken>CUTXMLSECRET".getBytes(StandardCharsets.UTF_8);
    assertThat(debug(post("http://h/", Map.of(), "x"), 200, xmlCut)).doesNotContain("CUTXMLSECRET");

    byte[] pemCut =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nCUTPEMSECRET".getBytes(StandardCharsets.UTF_8);
    assertThat(debug(post("http://h/", Map.of(), "x"), 200, pemCut)).doesNotContain("CUTPEMSECRET");

    byte[] noise = new byte[4096];
    new java.util.Random(17).nextBytes(noise);
    assertThatCode(() -> debug(post("http://h/", Map.of(), "x"), 200, noise))
        .doesNotThrowAnyException();

    String longEscapes = "{\"Token\":\"" + "\\\"".repeat(200_000) + "\"}";
    assertThat(
            debug(
                post("http://h/", Map.of(), "x"),
                200,
                longEscapes.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain("\\\"\\\"");
  }

  private static Transport.Request request(String method, String uri, Map<String, String> headers) {
    return new Transport.Request(method, URI.create(uri), headers, null);
  }

  private static Transport.Request post(String uri, Map<String, String> headers, String body) {
    return new Transport.Request(
        "POST", URI.create(uri), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String debug(Transport.Request request, int status, byte[] answer)
      throws Exception {
    Transport canned = r -> new Transport.Response(status, Map.of(), answer);
    List<String> lines = new ArrayList<>();
    Transport.Response response = Transport.debugging(canned, lines::add).send(request);
    assertThat(response.body()).isEqualTo(answer);
    return String.join("\n", lines);
  }
}
