package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.internal.signing.RequestSigner;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.SsoLogin;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --debug} shows every exchange of every credential source, and of every identity route of
 * the emulator they reach (STS AssumeRole and AssumeRoleWithWebIdentity, the SSO portal and OIDC's
 * token refresh, instance metadata, a container endpoint, credential_process, the environment), and
 * never one of their secrets: keys, session tokens, bearer and refresh tokens, client secrets, web
 * identity tokens, metadata tokens.
 */
class CliDebugSecretsTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** What every session token this emulator issues starts with. */
  static final String ISSUED_TOKEN_PREFIX = "IQoJb3JpZ2luX2VjE";

  @TempDir static Path shared;
  static Ec2Local local;
  @TempDir Path home;
  Map<String, String> env;
  final List<String> secrets = new ArrayList<>();

  @BeforeAll
  static void start() {
    local = Ec2Local.builder().port(0).transition(Duration.ZERO).log(null).build().start();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @BeforeEach
  void settings() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    env =
        new HashMap<>(
            Map.of(
                "HOME",
                home.toString(),
                "AWS_ENDPOINT_URL",
                local.endpoint().toString(),
                "AWS_EC2_METADATA_DISABLED",
                "true",
                "AWS_REGION",
                "us-east-1"));
  }

  /** Runs describe-regions with --debug; it must work, and show none of the secrets. */
  private String debug() {
    CliRunner runner = new CliRunner(local, "us-east-1");
    runner.env.clear();
    runner.env.putAll(env);
    CliRunner.Run r = runner.run("describe-regions", "us-east-1", "--debug");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("Action=DescribeRegions").contains("HTTP 200");
    assertNoSecret(r.err());
    return r.err();
  }

  private void assertNoSecret(String err) {
    for (String s : secrets) {
      assertThat(err).as("a secret of %d characters", s.length()).doesNotContain(s);
    }
    assertThat(err)
        .doesNotContain(ISSUED_TOKEN_PREFIX)
        .doesNotContainPattern("Signature=[0-9a-f]{64}")
        .doesNotContainPattern("(?m)^< [A-Za-z0-9]{56}$"); // an IMDS session token
  }

  @Test
  void environment_keys_and_a_session_token() {
    env.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID", "test",
            "AWS_SECRET_ACCESS_KEY", "test",
            "AWS_SESSION_TOKEN", "the-session-token"));
    secrets.add("the-session-token");
    assertThat(debug()).contains("Credential=test/");
  }

  @Test
  void assume_role_through_sts() throws Exception {
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[base]\naws_access_key_id = test\naws_secret_access_key = test\n");
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile ops]\nrole_arn = arn:aws:iam::210987654321:role/Ops\nsource_profile = base\n");
    env.put("AWS_PROFILE", "ops");
    assertThat(debug()).contains("Action=AssumeRole").contains("<AccessKeyId>ASIA");
  }

  @Test
  void web_identity_through_sts() throws Exception {
    String token = local.webIdentityToken("123456789012", "system:serviceaccount:app:web");
    Path file = home.resolve("token");
    Files.writeString(file, token);
    env.putAll(
        Map.of(
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            file.toString(),
            "AWS_ROLE_ARN",
            "arn:aws:iam::123456789012:role/Web"));
    secrets.add(token);
    secrets.add(token.substring(token.lastIndexOf('.') + 1)); // its signature alone
    assertThat(debug()).contains("AssumeRoleWithWebIdentity");
  }

  @Test
  void sso_portal_and_oidc_token_refresh() throws Exception {
    Files.writeString(
        home.resolve(".aws/config"),
        "[profile corp]\nsso_session = acme\nsso_account_id = 123456789012\nsso_role_name = Dev\n"
            + "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\n"
            + "sso_region = us-east-1\n");
    Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
    String name =
        java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-1")
                        .digest("acme".getBytes(StandardCharsets.UTF_8)))
            + ".json";
    SsoLogin login = local.ssoLogin("123456789012");
    // expired: the refresh token renews it through OIDC, then the portal is asked
    Files.writeString(
        cache.resolve(name),
        login
            .cacheJson("us-east-1", "https://acme.awsapps.com/start")
            .replace(login.expiresAt().toString(), "2020-01-01T00:00:00Z"));
    env.put("AWS_PROFILE", "corp");
    secrets.addAll(List.of(login.accessToken(), login.refreshToken(), login.clientSecret()));
    String err = debug();
    assertThat(err).contains("/token").contains("/federation/credentials");
    String renewed = Files.readString(cache.resolve(name));
    for (String field : List.of("accessToken", "refreshToken")) {
      String value = renewed.replaceAll("(?s).*\"" + field + "\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      assertThat(value).isNotEqualTo(renewed);
      secrets.add(value);
    }
    assertNoSecret(err);
  }

  @Test
  void credential_process() throws Exception {
    Path script = home.resolve("creds.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"test\", \"SecretAccessKey\": \"test\","
            + " \"SessionToken\": \"process-session-token\"}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(home.resolve(".aws/config"), "[default]\ncredential_process = " + script);
    secrets.add("process-session-token");
    debug();
  }

  @Test
  void container_endpoint() throws Exception {
    HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.createContext(
        "/creds",
        ex -> {
          boolean ok =
              "container-token-value".equals(ex.getRequestHeaders().getFirst("Authorization"));
          byte[] b =
              (ok
                      ? "{\"AccessKeyId\":\"test\",\"SecretAccessKey\":\"test\","
                          + "\"Token\":\"container-session-token\","
                          + "\"Expiration\":\"2999-01-01T00:00:00Z\"}"
                      : "{}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(ok ? 200 : 401, b.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
          }
        });
    agent.start();
    try {
      env.put(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "http://127.0.0.1:" + agent.getAddress().getPort() + "/creds");
      env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token-value");
      secrets.addAll(List.of("container-token-value", "container-session-token"));
      debug();
    } finally {
      agent.stop(0);
    }
  }

  @Test
  void instance_metadata() throws Exception {
    Ec2 admin = Ec2.builder().identity(local.identity("us-east-1")).build();
    String ami =
        admin
            .images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    byte[] body =
        ("Action=RunInstances&Version=2016-11-15&ImageId="
                + ami
                + "&MinCount=1&MaxCount=1&IamInstanceProfile.Name=app-role")
            .getBytes(StandardCharsets.UTF_8);
    String form = "application/x-www-form-urlencoded; charset=utf-8";
    HttpRequest.Builder run =
        HttpRequest.newBuilder(local.endpoint())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", form);
    new RequestSigner("ec2")
        .sign(
            "POST",
            local.endpoint(),
            Map.of("content-type", form),
            body,
            "test",
            "test",
            null,
            "us-east-1",
            Instant.now())
        .forEach(run::header);
    String id =
        HTTP.send(run.build(), HttpResponse.BodyHandlers.ofString())
            .body()
            .replaceAll("(?s).*?<instanceId>([^<]+)</instanceId>.*", "$1");
    String address = admin.instances().find(id).orElseThrow().publicIpAddress();
    URI imds = URI.create("http://" + address + ":" + local.port() + "/");
    env.remove("AWS_EC2_METADATA_DISABLED");
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.toString());
    String err = debug();
    assertThat(err).contains("/latest/api/token").contains("security-credentials/app-role");
    // the role's keys, as the instance sees them (the same until near their expiry)
    String token =
        HTTP.send(
                HttpRequest.newBuilder(imds.resolve("latest/api/token"))
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .header("x-aws-ec2-metadata-token-ttl-seconds", "60")
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String keys =
        HTTP.send(
                HttpRequest.newBuilder(
                        imds.resolve("latest/meta-data/iam/security-credentials/app-role"))
                    .header("x-aws-ec2-metadata-token", token)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    secrets.add(keys.replaceAll("(?s).*\"SecretAccessKey\":\"([^\"]+)\".*", "$1"));
    secrets.add(keys.replaceAll("(?s).*\"Token\":\"([^\"]+)\".*", "$1"));
    assertNoSecret(err);
  }
}
