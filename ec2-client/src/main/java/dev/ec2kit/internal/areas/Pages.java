package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Every page of a Describe call: NextToken followed until EC2 gives none. */
final class Pages {
  /**
   * Empty pages in a row, each with a new token, after which a describe stops: EC2 may answer a
   * filtered page empty and go on, but not for ever (botocore has no such bound; a server that does
   * this held a describe until it was killed).
   */
  static final int MAX_EMPTY_PAGES = 100;

  private Pages() {}

  /**
   * Calls {@code action} with {@code params} (plus {@code MaxResults} when {@code maxResults} is
   * positive, since EC2 refuses it together with ids) and each NextToken in turn, and reads each
   * page with {@code read}. A token that comes back twice, as botocore's PaginationError says, or
   * {@link #MAX_EMPTY_PAGES} empty pages in a row, are a malformed answer, not an endless loop.
   */
  static <T> List<T> all(
      QueryClient query,
      Identity identity,
      String action,
      Params params,
      int maxResults,
      Function<XmlNode, List<T>> read) {
    List<T> out = new ArrayList<>();
    each(query, identity, action, params, maxResults, read, out::addAll);
    return out;
  }

  /**
   * A Describe by ids or by filters: every page of {@code set}'s items, each read by {@code item};
   * {@code pageSize} (0 for none) is sent as MaxResults only when no ids are given, since EC2
   * refuses the two together.
   */
  static <T> List<T> byIds(
      QueryClient query,
      Identity identity,
      String action,
      String idName,
      List<String> ids,
      Map<String, List<String>> filters,
      int pageSize,
      String set,
      Function<XmlNode, T> item) {
    return all(
        query,
        identity,
        action,
        new Params().list(idName, ids).filters(filters),
        ids.isEmpty() ? pageSize : 0,
        doc -> doc.items(set).stream().map(item).toList());
  }

  /**
   * As {@link #all}, handing each page's items to {@code page} as it comes and keeping none: memory
   * bounded by one page.
   */
  static <T> void each(
      QueryClient query,
      Identity identity,
      String action,
      Params params,
      int maxResults,
      Function<XmlNode, List<T>> read,
      Consumer<List<T>> page) {
    Set<String> seen = new HashSet<>();
    String token = null;
    int empty = 0;
    do {
      Params p = new Params();
      p.asMap().putAll(params.asMap());
      if (maxResults > 0) {
        p.put("MaxResults", maxResults);
      }
      p.put("NextToken", token);
      XmlNode doc = query.call(identity, action, p, Repeat.SAFE);
      String next = doc.text("nextToken");
      token = next == null || next.isEmpty() ? null : next;
      if (token != null && !seen.add(token)) {
        throw doc.malformed("gave the same nextToken twice; stopping instead of looping");
      }
      List<T> items = read.apply(doc);
      empty = items.isEmpty() ? empty + 1 : 0;
      if (token != null && empty >= MAX_EMPTY_PAGES) {
        throw doc.malformed(
            "gave "
                + empty
                + " empty pages in a row, each with a new nextToken; stopping instead of looping");
      }
      page.accept(items);
    } while (token != null);
  }
}
