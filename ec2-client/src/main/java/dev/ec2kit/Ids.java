package dev.ec2kit;

/** Checks of EC2 resource ids before anything is sent. */
final class Ids {
  private Ids() {}

  /** {@code prefix} then 8 or 17 lower-case hex digits, as EC2 makes them. */
  static String check(String parameter, String id, String prefix) {
    if (id == null || !id.startsWith(prefix) || !id.substring(prefix.length()).matches("[0-9a-f]{8}|[0-9a-f]{17}")) {
      throw new IllegalArgumentException(parameter + " '" + id + "' is not an id of the form " + prefix
          + "0123456789abcdef0 (" + prefix + " and 8 or 17 hex digits)");
    }
    return id;
  }

  /** An image id: a machine (ami-), kernel (aki-) or ramdisk (ari-) image. */
  static String checkImage(String parameter, String id) {
    if (id != null && (id.startsWith("aki-") || id.startsWith("ari-"))) {
      return check(parameter, id, id.substring(0, 4));
    }
    return check(parameter, id, "ami-");
  }
}
