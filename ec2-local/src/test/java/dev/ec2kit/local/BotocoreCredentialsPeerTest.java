package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.Credentials;
import dev.ec2kit.Ec2;
import dev.ec2kit.internal.process.Spawns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * botocore (the AWS CLI v1's, pyenv's {@code python3}: a version that reads AWS_ENDPOINT_URL)
 * resolves the same files and environment to the same credentials as our chain: the same keys, or
 * for an assumed role the same caller, as the emulator's STS GetCallerIdentity tells. A missing
 * peer fails.
 */
@Emulated
class BotocoreCredentialsPeerTest {
  @TempDir Path home;

  private Map<String, String> scenario(String name, Ec2Local local) throws Exception {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Map<String, String> env =
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
    env.put("AWS_DEFAULT_REGION", "us-east-1"); // botocore's assume-role client reads this one
    switch (name) {
      case "environment" ->
          env.putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
      case "config-default" ->
          Files.writeString(
              aws.resolve("config"),
              "[profile default]\naws_access_key_id = test\naws_secret_access_key = test\n");
      case "named-profile" -> {
        Files.writeString(
            aws.resolve("credentials"),
            "[dev]\naws_access_key_id = test\naws_secret_access_key = test\n");
        env.put("AWS_PROFILE", "dev");
      }
      case "credential-process" -> {
        Path script = home.resolve("creds.sh");
        Files.writeString(
            script,
            "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"test\", \"SecretAccessKey\":"
                + " \"test\"}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(
            aws.resolve("config"), "[default]\ncredential_process = " + script + "\n");
      }
      case "assume-role" -> {
        Files.writeString(
            aws.resolve("credentials"),
            "[base]\naws_access_key_id = test\naws_secret_access_key = test\n");
        Files.writeString(
            aws.resolve("config"),
            "[profile ops]\nrole_arn = arn:aws:iam::210987654321:role/Ops\n"
                + "source_profile = base\nrole_session_name = alice\n");
        env.put("AWS_PROFILE", "ops");
      }
      default -> throw new IllegalArgumentException(name);
    }
    return env;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "environment",
        "config-default",
        "named-profile",
        "credential-process",
        "assume-role"
      })
  void botocore_and_our_chain_resolve_the_same_settings_to_the_same_caller(
      String name, Ec2Local local) throws Exception {
    Map<String, String> env = scenario(name, local);
    Credentials ours = Ec2.builder().environment(env).build().identity().credentials();
    Path script = Files.createTempFile("botocore-credentials", ".py");
    Files.copy(
        getClass().getResourceAsStream("/botocore_credentials.py"),
        script,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder pb = new ProcessBuilder("python3", script.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(env);
    pb.environment().put("OURS_KEY", ours.accessKeyId());
    pb.environment().put("OURS_SECRET", ours.secretAccessKey());
    pb.environment().put("OURS_TOKEN", ours.sessionToken() == null ? "" : ours.sessionToken());
    Process p = Spawns.start(pb);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Files.delete(script);
    assertThat(p.exitValue()).as(err).isZero();
    String theirs = out.replaceAll("(?s).*\"theirs\": \"([^\"]+)\".*", "$1");
    String oursArn = out.replaceAll("(?s).*\"ours\": \"([^\"]+)\".*", "$1");
    assertThat(oursArn).isEqualTo(theirs);
    if (name.equals("assume-role")) {
      assertThat(theirs).isEqualTo("arn:aws:sts::210987654321:assumed-role/Ops/alice");
    } else {
      assertThat(out).contains("\"key\": \"" + ours.accessKeyId() + "\"");
    }
  }
}
