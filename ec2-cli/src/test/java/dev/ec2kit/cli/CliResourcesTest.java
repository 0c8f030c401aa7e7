package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Key pairs, security groups, addresses and volumes through the ec2 command, in process. */
@ExtendWith(Ec2LocalExtension.class)
class CliResourcesTest {
  private CliRunner cli;
  @TempDir Path dir;

  @BeforeEach
  void settings(Ec2Local local) {
    cli = new CliRunner(local, "eu-west-1");
  }

  private CliRunner.Run ec2(String... args) {
    return cli.run(args);
  }

  private String ok(String... args) {
    return cli.ok(args);
  }

  @Test
  void create_key_pair_saves_the_private_key_0600_and_never_over_a_file() throws Exception {
    Path key = dir.resolve("test-key.pem");
    String out = ok("create-key-pair", "test-key", "--save", key.toString(), "--output", "text");
    assertThat(out).contains("\ttest-key\tkey-", "\t" + key); // the AWS CLI's text, SavedTo added
    assertThat(
            ok(
                "describe-key-pairs",
                "test-key",
                "--query",
                "KeyPairs[0].KeyType",
                "--output",
                "text"))
        .isEqualTo("rsa\n");
    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(out).doesNotContain("PRIVATE KEY");
    CliRunner.Run again = ec2("create-key-pair", "other-key", "--save", key.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists", "--force");
    assertThat(ok("describe-key-pairs", "--output", "text"))
        .doesNotContain("other-key"); // nothing was made
    ok("create-key-pair", "ed-key", "--key-type", "ed25519", "--save", key.toString(), "--force");
    assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(
            ec2("create-key-pair", "x", "--key-type", "dsa", "--save", dir.resolve("x").toString())
                .err())
        .contains("rsa or ed25519");
    assertThat(ec2("create-key-pair", "nosave").exit()).isEqualTo(2);
  }

  @Test
  void the_manuals_section_6_and_7_with_ec2() throws Exception {
    Path pub = dir.resolve("mine.pub");
    Files.writeString(
        pub,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8pO9mIbRpbx8zOJvQ2Ulm7tYzQjvZ0D3Gx2q7n1XyZ me@host\n");
    assertThat(
            ok("import-key-pair", "mine", "--public-key-file", pub.toString(), "--output", "text"))
        .contains("\tmine\tkey-");
    ok("delete-key-pair", "mine");
    assertThat(ok("describe-key-pairs", "--output", "text")).doesNotContain("mine");

    ok("create-security-group", "testgroup", "my test group");
    ok("authorize-security-group-ingress", "testgroup", "--from-port", "22", "--to-port", "22");
    ok("authorize-security-group-ingress", "testgroup", "--from-port", "80", "--to-port", "80");
    assertThat(ok("describe-security-groups", "--group-names", "testgroup"))
        .contains("testgroup", "my test group", "tcp 22=>22 0.0.0.0/0; tcp 80=>80 0.0.0.0/0");
    ok("revoke-security-group-ingress", "testgroup", "--from-port", "80", "--to-port", "80");
    assertThat(ok("describe-security-groups", "testgroup"))
        .contains("22=>22")
        .doesNotContain("80=>80");
    CliRunner.Run dup = ec2("authorize-security-group-ingress", "testgroup", "--port", "22");
    assertThat(dup.exit()).isEqualTo(1);
    assertThat(dup.err()).startsWith("InvalidPermission.Duplicate: ");
    assertThat(
            ec2(
                    "authorize-security-group-ingress",
                    "testgroup",
                    "--from-port",
                    "80",
                    "--to-port",
                    "22")
                .err())
        .contains("fromPort 80 is above toPort 22");
    assertThat(
            ec2(
                    "authorize-security-group-ingress",
                    "testgroup",
                    "--port",
                    "22",
                    "--cidr-ip",
                    "10.0.0.0/40")
                .err())
        .contains("cidr '10.0.0.0/40'");
    ok(
        "authorize-security-group-ingress",
        "testgroup",
        "--ip-protocol",
        "icmp",
        "--from-port",
        "-1",
        "--to-port",
        "-1",
        "--cidr-ipv6",
        "2001:db8::/32");
    ok("delete-security-group", "testgroup");
    assertThat(ok("describe-security-groups")).contains("default").doesNotContain("testgroup");
  }

  @Test
  void the_manuals_section_8_and_9_with_ec2() {
    String ami = cli.image("al2023-ami-*-x86_64");
    String instance =
        ok(
                "run-instances",
                ami,
                "--availability-zone",
                "eu-west-1c",
                "--wait",
                "--query",
                "Instances[0].InstanceId",
                "--output",
                "text")
            .strip();
    String ip = ok("allocate-address", "--query", "PublicIp", "--output", "text").strip();
    assertThat(ok("associate-address", instance, ip).strip()).startsWith("eipassoc-");
    assertThat(
            ok(
                "describe-addresses",
                "--query",
                "Addresses[].[PublicIp, InstanceId, AllocationId]",
                "--output",
                "text"))
        .startsWith(ip + "\t" + instance + "\teipalloc-");
    assertThat(ec2("release-address", ip).err()).startsWith("InvalidIPAddress.InUse");
    ok("disassociate-address", ip);
    ok("release-address", ip);
    assertThat(ok("describe-addresses", "--output", "text")).isEmpty();

    String v1 =
        ok("create-volume", "eu-west-1c", "--size", "1", "--query", "VolumeId", "--output", "text")
            .strip();
    assertThat(
            ok(
                "attach-volume",
                v1,
                instance,
                "/dev/sdh",
                "--query",
                "[VolumeId, InstanceId, Device, State]",
                "--output",
                "text"))
        .isEqualTo(v1 + "\t" + instance + "\t/dev/sdh\tattaching\n");
    String snap = ok("create-snapshot", v1, "--query", "SnapshotId", "--output", "text").strip();
    assertThat(
            ok(
                "describe-snapshots",
                "--query",
                "Snapshots[].[SnapshotId, VolumeId, State, Progress]",
                "--output",
                "text"))
        .isEqualTo(snap + "\t" + v1 + "\tcompleted\t100%\n");
    String v2 =
        ok(
                "create-volume",
                "eu-west-1c",
                "--snapshot",
                snap,
                "--query",
                "VolumeId",
                "--output",
                "text")
            .strip();
    ok("attach-volume", v2, instance, "/dev/sdi");
    ok("delete-snapshot", snap);
    CliRunner.Run inUse = ec2("delete-volume", v1);
    assertThat(inUse.exit()).isEqualTo(1);
    assertThat(inUse.err()).startsWith("VolumeInUse: ").contains(v1, instance);
    ok("detach-volume", v1, instance, "--device", "/dev/sdh");
    ok("detach-volume", v2, instance, "--device", "/dev/sdi");
    assertThat(ok("wait-for-volumes", v1, v2, "--output", "text")).contains("available");
    ok("delete-volume", v1);
    ok("delete-volume", v2);
    assertThat(ec2("create-volume", "eu-west-1c").err()).contains("--size or --snapshot");
    assertThat(
            ec2(
                    "create-volume",
                    "eu-west-1c",
                    "--size",
                    "1",
                    "--snapshot",
                    "snap-0123456789abcdef0")
                .exit())
        .isEqualTo(2);
  }
}
