package dev.ec2kit.internal.query;

import dev.ec2kit.Ec2Exception;
import dev.ec2kit.Identity;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Sleeper;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.signing.FormCodec;
import dev.ec2kit.internal.signing.RequestSigner;
import dev.ec2kit.internal.xml.XmlNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.xml.stream.XMLStreamException;

/** Sends EC2 Query API calls: form-encoded, SigV4-signed POSTs, with retries. */
public final class QueryClient {
  public static final String API_VERSION = "2016-11-15";
  private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
  private static final RequestSigner SIGNER = new RequestSigner("ec2");

  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy retry;
  private final RandomGenerator random;

  public QueryClient(
      Transport transport, Clock clock, Sleeper sleeper, RetryPolicy retry, RandomGenerator random) {
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
    this.retry = retry;
    this.random = random;
  }

  /**
   * Calls {@code action} as {@code identity}, in the identity's region and at its endpoint, and
   * returns the response document. {@code safeToRepeat} says whether a call that may have run can
   * be sent again (describe calls, calls carrying a client token).
   */
  public XmlNode call(Identity identity, String action, Params params, boolean safeToRepeat) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", action);
    form.put("Version", API_VERSION);
    form.putAll(params.asMap());
    byte[] body = FormCodec.encode(form).getBytes(StandardCharsets.UTF_8);
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= retry.maxAttempts();
      try {
        return send(identity, body);
      } catch (Ec2Exception e) {
        if (last || !(e.isThrottling() || (safeToRepeat && e.isServerFault()))) {
          throw e;
        }
      } catch (Transport.NotSentException e) {
        if (last) {
          throw new UncheckedIOException(e);
        }
      } catch (InterruptedIOException e) {
        throw new UncheckedIOException(e);
      } catch (IOException e) {
        if (last || !safeToRepeat) {
          throw new UncheckedIOException(e);
        }
      }
      backoff(attempt);
    }
  }

  private void backoff(int attempt) {
    long ceiling = retry.ceiling(attempt).toMillis();
    long wait = ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    try {
      sleeper.sleep(Duration.ofMillis(wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while backing off"));
    }
  }

  private XmlNode send(Identity identity, byte[] body) throws IOException {
    var uri = identity.region().uri();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.putAll(
        SIGNER.sign(
            "POST",
            uri,
            Map.of("content-type", CONTENT_TYPE),
            body,
            identity.accessKey(),
            identity.secretAccessKey(),
            identity.sessionToken().orElse(null),
            identity.region().name(),
            clock.instant()));
    Transport.Response response = transport.send(new Transport.Request("POST", uri, headers, body));
    if (response.status() >= 300) {
      throw ErrorParser.parse(response);
    }
    try {
      return XmlNode.parse(response.body());
    } catch (XMLStreamException e) {
      throw new IOException(
          uri + " answered HTTP " + response.status() + " with a body that is not XML: " + e.getMessage(), e);
    }
  }
}
