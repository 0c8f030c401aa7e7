package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.Sleeper;
import dev.ec2kit.Transport;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * STS: AssumeRole with a profile's source credentials, and AssumeRoleWithWebIdentity with a token
 * file; through the client's transport and retry rules, answers no larger than {@link
 * Sources#ANSWER_LIMIT}.
 */
final class StsSource {
  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;

  StsSource(Transport transport, Clock clock, Sleeper sleeper) {
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  private QueryClient sts() {
    Transport limited = r -> transport.send(r.withMaxBodyBytes(Sources.ANSWER_LIMIT));
    return new QueryClient(
        limited,
        clock,
        sleeper,
        RetryPolicy.standard(),
        new java.util.SplittableRandom(),
        Duration.ofSeconds(30),
        "sts",
        "2011-06-15");
  }

  /** AssumeRole with the source credentials: a role's temporary keys. */
  Credentials assumeRole(
      Sources.StsEndpoint where,
      java.util.function.Supplier<Credentials> sourceCredentials,
      String roleArn,
      String sessionName,
      String externalId,
      Integer durationSeconds,
      String mfaSerial,
      String mfaCode,
      String profile) {
    Params p =
        new Params()
            .put("RoleArn", roleArn)
            .put("RoleSessionName", sessionName)
            .put("ExternalId", externalId)
            .put("DurationSeconds", durationSeconds == null ? null : durationSeconds.toString())
            .put("SerialNumber", mfaSerial)
            .put("TokenCode", mfaCode);
    XmlNode doc =
        sts().call(where.uri(), where.region(), sourceCredentials, "AssumeRole", p, Repeat.SAFE);
    return stsCredentials(
        doc, "AssumeRoleResult", "assume-role " + roleArn + " (profile " + profile + ")");
  }

  /** AssumeRoleWithWebIdentity: unsigned, the token file's contents as proof. */
  Credentials assumeRoleWithWebIdentity(
      Sources.StsEndpoint where,
      String roleArn,
      String sessionName,
      Path tokenFile,
      String origin) {
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "web identity token file "
              + tokenFile
              + " ("
              + origin
              + ") cannot be read: "
              + e.getMessage());
    }
    Params p =
        new Params()
            .put("RoleArn", roleArn)
            .put("RoleSessionName", sessionName)
            .put("WebIdentityToken", token);
    XmlNode doc =
        sts().call(where.uri(), where.region(), null, "AssumeRoleWithWebIdentity", p, Repeat.SAFE);
    return stsCredentials(
        doc, "AssumeRoleWithWebIdentityResult", "web identity " + roleArn + " (" + origin + ")");
  }

  private static Credentials stsCredentials(XmlNode doc, String result, String source) {
    XmlNode c =
        doc.path(result, "Credentials")
            .orElseThrow(() -> doc.malformed("has no " + result + "/Credentials"));
    return new Credentials(
        c.required("AccessKeyId"),
        c.required("SecretAccessKey"),
        c.text("SessionToken"),
        c.instant("Expiration"),
        source);
  }
}
