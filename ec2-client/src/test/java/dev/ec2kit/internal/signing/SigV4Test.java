package dev.ec2kit.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples published with the AWS Signature Version 4 documentation. */
class SigV4Test {
  private static final String KEY = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant WHEN = Instant.parse("2015-08-30T12:36:00Z");
  private static final String SUITE_PREFIX =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

  @Test
  void amz_date_is_written_as_java_times_formatter_writes_it() {
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 2000; n++) {
      Instant at =
          n == 0
              ? WHEN
              : n == 1
                  ? Instant.parse("1999-12-31T23:59:59.999Z")
                  : n == 2
                      ? Instant.parse("2001-01-01T00:00:00Z")
                      : Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt());
      assertThat(SigV4.amzDate(at)).as("%s", at).isEqualTo(SigV4.amzDateFormat().format(at));
      assertThat(Instant.from(SigV4.amzDateFormat().parse(SigV4.amzDate(at))))
          .isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
    assertThat(SigV4.amzDate(WHEN)).isEqualTo("20150830T123600Z");
  }

  @Test
  void sha256_agrees_with_the_jdks_digest_for_every_length_and_split() throws Exception {
    java.util.Random random = new java.util.Random(11);
    for (int n = 0; n < 300; n++) {
      byte[] data = new byte[n < 200 ? n : random.nextInt(100_000)];
      random.nextBytes(data);
      byte[] jdk = java.security.MessageDigest.getInstance("SHA-256").digest(data);
      assertThat(Sha256.of(data)).as("%d bytes", data.length).isEqualTo(jdk);
      int cut = data.length == 0 ? 0 : random.nextInt(data.length);
      assertThat(new Sha256().update(data, 0, cut).update(data, cut, data.length - cut).digest())
          .as("%d bytes in two parts", data.length)
          .isEqualTo(jdk);
    }
    assertThat(SigV4.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hmac_agrees_with_the_jdks_mac_for_keys_and_messages_of_every_length() throws Exception {
    java.util.Random random = new java.util.Random(7);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    for (int keyLength : new int[] {0, 1, 20, 44, 63, 64, 65, 200}) {
      for (int dataLength : new int[] {0, 1, 55, 56, 64, 1000}) {
        byte[] key = new byte[keyLength];
        byte[] data = new byte[dataLength];
        random.nextBytes(key);
        random.nextBytes(data);
        mac.init(
            new javax.crypto.spec.SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
        if (key.length > 0) {
          assertThat(SigV4.hmacSha256(key, data))
              .as("key %d bytes, data %d bytes", keyLength, dataLength)
              .isEqualTo(mac.doFinal(data));
        }
      }
    }
    // RFC 4231 test case 2
    assertThat(
            HexFormat.of()
                .formatHex(
                    SigV4.hmacSha256(
                        "Jefe".getBytes(StandardCharsets.UTF_8),
                        "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  private static String sign(
      String method, String url, Map<String, String> headers, String body, String service) {
    return new RequestSigner(service)
        .sign(
            method,
            URI.create(url),
            headers,
            body.getBytes(StandardCharsets.UTF_8),
            KEY,
            SECRET,
            null,
            "us-east-1",
            WHEN)
        .get("Authorization");
  }

  @Test
  void derives_the_documented_signing_key() {
    assertThat(
            HexFormat.of().formatHex(SigV4.signingKey(SECRET, "20150830", "us-east-1", "service")))
        .isEqualTo("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
  }

  @Test
  void test_suite_get_vanilla() {
    assertThat(sign("GET", "https://example.amazonaws.com/", Map.of(), "", "service"))
        .isEqualTo(
            SUITE_PREFIX
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void test_suite_get_vanilla_query_order_key_case_sorts_parameters() {
    assertThat(
            sign(
                "GET",
                "https://example.amazonaws.com/?Param2=value2&Param1=value1",
                Map.of(),
                "",
                "service"))
        .endsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test
  void test_suite_post_vanilla() {
    assertThat(sign("POST", "https://example.amazonaws.com/", Map.of(), "", "service"))
        .endsWith("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  }

  @Test
  void iam_list_users_example_with_form_content_type() {
    assertThat(
            sign(
                "GET",
                "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "",
                "iam"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  }

  @Test
  void canonical_query_sorts_by_encoded_name_then_value() {
    assertThat(SigV4.canonicalQuery(FormCodec.decode("b=2&a=1&A=0&a=0&c=x%20y+z")))
        .isEqualTo("A=0&a=0&a=1&b=2&c=x%20y%20z");
  }

  @Test
  void encoding_keeps_only_unreserved_characters() {
    assertThat(SigV4.encode("a b+c*d~e/f=é", false)).isEqualTo("a%20b%2Bc%2Ad~e%2Ff%3D%C3%A9");
    assertThat(SigV4.encode("/a b/c", true)).isEqualTo("/a%20b/c");
  }

  @Test
  void session_token_is_signed_and_sent() {
    Map<String, String> added =
        new RequestSigner("ec2")
            .sign(
                "POST",
                URI.create("https://ec2.us-east-1.amazonaws.com/"),
                Map.of(),
                new byte[0],
                KEY,
                SECRET,
                "TOKEN",
                "us-east-1",
                WHEN);
    assertThat(added).containsEntry("X-Amz-Security-Token", "TOKEN");
    assertThat(added.get("Authorization"))
        .contains("SignedHeaders=host;x-amz-date;x-amz-security-token");
  }

  @Test
  void host_header_names_the_port_only_when_it_is_not_the_default() {
    assertThat(RequestSigner.hostHeader(URI.create("https://ec2.us-east-1.amazonaws.com/")))
        .isEqualTo("ec2.us-east-1.amazonaws.com");
    assertThat(RequestSigner.hostHeader(URI.create("https://h:443/"))).isEqualTo("h");
    assertThat(RequestSigner.hostHeader(URI.create("http://127.0.0.1:4599/")))
        .isEqualTo("127.0.0.1:4599");
  }
}
