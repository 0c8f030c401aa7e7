package dev.ec2kit;

/**
 * An error answered by EC2 (or an EC2-compatible endpoint): the code, the message, the request id
 * and the HTTP status, exactly as the service sent them.
 *
 * <pre>{@code
 * try {
 *   ec2.describeRegions("mars-north-1");
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

  public static final String AUTH_FAILURE = "AuthFailure";
  public static final String REQUEST_EXPIRED = "RequestExpired";
  public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";
  public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";
  public static final String INVALID_ACTION = "InvalidAction";
  public static final String MISSING_PARAMETER = "MissingParameter";
  public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";
  public static final String REQUEST_LIMIT_EXCEEDED = "RequestLimitExceeded";
  public static final String THROTTLED = "EC2ThrottledException";
  public static final String UNAVAILABLE = "Unavailable";
  public static final String INTERNAL_ERROR = "InternalError";

  private final String code;
  private final String errorMessage;
  private final String requestId;
  private final int statusCode;

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

  /** The EC2 error code, such as {@code InvalidInstanceID.NotFound}. */
  public String code() {
    return code;
  }

  /** The service's message, without the code or request id. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The request id the service gave, or an empty string. */
  public String requestId() {
    return requestId;
  }

  /** The HTTP status of the response. */
  public int statusCode() {
    return statusCode;
  }

  /** Throttling: the request was refused before it ran, so sending it again is always safe. */
  public boolean isThrottling() {
    return code.equals(REQUEST_LIMIT_EXCEEDED)
        || code.equals(THROTTLED)
        || code.equals("Throttling")
        || code.equals("ThrottlingException")
        || (statusCode == 503 && code.equals(UNAVAILABLE));
  }

  /** A fault on the service side that may pass; the request may or may not have run. */
  public boolean isServerFault() {
    return statusCode >= 500 || code.equals(INTERNAL_ERROR);
  }
}
