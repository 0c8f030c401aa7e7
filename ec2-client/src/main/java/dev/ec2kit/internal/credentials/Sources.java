package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.Sleeper;
import dev.ec2kit.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credential sources of the AWS SDKs' default chain, each a small loader: credential_process,
 * STS AssumeRole and AssumeRoleWithWebIdentity, IAM Identity Center (SSO), container credentials
 * and instance metadata (IMDSv2), each in a file of its own; here what they share and their entry
 * points. Their HTTP calls go through the client's transport and retry rules.
 */
final class Sources {
  /**
   * The longest answer a credentials endpoint (instance metadata, container agent, SSO portal and
   * OIDC, STS) may give: theirs are a few kilobytes, and a larger one is not read into memory.
   */
  static final long ANSWER_LIMIT = 1 << 20;

  private final Map<String, String> env;
  private final Transport transport;
  private final StsSource sts;
  private final SsoSource sso;
  private final ContainerSource container;
  private final InstanceMetadata metadata;

  Sources(Map<String, String> env, Path home, Transport transport, Clock clock, Sleeper sleeper) {
    this.env = env;
    this.transport = transport;
    this.sts = new StsSource(transport, clock, sleeper);
    this.sso = new SsoSource(this, home, clock);
    this.container = new ContainerSource(this);
    this.metadata = new InstanceMetadata(this);
  }

  String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Runs a profile's credential_process and reads its JSON (Version 1); stderr goes to ours. */
  Credentials process(String profile, String command) {
    return ProcessSource.process(profile, command);
  }

  /** As {@link #process(String, String)}, within these limits (see {@link ProcessSource}). */
  Credentials process(String profile, String command, Duration timeLimit, int outputLimit) {
    return ProcessSource.process(profile, command, timeLimit, outputLimit);
  }

  /** STS: AssumeRole and AssumeRoleWithWebIdentity. */
  StsSource sts() {
    return sts;
  }

  /** Where STS is: the region's endpoint, or one configured for it. */
  record StsEndpoint(URI uri, String region) {}

  /** IAM Identity Center: an SSO profile's role credentials. */
  SsoSource sso() {
    return sso;
  }

  /** The SSO token cache's name for a start URL or session: its SHA-1, in hex. */
  static String sha1(String s) {
    return SsoSource.sha1(s);
  }

  /** Container credentials: the full or relative URI, with the authorization token or its file. */
  Credentials container() {
    return container.credentials();
  }

  /** AWS_CONTAINER_CREDENTIALS_FULL_URI, checked (see {@link ContainerSource#containerUri}). */
  static URI containerUri(String full) {
    return ContainerSource.containerUri(full);
  }

  /**
   * The instance role's credentials, IMDSv2; {@code profile} is the profile's config-file settings
   * (its metadata_service_timeout and metadata_service_num_attempts).
   */
  /**
   * Checks the instance-metadata settings (timeout, attempts) of the environment and {@code
   * profile}: an IllegalArgumentException naming a bad one, before any request.
   */
  void checkMetadataSettings(Map<String, String> profile) {
    InstanceMetadata.Settings.of(this, profile);
  }

  Credentials instanceRole(Map<String, String> profile) {
    return metadata.instanceRole(profile);
  }

  /** The region of the instance this runs on, from its identity document. */
  String instanceRegion(Map<String, String> profile) {
    return metadata.instanceRegion(profile);
  }

  /**
   * The credentials in a JSON document of a source (credential_process, SSO, container, instance
   * metadata), by that source's names for the keys, token and expiration.
   */
  static Credentials credentials(
      Map<String, Object> doc,
      String id,
      String secret,
      String token,
      String expiration,
      String source) {
    Object key = doc.get(id);
    Object sec = doc.get(secret);
    if (!(key instanceof String k) || k.isEmpty() || !(sec instanceof String s) || s.isEmpty()) {
      throw new IllegalStateException(source + " gave no " + id + " and " + secret);
    }
    Object t = doc.get(token);
    Object e = doc.get(expiration);
    Instant until = null;
    if (e instanceof String text && !text.isEmpty()) {
      try {
        until = Instant.parse(text);
      } catch (java.time.format.DateTimeParseException bad) {
        throw new IllegalStateException(
            source + " gave " + expiration + " '" + text + "', not an ISO 8601 time");
      }
    } else if (e instanceof Long ms) {
      until = Instant.ofEpochMilli(ms);
    }
    return new Credentials(
        k, s, t instanceof String tok && !tok.isEmpty() ? tok : null, until, source);
  }

  // ---- HTTP documents: container, IMDS, SSO ----

  /**
   * A JSON object over HTTP, within {@link #ANSWER_LIMIT}; what cannot be had, an error naming it.
   */
  Map<String, Object> json(Transport.Request request, String what) {
    String body = text(request, what);
    try {
      return Json.object(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          what + " at " + request.uri() + " answered no JSON object: " + e.getMessage());
    }
  }

  /** A text that could not be had: its HTTP status, or {@link #UNREACHED} when none came. */
  static final class Failed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    final int status;

    Failed(String message, int status) {
      super(message);
      this.status = status;
    }
  }

  /** {@link Failed#status} when no answer came (unreachable, cut off, not connected in time). */
  static final int UNREACHED = -1;

  /** {@link Failed#status} when connected, but the answer did not come in time. */
  static final int TIMED_OUT = -2;

  /** Whether the request was sent and its answer then timed out (not a connection's time-out). */
  private static boolean readTimeout(IOException e) {
    return !(e instanceof Transport.NotSentException)
        && (e instanceof java.net.SocketTimeoutException
            || (e instanceof java.net.http.HttpTimeoutException
                && !(e instanceof java.net.http.HttpConnectTimeoutException)));
  }

  /**
   * A text over HTTP, within {@link #ANSWER_LIMIT}; what cannot be had, a {@link Failed} naming it.
   */
  String text(Transport.Request request, String what) {
    Transport.Response r;
    try {
      r = transport.send(request.withMaxBodyBytes(ANSWER_LIMIT));
    } catch (IOException e) {
      throw new Failed(
          what + " at " + request.uri() + " cannot be reached: " + e.getMessage(),
          readTimeout(e) ? TIMED_OUT : UNREACHED);
    }
    if (r.status() != 200) {
      throw new Failed(what + " at " + request.uri() + " answered HTTP " + r.status(), r.status());
    }
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static Map<String, String> copy(Map<String, String> m) {
    return new LinkedHashMap<>(m);
  }
}
