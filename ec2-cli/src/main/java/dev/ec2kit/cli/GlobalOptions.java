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
      description = "table (default, for people), json (for scripts) or text (tab-separated).")
  Format output = Format.table;

  @Option(
      names = "--query",
      scope = ScopeType.INHERIT,
      paramLabel = "JMESPATH",
      description =
          "JMESPath applied to the answer, as in the AWS CLI (e.g. 'Reservations[].Instances[].InstanceId').")
  String query;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print each request and response on stderr (secrets redacted).")
  boolean debug;

  /** A client for these settings; --debug logs its traffic to {@code err}. */
  Ec2 client(PrintWriter err, Map<String, String> environment) {
    // HttpURLConnection: no selector thread to hold up exit, no TLS set-up for http endpoints.
    Transport transport = Transport.urlConnection(Duration.ofSeconds(10), Duration.ofSeconds(60));
    Output.query(query);
    transport = Captured.around(transport);
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
    Ec2 ec2 = b.build();
    if (debug) {
      err.println("# " + ec2.identity() + " at " + ec2.identity().region().uri());
      err.flush();
    }
    return ec2;
  }
}
