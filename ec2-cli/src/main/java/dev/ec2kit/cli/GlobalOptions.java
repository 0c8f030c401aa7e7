package dev.ec2kit.cli;

import dev.ec2kit.Ec2;
import dev.ec2kit.Transport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command shares: where to call, as whom, and how to print. */
public final class GlobalOptions {
  /** How results are printed. */
  public enum Format {
    table,
    json,
    text
  }

  @Option(
      names = "--region",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile).")
  String region;

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description =
          "Profile of ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE, default).")
  String profile;

  @Option(
      names = "--endpoint-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Endpoint to call (default: AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, the profile,"
              + " else https://ec2.REGION.amazonaws.com/).")
  String endpointUrl;

  @Option(
      names = "--output",
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description =
          "table (default, for people), json or text (EC2's answer as the AWS CLI prints it);"
              + " else AWS_DEFAULT_OUTPUT or the profile's output.")
  Format output;

  @Option(
      names = "--query",
      scope = ScopeType.INHERIT,
      paramLabel = "JMESPATH",
      description =
          "JMESPath applied to the answer, as in the AWS CLI (e.g. 'Reservations[].Instances[].InstanceId').")
  String query;

  @Option(
      names = "--max-items",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description =
          "Describes: print at most N items of the answer's list, and a NextToken to go on from"
              + " (the AWS CLI's paging; JSON or text).")
  Integer maxItems;

  @Option(
      names = "--starting-token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "Describes: go on from the NextToken a --max-items answer printed.")
  String startingToken;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print each request and response on stderr (secrets redacted).")
  boolean debug;

  /**
   * The output format the settings ask for: AWS_DEFAULT_OUTPUT, then the profile's output; table.
   */
  Format format(Map<String, String> environment, Output run) {
    run.query(query); // commands that make no call (find-region-by-name) print through it too
    if (output == null) {
      output = outputSetting(environment, run);
    }
    run.paging(maxItems, startingToken);
    if ((maxItems != null || startingToken != null) && output == Format.table && query == null) {
      throw new IllegalArgumentException(
          "--max-items and --starting-token page the AWS CLI's answer: add --output json or text");
    }
    return output;
  }

  /** The output format the settings ask for, when --output is not given. */
  Format outputSetting(Map<String, String> environment, Output run) {
    String from = "AWS_DEFAULT_OUTPUT";
    String value = environment.get("AWS_DEFAULT_OUTPUT");
    if (value == null || value.isBlank()) {
      from = "output in the profile";
      value = dev.ec2kit.Settings.profileValue(environment, profile, "output").orElse(null);
    }
    if (value == null || value.isBlank()) {
      run.asked(false);
      return run.fallback();
    }
    try {
      return Format.valueOf(value.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          from + " is '" + value + "': this command prints table, json or text");
    }
  }

  /**
   * A client for these settings; --debug logs its traffic to {@code err}; its answers are kept in
   * {@code run}.
   */
  Ec2 client(PrintWriter err, Map<String, String> environment, Output run) {
    // HttpURLConnection: no selector thread to hold up exit, no TLS set-up for http endpoints.
    Transport transport =
        Transport.urlConnection(
            Duration.ofSeconds(10), Duration.ofSeconds(60), environment, profile);
    run.query(query);
    if (output == null) {
      output = outputSetting(environment, run);
    }
    transport = run.capture(transport);
    Ec2.Builder b =
        Ec2.builder().environment(environment).profile(profile).region(region).transport(transport);
    if (endpointUrl != null) {
      b.endpoint(endpointUrl);
    }
    if (debug) {
      b.transport(
          Transport.debugging(
              transport,
              line -> {
                err.println(line);
                err.flush();
              }));
    }
    if (debug) {
      b.settingsLog(
          line -> {
            err.println("# " + line);
            err.flush();
          });
    }
    Ec2 ec2 = b.build();
    if (debug) {
      err.println("# credentials " + ec2.identity().credentials());
      err.println("# " + ec2.identity() + " at " + ec2.identity().region().uri());
      err.flush();
    }
    return ec2;
  }
}
