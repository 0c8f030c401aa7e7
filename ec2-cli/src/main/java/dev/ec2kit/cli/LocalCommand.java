package dev.ec2kit.cli;

import dev.ec2kit.local.Ec2Local;
import dev.ec2kit.local.SandboxMode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ec2 local}: serves the EC2-compatible endpoint in the foreground. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = "Serve a local EC2-compatible endpoint in the foreground (Ctrl-C stops it).")
final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = Ec2Local.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "H",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = Ec2Local.DEFAULT_HOST;

  @Option(
      names = "--access-key",
      paramLabel = "KEY",
      description = "Access key to accept (default: test, with secret test).")
  String accessKey;

  @Option(
      names = "--secret-key-env",
      paramLabel = "VAR",
      description =
          "Environment variable holding the secret for --access-key (kept off the command line).")
  String secretKeyEnv;

  @Option(
      names = "--transition",
      paramLabel = "DURATION",
      description =
          "How long instances stay pending, stopping or shutting down (default: ${DEFAULT-VALUE}; 0 for at once).")
  String transition = Ec2Local.DEFAULT_TRANSITION_SECONDS + "s";

  @Option(
      names = "--max-instances",
      paramLabel = "N",
      description =
          "Ceiling on live instances over all accounts and regions (default: a quarter of the"
              + " file descriptor limit, at most 10000, as each running instance listens for SSH).")
  Integer maxInstances;

  @Option(
      names = "--sandbox",
      paramLabel = "auto|on|off",
      description =
          "Whether instances are Linux sandboxes (their own namespaces, root filesystem, hostname,"
              + " users and processes; needs root): auto (default) where this machine allows them,"
              + " on (or do not start), off (a directory of this machine each: no isolation).")
  String sandbox = "auto";

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description =
          "Inject faults to test retry logic, e.g. seed=7,throttle=0.05,error=0.05,drop=0.1,latency=0-20,"
              + "actions=RunInstances+CreateVolume (throttle: RequestLimitExceeded; bucket=SIZE/RATE: EC2-style token"
              + " bucket per action; error: 500 InternalError; drop: done, answer lost; latency in ms).")
  String faults;

  @Option(
      names = "--trust",
      paramLabel = "ACCOUNT:ROLE-ACCOUNT",
      description =
          "Let principals of ACCOUNT assume roles of ROLE-ACCOUNT through STS AssumeRole (a role"
              + " always trusts its own account; * is any). Without --access-key, every account"
              + " trusts every other, since the test key is public.")
  java.util.List<String> trust = new java.util.ArrayList<>();

  @Option(
      names = "--web-identity-token-file",
      paramLabel = "FILE",
      description =
          "Write a web identity token (a JWT this emulator's STS accepts, for roles of the"
              + " account, for an hour) to FILE, for AWS_WEB_IDENTITY_TOKEN_FILE.")
  java.nio.file.Path webIdentityTokenFile;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description =
          "Keep the whole world in DIR across restarts and crashes: every account and region's"
              + " records, instances' disks, volumes, host keys; each change is on disk before it"
              + " is answered, and instances that were running boot again. One emulator per DIR."
              + " Without it, everything is gone when the emulator stops.")
  java.nio.file.Path state;

  static SandboxMode sandboxMode(String value) {
    return switch (value) {
      case "auto" -> SandboxMode.AUTO;
      case "on" -> SandboxMode.ON;
      case "off" -> SandboxMode.OFF;
      default ->
          throw new IllegalArgumentException(
              "--sandbox takes auto, on or off, got '" + value + "'");
    };
  }

  @Override
  public Integer call() throws InterruptedException {
    Ec2Local.Builder b =
        Ec2Local.builder()
            .host(host)
            .port(port)
            .transition(InstanceCommands.duration("--transition", transition))
            .sandbox(sandboxMode(sandbox));
    if (maxInstances != null) {
      b.maxInstances(maxInstances);
    }
    if (faults != null) {
      b.faults(faults);
    }
    if (state != null) {
      b.state(state);
    }
    boolean custom = accessKey != null;
    if (custom) {
      String secret = secretKeyEnv == null ? null : System.getenv(secretKeyEnv);
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException(
            "--access-key needs its secret: put it in an environment variable and name it with --secret-key-env");
      }
      b.credentials(accessKey, secret, Ec2Local.DEFAULT_ACCOUNT);
    }
    for (String t : trust) {
      String[] pair = t.split(":", -1);
      if (pair.length != 2) {
        throw new IllegalArgumentException(
            "--trust takes ACCOUNT:ROLE-ACCOUNT (12 digits or * each), got '" + t + "'");
      }
      b.trust(pair[0], pair[1]);
    }
    // No shutdown hook of its own: SIGTERM and Ctrl-C run the library's, which ends the sandboxes
    // (and removes the instances' files, unless kept); the sockets and the state directory's lock
    // go with the process, and nothing is left to save, since each change is kept before it is
    // answered and the sandboxes' ends change nothing once their close has begun.
    Ec2Local local = b.build().start();
    if (webIdentityTokenFile != null) {
      try {
        java.nio.file.Files.deleteIfExists(webIdentityTokenFile);
        java.nio.file.Files.createFile(
            webIdentityTokenFile,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(
            webIdentityTokenFile,
            local.webIdentityToken(Ec2Local.DEFAULT_ACCOUNT, "ec2-local:web-identity"));
      } catch (java.io.IOException e) {
        local.close();
        throw new java.io.UncheckedIOException(
            "--web-identity-token-file " + webIdentityTokenFile + " cannot be written", e);
      }
    }
    String url = local.endpoint().toString().replaceAll("/$", "");
    PrintWriter out = spec.commandLine().getOut();
    if (local.exposed()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "ec2 local: WARNING: listening on "
              + host
              + ", not loopback: anyone who can reach this address can"
              + " drive the API with the credentials printed below"
              + (custom ? "" : " (the well-known test/test)")
              + ". SSH to instances still listens on loopback only. Use --host 127.0.0.1 unless you mean it.");
      err.flush();
    }
    out.println("ec2 local: EC2 API 2016-11-15 at " + url + " (Ctrl-C stops it)");
    if (faults != null) {
      out.println("Injecting faults: " + faults);
    }
    if (state != null) {
      out.println("Keeping the world in " + state.toAbsolutePath().normalize());
    }
    out.println("Paste this into a shell to use it:");
    out.println();
    out.println(
        "export AWS_ENDPOINT_URL="
            + url
            + " AWS_ACCESS_KEY_ID="
            + (custom ? accessKey : Ec2Local.DEFAULT_ACCESS_KEY)
            + " AWS_SECRET_ACCESS_KEY="
            + (custom ? "\"$" + secretKeyEnv + "\"" : "test")
            + " AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1"
            + (local.sshPort() == 22 ? "" : " EC2_SSH_PORT=" + local.sshPort()));
    out.println();
    out.println(
        "Running instances answer SSH at their own addresses (127.x.y.z), port "
            + local.sshPort()
            + ", as the image's user with the instance's key pair"
            + (local.sandboxed() ? ", inside the instance's sandbox." : "."));
    out.println(
        "Then: ./ec2 describe-regions   or   aws ec2 describe-regions"
            + " (AWS CLI before 2.13: add --endpoint-url "
            + url
            + ")");
    out.flush();
    new CountDownLatch(1).await(); // until the JVM ends
    return 0;
  }
}
