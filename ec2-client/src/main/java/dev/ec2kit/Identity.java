package dev.ec2kit;

import dev.ec2kit.internal.config.SettingsResolver;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who calls EC2 and where: the manual's {@code ec2-identity}. The access key, secret access key
 * (and session token for temporary credentials) sign every request; the region says where calls go;
 * the key pair name, SSH user and identity file are used to launch and reach instances.
 *
 * <pre>{@code
 * Identity east = Identity.builder()
 *     .accessKey("AKIA...").secretAccessKey(secret)
 *     .keyName("aws-us-east").sshUser("ubuntu")
 *     .sshIdentityFile(Settings.home(System.getenv()).resolve(".ssh/aws-us-east.pem"))
 *     .region(Region.find("us-east"))
 *     .build();
 * Identity west = east.copy().region(Region.find("us-west")).keyName("aws-us-west").build();
 * Identity fromSettings = Identity.fromEnvironment();   // AWS_* variables, ~/.aws files
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} never shows the secret access key or the session token.
 */
public final class Identity {
  private final CredentialsProvider provider;
  private final Credentials fixed; // the credentials given outright, or null with a provider
  private final String accountId;
  private final String keyName;
  private final String sshUser;
  private final Path sshIdentityFile;
  private final int sshPort;
  private final Region region;

  private Identity(Builder b) {
    this.fixed =
        b.provider == null
            ? new Credentials(b.accessKey, b.secretAccessKey, b.sessionToken, null, "given")
            : null;
    this.provider = b.provider != null ? b.provider : () -> fixed;
    this.accountId = b.accountId;
    this.keyName = b.keyName;
    this.sshUser = b.sshUser;
    this.sshIdentityFile = b.sshIdentityFile;
    this.sshPort = b.sshPort;
    this.region = b.region;
  }

  /**
   * Starts an identity from nothing; give it credentials and a region at least.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The identity the standard AWS settings of this process describe, in the AWS SDKs' order: {@code
   * AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}; else what the
   * profile ({@code AWS_PROFILE}, else {@code AWS_DEFAULT_PROFILE}, else {@code default}) in {@code
   * ~/.aws/credentials} and {@code ~/.aws/config} gives (an assumed role, web identity, IAM
   * Identity Center, keys, {@code credential_process}); else container credentials or the instance
   * metadata's role. The region comes from {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} or the
   * profile (on an EC2 instance, else its own), the endpoint from {@code AWS_ENDPOINT_URL_EC2},
   * {@code AWS_ENDPOINT_URL} or the profile's {@code endpoint_url}, the SSH port from {@code
   * EC2_SSH_PORT}. Temporary credentials are renewed before they expire.
   *
   * @return the identity, with fixed keys or a provider that renews them
   * @throws IllegalStateException when no credentials or no region can be found, naming where they
   *     were looked for, or when a setting is malformed
   * @throws IllegalArgumentException when the region or endpoint set is not a region name or an
   *     http(s) URL
   */
  public static Identity fromEnvironment() {
    return new SettingsResolver(System.getenv(), SettingsResolver.home(System.getenv()))
        .resolve(null, null, null);
  }

  /**
   * A builder holding this identity's values, the manual's {@code copy-ec2-identity}: change some
   * and build another identity.
   *
   * @return a new builder; this identity is unchanged
   */
  public Builder copy() {
    Builder b = new Builder();
    if (fixed != null) {
      b.accessKey = fixed.accessKeyId();
      b.secretAccessKey = fixed.secretAccessKey();
      b.sessionToken = fixed.sessionToken();
    } else {
      b.provider = provider;
    }
    b.accountId = accountId;
    b.keyName = keyName;
    b.sshUser = sshUser;
    b.sshIdentityFile = sshIdentityFile;
    b.sshPort = sshPort;
    b.region = region;
    return b;
  }

  /**
   * This identity in another region: same credentials, key pair and SSH settings.
   *
   * @param newRegion the region (and endpoint) calls are to go to
   * @return a new identity
   * @throws IllegalArgumentException when {@code newRegion} is null
   */
  public Identity withRegion(Region newRegion) {
    return copy().region(newRegion).build();
  }

  /**
   * The credentials to sign with now: those given, or the provider's current ones (renewed before
   * they expire, for temporary credentials).
   *
   * @return the current credentials
   * @throws IllegalStateException when the provider cannot give any, saying why
   */
  public Credentials credentials() {
    return fixed != null ? fixed : provider.resolve();
  }

  /**
   * Where the credentials come from: the keys given, or a provider that renews them.
   *
   * @return the provider; for keys given outright, one that always returns them
   */
  public CredentialsProvider credentialsProvider() {
    return provider;
  }

  /**
   * The access key id of the current credentials.
   *
   * @return the access key id, such as {@code AKIA...}
   * @throws IllegalStateException when the provider cannot give credentials
   */
  public String accessKey() {
    return credentials().accessKeyId();
  }

  /**
   * The secret of the current credentials; pass it only to a signer, never to a log.
   *
   * @return the secret access key
   * @throws IllegalStateException when the provider cannot give credentials
   */
  public String secretAccessKey() {
    return credentials().secretAccessKey();
  }

  /**
   * The session token of the current credentials.
   *
   * @return the token of temporary credentials, or empty for long-term keys
   * @throws IllegalStateException when the provider cannot give credentials
   */
  public Optional<String> sessionToken() {
    return Optional.ofNullable(credentials().sessionToken());
  }

  /**
   * The 12-digit AWS account (the manual's "account number").
   *
   * @return the account id, or empty when none was given
   */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /**
   * The key pair instances are launched with (the manual's "keypair name"), unless {@link
   * RunOptions.Builder#keyName} names another.
   *
   * @return the key pair's name, or empty when none was given
   */
  public Optional<String> keyName() {
    return Optional.ofNullable(keyName);
  }

  /**
   * The user to log in to instances as over SSH.
   *
   * @return the user name, such as {@code ubuntu} or {@code ec2-user}, or empty when none was given
   */
  public Optional<String> sshUser() {
    return Optional.ofNullable(sshUser);
  }

  /**
   * The private key file to log in to instances with over SSH.
   *
   * @return its path, or empty when none was given
   */
  public Optional<Path> sshIdentityFile() {
    return Optional.ofNullable(sshIdentityFile);
  }

  /**
   * The port instances answer SSH on: 22 unless set (the emulator announces its own).
   *
   * @return the port, 1 to 65535
   */
  public int sshPort() {
    return sshPort;
  }

  /**
   * The region calls go to, with its endpoint.
   *
   * @return the region
   */
  public Region region() {
    return region;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Identity[");
    if (fixed != null) {
      sb.append(fixed.accessKeyId()).append(' ').append(region.name());
      if (fixed.sessionToken() != null) {
        sb.append(" temporary");
      }
    } else {
      sb.append("renewed credentials ").append(region.name());
    }
    if (accountId != null) {
      sb.append(" account=").append(accountId);
    }
    if (keyName != null) {
      sb.append(" keypair=").append(keyName);
    }
    if (sshUser != null) {
      sb.append(" ssh-user=").append(sshUser);
    }
    if (sshIdentityFile != null) {
      sb.append(" ssh-identity-file=").append(sshIdentityFile);
    }
    if (sshPort != 22) {
      sb.append(" ssh-port=").append(sshPort);
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i
        && (fixed != null ? fixed.equals(i.fixed) : provider == i.provider)
        && Objects.equals(accountId, i.accountId)
        && Objects.equals(keyName, i.keyName)
        && Objects.equals(sshUser, i.sshUser)
        && Objects.equals(sshIdentityFile, i.sshIdentityFile)
        && sshPort == i.sshPort
        && region.equals(i.region);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fixed != null ? fixed.accessKeyId() : provider, region, keyName, sshUser);
  }

  /** Builds an {@link Identity}; {@link #build()} checks that the required parts are there. */
  public static final class Builder {
    private CredentialsProvider provider;
    private String accessKey;
    private String secretAccessKey;
    private String sessionToken;
    private String accountId;
    private String keyName;
    private String sshUser;
    private Path sshIdentityFile;
    private int sshPort = 22;
    private Region region;

    private Builder() {}

    /**
     * The access key id of fixed credentials; replaces a provider given before.
     *
     * @param value the access key id, such as {@code AKIA...}
     * @return this builder
     */
    public Builder accessKey(String value) {
      this.accessKey = value;
      this.provider = null;
      return this;
    }

    /**
     * Credentials from a provider, asked before each request (instead of fixed keys): the default
     * chain, an assumed role, SSO, instance metadata, or your own. Replaces keys given before.
     *
     * @param value the provider
     * @return this builder
     * @throws NullPointerException when {@code value} is null
     */
    public Builder credentials(CredentialsProvider value) {
      this.provider = Objects.requireNonNull(value, "credentials");
      this.accessKey = null;
      this.secretAccessKey = null;
      this.sessionToken = null;
      return this;
    }

    /**
     * The secret access key that goes with {@link #accessKey}.
     *
     * @param value the secret
     * @return this builder
     */
    public Builder secretAccessKey(String value) {
      this.secretAccessKey = value;
      return this;
    }

    /**
     * The session token of temporary credentials.
     *
     * @param value the token, or {@code null} (or empty) for long-term keys
     * @return this builder
     */
    public Builder sessionToken(String value) {
      this.sessionToken = value;
      return this;
    }

    /**
     * The 12-digit AWS account (the manual's "account number"); not checked.
     *
     * @param value the account id, or {@code null}
     * @return this builder
     */
    public Builder accountId(String value) {
      this.accountId = value;
      return this;
    }

    /**
     * The key pair instances are launched with (the manual's "keypair name").
     *
     * @param value the key pair's name, or {@code null}
     * @return this builder
     */
    public Builder keyName(String value) {
      this.keyName = value;
      return this;
    }

    /**
     * The user to log in to instances as over SSH.
     *
     * @param value the user name, or {@code null}
     * @return this builder
     */
    public Builder sshUser(String value) {
      this.sshUser = value;
      return this;
    }

    /**
     * The private key file to log in to instances with over SSH; not read here.
     *
     * @param value the key file, or {@code null}
     * @return this builder
     */
    public Builder sshIdentityFile(Path value) {
      this.sshIdentityFile = value;
      return this;
    }

    /**
     * The SSH port of instances (22 unless they answer elsewhere, as the emulator may).
     *
     * @param value the port
     * @return this builder
     * @throws IllegalArgumentException when {@code value} is not 1 to 65535
     */
    public Builder sshPort(int value) {
      if (value < 1 || value > 65535) {
        throw new IllegalArgumentException("sshPort must be 1 to 65535, got " + value);
      }
      this.sshPort = value;
      return this;
    }

    /**
     * The region calls go to, with its endpoint; required.
     *
     * @param value the region, such as {@code Region.of("us-east-1")}
     * @return this builder
     */
    public Builder region(Region value) {
      this.region = value;
      return this;
    }

    /**
     * Builds the identity; an empty session token counts as none.
     *
     * @return the identity
     * @throws IllegalArgumentException when the region is missing, or when there is no provider and
     *     the access key or the secret access key is missing; the message names it
     */
    public Identity build() {
      if (provider != null) {
        if (region == null) {
          throw new IllegalArgumentException(
              "region is required: give one, such as Region.of(\"us-east-1\")");
        }
        return new Identity(this);
      }
      if (accessKey == null || accessKey.isBlank()) {
        throw new IllegalArgumentException("accessKey is required: give the AWS access key id");
      }
      if (secretAccessKey == null || secretAccessKey.isEmpty()) {
        throw new IllegalArgumentException(
            "secretAccessKey is required: give the secret that goes with access key " + accessKey);
      }
      if (sessionToken != null && sessionToken.isEmpty()) {
        sessionToken = null;
      }
      if (region == null) {
        throw new IllegalArgumentException(
            "region is required: give one, such as Region.of(\"us-east-1\")");
      }
      return new Identity(this);
    }
  }
}
