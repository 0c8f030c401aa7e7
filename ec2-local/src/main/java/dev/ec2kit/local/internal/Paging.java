package dev.ec2kit.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** MaxResults and NextToken as EC2's Describe calls take them. */
final class Paging {
  record Page<T>(List<T> items, String nextToken) {}

  private final int maxResults;
  private final int offset;

  private Paging(int maxResults, int offset) {
    this.maxResults = maxResults;
    this.offset = offset;
  }

  /**
   * Reads MaxResults (5 to 1000) and NextToken; EC2 refuses MaxResults together with ids, naming
   * the id list ({@code instancesSet}, {@code imageIdSet}).
   */
  static Paging of(Call call, boolean idsGiven, String idSetName) {
    return of(call, idsGiven, idSetName, 5, 1000);
  }

  /** As {@link #of(Call, boolean, String)}, for an action whose MaxResults has other bounds. */
  static Paging of(Call call, boolean idsGiven, String idSetName, int min, int max) {
    int maxResults = Integer.MAX_VALUE;
    if (call.get("MaxResults") != null) {
      if (idsGiven) {
        throw Ec2Error.badRequest(
            "InvalidParameterCombination",
            "The parameter " + idSetName + " cannot be used with the parameter maxResults");
      }
      maxResults = call.integer("MaxResults", min, max);
    }
    int offset = 0;
    String token = call.get("NextToken");
    if (token != null && !token.isEmpty()) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!decoded.startsWith("offset:")) {
          throw new IllegalArgumentException();
        }
        offset = Integer.parseInt(decoded.substring("offset:".length()));
        if (offset < 0) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        throw Ec2Error.invalidParameterValue("The token '" + token + "' is invalid.");
      }
    }
    return new Paging(maxResults, offset);
  }

  <T> Page<T> page(List<T> all) {
    int from = Math.min(offset, all.size());
    int to = (int) Math.min((long) from + maxResults, all.size());
    String next =
        to < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(all.subList(from, to), next);
  }
}
