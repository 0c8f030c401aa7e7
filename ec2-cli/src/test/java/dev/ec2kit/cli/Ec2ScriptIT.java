package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The README's path, as processes: {@code ./ec2 local} prints its exports; with them, {@code ./ec2}
 * and Debian's AWS CLI both list the regions, and both fail with AuthFailure on a wrong secret.
 */
@Order(3)
class Ec2ScriptIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static Process local;
  static Map<String, String> exports = new HashMap<>();

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startLocal() throws Exception {
    Ec2Script.ready();
    local =
        // instances pending (and the like) for a second, not three: the transcripts wait for them
        new ProcessBuilder(
                ROOT.resolve("ec2").toString(), "local", "--port", "0", "--transition", "1s")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      if (line.startsWith("export ")) {
        for (String pair : line.substring("export ".length()).split(" ")) {
          int eq = pair.indexOf('=');
          exports.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        break;
      }
    }
    assertThat(exports)
        .containsKeys(
            "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");
    assertThat(exports.get("AWS_ENDPOINT_URL")).startsWith("http://127.0.0.1:");
  }

  @AfterAll
  static void stopLocal() throws Exception {
    local.destroy();
    assertThat(local.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  static Run run(Map<String, String> overrides, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(exports);
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().putAll(overrides);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void ec2_describe_regions_with_the_printed_exports() throws Exception {
    Run r = run(Map.of(), List.of("./ec2", "describe-regions"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("us-east-1", "eu-west-1", "ec2.ap-southeast-2.amazonaws.com");
  }

  @Test
  void aws_cli_describe_regions_with_the_printed_exports() throws Exception {
    // Debian's AWS CLI (2.9) predates AWS_ENDPOINT_URL, so it gets --endpoint-url as the output
    // says.
    Run r =
        run(
            Map.of(),
            List.of(
                "/usr/bin/aws",
                "--endpoint-url",
                exports.get("AWS_ENDPOINT_URL"),
                "ec2",
                "describe-regions",
                "--output",
                "text"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("REGIONS\tec2.eu-west-1.amazonaws.com\topt-in-not-required\teu-west-1");
  }

  @Test
  void the_manuals_section_5_transcript_replays_with_ec2() throws Exception {
    Run images =
        run(
            Map.of(),
            List.of(
                "./ec2",
                "describe-images",
                "--filter",
                "name=fedora-8-*",
                "--query",
                "Images[0].ImageId",
                "--output",
                "text"));
    assertThat(images.exit()).as(images.err()).isZero();
    String ami = images.out().strip();
    Run launched =
        run(Map.of(), List.of("./ec2", "run-instances", ami, "2", "2", "--wait", "--verbose"));
    assertThat(launched.exit()).as(launched.err()).isZero();
    assertThat(launched.err())
        .containsPattern("; waiting for instance i-[0-9a-f]{17} to enter :running state");
    List<String> ids = launched.out().lines().skip(1).map(l -> l.split(" +")[0]).toList();
    assertThat(ids).hasSize(2);
    assertThat(launched.out().lines().skip(1)).allMatch(l -> l.split(" +")[1].equals("running"));
    Run described = run(Map.of(), List.of("./ec2", "describe-instances", ids.get(0), ids.get(1)));
    assertThat(described.out()).contains(ids.get(0), ids.get(1));
    Run terminated = run(Map.of(), List.of("./ec2", "terminate-instances", ids.get(0), ids.get(1)));
    assertThat(terminated.exit()).as(terminated.err()).isZero();
    assertThat(terminated.out()).containsPattern(ids.get(0) + " +running +shutting-down");
  }

  private static String ok(String... command) throws Exception {
    Run r = run(Map.of(), List.of(command));
    assertThat(r.exit()).as("%s: %s", String.join(" ", command), r.err()).isZero();
    return r.out();
  }

  @Test
  void the_manuals_sections_6_to_9_replay_with_ec2(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path key = dir.resolve("test-key.pem");
    assertThat(ok("./ec2", "create-key-pair", "test-key", "--save", key.toString()))
        .contains("test-key");
    assertThat(ok("./ec2", "describe-key-pairs")).contains("test-key");
    ok("./ec2", "delete-key-pair", "test-key");

    ok("./ec2", "create-security-group", "testgroup", "my test group");
    ok(
        "./ec2",
        "authorize-security-group-ingress",
        "testgroup",
        "--from-port",
        "22",
        "--to-port",
        "22");
    ok(
        "./ec2",
        "authorize-security-group-ingress",
        "testgroup",
        "--from-port",
        "80",
        "--to-port",
        "80");
    assertThat(ok("./ec2", "describe-security-groups", "--group-names", "testgroup"))
        .contains("tcp 22=>22 0.0.0.0/0; tcp 80=>80 0.0.0.0/0");
    ok(
        "./ec2",
        "revoke-security-group-ingress",
        "testgroup",
        "--from-port",
        "80",
        "--to-port",
        "80");
    ok("./ec2", "delete-security-group", "testgroup");

    String ami =
        ok(
                "./ec2",
                "describe-images",
                "--filter",
                "name=al2023-ami-*-x86_64",
                "--query",
                "Images[0].ImageId",
                "--output",
                "text")
            .strip();
    String ip = ok("./ec2", "allocate-address", "--query", "PublicIp", "--output", "text").strip();
    String instance =
        ok(
                "./ec2",
                "run-instances",
                ami,
                "1",
                "1",
                "--wait",
                "--availability-zone",
                "us-east-1c",
                "--query",
                "Instances[0].InstanceId",
                "--output",
                "text")
            .strip();
    ok("./ec2", "associate-address", instance, ip);
    assertThat(ok("./ec2", "describe-addresses")).contains(ip, instance);
    ok("./ec2", "disassociate-address", ip);
    ok("./ec2", "release-address", ip);

    String v1 =
        ok(
                "./ec2",
                "create-volume",
                "us-east-1c",
                "--size",
                "1",
                "--query",
                "VolumeId",
                "--output",
                "text")
            .strip();
    ok("./ec2", "wait-for-volumes", v1);
    ok("./ec2", "attach-volume", v1, instance, "/dev/sdh");
    String snap =
        ok("./ec2", "create-snapshot", v1, "--query", "SnapshotId", "--output", "text").strip();
    ok("./ec2", "wait-for-snapshots", snap);
    ok("./ec2", "delete-snapshot", snap);
    Run inUse = run(Map.of(), List.of("./ec2", "delete-volume", v1));
    assertThat(inUse.exit()).isEqualTo(1);
    assertThat(inUse.err()).startsWith("VolumeInUse: ");
    ok("./ec2", "detach-volume", v1, instance, "--device", "/dev/sdh");
    ok("./ec2", "terminate-instances", instance);
  }

  @Test
  void the_tour_walks_the_manual_to_the_end() throws Exception {
    Run tour = run(Map.of(), List.of("./ec2", "tour"));
    assertThat(tour.exit()).as(tour.err()).isZero();
    assertThat(tour.out())
        .contains(
            "== 4.0 Images",
            "== 5.0 Instances",
            "== 6.0 Key pairs",
            "== 7.0 Security groups",
            "== 8.0 Elastic IP addresses",
            "== 9.0 EBS volumes and snapshots",
            "== 10.0 High-level functions",
            "== 11.0 Miscellaneous",
            "$ ec2 run-instances ",
            " 2 2 --wait --verbose",
            "tcp 22=>22 0.0.0.0/0",
            "$ ec2 query-load ",
            "Copied by ec2 tour.",
            "Tour complete: ");
  }

  @Test
  void the_shell_has_the_library_and_a_ready_client() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("./ec2", "shell", "--local").directory(ROOT.toFile());
    Process p = pb.start();
    p.getOutputStream()
        .write(
            "System.out.println(\"zones=\" + ec2.regions().describeZones().size());\n/exit\n"
                .getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("zones=6");
  }

  @Test
  void both_fail_with_auth_failure_on_a_wrong_secret() throws Exception {
    Map<String, String> wrong = Map.of("AWS_SECRET_ACCESS_KEY", "wrong", "AWS_MAX_ATTEMPTS", "1");
    Run ours = run(wrong, List.of("./ec2", "describe-regions"));
    assertThat(ours.exit()).isEqualTo(1);
    assertThat(ours.err()).startsWith("AuthFailure: ");
    Run theirs =
        run(
            wrong,
            List.of(
                "/usr/bin/aws",
                "--endpoint-url",
                exports.get("AWS_ENDPOINT_URL"),
                "ec2",
                "describe-regions"));
    assertThat(theirs.exit()).isNotZero();
    assertThat(theirs.err()).contains("AuthFailure");
  }

  @Test
  void listening_beyond_loopback_warns_that_the_printed_credentials_drive_it() throws Exception {
    Process exposed =
        new ProcessBuilder(
                ROOT.resolve("ec2").toString(), "local", "--host", "0.0.0.0", "--port", "0")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(exposed.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      for (String line; (line = r.readLine()) != null && !line.startsWith("export "); ) {
        seen.append(line).append('\n');
      }
      assertThat(seen.toString())
          .contains("WARNING: listening on 0.0.0.0, not loopback")
          .contains("the well-known test/test")
          .contains("SSH to instances still listens on loopback only");
    } finally {
      exposed.destroy();
      assertThat(exposed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void a_bad_faults_spec_is_a_usage_error_naming_the_part() throws Exception {
    Run r = run(Map.of(), List.of("./ec2", "local", "--port", "0", "--faults", "drop=2"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--faults: 'drop=2'").contains("probability");
  }

  @Test
  void a_bad_sandbox_mode_is_a_usage_error_naming_the_choices() throws Exception {
    Run r = run(Map.of(), List.of("./ec2", "local", "--port", "0", "--sandbox", "maybe"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--sandbox takes auto, on or off, got 'maybe'");
  }

  @Test
  void without_root_instances_are_not_sandboxed_and_it_is_said_first(
      @org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    List<String> asUser = new java.util.ArrayList<>();
    if (System.getProperty("user.name").equals("root")) {
      // as root here: the same emulator as nobody, who cannot have sandboxes
      asUser.addAll(
          List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    asUser.addAll(
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-Djava.io.tmpdir=" + home,
            "-jar",
            ROOT.resolve("ec2-cli/target/ec2.jar").toString(),
            "local",
            "--port",
            "0"));
    java.nio.file.Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    ProcessBuilder pb =
        new ProcessBuilder(asUser).directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(r.readLine())
          .startsWith("ec2-local: instances are NOT sandboxed (the emulator does not run as root")
          .contains("this is not isolation");
    } finally {
      p.destroy(); // at once: stopped while it starts, it still removes its instances' directory
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    try (var left = java.nio.file.Files.list(home)) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.startsWith("ec2-local-instances-"));
    }
    List<String> required = new java.util.ArrayList<>(asUser);
    required.addAll(List.of("--sandbox", "on"));
    Run on = run(Map.of("HOME", home.toString()), required);
    assertThat(on.exit()).isEqualTo(2);
    assertThat(on.err()).contains("sandboxes for instances were asked for, but");
  }
}
