package dev.ec2kit;

/**
 * An error answered by EC2 (or an EC2-compatible endpoint): the code, the message, the request id
 * and the HTTP status, exactly as the service sent them.
 *
 * <pre>{@code
 * try {
 *   ec2.regions().describe("mars-north-1");
 * } catch (Ec2Exception e) {
 *   if (e.code().equals("InvalidParameterValue")) { ... }
 * }
 * }</pre>
 *
 * <p>Transport failures are not {@code Ec2Exception}s: they surface as {@link
 * java.io.UncheckedIOException} naming the endpoint.
 */
public final class Ec2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code AuthFailure}: the credentials or the signature were not accepted. */
  public static final String AUTH_FAILURE = "AuthFailure";

  /**
   * {@code RequestExpired}: the request's signing date is too far from the service's clock, or its
   * temporary credentials have expired.
   */
  public static final String REQUEST_EXPIRED = "RequestExpired";

  /** {@code IncompleteSignature}: the request's signature lacks a part. */
  public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";

  /** {@code MissingAuthenticationToken}: the request was not signed with a known access key. */
  public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";

  /** {@code InvalidAction}: the endpoint does not know the action (or not at this API version). */
  public static final String INVALID_ACTION = "InvalidAction";

  /** {@code MissingParameter}: a parameter the action requires was not given. */
  public static final String MISSING_PARAMETER = "MissingParameter";

  /** {@code InvalidParameterValue}: a parameter's value is malformed or out of range. */
  public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";

  /** {@code RequestLimitExceeded}: EC2's request rate limit; see {@link #isThrottling()}. */
  public static final String REQUEST_LIMIT_EXCEEDED = "RequestLimitExceeded";

  /** {@code EC2ThrottledException}: another throttling code; see {@link #isThrottling()}. */
  public static final String THROTTLED = "EC2ThrottledException";

  /** {@code Unavailable}: the service is overloaded for now (throttling when HTTP 503). */
  public static final String UNAVAILABLE = "Unavailable";

  /** {@code InternalError}: a failure inside the service; see {@link #isServerFault()}. */
  public static final String INTERNAL_ERROR = "InternalError";

  /** The EC2 error code. */
  private final String code;

  /** The service's message; empty for none. */
  private final String errorMessage;

  /** The service's request id; empty for none. */
  private final String requestId;

  /** The HTTP status. */
  private final int statusCode;

  /**
   * An error as the service answered it; the exception's message is {@code code: errorMessage
   * (requestId)}, leaving out the parts that are empty.
   *
   * @param code the EC2 error code, such as {@code InvalidInstanceID.NotFound}; required
   * @param errorMessage the service's message, or {@code null} for none
   * @param requestId the service's request id, or {@code null} for none
   * @param statusCode the HTTP status of the response
   * @throws NullPointerException when {@code code} is null
   */
  public Ec2Exception(String code, String errorMessage, String requestId, int statusCode) {
    super(format(code, errorMessage, requestId));
    this.code = code;
    this.errorMessage = errorMessage == null ? "" : errorMessage;
    this.requestId = requestId == null ? "" : requestId;
    this.statusCode = statusCode;
  }

  private static String format(String code, String message, String requestId) {
    StringBuilder sb = new StringBuilder(code);
    if (message != null && !message.isEmpty()) {
      sb.append(": ").append(message);
    }
    if (requestId != null && !requestId.isEmpty()) {
      sb.append(" (").append(requestId).append(')');
    }
    return sb.toString();
  }

  /**
   * The EC2 error code, which says what went wrong.
   *
   * @return the code, such as {@code InvalidInstanceID.NotFound}
   */
  public String code() {
    return code;
  }

  /**
   * The service's own message, for a person.
   *
   * @return the message without the code or request id; empty when the service gave none
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * The request id the service gave, to quote to AWS support.
   *
   * @return the request id, or an empty string when the service gave none
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The HTTP status of the response that carried the error.
   *
   * @return the status, such as 400 or 503
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Whether this is throttling: the request was refused before it ran, so sending it again is
   * always safe.
   *
   * @return {@code true} for {@code RequestLimitExceeded}, {@code EC2ThrottledException}, {@code
   *     Throttling}, {@code ThrottlingException}, and {@code Unavailable} with HTTP 503
   */
  public boolean isThrottling() {
    return code.equals(REQUEST_LIMIT_EXCEEDED)
        || code.equals(THROTTLED)
        || code.equals("Throttling")
        || code.equals("ThrottlingException")
        || (statusCode == 503 && code.equals(UNAVAILABLE));
  }

  /**
   * Whether this is a fault on the service side that may pass; the request may or may not have run.
   *
   * @return {@code true} for an HTTP status of 500 or more, or the code {@code InternalError}
   */
  public boolean isServerFault() {
    return statusCode >= 500 || code.equals(INTERNAL_ERROR);
  }
}
