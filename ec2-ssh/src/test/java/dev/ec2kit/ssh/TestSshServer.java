package dev.ec2kit.ssh;

import dev.ec2kit.Identity;
import dev.ec2kit.Instance;
import dev.ec2kit.InstanceState;
import dev.ec2kit.Region;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An SSH server on 127.0.0.1 for tests, whose every exec request is answered by a {@link Script}
 * given the login user and the command line; it counts the sessions open at once. Any key logs in.
 */
final class TestSshServer implements AutoCloseable {
  /** What a command does with its standard input and output; it returns the exit status. */
  interface Script {
    int run(String user, String command, InputStream in, OutputStream out) throws IOException;
  }

  private final SshServer server = SshServer.setUpDefaultServer();
  private final Path key;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  TestSshServer(Path dir, Script script) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair client = g.generateKeyPair();
    key = Files.createTempFile(dir, "client", ".pem");
    try (OutputStream out = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "test", null, out);
    }
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider();
    hostKey.setAlgorithm("EC");
    server.setKeyPairProvider(hostKey);
    server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
    server.setCommandFactory((channel, command) -> new Scripted(script, command));
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            open.incrementAndGet();
          }

          @Override
          public void sessionClosed(Session session) {
            open.decrementAndGet();
          }
        });
    server.start();
  }

  /** The most sessions seen open when a command started (after its own login). */
  int peakOpenSessions() {
    return peak.get();
  }

  /** An instance this server answers for, logging in as {@code user}. */
  Instance instance(String instanceId, String user) {
    return instance(instanceId, user, server.getPort());
  }

  /** An instance at 127.0.0.1:{@code port}, logging in as {@code user} with this server's key. */
  Instance instance(String instanceId, String user, int port) {
    Identity identity =
        Identity.builder()
            .accessKey("test")
            .secretAccessKey("test")
            .region(Region.of("us-east-1"))
            .sshUser(user)
            .sshIdentityFile(key)
            .sshPort(port)
            .build();
    return new Instance(
        instanceId,
        "ami-12345678",
        InstanceState.RUNNING,
        null,
        null,
        null,
        null,
        null,
        "127.0.0.1",
        null,
        0,
        "t3.micro",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        List.of(),
        Map.of(),
        null,
        identity);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Runs the script on its own thread, as an exec channel needs. */
  private final class Scripted implements Command {
    private final Script script;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;

    Scripted(Script script, String command) {
      this.script = script;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      peak.accumulateAndGet(open.get(), Math::max);
      String user = channel.getSession().getUsername();
      thread =
          new Thread(
              () -> {
                int status;
                try {
                  status = script.run(user, command, in, out);
                  out.flush();
                } catch (IOException e) {
                  status = 255;
                }
                exit.onExit(status);
              },
              "test-ssh-command");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /** Writes {@code text} as ASCII and flushes. */
  static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * The source side of {@code scp -f}: waits for the client's go-ahead, then sends each header
   * ({@code C0644 LENGTH NAME}, {@code D0755 0 NAME}, {@code E}), each C followed by {@code body},
   * waiting for an acknowledgement after each; 1 as soon as the client stops acknowledging.
   */
  static int scpSource(InputStream in, OutputStream out, List<String> headers, String body)
      throws IOException {
    if (in.read() != 0) {
      return 1;
    }
    for (String header : headers) {
      send(out, header + "\n");
      if (in.read() != 0) {
        return 1;
      }
      if (header.startsWith("C")) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.flush();
        if (in.read() != 0) {
          return 1;
        }
      }
    }
    return 0;
  }
}
