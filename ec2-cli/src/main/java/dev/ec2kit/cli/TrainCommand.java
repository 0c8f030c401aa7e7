package dev.ec2kit.cli;

import dev.ec2kit.local.Ec2Local;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hidden: runs the common commands once against an emulator so that {@code ./ec2} can record the
 * classes they load in a class-data-sharing archive (or JDK 25's AOT cache). Touches nothing else.
 *
 * <p>The emulator runs in a second JVM ({@code __train --serve}), so the archive holds what the
 * commands load and not the emulator's classes too: an archive of only those is about a seventh of
 * the size, and a short command touches (and copies on write) fewer of its pages, which measured
 * about a tenth of describe-regions' CPU time.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--serve", hidden = true)
  boolean serve;

  @Override
  public Integer call() throws Exception {
    if (serve) {
      return serve();
    }
    Process emulator =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "__train",
                "--serve")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      train(endpoint(emulator, STARTUP));
    } finally {
      emulator.getOutputStream().close(); // its stdin closed: it stops
      if (!emulator.waitFor(30, TimeUnit.SECONDS)) {
        emulator.destroyForcibly();
      }
    }
    return 0;
  }

  /**
   * How long the training emulator may take to print its endpoint: its start is about a second; a
   * loaded machine's, a few.
   */
  static final Duration STARTUP = Duration.ofSeconds(60);

  /**
   * The first line the training emulator prints (its endpoint), read for at most {@code timeout}.
   * An emulator that prints none in time, or ends first, is killed and training fails at once, so
   * {@code ./ec2}'s first run goes on (without an archive) instead of waiting on it forever.
   */
  static String endpoint(Process emulator, Duration timeout) throws InterruptedException {
    java.util.concurrent.CompletableFuture<String> line =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (IOException e) {
                return null; // the stream closed under the read: as no line
              }
            },
            r -> {
              Thread t = new Thread(r, "ec2-train-endpoint");
              t.setDaemon(true); // a read still blocked can never hold up the JVM's exit
              t.start();
            });
    String endpoint;
    try {
      endpoint = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      emulator.destroyForcibly();
      throw new IllegalStateException(
          "the training emulator printed no endpoint in "
              + timeout.toSeconds()
              + " s: stopped it; ./ec2 runs without the archive");
    } catch (java.util.concurrent.ExecutionException e) {
      endpoint = null;
    }
    if (endpoint == null) {
      emulator.destroyForcibly();
      throw new IllegalStateException("the training emulator ended without printing its endpoint");
    }
    return endpoint;
  }

  /** The emulator for a training run: prints its endpoint, stops when its stdin closes. */
  private static int serve() throws IOException {
    try (Ec2Local local =
        Ec2Local.builder().port(0).transition(Duration.ZERO).log(null).build().start()) {
      System.out.println(local.endpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the training run closes our stdin (or ends)
      }
    }
    return 0;
  }

  /**
   * Runs the training lines against the emulator at {@code endpoint}; returns each line (its
   * arguments joined by spaces) with its exit code, in the order run.
   */
  static Map<String, Integer> train(String endpoint) throws IOException {
    // settings files that exist, as most users have: reading them is part of every command
    Path dir = Files.createTempDirectory("ec2-train");
    Path config = Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
    Path credentials =
        Files.writeString(
            dir.resolve("credentials"),
            "[default]\naws_access_key_id = test\naws_secret_access_key = test\n");
    // a CA bundle checked for being readable (it is read only for https, which training never uses)
    Path bundle = Files.writeString(dir.resolve("ca-bundle.pem"), "");
    try {
      return train(endpoint, config, credentials, bundle);
    } finally {
      Files.delete(config);
      Files.delete(credentials);
      Files.delete(bundle);
      Files.delete(dir);
    }
  }

  private static Map<String, Integer> train(
      String endpoint, Path config, Path credentials, Path bundle) {
    Map<String, Integer> exits = new java.util.LinkedHashMap<>();
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID",
            "test",
            "AWS_SECRET_ACCESS_KEY",
            "test",
            "AWS_REGION",
            "us-east-1",
            "AWS_ENDPOINT_URL",
            endpoint,
            "AWS_CONFIG_FILE",
            config.toString(),
            "AWS_SHARED_CREDENTIALS_FILE",
            credentials.toString(),
            "AWS_CA_BUNDLE",
            bundle.toString());
    for (String format : List.of("table", "json", "text")) {
      for (String command :
          List.of(
              "describe-regions",
              "describe-availability-zones",
              "describe-instances",
              "describe-key-pairs",
              "describe-security-groups",
              "describe-addresses",
              "describe-volumes",
              "describe-snapshots")) {
        run(exits, env, command, "--output", format);
      }
    }
    run(exits, env, "describe-images", "--owner", "amazon");
    run(exits, env, "find-region-by-name", "us-east");
    run(exits, env, "describe-regions", "--help");
    // The generic path: the model, the AWS CLI's parser and output.
    for (String format : List.of("json", "text")) {
      run(exits, env, "describe-vpcs", "--output", format);
    }
    run(
        exits,
        env,
        "describe-subnets",
        "--filters",
        "Name=vpc-id,Values=vpc-1",
        "--query",
        "Subnets[]");
    run(exits, env, "describe-vpcs", "--vpc-ids", "vpc-1");
    return exits;
  }

  private static void run(Map<String, Integer> exits, Map<String, String> env, String... args) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    exits.put(String.join(" ", args), Main.run(args, sink, sink, env));
  }
}
