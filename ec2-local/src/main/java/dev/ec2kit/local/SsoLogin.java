package dev.ec2kit.local;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in to IAM Identity Center that the emulator made ({@link Ec2Local#ssoLogin}): what {@code
 * aws sso login} caches in {@code ~/.aws/sso/cache/SHA1-OF-SESSION-NAME.json}. Its tokens and
 * client secret are secrets: {@link #toString} shows none of them.
 *
 * <pre>{@code
 * SsoLogin login = local.ssoLogin("123456789012");
 * Files.writeString(cacheDir.resolve(sha1("my-sso") + ".json"), login.cacheJson("us-east-1", url));
 * }</pre>
 *
 * @param accessToken the bearer token the portal accepts (an hour)
 * @param expiresAt when the access token expires
 * @param refreshToken renews the access token through SSO OIDC CreateToken
 * @param clientId the client registration the refresh token belongs to
 * @param clientSecret that registration's secret
 * @param registrationExpiresAt when the registration (and the refresh token) expire
 */
public record SsoLogin(
    String accessToken,
    Instant expiresAt,
    String refreshToken,
    String clientId,
    String clientSecret,
    Instant registrationExpiresAt) {
  /**
   * Checks that every part is given.
   *
   * @param accessToken the bearer token
   * @param expiresAt when it expires
   * @param refreshToken the refresh token
   * @param clientId the client registration's id
   * @param clientSecret the registration's secret
   * @param registrationExpiresAt when the registration expires
   * @throws NullPointerException when a part is null
   */
  public SsoLogin {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(registrationExpiresAt, "registrationExpiresAt");
  }

  /**
   * The token cache file's JSON as the AWS CLI writes it for an {@code sso-session} (the tokens are
   * base64url text and the other values plain, so nothing needs escaping).
   *
   * @param region the IAM Identity Center region ({@code sso_region})
   * @param startUrl the portal's start URL ({@code sso_start_url})
   * @return the file's content
   */
  public String cacheJson(String region, String startUrl) {
    return "{\"startUrl\": \""
        + startUrl.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\", \"region\": \""
        + region
        + "\", \"accessToken\": \""
        + accessToken
        + "\", \"expiresAt\": \""
        + expiresAt
        + "\", \"clientId\": \""
        + clientId
        + "\", \"clientSecret\": \""
        + clientSecret
        + "\", \"registrationExpiresAt\": \""
        + registrationExpiresAt
        + "\", \"refreshToken\": \""
        + refreshToken
        + "\"}";
  }

  @Override
  public String toString() {
    return "SsoLogin[client " + clientId + ", expires " + expiresAt + "]";
  }
}
