package dev.ec2kit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugTransportTest {
  @Test
  void debug_output_never_shows_signature_token_or_private_key() throws Exception {
    String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
    Transport fake =
        r ->
            new Transport.Response(
                200,
                Map.of(),
                ("<CreateKeyPairResponse><keyMaterial>"
                        + key
                        + "</keyMaterial></CreateKeyPairResponse>")
                    .getBytes(StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    Transport.debugging(fake, lines::add)
        .send(
            new Transport.Request(
                "POST",
                URI.create("http://h/"),
                Map.of(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AK/x, SignedHeaders=host, Signature=abcdef0123",
                    "X-Amz-Security-Token",
                    "SESSIONTOKEN"),
                "Action=CreateKeyPair".getBytes(StandardCharsets.UTF_8)));
    String all = String.join("\n", lines);
    assertThat(all)
        .contains("Action=CreateKeyPair", "Credential=AK/x", "HTTP 200")
        .doesNotContain("abcdef0123")
        .doesNotContain("SESSIONTOKEN")
        .doesNotContain("MIIEpAIBAAKCAQEA");
  }
}
