package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ssh, scp, query-load, query-memory and top through the ec2 command, over real SSH. */
@Order(1) // among the slowest: started first (see the pom's surefire block)
@ExtendWith(Ec2LocalExtension.class)
class CliSshTest {
  @TempDir Path dir;
  private CliRunner cli;
  private String knownHosts;

  @BeforeEach
  void settings(Ec2Local local) {
    cli = new CliRunner(local, "us-west-2");
    cli.env.put("EC2_SSH_PORT", Integer.toString(local.sshPort()));
    knownHosts = dir.resolve("known_hosts").toString();
  }

  private String launch(String keyName, String imagePattern) {
    return launch(keyName, imagePattern, dir.resolve(keyName + ".pem"));
  }

  /** Launches an instance with a new key pair whose private key is saved to {@code keyFile}. */
  private String launch(String keyName, String imagePattern, Path keyFile) {
    cli.ok("create-key-pair", keyName, "--key-type", "ed25519", "--save", keyFile.toString());
    String ami = cli.image(imagePattern);
    return cli.ok(
            "run-instances",
            ami,
            "--key-name",
            keyName,
            "--wait", // a sandboxed instance is pending until it has booted; ssh/scp pick running
            // ones
            "--query",
            "Instances[0].InstanceId",
            "--output",
            "text")
        .strip();
  }

  @Test
  void ssh_runs_a_command_as_the_images_user_and_exits_with_its_status() {
    String id = launch("ubuntu-key", "ubuntu/*amd64*");
    String key = dir.resolve("ubuntu-key.pem").toString();
    CliRunner.Run r =
        cli.run(
            "ssh",
            id,
            "-i",
            key,
            "--known-hosts",
            knownHosts,
            "--",
            "echo $USER; echo oops >&2; exit 3");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("ubuntu\n");
    assertThat(r.err()).isEqualTo("oops\n");
    CliRunner.Run slow =
        cli.run(
            "ssh", id, "-i", key, "--known-hosts", knownHosts, "--timeout", "1s", "--", "sleep 9");
    assertThat(slow.exit()).isEqualTo(1);
    assertThat(slow.err()).contains(id, "did not finish in 1 s");
    assertThat(cli.ok("query-load", id, "-i", key, "--known-hosts", knownHosts, "--output", "text"))
        .matches(id + "\\t[0-9.]+\\t[0-9.]+\\t[0-9.]+\\t-\\n");
    // its own JSON and --query, never the DescribeInstances answer made on the way
    assertThat(cli.ok("query-load", id, "-i", key, "--known-hosts", knownHosts, "--output", "json"))
        .contains("\"Loads\": [", "\"InstanceId\": \"" + id + "\"", "\"Load1\": ")
        .doesNotContain("Reservations");
    assertThat(
            cli.ok(
                "query-load",
                id,
                "-i",
                key,
                "--known-hosts",
                knownHosts,
                "--query",
                "Loads[0].InstanceId",
                "--output",
                "text"))
        .isEqualTo(id + "\n");
    assertThat(
            cli.ok("query-memory", id, "-i", key, "--known-hosts", knownHosts, "--output", "text"))
        .matches(id + "\\t\\d+\\t\\d+\\t\\d+\\t-\\n");
    assertThat(cli.ok("top", "-i", key, "--known-hosts", knownHosts, "--output", "text"))
        .contains(id);
  }

  @Test
  void scp_copies_both_ways_and_finds_the_key_by_its_name() throws Exception {
    String id = launch("al-key", "al2023-ami-*-x86_64");
    Path key = dir.resolve("al-key.pem");
    Path up = dir.resolve("up.txt");
    Files.writeString(up, "to the instance\n");
    cli.ok("scp", up.toString(), id + ":up.txt", "-i", key.toString(), "--known-hosts", knownHosts);
    Path down = dir.resolve("down.txt");
    cli.ok(
        "scp", id + ":up.txt", down.toString(), "-i", key.toString(), "--known-hosts", knownHosts);
    assertThat(Files.readString(down)).isEqualTo("to the instance\n");
    assertThat(cli.run("scp", "a", "b").err()).contains("INSTANCE-ID:PATH");
    assertThat(cli.run("ssh", id, "--known-hosts", knownHosts, "--", "true").err())
        .contains("al-key.pem", "-i FILE");
  }

  @Test
  void ssh_finds_the_key_and_keeps_known_hosts_under_HOME_of_its_environment() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
    cli.env.put("HOME", home.toString());
    String id = launch("home-key", "al2023-ami-*-x86_64", home.resolve(".ssh/home-key.pem"));
    CliRunner.Run r = cli.run("ssh", id, "--", "echo in");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("in\n");
    assertThat(Files.readString(home.resolve(".ec2/known_hosts"))).contains(ip(id));
  }

  @Test
  void ssh_on_twenty_instances_with_one_stopped_reports_nineteen_outputs_and_the_one_failure()
      throws Exception {
    cli.ok(
        "create-key-pair",
        "fleet-key",
        "--key-type",
        "ed25519",
        "--save",
        dir.resolve("fleet-key.pem").toString());
    String ami = cli.image("al2023-ami-*-x86_64");
    List<String> ids =
        cli.ok(
                "run-instances",
                ami,
                "20",
                "20",
                "--key-name",
                "fleet-key",
                "--tag",
                "Role=fleet",
                "--wait",
                "--query",
                "Instances[].InstanceId",
                "--output",
                "text")
            .strip()
            .lines()
            .flatMap(l -> java.util.Arrays.stream(l.split("\t")))
            .toList();
    assertThat(ids).hasSize(20);
    cli.ok("stop-instances", ids.get(7));
    String key = dir.resolve("fleet-key.pem").toString();
    List<String> args = new java.util.ArrayList<>(List.of("ssh"));
    args.addAll(ids);
    args.addAll(List.of("-i", key, "--known-hosts", knownHosts, "--", "echo hello from $USER"));
    CliRunner.Run r = cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines())
        .hasSize(19)
        .allMatch(l -> l.matches("i-[0-9a-f]+: hello from ec2-user"));
    assertThat(r.err()).contains("failed on 1 of 20: " + ids.get(7));
    args.add(args.indexOf("--"), "--output");
    args.add(args.indexOf("--"), "json");
    CliRunner.Run json = cli.run(args.toArray(String[]::new));
    assertThat(json.out())
        .contains("\"ExitStatus\": 0", "\"Stdout\": \"hello from ec2-user\\n\"", "\"Error\": ");
    List<String> queried = new java.util.ArrayList<>(args);
    queried.set(queried.indexOf("json"), "text");
    queried.add(queried.indexOf("--"), "--query");
    queried.add(queried.indexOf("--"), "length(Results[?ExitStatus == `0`])");
    assertThat(cli.run(queried.toArray(String[]::new)).out()).isEqualTo("19\n");
    CliRunner.Run byTag =
        cli.run(
            "ssh",
            "--filter",
            "tag:Role=fleet",
            "-i",
            key,
            "--known-hosts",
            knownHosts,
            "--",
            "true");
    assertThat(byTag.exit())
        .as(byTag.err())
        .isZero(); // the stopped one is not running, so not chosen

    // scp to many and from many, likewise
    Path file = dir.resolve("fleet.txt");
    Files.writeString(file, "to every host\n");
    String[] auth = {"-i", key, "--known-hosts", knownHosts};
    List<String> toTagged =
        new java.util.ArrayList<>(
            List.of("scp", file.toString(), ":fleet.txt", "--filter", "tag:Role=fleet"));
    toTagged.addAll(List.of(auth));
    assertThat(cli.run(toTagged.toArray(String[]::new)).exit()).isZero();
    List<String> withStopped =
        new java.util.ArrayList<>(
            List.of("scp", file.toString(), ids.get(0) + ":two.txt", ids.get(7) + ":two.txt"));
    withStopped.addAll(List.of(auth));
    CliRunner.Run partly = cli.run(withStopped.toArray(String[]::new));
    assertThat(partly.exit()).isEqualTo(1);
    assertThat(partly.err()).contains("failed on 1 of 2: " + ids.get(7));
    Path into = dir.resolve("gathered");
    List<String> fromTwo =
        new java.util.ArrayList<>(
            List.of("scp", ids.get(0) + ":fleet.txt", ids.get(19) + ":two.txt", into.toString()));
    fromTwo.addAll(List.of(auth));
    CliRunner.Run gathered = cli.run(fromTwo.toArray(String[]::new));
    assertThat(gathered.exit()).as(gathered.err()).isEqualTo(1); // ids[19] never got two.txt
    assertThat(gathered.err()).contains("failed on 1 of 2: " + ids.get(19));
    assertThat(Files.readString(into.resolve(ids.get(0)).resolve("fleet.txt")))
        .isEqualTo("to every host\n");
  }

  private String ip(String id) {
    return cli.ok(
            "describe-instances",
            id,
            "--query",
            "Reservations[0].Instances[0].PublicIpAddress",
            "--output",
            "text")
        .strip();
  }

  /**
   * An SSH server at the instance's address that answers every {@code scp -f} with {@code header}
   * and six bytes, as a hostile instance could (any key logs in).
   */
  private static SshServer hostileScp(String ip, String header) throws Exception {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(ip);
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider();
    hostKey.setAlgorithm("EC");
    server.setKeyPairProvider(hostKey);
    server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
    server.setCommandFactory(
        (channel, command) ->
            new AbstractCommandSupport(command, null) {
              @Override
              public void run() {
                try {
                  InputStream in = getInputStream();
                  OutputStream out = getOutputStream();
                  in.read();
                  out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  if (in.read() == 0) {
                    out.write("PWNED\n\0".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    in.read();
                  }
                } catch (IOException e) {
                  // the client hung up: what it does then is the test
                }
                onExit(0);
              }
            });
    server.start();
    return server;
  }

  @Test
  void scp_from_an_instance_sending_a_name_outside_the_target_exits_1_and_writes_nothing()
      throws Exception {
    String id = launch("hostile-key", "al2023-ami-*-x86_64");
    cli.ok("create-tags", id, "--tag", "Role=hostile");
    String ip = ip(id);
    Path into = Files.createDirectories(dir.resolve("x/y/into"));
    try (SshServer server = hostileScp(ip, "C0644 6 ../../../PWNED")) {
      String[] auth = {
        "-i",
        dir.resolve("hostile-key.pem").toString(),
        "-p",
        Integer.toString(server.getPort()),
        "--known-hosts",
        knownHosts
      };
      List<String> one =
          new java.util.ArrayList<>(List.of("scp", id + ":logs/app.log", into + "/"));
      one.addAll(List.of(auth));
      CliRunner.Run r = cli.run(one.toArray(String[]::new));
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains(id, "download refused", "\"../../../PWNED\"");
      List<String> many =
          new java.util.ArrayList<>(
              List.of("scp", ":logs/app.log", into.toString(), "--filter", "tag:Role=hostile"));
      many.addAll(List.of(auth));
      CliRunner.Run m = cli.run(many.toArray(String[]::new));
      assertThat(m.exit()).as(m.err()).isEqualTo(1);
      assertThat(m.err()).contains("failed on 1 of 1: " + id, "download refused");
    }
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().equals("PWNED"))).isEmpty();
    }
  }
}
