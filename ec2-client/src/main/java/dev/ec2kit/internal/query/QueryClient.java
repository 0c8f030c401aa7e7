package dev.ec2kit.internal.query;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Sleeper;
import dev.ec2kit.Transport;
import dev.ec2kit.UnknownOutcomeException;
import dev.ec2kit.internal.signing.FormCodec;
import dev.ec2kit.internal.signing.RequestSigner;
import dev.ec2kit.internal.xml.XmlNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.xml.stream.XMLStreamException;

/**
 * Sends EC2 Query API calls: form-encoded, SigV4-signed POSTs, retried as the {@link RetryPolicy}
 * says within one deadline per call. A call that is not safe to repeat ({@link Repeat#ONCE}) is
 * sent again only when it certainly did not run.
 */
public final class QueryClient {
  public static final String API_VERSION = "2016-11-15";

  /** How long one call may take, all its attempts and waits together, unless set otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy retry;
  private final RandomGenerator random;
  private final Duration deadline;
  private final RetryQuota quota = new RetryQuota();
  private final RateLimiter limiter;
  private final RequestSigner signer;
  private final String version;

  public QueryClient(
      Transport transport,
      Clock clock,
      Sleeper sleeper,
      RetryPolicy retry,
      RandomGenerator random) {
    this(transport, clock, sleeper, retry, random, DEFAULT_DEADLINE);
  }

  public QueryClient(
      Transport transport,
      Clock clock,
      Sleeper sleeper,
      RetryPolicy retry,
      RandomGenerator random,
      Duration deadline) {
    this(transport, clock, sleeper, retry, random, deadline, "ec2", API_VERSION);
  }

  /** A Query API client for another service ({@code sts} with version {@code 2011-06-15}, say). */
  public QueryClient(
      Transport transport,
      Clock clock,
      Sleeper sleeper,
      RetryPolicy retry,
      RandomGenerator random,
      Duration deadline,
      String service,
      String version) {
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
    this.retry = retry;
    this.random = random;
    this.deadline = deadline;
    this.limiter = new RateLimiter(clock, sleeper);
    this.signer = new RequestSigner(service);
    this.version = version;
  }

  /**
   * Calls {@code action} as {@code identity}, in the identity's region and at its endpoint, and
   * returns the response document.
   *
   * @throws Ec2Exception the service's error (after retries, where they apply)
   * @throws UnknownOutcomeException a {@link Repeat#ONCE} call whose answer was lost
   * @throws UncheckedIOException the endpoint could not be reached, or did not answer within the
   *     call's deadline; the message names it, the attempts and the time taken
   */
  public XmlNode call(Identity identity, String action, Params params, Repeat repeat) {
    return call(
        identity.region().uri(),
        identity.region().name(),
        identity::credentials,
        action,
        params,
        repeat);
  }

  /**
   * Calls {@code action} at {@code uri} in {@code region}, signed with the credentials {@code
   * credentials} gives at each attempt, or unsigned when it is null (STS's
   * AssumeRoleWithWebIdentity is).
   */
  public XmlNode call(
      URI uri,
      String region,
      java.util.function.Supplier<dev.ec2kit.Credentials> credentials,
      String action,
      Params params,
      Repeat repeat) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", action);
    form.put("Version", version);
    form.putAll(params.asMap());
    byte[] body = FormCodec.encode(form).getBytes(StandardCharsets.UTF_8);
    Instant start = clock.instant();
    int retryCost = 0;
    for (int attempt = 1; ; attempt++) {
      Duration left = deadline.minus(Duration.between(start, clock.instant()));
      if (left.isNegative() || left.isZero()) {
        throw deadlineExceeded(action, uri, attempt - 1, null);
      }
      pace();
      boolean throttled = false;
      boolean timedOut = false;
      RuntimeException failure;
      try {
        XmlNode answer = send(region, credentials, action, uri, body, left);
        limiter.update(false);
        quota.refund(retryCost == 0 ? RetryQuota.NO_RETRY_REFUND : retryCost);
        return answer;
      } catch (Ec2Exception e) {
        throttled = e.isThrottling();
        limiter.update(throttled);
        if (!throttled && !(repeat == Repeat.SAFE && e.isServerFault())) {
          throw e;
        }
        failure = e;
      } catch (Transport.NotSentException e) {
        failure = new UncheckedIOException(action + ": " + e.getMessage(), e);
      } catch (SocketTimeoutException e) {
        if (repeat == Repeat.ONCE) {
          throw new UnknownOutcomeException(action, uri, check(action), e);
        }
        timedOut = true;
        failure = new UncheckedIOException(action + ": " + e.getMessage(), e);
      } catch (InterruptedIOException e) {
        throw new UncheckedIOException(action + ": interrupted calling " + uri, e);
      } catch (dev.ec2kit.internal.http.JdkHttpTransport.TooLargeException e) {
        if (repeat == Repeat.ONCE) {
          throw new UnknownOutcomeException(action, uri, check(action), e);
        }
        // the same question brings the same answer: not retried
        throw new UncheckedIOException(action + ": " + e.getMessage(), e);
      } catch (IOException e) {
        if (repeat == Repeat.ONCE) {
          throw new UnknownOutcomeException(action, uri, check(action), e);
        }
        failure = new UncheckedIOException(action + ": " + e.getMessage(), e);
      }
      if (attempt >= retry.maxAttempts()) {
        throw gaveUp(
            failure, action, uri, attempt, start, "its " + retry.maxAttempts() + " attempts");
      }
      int cost = timedOut ? RetryQuota.TIMEOUT_COST : RetryQuota.RETRY_COST;
      if (retry.mode() != RetryPolicy.Mode.LEGACY && !quota.take(cost)) {
        throw gaveUp(
            failure,
            action,
            uri,
            attempt,
            start,
            "the client's retry quota (too many recent failures)");
      }
      retryCost += retry.mode() == RetryPolicy.Mode.LEGACY ? 0 : cost;
      Duration wait = jitter(retry.ceiling(attempt, throttled));
      if (Duration.between(start, clock.instant()).plus(wait).compareTo(deadline) >= 0) {
        throw deadlineExceeded(action, uri, attempt, failure);
      }
      sleep(wait);
    }
  }

  /** The Describe call that tells whether an unsure create or change happened. */
  static String check(String action) {
    return switch (action) {
      case "AllocateAddress", "ReleaseAddress", "AssociateAddress", "DisassociateAddress" ->
          "DescribeAddresses";
      case "CreateSecurityGroup",
          "DeleteSecurityGroup",
          "AuthorizeSecurityGroupIngress",
          "AuthorizeSecurityGroupEgress",
          "RevokeSecurityGroupIngress",
          "RevokeSecurityGroupEgress" ->
          "DescribeSecurityGroups";
      case "CreateKeyPair", "ImportKeyPair", "DeleteKeyPair" -> "DescribeKeyPairs";
      case "CreateSnapshot", "DeleteSnapshot" -> "DescribeSnapshots";
      case "RegisterImage", "DeregisterImage", "CopyImage" -> "DescribeImages";
      case "CreateVolume", "DeleteVolume", "AttachVolume", "DetachVolume" -> "DescribeVolumes";
      default -> action.startsWith("Describe") ? action : "the matching Describe call";
    };
  }

  private RuntimeException gaveUp(
      RuntimeException last, String action, URI uri, int attempts, Instant start, String limit) {
    if (last instanceof Ec2Exception) {
      return last; // the service's own answer, as it gave it
    }
    IOException cause =
        last.getCause() instanceof IOException io ? io : new IOException(last.getMessage(), last);
    return new UncheckedIOException(
        action
            + ": gave up on "
            + uri
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " in "
            + seconds(Duration.between(start, clock.instant()))
            + " ("
            + limit
            + "): "
            + cause.getMessage(),
        cause);
  }

  private UncheckedIOException deadlineExceeded(
      String action, URI uri, int attempts, RuntimeException last) {
    String why =
        last == null
            ? ""
            : ": " + (last.getCause() != null ? last.getCause().getMessage() : last.getMessage());
    SocketTimeoutException cause =
        new SocketTimeoutException(
            action
                + ": no answer from "
                + uri
                + " within the call's deadline of "
                + seconds(deadline)
                + " ("
                + attempts
                + (attempts == 1 ? " attempt" : " attempts")
                + ")"
                + why);
    if (last != null) {
      cause.initCause(last);
    }
    return new UncheckedIOException(cause.getMessage(), cause);
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private Duration jitter(Duration ceiling) {
    long c = ceiling.toMillis();
    return Duration.ofMillis(c <= 0 ? 0 : random.nextLong(c + 1));
  }

  private void pace() {
    if (retry.mode() != RetryPolicy.Mode.ADAPTIVE) {
      return;
    }
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while pacing calls"));
    }
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while backing off"));
    }
  }

  private XmlNode send(
      String region,
      java.util.function.Supplier<dev.ec2kit.Credentials> source,
      String action,
      URI uri,
      byte[] body,
      Duration timeout)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    dev.ec2kit.Credentials credentials = source == null ? null : source.get();
    if (credentials != null) {
      headers.putAll(
          signer.sign(
              "POST",
              uri,
              Map.of("content-type", CONTENT_TYPE),
              body,
              credentials.accessKeyId(),
              credentials.secretAccessKey(),
              credentials.sessionToken(),
              region,
              clock.instant()));
    }
    Transport.Response response =
        transport.send(new Transport.Request("POST", uri, headers, body, timeout));
    if (response.status() >= 300) {
      throw ErrorParser.parse(response);
    }
    try {
      return XmlNode.parse(response.body(), action + " at " + uri);
    } catch (XMLStreamException e) {
      throw new XmlNode.MalformedAnswerException(
          uri
              + " answered "
              + action
              + " with HTTP "
              + response.status()
              + " and a body that is not XML: "
              + e.getMessage());
    }
  }
}
