package dev.ec2kit.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Region;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our signer against botocore's, on a few hundred generated requests: both must produce the same
 * Authorization header. Calls Debian's /usr/bin/python3 with python3-botocore (.ci/run installs
 * it); a missing peer fails the test.
 */
class BotocoreAgreementTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String ALPHABET = "abcXYZ019 -_.~!*'()&=+/%$#@é日本\u00fc";

  private record Case(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      String accessKey,
      String secret,
      String token,
      String region,
      String service,
      Instant when) {}

  @Test
  void our_signatures_equal_botocores_on_generated_requests() throws Exception {
    Random random = new Random(20161115);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      cases.add(generate(random, i));
    }
    Path script = Path.of("src/test/resources/botocore_sign.py").toAbsolutePath();
    Process p = new ProcessBuilder(PYTHON, script.toString()).redirectErrorStream(false).start();
    try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      for (Case c : cases) {
        w.write(json(c));
        w.write('\n');
      }
    }
    List<String> theirs = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        theirs.add(line);
      }
    }
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("botocore signer failed: %s", err).isZero();
    assertThat(theirs).hasSize(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      String ours =
          new RequestSigner(c.service())
              .sign(
                  c.method(),
                  c.uri(),
                  c.headers(),
                  c.body(),
                  c.accessKey(),
                  c.secret(),
                  c.token(),
                  c.region(),
                  c.when())
              .get("Authorization");
      assertThat(ours).as("case %d: %s %s", i, c.method(), c.uri()).isEqualTo(theirs.get(i));
    }
  }

  private static Case generate(Random random, int i) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", "Describe" + word(random, 8));
    form.put("Version", "2016-11-15");
    int n = random.nextInt(6);
    for (int k = 1; k <= n; k++) {
      form.put("Filter." + k + ".Name", text(random, 10));
      form.put("Filter." + k + ".Value." + (1 + random.nextInt(3)), text(random, 20));
    }
    boolean get = random.nextInt(4) == 0;
    String host =
        switch (random.nextInt(3)) {
          case 0 ->
              "ec2."
                  + Region.all().get(random.nextInt(Region.all().size())).name()
                  + ".amazonaws.com";
          case 1 -> "127.0.0.1:" + (1024 + random.nextInt(60000));
          default -> "localhost:4599";
        };
    String scheme = host.contains(":") ? "http" : "https";
    String query = get ? "?" + FormCodec.encode(form) : "";
    byte[] body = get ? new byte[0] : FormCodec.encode(form).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        get ? Map.of() : Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    String region = Region.all().get(random.nextInt(Region.all().size())).name();
    Instant when =
        Instant.ofEpochSecond(1_262_304_000L + (long) (random.nextDouble() * 630_000_000L));
    return new Case(
        get ? "GET" : "POST",
        URI.create(scheme + "://" + host + "/" + query),
        headers,
        body,
        "AKIA" + word(random, 16).toUpperCase(),
        text(random, 40),
        i % 3 == 0 ? word(random, 60) : null,
        region,
        i % 7 == 0 ? "iam" : "ec2",
        when);
  }

  private static String word(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  private static String text(Random random, int maxLength) {
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String json(Case c) {
    StringBuilder h = new StringBuilder("{");
    c.headers()
        .forEach(
            (k, v) -> h.append(h.length() > 1 ? "," : "").append(q(k)).append(':').append(q(v)));
    h.append('}');
    return "{\"method\":"
        + q(c.method())
        + ",\"url\":"
        + q(c.uri().toString())
        + ",\"headers\":"
        + h
        + ",\"body\":"
        + q(Base64.getEncoder().encodeToString(c.body()))
        + ",\"accessKey\":"
        + q(c.accessKey())
        + ",\"secretKey\":"
        + q(c.secret())
        + (c.token() == null ? "" : ",\"token\":" + q(c.token()))
        + ",\"region\":"
        + q(c.region())
        + ",\"service\":"
        + q(c.service())
        + ",\"date\":"
        + q(SigV4.amzDate(c.when()))
        + "}";
  }

  private static String q(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20 || ch > 0x7e) {
        sb.append(String.format("\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.append('"').toString();
  }

  static {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      throw new IllegalStateException(
          PYTHON + " is missing: install python3-botocore (.ci/run does)");
    }
  }
}
