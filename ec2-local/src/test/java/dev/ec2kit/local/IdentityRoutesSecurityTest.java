package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import dev.ec2kit.ssh.CommandResult;
import dev.ec2kit.ssh.Ssh;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an owner's key configured, every route of the emulator that issues or returns credentials
 * refuses callers that cannot prove they may have them, as AWS does: STS AssumeRole checks the
 * role's trust, AssumeRoleWithWebIdentity takes only tokens the emulator issued or a configured
 * issuer signed, the SSO portal only access tokens it issued, instance metadata answers only on the
 * instance's own address; and a command on an instance sees nothing of the emulator's environment.
 */
@SharesSandboxes
class IdentityRoutesSecurityTest {
  static final String OWNER = "111122223333";
  static final String OTHER = "444455556666";
  static final String ISSUER = "https://oidc.example.test/cluster-1";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @TempDir static Path dir;
  static Ec2Local local;
  static KeyPair issuerKey;
  static String ami;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    issuerKey = g.generateKeyPair();
    local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .credentials("AKIDOWNER", "owner-secret-value", OWNER)
            .credentials("AKIDOTHER", "other-secret-value", OTHER)
            .webIdentityIssuer(ISSUER, issuerKey.getPublic(), OWNER)
            .build()
            .start();
    ami =
        Ec2.builder()
            .identity(local.identity("us-east-1"))
            .build()
            .images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  // ---- helpers: raw STS, JWTs, plain HTTP ----

  static HttpResponse<String> sts(String accessKey, String secret, String body) throws Exception {
    return Raw.signedAs(
        local,
        "sts",
        accessKey,
        secret,
        Instant.now(),
        body.getBytes(StandardCharsets.UTF_8),
        "us-east-1");
  }

  static String webIdentity(String roleArn, String token) {
    return "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=pod-1&RoleArn="
        + URLEncoder.encode(roleArn, StandardCharsets.UTF_8)
        + "&WebIdentityToken="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  static String jwt(String headerJson, String claimsJson, KeyPair key) throws Exception {
    String signed =
        B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key.getPrivate());
    s.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + B64.encodeToString(s.sign());
  }

  static String claims(String iss, String aud, long exp) {
    return "{\"iss\":\""
        + iss
        + "\",\"sub\":\"system:serviceaccount:app:web\",\"aud\":\""
        + aud
        + "\",\"exp\":"
        + exp
        + "}";
  }

  static HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).GET();
    headers.forEach(r::header);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> put(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody());
    headers.forEach(r::header);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String code(HttpResponse<String> r) {
    return r.body().replaceAll("(?s).*<Code>([^<]*)</Code>.*", "$1");
  }

  // ---- STS ----

  @Test
  void an_unsigned_web_identity_call_without_a_token_the_emulator_trusts_gets_no_keys()
      throws Exception {
    String role = "arn:aws:iam::" + OWNER + ":role/Pod";
    long later = Instant.now().plusSeconds(600).getEpochSecond();
    String forgedOwnIssuer =
        jwt(
            "{\"alg\":\"HS256\"}",
            claims(local.endpoint().toString().replaceAll("/$", ""), "sts.amazonaws.com", later),
            issuerKey);
    String unsigned =
        B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(
                claims(ISSUER, "sts.amazonaws.com", later).getBytes(StandardCharsets.UTF_8))
            + ".";
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String otherKey =
        jwt("{\"alg\":\"RS256\"}", claims(ISSUER, "sts.amazonaws.com", later), g.generateKeyPair());
    Map<String, String> refused = new HashMap<>();
    refused.put("AAAA", "InvalidIdentityToken");
    refused.put(forgedOwnIssuer, "InvalidIdentityToken");
    refused.put(unsigned, "InvalidIdentityToken");
    refused.put(otherKey, "InvalidIdentityToken");
    refused.put(
        jwt(
            "{\"alg\":\"RS256\"}",
            claims("https://evil.example", "sts.amazonaws.com", later),
            issuerKey),
        "InvalidIdentityToken");
    refused.put(
        jwt("{\"alg\":\"RS256\"}", claims(ISSUER, "someone-else", later), issuerKey),
        "InvalidIdentityToken");
    refused.put(
        jwt(
            "{\"alg\":\"RS256\"}",
            claims(ISSUER, "sts.amazonaws.com", Instant.now().minusSeconds(5).getEpochSecond()),
            issuerKey),
        "ExpiredTokenException");
    for (Map.Entry<String, String> t : refused.entrySet()) {
      HttpResponse<String> r = sts(null, null, webIdentity(role, t.getKey()));
      assertThat(r.statusCode()).as(t.getKey()).isBetween(400, 403);
      assertThat(code(r)).as(t.getKey()).isEqualTo(t.getValue());
      assertThat(r.body()).doesNotContain("SecretAccessKey");
    }
    // a token of the configured issuer, and one the emulator made, for a role of their account
    String good = jwt("{\"alg\":\"RS256\"}", claims(ISSUER, "sts.amazonaws.com", later), issuerKey);
    HttpResponse<String> ok = sts(null, null, webIdentity(role, good));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body())
        .contains("<SecretAccessKey>")
        .contains("<Provider>" + ISSUER + "</Provider>")
        .contains("<SubjectFromWebIdentityToken>system:serviceaccount:app:web<");
    String own = local.webIdentityToken(OWNER, "system:serviceaccount:app:api");
    assertThat(sts(null, null, webIdentity(role, own)).statusCode()).isEqualTo(200);
    // ... but not for a role of another account
    HttpResponse<String> elsewhere =
        sts(null, null, webIdentity("arn:aws:iam::" + OTHER + ":role/Pod", own));
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(code(elsewhere)).isEqualTo("AccessDenied");
    assertThat(
            sts(null, null, webIdentity("arn:aws:iam::" + OTHER + ":role/Pod", good)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void assume_role_is_refused_into_an_account_whose_roles_do_not_trust_the_caller()
      throws Exception {
    String into =
        "Action=AssumeRole&Version=2011-06-15&RoleSessionName=alice&RoleArn=arn:aws:iam::";
    HttpResponse<String> cross =
        sts("AKIDOTHER", "other-secret-value", into + OWNER + ":role/Admin");
    assertThat(cross.statusCode()).isEqualTo(403);
    assertThat(code(cross)).isEqualTo("AccessDenied");
    assertThat(cross.body()).contains("arn:aws:iam::" + OTHER + ":user/AKIDOTHER");
    assertThat(sts(null, null, into + OWNER + ":role/Admin").statusCode()).isEqualTo(401);
    assertThat(sts("AKIDOWNER", "wrong", into + OWNER + ":role/Admin").statusCode()).isEqualTo(401);
    HttpResponse<String> own = sts("AKIDOTHER", "other-secret-value", into + OTHER + ":role/Admin");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    // a declared trust lets the other account in
    try (Ec2Local trusting =
        Ec2Local.builder()
            .port(0)
            .ssh(false)
            .credentials("AKIDOWNER", "owner-secret-value", OWNER)
            .credentials("AKIDOTHER", "other-secret-value", OTHER)
            .trust(OTHER, OWNER)
            .build()
            .start()) {
      Ec2Local saved = local;
      local = trusting;
      try {
        assertThat(
                sts("AKIDOTHER", "other-secret-value", into + OWNER + ":role/Admin").statusCode())
            .isEqualTo(200);
        assertThat(
                sts("AKIDOWNER", "owner-secret-value", into + OTHER + ":role/Admin").statusCode())
            .isEqualTo(403);
      } finally {
        local = saved;
      }
    }
  }

  // ---- the SSO portal and OIDC ----

  static URI portal(String query) {
    return local.endpoint().resolve("/federation/credentials?" + query);
  }

  @Test
  void the_sso_portal_gives_role_keys_only_for_an_access_token_it_issued_for_that_account()
      throws Exception {
    String q = "account_id=" + OWNER + "&role_name=Dev";
    for (String bearer : List.of("bearer-abc", "aoaAAAA.BBBB", "")) {
      HttpResponse<String> r = get(portal(q), Map.of("x-amz-sso_bearer_token", bearer + "x"));
      assertThat(r.statusCode()).as(bearer).isEqualTo(401);
      assertThat(r.body()).doesNotContain("secretAccessKey");
    }
    assertThat(get(portal(q), Map.of()).statusCode()).isEqualTo(401);
    SsoLogin login = local.ssoLogin(OWNER);
    assertThat(login.toString()).doesNotContain(login.accessToken());
    HttpResponse<String> ok = get(portal(q), Map.of("x-amz-sso_bearer_token", login.accessToken()));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("secretAccessKey");
    HttpResponse<String> other =
        get(
            portal("account_id=" + OTHER + "&role_name=Dev"),
            Map.of("x-amz-sso_bearer_token", login.accessToken()));
    assertThat(other.statusCode()).isEqualTo(403);
    // the refresh token is not an access token, and an access token not a refresh token
    assertThat(get(portal(q), Map.of("x-amz-sso_bearer_token", login.refreshToken())).statusCode())
        .isEqualTo(401);
    // a malformed query is a clean 400, never an internal error
    long errors = local.internalErrors();
    String bad;
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", local.port())) {
      s.getOutputStream()
          .write(
              ("GET /federation/credentials?account_id="
                      + OWNER
                      + "&role_name=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                      + "x-amz-sso_bearer_token: "
                      + login.accessToken()
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      bad = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(bad)
        .startsWith("HTTP/1.1 400")
        .contains("InvalidRequestException")
        .doesNotContain("java.");
    assertThat(local.internalErrors()).isEqualTo(errors);
  }

  static HttpResponse<String> createToken(String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(local.endpoint().resolve("/token"))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void oidc_renews_only_refresh_tokens_it_issued_to_that_client() throws Exception {
    SsoLogin login = local.ssoLogin(OWNER);
    String body =
        "{\"grantType\":\"refresh_token\",\"clientId\":\"%s\",\"clientSecret\":\"%s\","
            + "\"refreshToken\":\"%s\"}";
    assertThat(createToken(String.format(body, "c", "s", "r-1")).statusCode()).isEqualTo(401);
    assertThat(
            createToken(String.format(body, login.clientId(), login.clientSecret(), "aor-forged"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            createToken(String.format(body, login.clientId(), "wrong", login.refreshToken()))
                .statusCode())
        .isEqualTo(401);
    SsoLogin another = local.ssoLogin(OWNER);
    assertThat(
            createToken(
                    String.format(
                        body, another.clientId(), another.clientSecret(), login.refreshToken()))
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> ok =
        createToken(
            String.format(body, login.clientId(), login.clientSecret(), login.refreshToken()));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    String access = ok.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    assertThat(
            get(
                    portal("account_id=" + OWNER + "&role_name=Dev"),
                    Map.of("x-amz-sso_bearer_token", access))
                .statusCode())
        .isEqualTo(200);
  }

  // ---- instance metadata ----

  static Ec2 owner() {
    return Ec2.builder().identity(local.identity("us-east-1")).build();
  }

  static String launchWithRole() throws Exception {
    String body =
        "Action=RunInstances&Version=2016-11-15&ImageId="
            + ami
            + "&MinCount=1&MaxCount=1&IamInstanceProfile.Name=app-role";
    String xml =
        Raw.signedAs(
                local,
                "ec2",
                "AKIDOWNER",
                "owner-secret-value",
                Instant.now(),
                body.getBytes(StandardCharsets.UTF_8),
                "us-east-1")
            .body();
    return xml.replaceAll("(?s).*?<instanceId>([^<]+)</instanceId>.*", "$1");
  }

  @Test
  void instance_metadata_answers_only_on_the_instance_own_address() throws Exception {
    String id = launchWithRole();
    Instance i = owner().instances().find(id).orElseThrow();
    URI own = URI.create("http://" + i.publicIpAddress() + ":" + local.port() + "/");
    String creds = "latest/meta-data/iam/security-credentials/app-role";
    // the emulator's own endpoint gives no metadata, whatever path names the instance
    for (String path : List.of("imds/" + id + "/latest/api/token", "latest/api/token")) {
      HttpResponse<String> r =
          put(
              local.endpoint().resolve("/" + path),
              Map.of("x-aws-ec2-metadata-token-ttl-seconds", "60"));
      assertThat(r.statusCode()).as(path).isNotEqualTo(200);
    }
    assertThat(get(local.endpoint().resolve("/imds/" + id + "/" + creds), Map.of()).body())
        .doesNotContain("SecretAccessKey");
    // the instance's own address does
    HttpResponse<String> token =
        put(own.resolve("latest/api/token"), Map.of("x-aws-ec2-metadata-token-ttl-seconds", "60"));
    assertThat(token.statusCode()).isEqualTo(200);
    Map<String, String> h = Map.of("x-aws-ec2-metadata-token", token.body());
    assertThat(get(own.resolve("latest/meta-data/instance-id"), h).body()).isEqualTo(id);
    HttpResponse<String> keys = get(own.resolve(creds), h);
    assertThat(keys.body()).contains("SecretAccessKey");
    // asked again, the same keys: nothing new is issued per request
    assertThat(get(own.resolve(creds), h).body()).isEqualTo(keys.body());
    // another instance's address answers for that instance only, and not with this one's token
    Instance other = owner().instances().run(ami, 1, 1, RunOptions.builder().build()).get(0);
    URI theirs = URI.create("http://" + other.publicIpAddress() + ":" + local.port() + "/");
    assertThat(get(theirs.resolve("latest/meta-data/instance-id"), h).statusCode()).isEqualTo(401);
    // stopped, it answers nothing at all
    owner().instances().stop(id);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> get(own.resolve("latest/meta-data/instance-id"), h)))
        .isNotNull();
  }

  @Test
  void metadata_tokens_are_bounded_per_instance() throws Exception {
    Instance i = owner().instances().run(ami, 1, 1, RunOptions.builder().build()).get(0);
    URI own = URI.create("http://" + i.publicIpAddress() + ":" + local.port() + "/");
    HttpResponse<String> first =
        put(own.resolve("latest/api/token"), Map.of("x-aws-ec2-metadata-token-ttl-seconds", "600"));
    for (int n = 0; n < 1_000; n++) {
      put(own.resolve("latest/api/token"), Map.of("x-aws-ec2-metadata-token-ttl-seconds", "600"));
    }
    // the oldest of more than 1,000 live tokens has gone; the newest works
    assertThat(
            get(
                    own.resolve("latest/meta-data/instance-id"),
                    Map.of("x-aws-ec2-metadata-token", first.body()))
                .statusCode())
        .isEqualTo(401);
  }

  // ---- a command's environment ----

  @Test
  void a_command_on_an_instance_sees_nothing_of_the_emulator_environment() throws Exception {
    Ec2 plain = owner();
    Path key = dir.resolve("env-test.pem");
    Files.writeString(
        key,
        plain.keyPairs().create("env-test", KeyType.ED25519).privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Ec2 ec2 =
        plain.withIdentity(
            local
                .identity("us-east-1")
                .copy()
                .keyName("env-test")
                .sshUser("ec2-user")
                .sshIdentityFile(key)
                .sshPort(local.sshPort())
                .build());
    Instance i =
        ec2.instances().run(ami, 1, 1, RunOptions.builder().waitUntilRunning().build()).get(0);
    CommandResult r;
    try (Ssh ssh =
        Ssh.builder()
            .knownHosts(dir.resolve("known_hosts"))
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      r = ssh.sshCommandOutput(i, "env");
    }
    Set<String> names = new TreeSet<>();
    r.stdout().lines().forEach(l -> names.add(l.substring(0, Math.max(0, l.indexOf('=')))));
    assertThat(names)
        .isSubsetOf(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "PWD",
            "SHLVL",
            "_",
            "OLDPWD",
            "TERM",
            "LANG",
            "AWS_ENDPOINT_URL",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT");
    assertThat(r.stdout())
        .contains("AWS_EC2_METADATA_SERVICE_ENDPOINT=http://" + i.publicIpAddress() + ":")
        .doesNotContain("owner-secret-value");
  }
}
