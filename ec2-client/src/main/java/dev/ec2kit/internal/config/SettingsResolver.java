package dev.ec2kit.internal.config;

import dev.ec2kit.Identity;
import dev.ec2kit.Region;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds credentials, region and endpoint where the AWS SDKs and CLI look, in their order. Explicit
 * values win; a profile given explicitly also wins over the credential variables, as in the AWS
 * CLI.
 */
public final class SettingsResolver {
  private final Map<String, String> env;
  private final Path home;
  private final dev.ec2kit.Transport transport;
  private final java.time.Clock clock;
  private final dev.ec2kit.Sleeper sleeper;

  public SettingsResolver(Map<String, String> env, Path home) {
    this(
        env,
        home,
        dev.ec2kit.Transport.jdk(),
        java.time.Clock.systemUTC(),
        dev.ec2kit.Sleeper.system());
  }

  /** With the transport, clock and sleeper that STS, SSO and instance-metadata calls use. */
  public SettingsResolver(
      Map<String, String> env,
      Path home,
      dev.ec2kit.Transport transport,
      java.time.Clock clock,
      dev.ec2kit.Sleeper sleeper) {
    this.env = env;
    this.home = home;
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The home directory as the SDKs find it: {@code $HOME}, else the JVM's {@code user.home}. */
  public static Path home(Map<String, String> env) {
    String h = env.get("HOME");
    return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
  }

  /**
   * Resolves an identity. {@code profile}, {@code region} and {@code endpoint} are explicit values
   * (a command-line option, a builder call) or {@code null}.
   */
  public Identity resolve(String profile, String region, URI endpoint) {
    String profileName = firstNonBlank(profile, env("AWS_PROFILE"), env("AWS_DEFAULT_PROFILE"));
    boolean explicitProfile = profileName != null;
    if (profileName == null) {
      profileName = "default";
    }
    IniFile credentialsFile = IniFile.read(path("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials"));
    IniFile configFile = IniFile.read(path("AWS_CONFIG_FILE", ".aws/config"));
    dev.ec2kit.internal.credentials.ProfileFiles files =
        new dev.ec2kit.internal.credentials.ProfileFiles(
            configFile.path(),
            configFile.sections(),
            credentialsFile.path(),
            credentialsFile.sections());
    Map<String, String> config = files.config(profileName);
    if (explicitProfile && !profileName.equals("default") && !files.has(profileName)) {
      throw new IllegalStateException(
          "AWS profile '"
              + profileName
              + "' is not in "
              + credentialsFile.path()
              + " nor in "
              + configFile.path()
              + ": add it, or name another profile with AWS_PROFILE or Ec2.Builder.profile");
    }

    Identity.Builder b = Identity.builder();
    boolean namedProfile = profile != null && !profile.isBlank();
    String regionGiven =
        firstNonBlank(region, env("AWS_REGION"), env("AWS_DEFAULT_REGION"), config.get("region"));
    dev.ec2kit.internal.credentials.Chain chain =
        new dev.ec2kit.internal.credentials.Chain(env, home, files, transport, clock, sleeper);
    dev.ec2kit.internal.credentials.Chain.Found found =
        chain.find(profileName, namedProfile, regionGiven);
    if (found.isStatic()) {
      dev.ec2kit.Credentials c = found.provider().resolve();
      b.accessKey(c.accessKeyId())
          .secretAccessKey(c.secretAccessKey())
          .sessionToken(c.sessionToken());
    } else {
      b.credentials(found.provider());
    }
    this.lastWalk = chain.walk();

    String regionName = regionGiven;
    if (regionName == null) {
      regionName = chain.instanceRegion(profileName); // on an EC2 instance, its own region
    }
    if (regionName == null) {
      throw new IllegalStateException(
          "no AWS region set: set AWS_REGION or AWS_DEFAULT_REGION, give Ec2.Builder.region, or put"
              + " region in profile '"
              + profileName
              + "' of "
              + configFile.path());
    }
    Region r = Region.of(regionName);
    URI uri = endpoint == null ? null : endpointUri(endpoint.toString());
    if (uri == null && !"true".equalsIgnoreCase(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
      String configured =
          firstNonBlank(
              env("AWS_ENDPOINT_URL_EC2"), env("AWS_ENDPOINT_URL"), config.get("endpoint_url"));
      if (configured != null) {
        uri = endpointUri(configured);
      }
    }
    if (uri != null) {
      r = r.withUri(uri);
    }
    String sshPort = env("EC2_SSH_PORT");
    if (sshPort != null) {
      try {
        b.sshPort(Integer.parseInt(sshPort.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalStateException("EC2_SSH_PORT '" + sshPort + "' is not a port number");
      }
    }
    return b.region(r).build();
  }

  /**
   * The retry policy the settings ask for, as the SDKs read them: {@code AWS_RETRY_MODE}, then the
   * profile's {@code retry_mode} (standard by default); {@code AWS_MAX_ATTEMPTS}, then the
   * profile's {@code max_attempts} (the mode's default otherwise).
   */
  public dev.ec2kit.RetryPolicy retryPolicy(String profile) {
    String profileName = firstNonBlank(profile, env("AWS_PROFILE"), env("AWS_DEFAULT_PROFILE"));
    if (profileName == null) {
      profileName = "default";
    }
    IniFile configFile = IniFile.read(path("AWS_CONFIG_FILE", ".aws/config"));
    Map<String, String> config =
        configFile.section(profileName.equals("default") ? "default" : "profile " + profileName);
    String modeFrom =
        env("AWS_RETRY_MODE") != null ? "AWS_RETRY_MODE" : "retry_mode in " + configFile.path();
    String mode = firstNonBlank(env("AWS_RETRY_MODE"), config.get("retry_mode"));
    dev.ec2kit.RetryPolicy policy;
    try {
      policy =
          dev.ec2kit.RetryPolicy.of(
              mode == null
                  ? dev.ec2kit.RetryPolicy.Mode.STANDARD
                  : dev.ec2kit.RetryPolicy.Mode.fromName(mode));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(modeFrom + ": " + e.getMessage());
    }
    String attemptsFrom =
        env("AWS_MAX_ATTEMPTS") != null
            ? "AWS_MAX_ATTEMPTS"
            : "max_attempts in " + configFile.path();
    String attempts = firstNonBlank(env("AWS_MAX_ATTEMPTS"), config.get("max_attempts"));
    if (attempts != null) {
      int n;
      try {
        n = Integer.parseInt(attempts);
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new IllegalStateException(
            attemptsFrom + " is '" + attempts + "': give a number of attempts, 1 or more");
      }
      policy = policy.withMaxAttempts(n);
    }
    return policy;
  }

  private java.util.List<String> lastWalk = java.util.List.of();

  /** How the last {@link #resolve} walked the credential chain, a line per source (no secrets). */
  public java.util.List<String> lastWalk() {
    return lastWalk;
  }

  /** An endpoint URL as users write it; a bare path gets a trailing slash. */
  public static URI endpointUri(String text) {
    URI uri;
    try {
      uri = URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "endpoint URL '" + text + "' is not a URL: write it as http://HOST:PORT/", e);
    }
    if (uri.getScheme() == null
        || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException(
          "endpoint URL '"
              + text
              + "' needs http:// or https:// and a host, such as http://127.0.0.1:4599/");
    }
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      uri = uri.resolve("/");
    }
    return uri;
  }

  private static void fromProfile(
      Identity.Builder b, Map<String, String> section, String profileName, Path file) {
    String secret = section.get("aws_secret_access_key");
    if (secret == null) {
      throw new IllegalStateException(
          "profile '"
              + profileName
              + "' in "
              + file
              + " has aws_access_key_id but no aws_secret_access_key: add it");
    }
    b.accessKey(section.get("aws_access_key_id"))
        .secretAccessKey(secret)
        .sessionToken(section.get("aws_session_token"));
  }

  private Path path(String variable, String underHome) {
    String given = env(variable);
    if (given == null) {
      return home.resolve(underHome);
    }
    if (given.startsWith("~/")) {
      return home.resolve(given.substring(2));
    }
    return Path.of(given);
  }

  private String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
