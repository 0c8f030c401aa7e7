package dev.ec2kit.local.internal;

/** An IPv4 address, read strictly: four decimal octets of 0 to 255, nothing else. */
record Ipv4(int a, int b, int c, int d) {
  /** The address {@code text} writes, or null when it is not one. */
  static Ipv4 parse(String text) {
    String[] o = text.split("\\.", -1);
    if (o.length != 4) {
      return null;
    }
    int[] v = new int[4];
    for (int k = 0; k < 4; k++) {
      if (!o[k].matches("\\d{1,3}")) {
        return null;
      }
      v[k] = Integer.parseInt(o[k]);
      if (v[k] > 255) {
        return null;
      }
    }
    return new Ipv4(v[0], v[1], v[2], v[3]);
  }

  /** Whether {@code text} is an IPv4 CIDR block: an address, {@code /}, 0 to 32. */
  static boolean cidr(String text) {
    int slash = text.indexOf('/');
    return slash > 0
        && parse(text.substring(0, slash)) != null
        && text.substring(slash + 1).matches("\\d{1,2}")
        && Integer.parseInt(text.substring(slash + 1)) <= 32;
  }

  /** Whether {@code text} is an IPv6 CIDR block: a literal IPv6 address, {@code /}, 0 to 128. */
  static boolean cidr6(String text) {
    int slash = text.indexOf('/');
    if (slash < 0
        || !text.substring(0, slash).contains(":")
        || !text.substring(0, slash).matches("[0-9A-Fa-f:.]+")
        || !text.substring(slash + 1).matches("\\d{1,3}")
        || Integer.parseInt(text.substring(slash + 1)) > 128) {
      return false;
    }
    try { // a literal (hex digits, colons, dots only), so no name is ever looked up
      return java.net.InetAddress.getByName(text.substring(0, slash))
          instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return a + "." + b + "." + c + "." + d;
  }
}
