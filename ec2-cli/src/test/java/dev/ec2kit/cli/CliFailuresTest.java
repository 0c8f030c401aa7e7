package dev.ec2kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.junit.Ec2LocalExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure the command meets ends in one line naming what to fix, with the documented exit
 * code (1: EC2, I/O; 2: usage and settings), and nothing a server sends can drive the terminal.
 */
@ExtendWith(Ec2LocalExtension.class)
class CliFailuresTest {
  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void settings(Ec2Local local) {
    cli = new CliRunner(local, "us-east-1");
  }

  private static void oneLine(CliRunner.Run r) {
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  void a_missing_user_data_file_is_a_usage_error_naming_it() {
    CliRunner.Run r =
        cli.run(
            "run-instances", "ami-0123456789abcdef0", "--user-data-file", "/nonexistent/boot.sh");
    assertThat(r.exit()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains("--user-data-file /nonexistent/boot.sh does not exist");
  }

  @Test
  void a_credentials_file_that_is_not_utf8_is_a_settings_error_naming_it() throws Exception {
    Path creds = dir.resolve("credentials");
    Files.write(
        creds,
        new byte[] {'[', 'd', 'e', 'f', 'a', 'u', 'l', 't', ']', '\n', (byte) 0xff, (byte) 0xfe});
    cli.env.remove("AWS_ACCESS_KEY_ID");
    cli.env.put("AWS_SHARED_CREDENTIALS_FILE", creds.toString());
    CliRunner.Run r = cli.run("describe-regions");
    assertThat(r.exit()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains(creds.toString()).contains("not UTF-8");
  }

  @Test
  void a_settings_line_that_is_not_key_value_or_an_unclosed_section_is_named_with_its_line()
      throws Exception {
    Path config = dir.resolve("config");
    cli.env.put("AWS_CONFIG_FILE", config.toString());
    Files.writeString(config, "[default]\nregion = us-east-1\nthis line means nothing\n");
    CliRunner.Run r = cli.run("describe-regions");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(config + " line 3").contains("neither [section] nor key = value");
    Files.writeString(config, "[profile broken\nregion = us-east-1\n");
    r = cli.run("describe-regions");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(config + " line 1").contains("closing ]");
  }

  /** A fake endpoint on a raw socket: reads one request, then does what {@code then} says. */
  private static String endpoint(Consumer<Socket> then, AtomicInteger requests) throws IOException {
    ServerSocket server = new ServerSocket(0);
    Thread t =
        new Thread(
            () -> {
              try (server) {
                while (true) {
                  Socket s = server.accept();
                  InputStream in = s.getInputStream();
                  byte[] buf = new byte[65536];
                  int n = in.read(buf); // the whole small request arrives at once on loopback
                  if (n > 0) {
                    requests.incrementAndGet();
                    then.accept(s);
                  }
                }
              } catch (IOException e) {
                // done
              }
            });
    t.setDaemon(true);
    t.start();
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private static Consumer<Socket> answering(int status, String body) {
    return s -> {
      try (s) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(
            ("HTTP/1.1 "
                    + status
                    + " X\r\nContent-Length: "
                    + b.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
      } catch (IOException e) {
        // gone
      }
    };
  }

  @Test
  void
      a_dropped_connection_after_sending_reaches_the_server_once_and_says_it_may_have_taken_effect()
          throws Exception {
    AtomicInteger requests = new AtomicInteger();
    String url =
        endpoint(
            s -> {
              try {
                s.close();
              } catch (IOException e) {
                // closing anyway
              }
            },
            requests);
    CliRunner.Run r = cli.run("allocate-address", "--endpoint-url", url);
    assertThat(r.exit()).isEqualTo(1);
    oneLine(r);
    assertThat(r.err())
        .contains("AllocateAddress may have taken effect", url, "check with DescribeAddresses");
    CliRunner.Run g = cli.run("create-security-group", "g1", "desc", "--endpoint-url", url);
    assertThat(g.exit()).isEqualTo(1);
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void a_non_xml_error_body_with_terminal_escapes_is_printed_escaped() throws Exception {
    String url =
        endpoint(
            answering(502, "<html>\u001b[2J\u001b]0;owned\u0007 bad gateway</html>"),
            new AtomicInteger());
    cli.env.put("AWS_MAX_ATTEMPTS", "1");
    CliRunner.Run r = cli.run("describe-regions", "--endpoint-url", url);
    assertThat(r.exit()).isEqualTo(1);
    oneLine(r);
    assertThat(r.err())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("\\x1b[2J")
        .contains("Http502");
  }

  @Test
  void a_success_without_a_group_id_is_an_error_not_null() throws Exception {
    String url =
        endpoint(
            answering(
                200,
                "<CreateSecurityGroupResponse><requestId>r</requestId><return>true</return></CreateSecurityGroupResponse>"),
            new AtomicInteger());
    CliRunner.Run r = cli.run("create-security-group", "g1", "desc", "--endpoint-url", url);
    assertThat(r.exit()).isEqualTo(1);
    oneLine(r);
    assertThat(r.out()).doesNotContain("null");
    assertThat(r.err()).contains("CreateSecurityGroup at " + url).contains("no groupId");
  }

  @Test
  void unexpected_end_of_answer_names_the_endpoint() throws Exception {
    String url =
        endpoint(
            s -> {
              try (s) {
                s.getOutputStream()
                    .write(
                        "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n<Desc"
                            .getBytes(StandardCharsets.US_ASCII));
              } catch (IOException e) {
                // gone
              }
            },
            new AtomicInteger());
    cli.env.put("AWS_MAX_ATTEMPTS", "1");
    CliRunner.Run r = cli.run("describe-regions", "--endpoint-url", url);
    assertThat(r.exit()).isEqualTo(1);
    oneLine(r);
    assertThat(r.err()).startsWith("ec2: ").contains(url);
  }

  @Test
  void a_key_saved_where_a_file_appeared_meanwhile_keeps_both_keys() throws Exception {
    Path target = dir.resolve("key.pem");
    KeyPairCommands.Create.write(target, "-----BEGIN FIRST-----\n", false);
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    java.io.UncheckedIOException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.UncheckedIOException.class,
            () -> KeyPairCommands.Create.write(target, "-----BEGIN SECOND-----\n", false));
    assertThat(Files.readString(target)).isEqualTo("-----BEGIN FIRST-----\n");
    String message = refused.getCause().getMessage();
    Path kept =
        Files.list(dir)
            .filter(p -> p.getFileName().toString().startsWith(".ec2-key-"))
            .findFirst()
            .orElseThrow();
    assertThat(message).contains(kept.toString()).contains("nothing was overwritten");
    assertThat(Files.readString(kept)).isEqualTo("-----BEGIN SECOND-----\n");
    assertThat(Files.getPosixFilePermissions(kept))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
