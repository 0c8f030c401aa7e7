package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ec2kit.Credentials;
import dev.ec2kit.Ec2;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.RunOptions;
import dev.ec2kit.internal.credentials.Refreshing;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default credential chain, every source against the emulator (which answers STS, the SSO
 * portal and instance metadata): environment, profile keys ({@code [profile default]} too),
 * credential_process, role_arn with source_profile or credential_source, web identity, IAM Identity
 * Center, container credentials and IMDSv2; and why nothing applied, source by source.
 */
@Emulated
class CredentialsChainTest {
  @TempDir Path home;
  private Map<String, String> env;
  private Ec2Local local;

  @BeforeEach
  void settings(Ec2Local local) throws Exception {
    this.local = local;
    Files.createDirectories(home.resolve(".aws"));
    env =
        new HashMap<>(
            Map.of(
                "HOME",
                home.toString(),
                "AWS_ENDPOINT_URL",
                local.endpoint().toString(),
                "AWS_EC2_METADATA_DISABLED",
                "true"));
  }

  private Ec2 client() {
    return Ec2.builder().environment(env).retryPolicy(RetryPolicy.none()).build();
  }

  private void config(String text) throws Exception {
    Files.writeString(home.resolve(".aws/config"), text);
  }

  private void credentials(String text) throws Exception {
    Files.writeString(home.resolve(".aws/credentials"), text);
  }

  @Test
  void home_comes_from_HOME_and_profile_default_in_config_is_read() throws Exception {
    config(
        "[profile default]\nregion = eu-west-1\naws_access_key_id = test\naws_secret_access_key = test\n");
    Ec2 ec2 = client();
    assertThat(ec2.identity().region().name()).isEqualTo("eu-west-1");
    assertThat(ec2.regions().describeZones()).isNotEmpty();
  }

  @Test
  void a_named_profile_takes_keys_from_the_credentials_file() throws Exception {
    credentials("[dev]\naws_access_key_id = test\naws_secret_access_key = test\n");
    config("[profile dev]\nregion = us-west-2\n");
    env.put("AWS_PROFILE", "dev");
    assertThat(client().regions().describeZones())
        .extracting(z -> z.zoneName())
        .contains("us-west-2a");
  }

  @Test
  void credential_process_json_is_used_and_a_failing_one_names_the_profile() throws Exception {
    Path script = home.resolve("creds.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"test\", \"SecretAccessKey\": \"test\","
            + " \"Expiration\": \"2999-01-01T00:00:00Z\"}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path failing = home.resolve("fail.sh");
    Files.writeString(failing, "#!/bin/sh\necho 'token expired' >&2\nexit 3\n");
    Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
    config(
        "[default]\nregion = us-east-1\ncredential_process = "
            + script
            + "\n"
            + "[profile broken]\nregion = us-east-1\ncredential_process = \""
            + failing
            + "\" --with arg\n");
    assertThat(client().regions().describe()).isNotEmpty();
    env.put("AWS_PROFILE", "broken");
    assertThatThrownBy(() -> client().regions().describe())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("credential_process of profile 'broken' exited 3");
  }

  @Test
  void role_arn_with_source_profile_assumes_the_role_through_sts() throws Exception {
    credentials("[base]\naws_access_key_id = test\naws_secret_access_key = test\n");
    config(
        "[profile ops]\nregion = us-east-1\nrole_arn = arn:aws:iam::210987654321:role/Ops\n"
            + "source_profile = base\nrole_session_name = alice\nexternal_id = x-42\nduration_seconds = 1800\n");
    env.put("AWS_PROFILE", "ops");
    Ec2 ec2 = client();
    Credentials c = ec2.identity().credentials();
    assertThat(c.accessKeyId()).startsWith("ASIA");
    assertThat(c.sessionToken()).isNotEmpty();
    assertThat(c.source()).contains("assume-role arn:aws:iam::210987654321:role/Ops");
    assertThat(c.expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(25)));
    // the keys STS issued are the role account's: its own resources, not the base account's
    ec2.securityGroups().create("ops-only", "in the role's account");
    Ec2 base = Ec2.builder().identity(local.identity("us-east-1")).build();
    assertThat(base.securityGroups().describe()).noneMatch(g -> g.groupName().equals("ops-only"));
  }

  @Test
  void source_profiles_in_a_circle_are_refused_naming_the_circle() throws Exception {
    config(
        "[profile a]\nrole_arn = arn:aws:iam::210987654321:role/A\nsource_profile = b\n"
            + "[profile b]\nrole_arn = arn:aws:iam::210987654321:role/B\nsource_profile = a\n");
    env.put("AWS_PROFILE", "a");
    env.put("AWS_REGION", "us-east-1");
    assertThatThrownBy(this::client)
        .hasMessageContaining("circle")
        .hasMessageContaining("a -> b -> a");
  }

  @Test
  void credential_source_environment_and_web_identity_assume_roles() throws Exception {
    config(
        "[profile envrole]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/FromEnv\n"
            + "credential_source = Environment\n");
    env.put("AWS_PROFILE", "envrole");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    Ec2 viaProfile = Ec2.builder().environment(env).profile("envrole").build();
    assertThat(viaProfile.identity().credentials().source()).contains("FromEnv");
    assertThat(viaProfile.regions().describe()).isNotEmpty();

    Path token = home.resolve("token.jwt");
    Files.writeString(token, local.webIdentityToken("123456789012", "system:serviceaccount:a:pod"));
    Map<String, String> web =
        new HashMap<>(
            Map.of(
                "HOME",
                home.toString(),
                "AWS_ENDPOINT_URL",
                local.endpoint().toString(),
                "AWS_EC2_METADATA_DISABLED",
                "true",
                "AWS_REGION",
                "us-east-1",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                token.toString(),
                "AWS_ROLE_ARN",
                "arn:aws:iam::123456789012:role/Pod",
                "AWS_ROLE_SESSION_NAME",
                "pod-1"));
    Ec2 pod = Ec2.builder().environment(web).build();
    assertThat(pod.identity().credentials().source())
        .contains("web identity arn:aws:iam::123456789012:role/Pod");
    assertThat(pod.regions().describe()).isNotEmpty();
  }

  @Test
  void an_sso_profile_reads_the_cached_token_and_says_to_log_in_when_it_expired() throws Exception {
    config(
        "[profile corp]\nsso_session = acme\nsso_account_id = 123456789012\nsso_role_name = Dev\n"
            + "region = us-east-1\n[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\n"
            + "sso_region = us-east-1\n");
    Path cache = home.resolve(".aws/sso/cache");
    Files.createDirectories(cache);
    String name =
        java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-1")
                        .digest("acme".getBytes(StandardCharsets.UTF_8)))
            + ".json";
    SsoLogin login = local.ssoLogin("123456789012");
    Files.writeString(
        cache.resolve(name), login.cacheJson("us-east-1", "https://acme.awsapps.com/start"));
    env.put("AWS_PROFILE", "corp");
    Ec2 ec2 = client();
    assertThat(ec2.identity().credentials().source()).contains("sso 123456789012/Dev");
    assertThat(ec2.regions().describe()).isNotEmpty();
    Files.writeString(
        cache.resolve(name),
        "{\"accessToken\": \""
            + login.accessToken()
            + "\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}");
    assertThatThrownBy(() -> client().regions().describe())
        .hasMessageContaining("aws sso login --profile corp");
    // with a refresh token (and a live client registration), the token is renewed and cached
    Files.writeString(
        cache.resolve(name),
        "{\"accessToken\": \"old\", \"expiresAt\": \"2020-01-01T00:00:00Z\","
            + " \"refreshToken\": \""
            + login.refreshToken()
            + "\", \"clientId\": \""
            + login.clientId()
            + "\", \"clientSecret\": \""
            + login.clientSecret()
            + "\", \"registrationExpiresAt\": \""
            + login.registrationExpiresAt()
            + "\"}");
    assertThat(client().regions().describe()).isNotEmpty();
    assertThat(Files.readString(cache.resolve(name)))
        .doesNotContain("\"old\"")
        .contains("\"accessToken\":\"aoa");
    // a token the emulator did not issue gets nothing from its portal
    Files.writeString(
        cache.resolve(name),
        "{\"accessToken\": \"bearer-abc\", \"expiresAt\": \""
            + Instant.now().plus(Duration.ofHours(1))
            + "\"}");
    assertThatThrownBy(() -> client().regions().describe()).hasMessageContaining("HTTP 401");
  }

  @Test
  void container_credentials_come_with_the_authorization_token() throws Exception {
    HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger authorized = new AtomicInteger();
    agent.createContext(
        "/creds",
        ex -> {
          boolean ok = "secret-token".equals(ex.getRequestHeaders().getFirst("Authorization"));
          if (ok) {
            authorized.incrementAndGet();
          }
          byte[] b =
              (ok
                      ? "{\"AccessKeyId\":\"test\",\"SecretAccessKey\":\"test\",\"Expiration\":\"2999-01-01T00:00:00Z\"}"
                      : "{}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(ok ? 200 : 401, b.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
          }
        });
    agent.start();
    try {
      Path tokenFile = home.resolve("agent-token");
      Files.writeString(tokenFile, "secret-token\n");
      env.put("AWS_REGION", "us-east-1");
      env.put(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "http://127.0.0.1:" + agent.getAddress().getPort() + "/creds");
      env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());
      assertThat(client().regions().describe()).isNotEmpty();
      assertThat(authorized.get()).isEqualTo(1);
    } finally {
      agent.stop(0);
    }
  }

  @Test
  void instance_metadata_gives_the_instance_role_and_its_region() throws Exception {
    Ec2 admin = Ec2.builder().identity(local.identity("eu-west-1")).build();
    String ami =
        admin
            .images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    Instance i = admin.instances().run(ami, 1, 1, RunOptions.builder().build()).get(0);
    // no profile: the role comes from a raw launch with an instance profile
    String body =
        "Action=RunInstances&Version=2016-11-15&ImageId="
            + ami
            + "&MinCount=1&MaxCount=1&IamInstanceProfile.Name=app-role";
    String id =
        Strict.xml(Raw.signed(local, Instant.now(), body, "eu-west-1").body())
            .getElementsByTagName("instanceId")
            .item(0)
            .getTextContent();
    env.remove("AWS_EC2_METADATA_DISABLED");
    // metadata answers at the instance's own address, as 169.254.169.254 answers inside it
    String address = admin.instances().find(id).orElseThrow().publicIpAddress();
    env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://" + address + ":" + local.port());
    Ec2 onInstance = client();
    assertThat(onInstance.identity().region().name()).isEqualTo("eu-west-1");
    assertThat(onInstance.identity().credentials().source())
        .contains("instance metadata (role app-role)");
    assertThat(onInstance.instances().describe())
        .extracting(Instance::instanceId)
        .contains(id, i.instanceId());
    // an instance without a role offers none, and the chain says so
    env.put(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        "http://"
            + admin.instances().describe(List.of(i)).get(0).publicIpAddress()
            + ":"
            + local.port());
    assertThatThrownBy(this::client)
        .hasMessageContaining("instance metadata")
        .hasMessageContaining("no AWS credentials found");
  }

  @Test
  void nothing_found_says_why_for_every_source() {
    env.put("AWS_REGION", "us-east-1");
    assertThatThrownBy(this::client)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("environment: AWS_ACCESS_KEY_ID is not set")
        .hasMessageContaining(
            "web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set")
        .hasMessageContaining(
            "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set")
        .hasMessageContaining("instance metadata: AWS_EC2_METADATA_DISABLED is true");
  }

  @Test
  void temporary_credentials_are_renewed_once_for_many_threads_before_they_expire()
      throws Exception {
    AtomicInteger loads = new AtomicInteger();
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    Refreshing r =
        new Refreshing(
            () -> {
              loads.incrementAndGet();
              try {
                Thread.sleep(50); // a slow STS: the others must wait for this one, not call it too
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new Credentials(
                  "ASIA" + loads.get(), "s", "t", now[0].plus(Duration.ofHours(1)), "test");
            },
            clock);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<Credentials>> got = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      got.add(
          pool.submit(
              () -> {
                go.await();
                return r.resolve();
              }));
    }
    go.countDown();
    for (var f : got) {
      assertThat(f.get().accessKeyId()).isEqualTo("ASIA1");
    }
    assertThat(loads.get()).isEqualTo(1);
    now[0] = now[0].plus(Duration.ofMinutes(50)); // 10 minutes left: inside the 15-minute margin
    assertThat(r.resolve().accessKeyId()).isEqualTo("ASIA2");
    pool.shutdownNow();
  }
}
