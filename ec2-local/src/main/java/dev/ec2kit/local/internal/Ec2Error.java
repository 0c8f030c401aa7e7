package dev.ec2kit.local.internal;

/** An error the emulator answers in EC2's XML error format, with EC2's code and HTTP status. */
public class Ec2Error extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  public Ec2Error(String code, String message, int status) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public static Ec2Error badRequest(String code, String message) {
    return new Ec2Error(code, message, 400);
  }

  public static Ec2Error authFailure(String message) {
    return new Ec2Error("AuthFailure", message, 401);
  }

  public static Ec2Error missingParameter(String name) {
    return badRequest("MissingParameter", "The request must contain the parameter " + name + ".");
  }

  public static Ec2Error invalidParameterValue(String message) {
    return badRequest("InvalidParameterValue", message);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
