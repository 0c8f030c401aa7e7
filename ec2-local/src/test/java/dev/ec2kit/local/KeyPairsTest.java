package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.KeyPair;
import dev.ec2kit.KeyType;
import dev.ec2kit.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key pairs against the emulator, checked with ssh-keygen and openssl as the EC2 docs do. */
@Emulated
class KeyPairsTest {
  @TempDir Path dir;

  private static Ec2 fresh(Ec2Local local, String region) {
    return Ec2.builder().identity(local.identity(region)).build();
  }

  @Test
  void the_manuals_section_6_transcript(Ec2Local local) {
    Ec2 ec2 = fresh(local, "ap-south-1");
    assertThat(ec2.keyPairs().describe()).isEmpty();
    KeyPair created = ec2.keyPairs().create("test-key");
    assertThat(created.keyName()).isEqualTo("test-key");
    assertThat(created.fingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
    assertThat(created.privateKey())
        .hasValueSatisfying(
            k ->
                assertThat(k)
                    .startsWith("-----BEGIN RSA PRIVATE KEY-----\n")
                    .endsWith("-----END RSA PRIVATE KEY-----"));
    assertThat(created.toString())
        .doesNotContain("PRIVATE KEY")
        .contains("test-key", created.fingerprint());
    assertThat(ec2.keyPairs().describe())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.keyName()).isEqualTo("test-key");
              assertThat(k.fingerprint()).isEqualTo(created.fingerprint());
              assertThat(k.keyType()).isEqualTo("rsa");
              assertThat(k.keyPairId()).matches("key-[0-9a-f]{17}");
              assertThat(k.privateKey()).isEmpty();
            });
    ec2.keyPairs().delete("test-key");
    assertThat(ec2.keyPairs().describe()).isEmpty();
    ec2.keyPairs().delete("test-key"); // deleting what is gone succeeds, as on EC2
  }

  @Test
  void a_created_rsa_key_loads_with_ssh_keygen_and_its_fingerprint_is_the_sha1_of_its_pkcs8(
      Ec2Local local) throws Exception {
    KeyPair k = fresh(local, "eu-west-2").keyPairs().create("rsa-created");
    Path pem = dir.resolve("rsa.pem");
    Files.writeString(pem, k.privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(
        pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(Tools.sh(dir, "ssh-keygen -y -f rsa.pem")).startsWith("ssh-rsa AAAA");
    String sha1 =
        Tools.sh(
            dir,
            "openssl pkcs8 -in rsa.pem -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c");
    assertThat(sha1).endsWith(k.fingerprint());
  }

  @Test
  void a_created_ed25519_key_loads_with_ssh_keygen_and_its_fingerprint_is_sha256(Ec2Local local)
      throws Exception {
    KeyPair k = fresh(local, "eu-west-2").keyPairs().create("ed-created", KeyType.ED25519);
    assertThat(k.privateKey().orElseThrow()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    Path pem = dir.resolve("ed.pem");
    Files.writeString(pem, k.privateKey().orElseThrow() + "\n");
    Files.setPosixFilePermissions(
        pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(Tools.sh(dir, "ssh-keygen -y -f ed.pem")).startsWith("ssh-ed25519 AAAA");
    String sshFingerprint =
        Tools.sh(dir, "ssh-keygen -l -f ed.pem"); // 256 SHA256:base64 comment (ED25519)
    assertThat(sshFingerprint).contains("SHA256:" + k.fingerprint().replaceAll("=+$", ""));
  }

  @Test
  void an_imported_rsa_key_has_the_md5_of_its_public_der(Ec2Local local) throws Exception {
    Tools.sh(dir, "ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C me@host -f mine");
    KeyPair k =
        fresh(local, "eu-west-3")
            .keyPairs()
            .importKey("mine", Files.readString(dir.resolve("mine.pub")));
    String md5 =
        Tools.sh(
            dir,
            "ssh-keygen -e -f mine.pub -m PEM | openssl rsa -RSAPublicKey_in -outform DER | openssl md5 -c");
    assertThat(md5).endsWith(k.fingerprint());
    assertThat(k.privateKey()).isEmpty();
  }

  @Test
  void an_imported_ed25519_key_has_the_sha256_of_its_blob(Ec2Local local) throws Exception {
    Tools.sh(dir, "ssh-keygen -q -t ed25519 -N '' -C me@host -f edmine");
    KeyPair k =
        fresh(local, "eu-west-3")
            .keyPairs()
            .importKey("edmine", Files.readString(dir.resolve("edmine.pub")));
    assertThat(Tools.sh(dir, "ssh-keygen -l -f edmine.pub"))
        .contains("SHA256:" + k.fingerprint().replaceAll("=+$", ""));
  }

  @Test
  void an_rfc4716_public_key_imports_too(Ec2Local local) throws Exception {
    Tools.sh(dir, "ssh-keygen -q -t rsa -b 2048 -N '' -f k2 && ssh-keygen -e -f k2.pub > k2.rfc");
    KeyPair k =
        fresh(local, "eu-north-1")
            .keyPairs()
            .importKey("rfc", Files.readString(dir.resolve("k2.rfc")));
    assertThat(k.fingerprint())
        .isEqualTo(
            Tools.sh(
                    dir,
                    "ssh-keygen -e -f k2.pub -m PEM | openssl rsa -RSAPublicKey_in -outform DER | openssl md5 -c")
                .replaceAll("^.*= ", ""));
  }

  @Test
  void errors_are_ec2s(Ec2Local local) {
    Ec2 ec2 = fresh(local, "ca-central-1");
    ec2.keyPairs().create("dup", KeyType.ED25519);
    assertThatThrownBy(() -> ec2.keyPairs().create("dup"))
        .isInstanceOf(Ec2Exception.class)
        .hasMessageStartingWith("InvalidKeyPair.Duplicate");
    assertThatThrownBy(
            () ->
                ec2.keyPairs()
                    .importKey(
                        "dup",
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8pO9mIbRpbx8zOJvQ2Ulm7tYzQjvZ0D3Gx2q7n1XyZ"))
        .hasMessageStartingWith("InvalidKeyPair.Duplicate");
    assertThatThrownBy(() -> ec2.keyPairs().describe("nosuch"))
        .hasMessageStartingWith("InvalidKeyPair.NotFound");
    assertThatThrownBy(() -> ec2.keyPairs().importKey("bad", "ssh-rsa not-base64!"))
        .hasMessageStartingWith("InvalidKey.Format");
    assertThatThrownBy(
            () -> ec2.keyPairs().importKey("bad", "-----BEGIN RSA PRIVATE KEY-----\nMIIE..."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private key");
  }

  @Test
  void instances_launch_with_a_key_pair_that_exists(Ec2Local local) {
    Ec2 ec2 = fresh(local, "sa-east-1");
    ec2.keyPairs().create("launch", KeyType.ED25519);
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "debian-12-*").build())
            .get(0)
            .imageId();
    assertThat(ec2.instances().run(ami, 1, 1, RunOptions.builder().keyName("launch").build()))
        .singleElement()
        .satisfies(i -> assertThat(i.keyName()).isEqualTo("launch"));
  }
}
