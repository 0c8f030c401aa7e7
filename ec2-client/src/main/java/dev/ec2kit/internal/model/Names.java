package dev.ec2kit.internal.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggestions for a misspelt name: the model's names nearest to it. */
public final class Names {
  private Names() {}

  /**
   * {@code " (did you mean X?)"} with the nearest names (case aside, then by edit distance), or
   * {@code ""} when none is near.
   */
  public static String didYouMean(String wrong, Collection<String> names) {
    List<String> near = nearest(wrong, names);
    return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
  }

  static List<String> nearest(String wrong, Collection<String> names) {
    String w = wrong.toLowerCase(Locale.ROOT);
    List<String> same = new ArrayList<>();
    for (String n : names) {
      if (n.toLowerCase(Locale.ROOT).equals(w)) {
        same.add(n);
      }
    }
    if (!same.isEmpty()) {
      return same;
    }
    int limit = Math.max(2, w.length() / 3);
    List<String> near = new ArrayList<>();
    int best = limit + 1;
    for (String n : names) {
      int d = distance(w, n.toLowerCase(Locale.ROOT), best);
      if (d < best) {
        best = d;
        near.clear();
      }
      if (d == best && d <= limit) {
        near.add(n);
      }
    }
    near.sort(Comparator.naturalOrder());
    return near.size() > 3 ? near.subList(0, 3) : near;
  }

  /** Levenshtein distance, given up (returning {@code bound + 1}) once above {@code bound}. */
  private static int distance(String a, String b, int bound) {
    if (Math.abs(a.length() - b.length()) > bound) {
      return bound + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > bound) {
        return bound + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
