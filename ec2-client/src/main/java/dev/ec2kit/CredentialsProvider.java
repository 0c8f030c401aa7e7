package dev.ec2kit;

/**
 * Where credentials come from: one method, called before each request is signed, so temporary
 * credentials can be refreshed before they expire. The default chain ({@link
 * Identity#fromEnvironment()}) finds them where the AWS CLI and SDKs do.
 *
 * <pre>{@code
 * CredentialsProvider mine = () -> Credentials.of(System.getenv("MY_KEY"), System.getenv("MY_SECRET"));
 * Identity id = Identity.builder().credentials(mine).region(Region.of("eu-west-1")).build();
 * }</pre>
 */
@FunctionalInterface
public interface CredentialsProvider {
  /**
   * Current credentials.
   *
   * @return the credentials to sign the next request with
   * @throws IllegalStateException when they cannot be had, saying why and what to do
   */
  Credentials resolve();
}
