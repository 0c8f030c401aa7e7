package dev.ec2kit;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An EC2 region: its name and the endpoint that serves it.
 *
 * <pre>{@code
 * Region east = Region.find("us-east");        // us-east-1, from the built-in list
 * Region local = Region.of("us-east-1").withUri(URI.create("http://127.0.0.1:4599/"));
 * }</pre>
 *
 * @param name the region's name, such as {@code us-east-1}
 * @param uri the endpoint calls for it go to, such as {@code https://ec2.us-east-1.amazonaws.com/}
 */
public record Region(String name, URI uri) {
  /** Today's commercial regions, in the order {@link #find} prefers them. */
  private static final List<String> NAMES =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "af-south-1",
          "ap-east-1",
          "ap-east-2",
          "ap-south-1",
          "ap-south-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-southeast-5",
          "ap-southeast-6",
          "ap-southeast-7",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ca-central-1",
          "ca-west-1",
          "eu-central-1",
          "eu-central-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-south-1",
          "eu-south-2",
          "eu-north-1",
          "il-central-1",
          "me-south-1",
          "me-central-1",
          "mx-central-1",
          "sa-east-1");

  /** Regions that an account must opt in to before using them. */
  private static final List<String> OPT_IN =
      List.of(
          "af-south-1",
          "ap-east-1",
          "ap-east-2",
          "ap-south-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-southeast-5",
          "ap-southeast-6",
          "ap-southeast-7",
          "ca-west-1",
          "eu-central-2",
          "eu-south-1",
          "eu-south-2",
          "il-central-1",
          "me-south-1",
          "me-central-1",
          "mx-central-1");

  /** The built-in regions, made on first use: a command that names its region never needs them. */
  private static final class All {
    static final List<Region> LIST;

    static {
      Region[] all = new Region[NAMES.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = of(NAMES.get(i));
      }
      LIST = List.of(all);
    }
  }

  /**
   * Checks the name and the endpoint.
   *
   * @param name lower-case words and digits joined by {@code -}
   * @param uri an endpoint with a scheme and a host
   * @throws NullPointerException when either is null
   * @throws IllegalArgumentException when the name is not a region name or the endpoint lacks a
   *     scheme or host
   */
  public Region {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    checkName(name);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "region endpoint '"
              + uri
              + "' needs a scheme and a host, such as https://ec2.us-east-1.amazonaws.com/");
    }
  }

  private static void checkName(String name) {
    if (!isName(name)) {
      throw new IllegalArgumentException(
          "region name '"
              + name
              + "' is not a region name: use lower-case words and digits"
              + " joined by '-', such as us-east-1");
    }
  }

  /** Lower-case words and digits joined by single {@code -}s (by hand: a regex costs start-up). */
  private static boolean isName(String name) {
    boolean afterDash = true; // no leading dash, no two in a row
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-') {
        if (afterDash) {
          return false;
        }
        afterDash = true;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        afterDash = false;
      } else {
        return false;
      }
    }
    return !afterDash; // nor a trailing one, nor an empty name
  }

  /**
   * The region with its public EC2 endpoint, {@code https://ec2.NAME.amazonaws.com/}. Any
   * well-formed name is taken, not only the built-in ones.
   *
   * @param name the region's name, such as {@code eu-west-1}
   * @return the region
   * @throws IllegalArgumentException when the name is not lower-case words and digits joined by
   *     {@code -}
   * @throws NullPointerException when {@code name} is null
   */
  public static Region of(String name) {
    Objects.requireNonNull(name, "name");
    checkName(name);
    return new Region(name, URI.create("https://ec2." + name + ".amazonaws.com/"));
  }

  /**
   * The built-in list of today's commercial regions, each with its public endpoint; for the
   * account's own list, ask {@link Regions#describe(String...)}.
   *
   * @return the regions, unmodifiable, {@code us-east-1} first
   */
  public static List<Region> all() {
    return All.LIST;
  }

  /**
   * Whether an account must opt in to this region before it can use it, by the built-in list.
   *
   * @return {@code true} for an opt-in region such as {@code af-south-1}
   */
  public boolean isOptIn() {
    return OPT_IN.contains(name);
  }

  /**
   * The first built-in region whose name contains {@code substring} (an exact name wins), as the
   * manual's {@code find-region-by-name} with {@code :if-does-not-exist :error}.
   *
   * @param substring part of a region's name, such as {@code us-east}; case does not matter
   * @return the region, with its public endpoint
   * @throws IllegalArgumentException when no region matches, listing the known names
   * @throws NullPointerException when {@code substring} is null
   */
  public static Region find(String substring) {
    return tryFind(substring)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no region name contains '"
                        + substring
                        + "'; known regions: "
                        + String.join(", ", NAMES)));
  }

  /**
   * As {@link #find}, empty when nothing matches (the manual's {@code :if-does-not-exist nil}).
   *
   * @param substring part of a region's name; case does not matter
   * @return the first built-in region whose name is or contains it, or empty
   * @throws NullPointerException when {@code substring} is null
   */
  public static Optional<Region> tryFind(String substring) {
    Objects.requireNonNull(substring, "substring");
    String s = substring.toLowerCase(Locale.ROOT);
    for (Region r : All.LIST) {
      if (r.name.equals(s)) {
        return Optional.of(r);
      }
    }
    for (Region r : All.LIST) {
      if (r.name.contains(s)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this region is served at its public EC2 endpoint, not at one configured instead (a VPC
   * endpoint, AWS_ENDPOINT_URL, an emulator).
   *
   * @return {@code true} when the endpoint is {@code https://ec2.NAME.amazonaws.com/}
   */
  public boolean isPublicEndpoint() {
    return uri.equals(of(name).uri());
  }

  /**
   * The same region served at another endpoint (a VPC endpoint, a local emulator).
   *
   * @param newUri the endpoint, with a scheme and a host
   * @return a new region
   * @throws NullPointerException when {@code newUri} is null
   * @throws IllegalArgumentException when it lacks a scheme or a host
   */
  public Region withUri(URI newUri) {
    return new Region(name, newUri);
  }

  /**
   * The endpoint as the manual names it.
   *
   * @return the host, with {@code :port} when the URI gives a port
   */
  public String endpoint() {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public String toString() {
    return "Region[" + name + " " + uri + "]";
  }
}
