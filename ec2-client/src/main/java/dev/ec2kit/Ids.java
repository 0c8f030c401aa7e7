package dev.ec2kit;

import java.util.Collection;
import java.util.List;

/** Checks of EC2 resource ids before anything is sent. */
final class Ids {
  private Ids() {}

  /** {@code prefix} then 8 or 17 lower-case hex digits, as EC2 makes them. */
  static String check(String parameter, String id, String prefix) {
    if (id == null
        || !id.startsWith(prefix)
        || !id.substring(prefix.length()).matches("[0-9a-f]{8}|[0-9a-f]{17}")) {
      throw new IllegalArgumentException(
          parameter
              + " '"
              + id
              + "' is not an id of the form "
              + prefix
              + "0123456789abcdef0 ("
              + prefix
              + " and 8 or 17 hex digits)");
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

  static String checkDevice(String device) {
    if (device == null || !device.matches("/dev/[a-z0-9]+")) {
      throw new IllegalArgumentException(
          "device '" + device + "' is not a device name such as /dev/sdh");
    }
    return device;
  }

  static List<String> checkIds(String... ids) {
    if (ids.length == 0) {
      throw new IllegalArgumentException(
          "instanceIds must not be empty: name at least one, such as i-0123456789abcdef0");
    }
    for (String id : ids) {
      check("instanceId", id, "i-");
    }
    return List.of(ids);
  }

  static List<String> checkNames(String parameter, Collection<String> names) {
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException(
            parameter + " holds an empty name: give names such as us-east-1");
      }
    }
    return List.copyOf(names);
  }
}
