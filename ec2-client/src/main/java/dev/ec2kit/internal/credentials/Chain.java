package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.CredentialsProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS SDKs' default credential chain, in botocore's order: environment; the profile's role_arn
 * (AssumeRole from a source_profile or a credential_source); web identity (the profile's, or
 * AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN); IAM Identity Center (sso_session or legacy sso_*
 * keys); keys in the credentials file; credential_process; keys in the config file; container
 * credentials; instance metadata. The first that applies wins; when none does, the error says in
 * one line per source why it did not apply.
 */
public final class Chain {
  /** What the chain found: a provider and where its credentials come from. */
  public record Found(CredentialsProvider provider, String source, boolean isStatic) {}

  private final Sources sources;
  private final ProfileFiles files;
  private final Clock clock;
  private final List<String> walk = new ArrayList<>();

  /** The active profile's config-file settings (instance metadata's timeout and attempts). */
  private Map<String, String> active = Map.of();

  public Chain(
      Map<String, String> env,
      Path home,
      ProfileFiles files,
      dev.ec2kit.Transport transport,
      Clock clock,
      dev.ec2kit.Sleeper sleeper) {
    this.sources = new Sources(env, home, transport, clock, sleeper);
    this.files = files;
    this.clock = clock;
  }

  /** One line per source the chain looked at, saying why it did or did not apply (no secrets). */
  public List<String> walk() {
    return List.copyOf(walk);
  }

  /**
   * Finds credentials for {@code profile}; {@code explicitProfile} skips the environment's keys, as
   * the AWS CLI does.
   */
  public Found find(String profile, boolean explicitProfile, String region) {
    active = files.config(profile);
    if (!explicitProfile && sources.env("AWS_ACCESS_KEY_ID") != null) {
      if (sources.env("AWS_SECRET_ACCESS_KEY") == null) {
        throw new IllegalStateException(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither");
      }
      walk.add("environment: AWS_ACCESS_KEY_ID is set");
      Credentials c =
          new Credentials(
              sources.env("AWS_ACCESS_KEY_ID"),
              sources.env("AWS_SECRET_ACCESS_KEY"),
              sources.env("AWS_SESSION_TOKEN"),
              null,
              "environment");
      return new Found(() -> c, "environment", true);
    }
    walk.add(
        "environment: "
            + (explicitProfile ? "skipped, a profile was named" : "AWS_ACCESS_KEY_ID is not set"));
    Found f = fromProfile(profile, region, new LinkedHashSet<>());
    if (f != null) {
      return f;
    }
    f = envWebIdentity(region);
    if (f != null) {
      return f;
    }
    f = container();
    if (f != null) {
      return f;
    }
    f = instanceMetadata();
    if (f != null) {
      return f;
    }
    throw new IllegalStateException(
        "no AWS credentials found for profile '"
            + profile
            + "'; the chain looked at: "
            + String.join("; ", walk)
            + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones),"
            + " or give the profile aws_access_key_id and aws_secret_access_key, role_arn, sso_session or"
            + " credential_process, or choose another profile with AWS_PROFILE or Ec2.Builder.profile (see the"
            + " README's settings)");
  }

  private Found fromProfile(String profile, String region, Set<String> visiting) {
    if (!visiting.add(profile)) {
      throw new IllegalStateException(
          "profiles refer to each other in a circle through source_profile: "
              + String.join(" -> ", visiting)
              + " -> "
              + profile);
    }
    if (!files.has(profile)) {
      walk.add(
          "profile '"
              + profile
              + "': not in "
              + files.credentialsPath()
              + " nor "
              + files.configPath());
      return null;
    }
    String roleArn = files.setting(profile, "role_arn");
    if (roleArn != null) {
      return assumeRole(profile, roleArn, region, visiting);
    }
    walk.add("profile '" + profile + "' role_arn: not set");
    String ssoSession = files.setting(profile, "sso_session");
    String startUrl = files.setting(profile, "sso_start_url");
    if (ssoSession != null || startUrl != null) {
      return sso(profile, ssoSession, startUrl);
    }
    walk.add("profile '" + profile + "' sso_session / sso_start_url: not set");
    Map<String, String> creds = files.credentials(profile);
    if (creds.containsKey("aws_access_key_id")) {
      return keys(profile, creds, files.credentialsPath());
    }
    walk.add("profile '" + profile + "' in " + files.credentialsPath() + ": no aws_access_key_id");
    String process = files.setting(profile, "credential_process");
    if (process != null) {
      walk.add("profile '" + profile + "' credential_process: used");
      Refreshing r = new Refreshing(() -> sources.process(profile, process), clock);
      return new Found(r, "credential_process (profile " + profile + ")", false);
    }
    walk.add("profile '" + profile + "' credential_process: not set");
    Map<String, String> config = files.config(profile);
    if (config.containsKey("aws_access_key_id")) {
      return keys(profile, config, files.configPath());
    }
    walk.add("profile '" + profile + "' in " + files.configPath() + ": no aws_access_key_id");
    return null;
  }

  private Found keys(String profile, Map<String, String> section, Path file) {
    String secret = section.get("aws_secret_access_key");
    if (secret == null) {
      throw new IllegalStateException(
          "profile '"
              + profile
              + "' in "
              + file
              + " has aws_access_key_id but no aws_secret_access_key: add it");
    }
    walk.add("profile '" + profile + "' in " + file + ": aws_access_key_id is set");
    Credentials c =
        new Credentials(
            section.get("aws_access_key_id"),
            secret,
            section.get("aws_session_token"),
            null,
            "profile " + profile);
    return new Found(() -> c, "profile " + profile, true);
  }

  private Sources.StsEndpoint sts(String profile, String region) {
    String r = region != null ? region : files.setting(profile, "region");
    if (r == null) {
      r = "us-east-1";
    }
    String configured = sources.env("AWS_ENDPOINT_URL_STS");
    if (configured == null) {
      configured = sources.env("AWS_ENDPOINT_URL");
    }
    if (configured == null) {
      configured = files.setting(profile, "endpoint_url");
    }
    URI uri =
        configured != null
            ? dev.ec2kit.internal.config.SettingsResolver.endpointUri(configured)
            : URI.create("https://sts." + r + ".amazonaws.com/");
    return new Sources.StsEndpoint(uri, r);
  }

  private String sessionName(String profile) {
    String n = files.setting(profile, "role_session_name");
    return n != null ? n : "ec2kit-" + clock.millis();
  }

  private Found assumeRole(String profile, String roleArn, String region, Set<String> visiting) {
    Sources.StsEndpoint where = sts(profile, region);
    String tokenFile = files.setting(profile, "web_identity_token_file");
    String sourceProfile = files.setting(profile, "source_profile");
    String credentialSource = files.setting(profile, "credential_source");
    if (tokenFile != null) {
      walk.add("profile '" + profile + "': role_arn with web_identity_token_file");
      String session = sessionName(profile);
      Refreshing r =
          new Refreshing(
              () ->
                  sources
                      .sts()
                      .assumeRoleWithWebIdentity(
                          where, roleArn, session, Path.of(tokenFile), "profile " + profile),
              clock);
      return new Found(r, "web identity " + roleArn, false);
    }
    if ((sourceProfile == null) == (credentialSource == null)) {
      throw new IllegalStateException(
          "profile '"
              + profile
              + "' has role_arn and needs exactly one of"
              + " source_profile and credential_source (it has "
              + (sourceProfile == null ? "neither" : "both")
              + ")");
    }
    CredentialsProvider base;
    if (sourceProfile != null) {
      Found source =
          sourceProfile.equals(profile)
              ? keysOnly(profile)
              : fromProfile(sourceProfile, region, visiting);
      if (source == null) {
        throw new IllegalStateException(
            "source_profile '"
                + sourceProfile
                + "' of profile '"
                + profile
                + "' has no credentials");
      }
      base = source.provider();
    } else {
      base =
          switch (credentialSource) {
            case "Environment" -> envOnly().provider();
            case "EcsContainer" -> {
              Found c = container();
              if (c == null) {
                throw new IllegalStateException(
                    "credential_source EcsContainer of profile '"
                        + profile
                        + "': no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI");
              }
              yield c.provider();
            }
            case "Ec2InstanceMetadata" -> {
              Map<String, String> settings = active;
              yield new Refreshing(() -> sources.instanceRole(settings), clock);
            }
            default ->
                throw new IllegalStateException(
                    "credential_source '"
                        + credentialSource
                        + "' of profile '"
                        + profile
                        + "' is not Environment, Ec2InstanceMetadata or EcsContainer");
          };
    }
    String externalId = files.setting(profile, "external_id");
    String duration = files.setting(profile, "duration_seconds");
    Integer seconds = null;
    if (duration != null) {
      try {
        seconds = Integer.parseInt(duration);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            "duration_seconds of profile '"
                + profile
                + "' is '"
                + duration
                + "', not a number of seconds");
      }
    }
    String mfa = files.setting(profile, "mfa_serial");
    String session = sessionName(profile);
    Integer secs = seconds;
    walk.add(
        "profile '"
            + profile
            + "': role_arn "
            + roleArn
            + " from "
            + (sourceProfile != null
                ? "source_profile " + sourceProfile
                : "credential_source " + credentialSource));
    Refreshing r =
        new Refreshing(
            () ->
                sources
                    .sts()
                    .assumeRole(
                        where,
                        base::resolve,
                        roleArn,
                        session,
                        externalId,
                        secs,
                        mfa,
                        mfa == null ? null : mfaCode(profile, mfa),
                        profile),
            clock);
    return new Found(r, "assume-role " + roleArn + " (profile " + profile + ")", false);
  }

  /** A profile that is its own source_profile: only its keys count. */
  private Found keysOnly(String profile) {
    Map<String, String> creds = files.credentials(profile);
    if (creds.containsKey("aws_access_key_id")) {
      return keys(profile, creds, files.credentialsPath());
    }
    Map<String, String> config = files.config(profile);
    return config.containsKey("aws_access_key_id")
        ? keys(profile, config, files.configPath())
        : null;
  }

  private Found envOnly() {
    Sources s = sources;
    if (s.env("AWS_ACCESS_KEY_ID") == null || s.env("AWS_SECRET_ACCESS_KEY") == null) {
      throw new IllegalStateException(
          "credential_source Environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
              + " are not both set");
    }
    Credentials c =
        new Credentials(
            s.env("AWS_ACCESS_KEY_ID"),
            s.env("AWS_SECRET_ACCESS_KEY"),
            s.env("AWS_SESSION_TOKEN"),
            null,
            "environment");
    return new Found(() -> c, "environment", true);
  }

  private static String mfaCode(String profile, String serial) {
    java.io.Console console = System.console();
    if (console == null) {
      throw new IllegalStateException(
          "profile '"
              + profile
              + "' needs an MFA code for "
              + serial
              + " and there is no terminal to ask for it: run in a terminal, or use credentials without mfa_serial");
    }
    String code = console.readLine("Enter MFA code for %s: ", serial);
    if (code == null || code.isBlank()) {
      throw new IllegalStateException("no MFA code given for " + serial);
    }
    return code.strip();
  }

  private Found sso(String profile, String sessionName, String legacyStartUrl) {
    String startUrl = legacyStartUrl;
    String region = files.setting(profile, "sso_region");
    if (sessionName != null) {
      Map<String, String> session = files.ssoSession(sessionName);
      if (session.isEmpty()) {
        throw new IllegalStateException(
            "profile '"
                + profile
                + "' names sso_session '"
                + sessionName
                + "', which has no [sso-session "
                + sessionName
                + "] section in "
                + files.configPath());
      }
      startUrl = session.get("sso_start_url");
      region = session.getOrDefault("sso_region", region);
    }
    String account = files.setting(profile, "sso_account_id");
    String role = files.setting(profile, "sso_role_name");
    if (startUrl == null || region == null || account == null || role == null) {
      throw new IllegalStateException(
          "profile '"
              + profile
              + "' is an SSO profile but lacks "
              + (startUrl == null ? "sso_start_url " : "")
              + (region == null ? "sso_region " : "")
              + (account == null ? "sso_account_id " : "")
              + (role == null ? "sso_role_name" : "")
              + ": run `aws configure sso --profile "
              + profile
              + "`");
    }
    String url = startUrl;
    String ssoRegion = region;
    String portal =
        sources.env("AWS_ENDPOINT_URL_SSO") != null
            ? sources.env("AWS_ENDPOINT_URL_SSO")
            : sources.env("AWS_ENDPOINT_URL");
    URI override =
        portal == null ? null : dev.ec2kit.internal.config.SettingsResolver.endpointUri(portal);
    walk.add("profile '" + profile + "': IAM Identity Center " + account + "/" + role);
    Refreshing r =
        new Refreshing(
            () ->
                sources
                    .sso()
                    .credentials(profile, url, sessionName, ssoRegion, account, role, override),
            clock);
    return new Found(r, "sso " + account + "/" + role + " (profile " + profile + ")", false);
  }

  private Found envWebIdentity(String region) {
    String tokenFile = sources.env("AWS_WEB_IDENTITY_TOKEN_FILE");
    String roleArn = sources.env("AWS_ROLE_ARN");
    if (tokenFile == null || roleArn == null) {
      walk.add("web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set");
      return null;
    }
    String session =
        sources.env("AWS_ROLE_SESSION_NAME") != null
            ? sources.env("AWS_ROLE_SESSION_NAME")
            : "ec2kit-" + clock.millis();
    Sources.StsEndpoint where = sts("default", region);
    walk.add("web identity: AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN " + roleArn);
    Refreshing r =
        new Refreshing(
            () ->
                sources
                    .sts()
                    .assumeRoleWithWebIdentity(
                        where, roleArn, session, Path.of(tokenFile), "AWS_WEB_IDENTITY_TOKEN_FILE"),
            clock);
    return new Found(r, "web identity " + roleArn, false);
  }

  private Found container() {
    if (sources.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null
        && sources.env("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null) {
      walk.add("container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");
      return null;
    }
    walk.add("container: credentials endpoint given");
    return new Found(new Refreshing(sources::container, clock), "container", false);
  }

  private Found instanceMetadata() {
    if ("true".equalsIgnoreCase(sources.env("AWS_EC2_METADATA_DISABLED"))) {
      walk.add("instance metadata: AWS_EC2_METADATA_DISABLED is true");
      return null;
    }
    Map<String, String> settings = active;
    // a bad metadata setting is the user's to fix, not a source that did not apply
    sources.checkMetadataSettings(settings);
    Refreshing r = new Refreshing(() -> sources.instanceRole(settings), clock);
    try {
      r.resolve(); // probe once: on a machine that is not an instance, the chain moves on
    } catch (RuntimeException e) {
      walk.add("instance metadata: " + e.getMessage());
      return null;
    }
    walk.add("instance metadata: an instance role");
    return new Found(r, "instance metadata", false);
  }

  /**
   * The region of the instance this runs on, or null when there is no instance metadata; {@code
   * profile}'s settings give the requests' timeout and attempts.
   */
  public String instanceRegion(String profile) {
    if ("true".equalsIgnoreCase(sources.env("AWS_EC2_METADATA_DISABLED"))) {
      return null;
    }
    Map<String, String> settings = files.config(profile);
    sources.checkMetadataSettings(settings); // a bad one is the user's to fix
    try {
      return sources.instanceRegion(settings);
    } catch (RuntimeException e) {
      walk.add("instance metadata region: " + e.getMessage());
      return null;
    }
  }
}
