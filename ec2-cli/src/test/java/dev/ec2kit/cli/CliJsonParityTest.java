package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.AwsCli;
import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import io.burt.jmespath.jcf.JcfRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./ec2 ... --output json} prints what the AWS CLI prints for the same call on the same
 * emulator (the AWS CLI v1 on PATH, whose botocore model matches ours): same keys, nesting and
 * types, absent members absent; times are normalised, as AWS CLI versions write them differently.
 * And {@code --query} is JMESPath on that JSON, with the AWS CLI's text rules.
 */
@Order(2) // among the slowest: started first (see the pom's surefire block)
@ExtendWith(Ec2LocalExtension.class)
class CliJsonParityTest {
  private static final JcfRuntime JSON = new JcfRuntime();

  /**
   * The AWS CLI v1 under pyenv's python3, first on PATH: its botocore has the same model our shapes
   * were made from (Debian's v2.9 predates members such as CurrentInstanceBootMode).
   */
  private static String aws(Ec2Local local, String... args) {
    return awsIn(local, "us-east-1", args);
  }

  private static String awsIn(Ec2Local local, String region, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("--endpoint-url", local.endpoint().toString(), "--region", region));
    cmd.add("ec2");
    cmd.addAll(List.of(args));
    if (!cmd.contains("--output")) {
      cmd.addAll(List.of("--output", "json"));
    }
    AwsCli.Run r = AwsCli.V1.run(AwsCli.emulatorSettings("test"), cmd);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  /** The JSON, with times (written differently by the AWS CLI v2) replaced by a marker. */
  private static Object normalised(String json) {
    return JSON.parseString(
        json.replaceAll("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[^\"]*\"", "\"<time>\""));
  }

  /** Text output, with times replaced by a marker. */
  private static String textTimes(String text) {
    return text.replaceAll("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d[^\\t\\n]*", "<time>");
  }

  @Test
  void every_describe_prints_the_aws_clis_json(Ec2Local local) throws Exception {
    CliRunner cli = new CliRunner(local, "us-east-1");
    String ami = cli.image("al2023-ami-*-x86_64");
    cli.ok("import-key-pair", "parity", "--public-key-file", writeKey());
    String group =
        cli.ok("create-security-group", "parity", "parity group", "--output", "text").strip();
    cli.ok("authorize-security-group-ingress", "parity", "--from-port", "22", "--to-port", "22");
    String instances =
        cli.ok(
            "run-instances",
            ami,
            "2",
            "2",
            "--key-name",
            "parity",
            "--tag",
            "Name=parity",
            "--wait",
            "--output",
            "json");
    assertThat(instances).contains("\"ReservationId\"", "\"Instances\": [");
    String address =
        cli.ok("allocate-address", "--query", "AllocationId", "--output", "text").strip();
    String volume =
        cli.ok(
                "create-volume",
                "us-east-1a",
                "--size",
                "1",
                "--query",
                "VolumeId",
                "--output",
                "text")
            .strip();
    cli.ok("create-snapshot", volume, "--description", "parity");
    cli.ok("create-tags", group, volume, "--tag", "Team=blue");
    List<List<String>> pairs =
        List.of(
            List.of("describe-regions"),
            List.of("describe-availability-zones"),
            List.of("describe-instances"),
            List.of("describe-key-pairs"),
            List.of("describe-security-groups"),
            List.of("describe-addresses"),
            List.of("describe-volumes"),
            List.of("describe-snapshots"),
            List.of("describe-tags"));
    for (List<String> command : pairs) {
      List<String> ours = new ArrayList<>(command);
      ours.addAll(List.of("--output", "json"));
      List<String> theirs = new ArrayList<>(command);
      if (command.get(0).equals("describe-snapshots")) {
        theirs.addAll(List.of("--owner-ids", "self"));
      }
      assertThat(normalised(cli.ok(ours.toArray(String[]::new))))
          .as(String.join(" ", command))
          .isEqualTo(normalised(aws(local, theirs.toArray(String[]::new))));
      List<String> oursText = new ArrayList<>(command);
      oursText.addAll(List.of("--output", "text"));
      theirs.addAll(List.of("--output", "text"));
      assertThat(textTimes(cli.ok(oursText.toArray(String[]::new))))
          .as(String.join(" ", command) + " --output text")
          .isEqualTo(textTimes(aws(local, theirs.toArray(String[]::new))));
    }
    assertThat(normalised(cli.ok("describe-images", ami, "--output", "json")))
        .isEqualTo(normalised(aws(local, "describe-images", "--image-ids", ami)));
    assertThat(address).startsWith("eipalloc-");
  }

  /**
   * One command of ours and the AWS CLI's same call, on resources of their own: the two answers are
   * equal once ids, addresses, names, tokens and times are made alike. Returns {ours, theirs}.
   */
  private record Both(Ec2Local local, CliRunner cli, String region) {
    List<Object> same(List<String> ours, List<String> theirs) throws Exception {
      List<String> o = new ArrayList<>(ours);
      o.addAll(List.of("--output", "json"));
      String a = cli.ok(o.toArray(String[]::new));
      String b = awsIn(local, region, theirs.toArray(String[]::new));
      assertThat(alike(a)).as(String.join(" ", ours)).isEqualTo(alike(b));
      return List.of(
          a.isBlank() ? Map.of() : JSON.parseString(a),
          b.isBlank() ? Map.of() : JSON.parseString(b));
    }
  }

  /** The JSON with what must differ between two resources made alike. */
  private static Object alike(String json) {
    if (json.isBlank()) {
      return Map.of();
    }
    String s =
        json.replaceAll("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[^\"]*\"", "\"<time>\"")
            .replaceAll("\\beni-attach-[0-9a-f]{8,17}\\b", "eni-attach-X")
            .replaceAll(
                "\\b(i|r|vol|snap|sg|sgr|eipalloc|eipassoc|ami|key|vpc|subnet|eni)-[0-9a-f]{8,17}\\b",
                "$1-X")
            .replaceAll("ec2(-\\d+){4}", "ec2-IP")
            .replaceAll("\\d+[.-]\\d+[.-]\\d+[.-]\\d+", "IP")
            .replaceAll("\\b[0-9a-f]{2}(:[0-9a-f]{2}){5,19}\\b", "HEX")
            .replaceAll("\"ClientToken\": \"[^\"]*\"", "\"ClientToken\": \"X\"")
            .replaceAll("parity-(ours|aws)", "parity-X");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) JSON.parseString(s);
    Map<String, Object> copy = new java.util.TreeMap<>(m);
    copy.remove("KeyMaterial"); // the AWS CLI prints the private key; ours saves it (SavedTo)
    copy.remove("SavedTo");
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static String at(Object json, String path) {
    return String.valueOf(JSON.compile(path).search(json));
  }

  @Test
  void every_create_and_change_prints_the_aws_clis_json(Ec2Local local) throws Exception {
    String region = "us-west-2";
    CliRunner cli = new CliRunner(local, region);
    Both both = new Both(local, cli, region);
    String ami = cli.image("al2023-ami-*-x86_64");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("parity");
    both.same(
        List.of("create-key-pair", "parity-ours", "--save", dir.resolve("k.pem").toString()),
        List.of("create-key-pair", "--key-name", "parity-aws"));
    both.same(
        List.of("import-key-pair", "parity-ours-imported", "--public-key-file", writeKey()),
        List.of(
            "import-key-pair",
            "--key-name",
            "parity-aws-imported",
            "--public-key-material",
            "fileb://" + writeKey()));
    both.same(
        List.of("create-security-group", "parity-ours", "parity group"),
        List.of(
            "create-security-group",
            "--group-name",
            "parity-aws",
            "--description",
            "parity group"));
    for (String way : List.of("authorize", "revoke")) {
      both.same(
          List.of(
              way + "-security-group-ingress",
              "parity-ours",
              "--port",
              "22",
              "--cidr-ip",
              "10.0.0.0/8"),
          List.of(
              way + "-security-group-ingress",
              "--group-name",
              "parity-aws",
              "--protocol",
              "tcp",
              "--port",
              "22",
              "--cidr",
              "10.0.0.0/8"));
    }
    List<Object> runs =
        both.same(
            List.of(
                "run-instances",
                ami,
                "1",
                "1",
                "--key-name",
                "parity-ours",
                "--tag",
                "Name=parity-ours"),
            List.of(
                "run-instances",
                "--image-id",
                ami,
                "--count",
                "1",
                "--instance-type",
                "t3.micro",
                "--key-name",
                "parity-aws",
                "--tag-specifications",
                "ResourceType=instance,Tags=[{Key=Name,Value=parity-aws}]"));
    String i1 = at(runs.get(0), "Instances[0].InstanceId");
    String i2 = at(runs.get(1), "Instances[0].InstanceId");
    cli.ok("wait-for-instances", i1, i2);
    both.same(
        List.of("create-tags", i1, "--tag", "Team=blue"),
        List.of("create-tags", "--resources", i2, "--tags", "Key=Team,Value=blue"));
    both.same(
        List.of("delete-tags", i1, "--tag", "Team"),
        List.of("delete-tags", "--resources", i2, "--tags", "Key=Team"));
    List<Object> addresses = both.same(List.of("allocate-address"), List.of("allocate-address"));
    String a1 = at(addresses.get(0), "AllocationId");
    String a2 = at(addresses.get(1), "AllocationId");
    List<Object> associations =
        both.same(
            List.of("associate-address", i1, a1),
            List.of("associate-address", "--instance-id", i2, "--allocation-id", a2));
    both.same(
        List.of("disassociate-address", at(associations.get(0), "AssociationId")),
        List.of(
            "disassociate-address", "--association-id", at(associations.get(1), "AssociationId")));
    both.same(List.of("release-address", a1), List.of("release-address", "--allocation-id", a2));
    List<Object> volumes =
        both.same(
            List.of("create-volume", region + "a", "--size", "1"),
            List.of(
                "create-volume",
                "--availability-zone",
                region + "a",
                "--size",
                "1",
                "--volume-type",
                "gp3"));
    String v1 = at(volumes.get(0), "VolumeId");
    String v2 = at(volumes.get(1), "VolumeId");
    cli.ok("wait-for-volumes", v1, v2);
    both.same(
        List.of("attach-volume", v1, i1, "/dev/sdf"),
        List.of("attach-volume", "--volume-id", v2, "--instance-id", i2, "--device", "/dev/sdf"));
    cli.ok("wait-for-volumes", v1, v2, "--state", "in-use");
    both.same(List.of("detach-volume", v1), List.of("detach-volume", "--volume-id", v2));
    cli.ok("wait-for-volumes", v1, v2);
    List<Object> snapshots =
        both.same(
            List.of("create-snapshot", v1, "--description", "parity"),
            List.of("create-snapshot", "--volume-id", v2, "--description", "parity"));
    cli.ok(
        "wait-for-snapshots",
        at(snapshots.get(0), "SnapshotId"),
        at(snapshots.get(1), "SnapshotId"));
    both.same(
        List.of("delete-snapshot", at(snapshots.get(0), "SnapshotId")),
        List.of("delete-snapshot", "--snapshot-id", at(snapshots.get(1), "SnapshotId")));
    both.same(List.of("delete-volume", v1), List.of("delete-volume", "--volume-id", v2));
    List<Object> copies =
        both.same(
            List.of("copy-image", region, ami, "--name", "parity-ours copy"),
            List.of(
                "copy-image",
                "--source-region",
                region,
                "--source-image-id",
                ami,
                "--name",
                "parity-aws copy"));
    both.same(
        List.of("deregister-image", at(copies.get(0), "ImageId")),
        List.of("deregister-image", "--image-id", at(copies.get(1), "ImageId")));
    both.same(List.of("reboot-instances", i1), List.of("reboot-instances", "--instance-ids", i2));
    both.same(List.of("stop-instances", i1), List.of("stop-instances", "--instance-ids", i2));
    cli.ok("wait-for-instances", i1, i2, "--state", "stopped");
    both.same(List.of("start-instances", i1), List.of("start-instances", "--instance-ids", i2));
    // a sandboxed instance is pending until it has booted: both running before the terminate
    cli.ok("wait-for-instances", i1, i2, "--state", "running");
    both.same(
        List.of("terminate-instances", i1), List.of("terminate-instances", "--instance-ids", i2));
    cli.ok("wait-for-instances", i1, i2, "--state", "terminated");
    both.same(
        List.of("delete-security-group", "parity-ours"),
        List.of("delete-security-group", "--group-name", "parity-aws"));
    both.same(
        List.of("delete-key-pair", "parity-ours"),
        List.of("delete-key-pair", "--key-name", "parity-aws"));
  }

  /**
   * One AWS CLI command line run as it is by ours and by the AWS CLI, {@code {name}} standing for
   * each side's own resource; the answers must be alike.
   */
  private static final class Lines {
    final Both both;
    final Map<String, String> ours = new java.util.HashMap<>(Map.of("{me}", "parity-ours"));
    final Map<String, String> theirs = new java.util.HashMap<>(Map.of("{me}", "parity-aws"));

    Lines(Both both) {
      this.both = both;
    }

    private static List<String> fill(Map<String, String> vars, String... template) {
      List<String> out = new ArrayList<>();
      for (String t : template) {
        for (Map.Entry<String, String> v : vars.entrySet()) {
          t = t.replace(v.getKey(), v.getValue());
        }
        out.add(t);
      }
      return out;
    }

    /** Runs the line on both sides; {@code keep} names a value of each answer for later lines. */
    void keep(String keep, String path, String... template) throws Exception {
      List<Object> answers = both.same(fill(ours, template), fill(theirs, template));
      if (keep != null) {
        ours.put(keep, at(answers.get(0), path));
        theirs.put(keep, at(answers.get(1), path));
      }
    }

    void run(String... template) throws Exception {
      keep(null, null, template);
    }

    String[] both(String name) {
      return new String[] {ours.get(name), theirs.get(name)};
    }
  }

  @Test
  void the_aws_clis_command_lines_run_unchanged(Ec2Local local) throws Exception {
    String region = "eu-central-1";
    CliRunner cli = new CliRunner(local, region);
    Lines lines = new Lines(new Both(local, cli, region));
    String ami = cli.image("al2023-ami-*-x86_64");
    lines.run(
        "import-key-pair", "--key-name", "{me}", "--public-key-material", "fileb://" + writeKey());
    lines.run("create-security-group", "--group-name", "{me}", "--description", "parity group");
    lines.run(
        "authorize-security-group-ingress",
        "--group-name",
        "{me}",
        "--protocol",
        "tcp",
        "--port",
        "22",
        "--cidr",
        "10.0.0.0/8");
    lines.run("describe-security-groups", "--group-names", "{me}");
    lines.keep(
        "{i}",
        "Instances[0].InstanceId",
        "run-instances",
        "--image-id",
        ami,
        "--count",
        "1",
        "--instance-type",
        "t3.micro",
        "--key-name",
        "{me}");
    cli.ok("wait-for-instances", lines.both("{i}")[0], lines.both("{i}")[1]);
    lines.run(
        "create-tags", "--resources", "{i}", "--tags", "Key=Team,Value=blue", "Key=Env,Value=dev");
    lines.run("describe-instances", "--instance-ids", "{i}");
    lines.run("delete-tags", "--resources", "{i}", "--tags", "Key=Team");
    lines.keep("{a}", "AllocationId", "allocate-address");
    lines.keep(
        "{assoc}",
        "AssociationId",
        "associate-address",
        "--instance-id",
        "{i}",
        "--allocation-id",
        "{a}");
    lines.run("describe-addresses", "--allocation-ids", "{a}");
    lines.run("disassociate-address", "--association-id", "{assoc}");
    lines.run("release-address", "--allocation-id", "{a}");
    lines.keep(
        "{v}",
        "VolumeId",
        "create-volume",
        "--availability-zone",
        region + "a",
        "--size",
        "1",
        "--volume-type",
        "gp3");
    cli.ok("wait-for-volumes", lines.both("{v}")[0], lines.both("{v}")[1]);
    lines.run(
        "attach-volume", "--volume-id", "{v}", "--instance-id", "{i}", "--device", "/dev/sdf");
    cli.ok("wait-for-volumes", lines.both("{v}")[0], lines.both("{v}")[1], "--state", "in-use");
    lines.run("describe-volumes", "--volume-ids", "{v}");
    lines.run("detach-volume", "--volume-id", "{v}");
    cli.ok("wait-for-volumes", lines.both("{v}")[0], lines.both("{v}")[1]);
    lines.keep(
        "{s}", "SnapshotId", "create-snapshot", "--volume-id", "{v}", "--description", "parity");
    cli.ok("wait-for-snapshots", lines.both("{s}")[0], lines.both("{s}")[1]);
    lines.run("describe-snapshots", "--snapshot-ids", "{s}");
    lines.run("delete-snapshot", "--snapshot-id", "{s}");
    lines.run("delete-volume", "--volume-id", "{v}");
    lines.keep(
        "{copy}",
        "ImageId",
        "copy-image",
        "--source-region",
        region,
        "--source-image-id",
        ami,
        "--name",
        "{me} copy");
    lines.run("describe-images", "--image-ids", "{copy}");
    lines.run("deregister-image", "--image-id", "{copy}");
    lines.run("describe-regions", "--region-names", "eu-west-1", "us-west-2");
    lines.run("terminate-instances", "--instance-ids", "{i}");
    cli.ok(
        "wait-for-instances", lines.both("{i}")[0], lines.both("{i}")[1], "--state", "terminated");
    lines.run("delete-security-group", "--group-name", "{me}");
    lines.run("delete-key-pair", "--key-name", "{me}");
    CliRunner.Run half = cli.run("attach-volume", "--instance-id", lines.both("{i}")[0]);
    assertThat(half.exit()).isEqualTo(2);
    assertThat(half.err()).contains("give --volume-id too");
  }

  @Test
  void max_items_and_starting_token_page_as_the_aws_clis_do(Ec2Local local) throws Exception {
    String region = "ap-south-1";
    CliRunner cli = new CliRunner(local, region);
    for (int size = 1; size <= 5; size++) {
      cli.ok("create-volume", region + "a", "--size", Integer.toString(size));
    }
    String ours = cli.ok("describe-volumes", "--max-items", "2", "--output", "json");
    String theirs = awsIn(local, region, "describe-volumes", "--max-items", "2");
    String anyToken = "\"NextToken\": \"[A-Za-z0-9+/=]+\"";
    assertThat(ours).containsPattern(anyToken);
    assertThat(normalised(ours.replaceAll(anyToken, "\"NextToken\": \"T\"")))
        .isEqualTo(normalised(theirs.replaceAll(anyToken, "\"NextToken\": \"T\"")));
    List<String> seen = new ArrayList<>();
    String token = null;
    do { // a script's loop: every volume once, in order, by pages of two
      List<String> args =
          new ArrayList<>(
              List.of(
                  "describe-volumes",
                  "--max-items",
                  "2",
                  "--query",
                  "{ids: Volumes[].VolumeId, next: NextToken}",
                  "--output",
                  "json"));
      if (token != null) {
        args.addAll(List.of("--starting-token", token));
      }
      Object page = JSON.parseString(cli.ok(args.toArray(String[]::new)));
      seen.addAll(List.of(at(page, "join(' ', ids)").split(" ")));
      token = at(page, "next");
    } while (!token.equals("null"));
    assertThat(seen)
        .hasSize(5)
        .doesNotHaveDuplicates()
        .isEqualTo(
            List.of(
                cli.ok("describe-volumes", "--query", "Volumes[].VolumeId", "--output", "text")
                    .strip()
                    .split("\t")));
    CliRunner.Run table = cli.run("describe-volumes", "--max-items", "2");
    assertThat(table.exit()).isEqualTo(2);
    assertThat(table.err()).contains("add --output json or text");
    CliRunner.Run notListed = cli.run("allocate-address", "--max-items", "2");
    assertThat(notListed.exit()).isEqualTo(2);
    assertThat(notListed.err()).contains("not allocate-address");
    assertThat(cli.ok("describe-addresses", "--output", "json")).doesNotContain("eipalloc-");
    CliRunner.Run forged =
        cli.run("describe-volumes", "--starting-token", "bm90IGEgdG9rZW4=", "--output", "json");
    assertThat(forged.exit()).isEqualTo(2);
    assertThat(forged.err()).contains("--starting-token");
  }

  @Test
  void query_examples_of_the_aws_cli_user_guide_work(Ec2Local local) throws Exception {
    CliRunner cli =
        new CliRunner(local, "eu-west-1"); // a region of its own: the other test uses us-east-1
    String ami = cli.image("al2023-ami-*-x86_64");
    cli.ok("run-instances", ami, "3", "3", "--tag", "Role=web", "--wait");
    cli.ok("create-volume", "eu-west-1a", "--size", "3");
    cli.ok("create-volume", "eu-west-1a", "--size", "1");
    cli.ok("create-volume", "eu-west-1a", "--size", "2");
    String ids =
        cli.ok(
            "describe-instances",
            "--query",
            "Reservations[].Instances[].InstanceId",
            "--output",
            "text");
    assertThat(ids.strip().split("\t")).hasSize(3).allMatch(id -> id.startsWith("i-"));
    assertThat(
            cli.ok(
                "describe-instances",
                "--query",
                "length(Reservations[].Instances[])",
                "--output",
                "text"))
        .isEqualTo("3\n");
    assertThat(
            cli.ok(
                "describe-volumes",
                "--query",
                "sort_by(Volumes[?Size < `8`], &Size)[].Size",
                "--output",
                "json"))
        .isEqualToIgnoringWhitespace("[1, 2, 3]");
    assertThat(
            cli.ok(
                "describe-instances",
                "--query",
                "Reservations[].Instances[?State.Name=='running'][].Tags[?Key=='Role'].Value[]",
                "--output",
                "text"))
        .isEqualTo("web\tweb\tweb\n");
    assertThat(
            cli.ok(
                "describe-volumes",
                "--query",
                "Volumes[?Size > `1`].{Id: VolumeId, Size: Size}",
                "--output",
                "json"))
        .contains("\"Id\": \"vol-", "\"Size\": 3");
    CliRunner.Run bad = cli.run("describe-volumes", "--query", "Volumes[?");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--query 'Volumes[?' is not JMESPath");
  }

  private static String writeKey() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("parity", ".pub");
    java.nio.file.Files.writeString(
        f,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl parity\n");
    return f.toString();
  }
}
