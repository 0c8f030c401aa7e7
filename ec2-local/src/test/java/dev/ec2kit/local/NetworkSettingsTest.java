package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ec2kit.Ec2;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.process.Spawns;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network settings the AWS CLI reads: HTTP_PROXY/HTTPS_PROXY with NO_PROXY, and AWS_CA_BUNDLE
 * (a private CA trusted besides the JDK's), for both transports.
 */
@Emulated
class NetworkSettingsTest {
  @TempDir Path dir;

  /** A plain forward proxy: rewrites the absolute request target and passes bytes both ways. */
  private static ServerSocket proxy(AtomicInteger seen) throws Exception {
    ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  new Thread(() -> relay(client, seen)).start();
                } catch (Exception e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return server;
  }

  private static void relay(Socket client, AtomicInteger seen) {
    try (client) {
      InputStream in = client.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != '\n' && b >= 0; ) {
        line.append((char) b);
      }
      String[] parts = line.toString().strip().split(" ");
      java.net.URI target = java.net.URI.create(parts[1]);
      seen.incrementAndGet();
      try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
        OutputStream up = upstream.getOutputStream();
        up.write(
            (parts[0]
                    + " "
                    + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                    + " "
                    + parts[2]
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        Thread pump =
            new Thread(
                () -> {
                  try {
                    in.transferTo(up);
                  } catch (Exception e) {
                    // done
                  }
                });
        pump.setDaemon(true);
        pump.start();
        upstream.getInputStream().transferTo(client.getOutputStream());
      }
    } catch (Exception e) {
      // the test sees the outcome
    }
  }

  @Test
  void http_proxy_is_used_for_both_transports_unless_no_proxy_names_the_host(Ec2Local local)
      throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (ServerSocket p = proxy(seen)) {
      Map<String, String> env =
          new HashMap<>(
              Map.of("HTTP_PROXY", "http://127.0.0.1:" + p.getLocalPort(), "HOME", dir.toString()));
      for (Transport t :
          List.of(
              Transport.jdk(env, null),
              Transport.urlConnection(Duration.ofSeconds(5), Duration.ofSeconds(5), env, null))) {
        Ec2 ec2 =
            Ec2.builder()
                .identity(local.identity("us-east-1"))
                .transport(t)
                .retryPolicy(RetryPolicy.none())
                .build();
        int before = seen.get();
        assertThat(ec2.regions().describe()).isNotEmpty();
        assertThat(seen.get()).as(t.getClass().getSimpleName()).isGreaterThan(before);
      }
      env.put("NO_PROXY", "localhost,127.0.0.1");
      int before = seen.get();
      Ec2 direct =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .transport(Transport.jdk(env, null))
              .build();
      assertThat(direct.regions().describe()).isNotEmpty();
      assertThat(seen.get()).isEqualTo(before);
    }
  }

  private void keytool(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p =
        Spawns.start(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void aws_ca_bundle_makes_a_private_ca_trusted(Ec2Local local) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "ec2",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        "server.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-alias",
        "ec2",
        "-rfc",
        "-keystore",
        "server.p12",
        "-storepass",
        "changeit",
        "-file",
        "ca.pem");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(ctx));
    https.createContext(
        "/",
        ex -> {
          byte[] b =
              ("<DescribeRegionsResponse><requestId>r</requestId><regionInfo><item><regionName>eu-west-1"
                      + "</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint></item></regionInfo>"
                      + "</DescribeRegionsResponse>")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, b.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
          }
        });
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
      Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString()));
      Ec2 untrusted =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .endpoint(url)
              .transport(Transport.jdk(env, null))
              .retryPolicy(RetryPolicy.none())
              .build();
      assertThatThrownBy(untrusted.regions()::describe)
          .isInstanceOf(java.io.UncheckedIOException.class);
      env.put("AWS_CA_BUNDLE", dir.resolve("ca.pem").toString());
      for (Transport t :
          List.of(
              Transport.jdk(env, null),
              Transport.urlConnection(Duration.ofSeconds(5), Duration.ofSeconds(5), env, null))) {
        Ec2 trusted =
            Ec2.builder()
                .identity(local.identity("us-east-1"))
                .endpoint(url)
                .transport(t)
                .retryPolicy(RetryPolicy.none())
                .build();
        assertThat(trusted.regions().describe())
            .extracting(r -> r.regionName())
            .containsExactly("eu-west-1");
      }
      env.put("AWS_CA_BUNDLE", dir.resolve("missing.pem").toString());
      assertThatThrownBy(() -> Transport.jdk(env, null)).hasMessageContaining("missing.pem");
    } finally {
      https.stop(0);
    }
  }
}
