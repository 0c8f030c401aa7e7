package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get-password-data's {@code --priv-launch-key} decrypts what the AWS CLI v1 decrypts: a key pair
 * and a password encrypted as EC2 encrypts Windows passwords (RSA, PKCS#1 v1.5) are made by
 * python-rsa under pyenv's python3, the AWS CLI's own handler ({@code LaunchKeyArgument}) decrypts
 * it, and ours must print the same clear text from the same PEM file; another key is refused in the
 * AWS CLI's words. (The emulator answers no GetPasswordData: EC2 has passwords for Windows images
 * only.)
 */
class AwsLaunchKeyTest {
  @TempDir Path dir;

  private static final String SCRIPT =
      String.join(
          "\n",
          "import base64, json, sys",
          "import rsa",
          "from awscli.customizations.ec2.decryptpassword import LaunchKeyArgument",
          "pub, priv = rsa.newkeys(1024)",
          "_, other = rsa.newkeys(1024)",
          "data = base64.b64encode(rsa.encrypt('Pässword-1!'.encode('utf-8'), pub)).decode()",
          "path = sys.argv[1]",
          "open(path, 'wb').write(priv.save_pkcs1())",
          "open(sys.argv[2], 'wb').write(other.save_pkcs1())",
          "arg = LaunchKeyArgument(None, None, 'priv-launch-key')",
          "arg._key_path = path",
          "parsed = {'PasswordData': data}",
          "arg._decrypt_password_data(parsed)",
          "print(json.dumps({'data': data, 'clear': parsed['PasswordData']}))",
          "");

  @Test
  void the_password_decrypts_as_the_aws_clis_handler_decrypts_it() throws Exception {
    Path script = dir.resolve("key.py");
    Files.writeString(script, SCRIPT);
    Path key = dir.resolve("launch.pem");
    Path other = dir.resolve("other.pem");
    Process p =
        new ProcessBuilder("python3", script.toString(), key.toString(), other.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    Map<?, ?> peer = (Map<?, ?>) JsonReader.parse(out);
    assertThat(peer.get("clear")).isEqualTo("Pässword-1!");

    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("InstanceId", "i-1");
    answer.put("PasswordData", peer.get("data"));
    assertThat(AwsLaunchKey.decrypt(answer, key).get("PasswordData")).isEqualTo(peer.get("clear"));

    answer.put("PasswordData", peer.get("data"));
    assertThatThrownBy(() -> AwsLaunchKey.decrypt(answer, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unable to decrypt password data using provided private key file.");
    // no password yet (an instance still booting): the answer as EC2 gave it
    answer.put("PasswordData", "");
    assertThat(AwsLaunchKey.decrypt(answer, other).get("PasswordData")).isEqualTo("");
  }
}
