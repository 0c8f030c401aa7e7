package dev.ec2kit.local;

import static dev.ec2kit.local.AwsCliInstancesPeerTest.all;
import static dev.ec2kit.local.AwsCliInstancesPeerTest.first;
import static dev.ec2kit.local.AwsCliPeerTest.aws;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's AWS CLI drives the emulator through the manual's sections 6.0 to 9.0. */
@SharesSandboxes
@Order(2)
class AwsCliResourcesPeerTest {
  static Ec2Local local;
  static String ami;

  @BeforeAll
  static void start() throws Exception {
    local = Ec2Local.builder().port(0).transition(Duration.ofMillis(300)).build().start();
    ami =
        first(
            ok(
                "ec2",
                "describe-images",
                "--owners",
                "amazon",
                "--filters",
                "Name=name,Values=al2023-ami-*-x86_64"),
            "\"ImageId\": \"(ami-[0-9a-f]+)\"");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  static String ok(String... args) throws Exception {
    AwsCliPeerTest.Result r = aws(local, "test", args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  @Test
  void key_pairs(@TempDir Path dir) throws Exception {
    String created = ok("ec2", "create-key-pair", "--key-name", "cli-key");
    assertThat(created)
        .contains("\"KeyName\": \"cli-key\"", "\"KeyMaterial\": \"-----BEGIN RSA PRIVATE KEY-----");
    String fingerprint = first(created, "\"KeyFingerprint\": \"([0-9a-f:]+)\"");
    assertThat(ok("ec2", "describe-key-pairs", "--key-names", "cli-key"))
        .contains(fingerprint, "\"KeyType\": \"rsa\"");
    Tools.sh(dir, "ssh-keygen -q -t ed25519 -N '' -f id");
    assertThat(
            ok(
                "ec2",
                "import-key-pair",
                "--key-name",
                "cli-imported",
                "--public-key-material",
                "fileb://" + dir.resolve("id.pub")))
        .contains("\"KeyName\": \"cli-imported\"");
    AwsCliPeerTest.Result dup =
        aws(local, "test", "ec2", "create-key-pair", "--key-name", "cli-key");
    assertThat(dup.err()).contains("InvalidKeyPair.Duplicate");
    ok("ec2", "delete-key-pair", "--key-name", "cli-key");
    assertThat(ok("ec2", "describe-key-pairs"))
        .doesNotContain("\"cli-key\"")
        .contains("cli-imported");
  }

  @Test
  void security_groups() throws Exception {
    String id =
        first(
            ok(
                "ec2",
                "create-security-group",
                "--group-name",
                "cli-group",
                "--description",
                "my test group"),
            "\"GroupId\": \"(sg-[0-9a-f]+)\"");
    ok(
        "ec2",
        "authorize-security-group-ingress",
        "--group-name",
        "cli-group",
        "--protocol",
        "tcp",
        "--port",
        "22",
        "--cidr",
        "0.0.0.0/0");
    ok(
        "ec2",
        "authorize-security-group-ingress",
        "--group-id",
        id,
        "--ip-permissions",
        "IpProtocol=tcp,FromPort=80,ToPort=80,IpRanges=[{CidrIp=10.0.0.0/8}],Ipv6Ranges=[{CidrIpv6=2001:db8::/32}]");
    String described = ok("ec2", "describe-security-groups", "--group-names", "cli-group");
    assertThat(described)
        .contains(
            "\"FromPort\": 22",
            "\"CidrIp\": \"0.0.0.0/0\"",
            "\"CidrIp\": \"10.0.0.0/8\"",
            "\"CidrIpv6\": \"2001:db8::/32\"",
            "\"IpPermissionsEgress\"");
    AwsCliPeerTest.Result dup =
        aws(
            local,
            "test",
            "ec2",
            "authorize-security-group-ingress",
            "--group-id",
            id,
            "--protocol",
            "tcp",
            "--port",
            "22",
            "--cidr",
            "0.0.0.0/0");
    assertThat(dup.err()).contains("InvalidPermission.Duplicate");
    ok(
        "ec2",
        "revoke-security-group-ingress",
        "--group-id",
        id,
        "--protocol",
        "tcp",
        "--port",
        "22",
        "--cidr",
        "0.0.0.0/0");
    assertThat(ok("ec2", "describe-security-groups", "--group-ids", id))
        .doesNotContain("\"FromPort\": 22");
    ok("ec2", "delete-security-group", "--group-id", id);
    AwsCliPeerTest.Result gone =
        aws(local, "test", "ec2", "describe-security-groups", "--group-ids", id);
    assertThat(gone.err()).contains("InvalidGroup.NotFound");
  }

  @Test
  void elastic_ips() throws Exception {
    String instance =
        first(
            ok("ec2", "run-instances", "--image-id", ami, "--count", "1"),
            "\"InstanceId\": \"(i-[0-9a-f]+)\"");
    ok("ec2", "wait", "instance-running", "--instance-ids", instance);
    String allocation = ok("ec2", "allocate-address", "--domain", "vpc");
    String ip = first(allocation, "\"PublicIp\": \"([0-9.]+)\"");
    String allocationId = first(allocation, "\"AllocationId\": \"(eipalloc-[0-9a-f]+)\"");
    String association =
        first(
            ok(
                "ec2",
                "associate-address",
                "--instance-id",
                instance,
                "--allocation-id",
                allocationId),
            "\"AssociationId\": \"(eipassoc-[0-9a-f]+)\"");
    assertThat(ok("ec2", "describe-addresses", "--public-ips", ip)).contains(instance, association);
    assertThat(ok("ec2", "describe-instances", "--instance-ids", instance))
        .contains("\"PublicIpAddress\": \"" + ip + "\"");
    assertThat(aws(local, "test", "ec2", "release-address", "--allocation-id", allocationId).err())
        .contains("InvalidIPAddress.InUse");
    ok("ec2", "disassociate-address", "--association-id", association);
    ok("ec2", "release-address", "--allocation-id", allocationId);
    assertThat(all(ok("ec2", "describe-addresses"), "\"PublicIp\": \"([0-9.]+)\""))
        .doesNotContain(ip);
  }

  @Test
  void volumes_and_snapshots_with_the_cli_waiters() throws Exception {
    String instance =
        first(
            ok(
                "ec2",
                "run-instances",
                "--image-id",
                ami,
                "--count",
                "1",
                "--placement",
                "AvailabilityZone=us-east-1c"),
            "\"InstanceId\": \"(i-[0-9a-f]+)\"");
    String v1 =
        first(
            ok(
                "ec2",
                "create-volume",
                "--availability-zone",
                "us-east-1c",
                "--size",
                "1",
                "--volume-type",
                "gp3"),
            "\"VolumeId\": \"(vol-[0-9a-f]+)\"");
    ok("ec2", "wait", "volume-available", "--volume-ids", v1);
    ok("ec2", "wait", "instance-running", "--instance-ids", instance);
    assertThat(
            ok(
                "ec2",
                "attach-volume",
                "--volume-id",
                v1,
                "--instance-id",
                instance,
                "--device",
                "/dev/sdh"))
        .contains("\"State\": \"attaching\"", "\"Device\": \"/dev/sdh\"");
    ok("ec2", "wait", "volume-in-use", "--volume-ids", v1);
    String snap =
        first(
            ok("ec2", "create-snapshot", "--volume-id", v1, "--description", "cli"),
            "\"SnapshotId\": \"(snap-[0-9a-f]+)\"");
    ok("ec2", "wait", "snapshot-completed", "--snapshot-ids", snap);
    assertThat(ok("ec2", "describe-snapshots", "--owner-ids", "self"))
        .contains(snap, "\"Progress\": \"100%\"");
    String v2 =
        first(
            ok("ec2", "create-volume", "--availability-zone", "us-east-1c", "--snapshot-id", snap),
            "\"VolumeId\": \"(vol-[0-9a-f]+)\"");
    ok("ec2", "wait", "volume-available", "--volume-ids", v2);
    assertThat(ok("ec2", "describe-volumes", "--volume-ids", v2))
        .contains("\"Size\": 1", "\"SnapshotId\": \"" + snap);
    AwsCliPeerTest.Result inUse = aws(local, "test", "ec2", "delete-volume", "--volume-id", v1);
    assertThat(inUse.err()).contains("VolumeInUse", v1);
    ok("ec2", "detach-volume", "--volume-id", v1);
    ok("ec2", "wait", "volume-available", "--volume-ids", v1);
    ok("ec2", "delete-volume", "--volume-id", v1);
    ok("ec2", "delete-volume", "--volume-id", v2);
    ok("ec2", "delete-snapshot", "--snapshot-id", snap);
    ok("ec2", "wait", "volume-deleted", "--volume-ids", v1);
  }
}
