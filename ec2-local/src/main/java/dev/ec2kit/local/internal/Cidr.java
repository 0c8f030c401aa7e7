package dev.ec2kit.local.internal;

/**
 * An IPv4 CIDR block as VPCs and subnets hold it: its first address (an unsigned 32-bit number) and
 * prefix length, host bits cleared as EC2 keeps it ({@code 10.0.0.7/16} is {@code 10.0.0.0/16}).
 */
record Cidr(long base, int prefix) implements java.io.Serializable {
  Cidr {
    if (prefix < 0 || prefix > 32 || (base & ~mask(prefix) & 0xffffffffL) != 0) {
      throw new IllegalArgumentException("not a CIDR block: " + base + "/" + prefix);
    }
  }

  /** The block {@code text} writes, host bits cleared, or null when it is not one. */
  static Cidr parse(String text) {
    if (text == null || !Ipv4.cidr(text)) {
      return null;
    }
    int slash = text.indexOf('/');
    int prefix = Integer.parseInt(text.substring(slash + 1));
    return new Cidr(number(Ipv4.parse(text.substring(0, slash))) & mask(prefix), prefix);
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
  }

  static long number(Ipv4 ip) {
    return ((long) ip.a() << 24) | (ip.b() << 16) | (ip.c() << 8) | ip.d();
  }

  /** How many addresses the block holds. */
  long size() {
    return 1L << (32 - prefix);
  }

  boolean contains(Ipv4 ip) {
    long n = number(ip);
    return n >= base && n < base + size();
  }

  /** Whether {@code other} lies wholly inside this block. */
  boolean contains(Cidr other) {
    return other.base >= base && other.base + other.size() <= base + size();
  }

  boolean overlaps(Cidr other) {
    return base < other.base + other.size() && other.base < base + size();
  }

  /** The address {@code offset} places into the block. */
  Ipv4 address(long offset) {
    long n = base + offset;
    return new Ipv4(
        (int) (n >>> 24) & 0xff, (int) (n >>> 16) & 0xff, (int) (n >>> 8) & 0xff, (int) n & 0xff);
  }

  /** How far into the block {@code ip} lies (the block must contain it). */
  long offset(Ipv4 ip) {
    return number(ip) - base;
  }

  @Override
  public String toString() {
    return address(0) + "/" + prefix;
  }
}
