package org.sanctuary.policy.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a set of points of a grid into blocks: two blocks that agree on every dimension but one
 * merge into one block holding both values of that dimension. Repeated until nothing merges. The
 * result covers exactly the input points; it is compact, though not always the smallest cover.
 */
final class Cubes {
  private Cubes() {}

  static List<long[]> fold(List<int[]> points) {
    List<long[]> cubes = new ArrayList<>();
    for (int[] p : points) {
      long[] c = new long[p.length];
      for (int d = 0; d < p.length; d++) c[d] = 1L << p[d];
      cubes.add(c);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int d = 0; d < (cubes.isEmpty() ? 0 : cubes.get(0).length); d++) {
        Map<String, long[]> merged = new LinkedHashMap<>();
        for (long[] c : cubes) {
          long[] key = c.clone();
          key[d] = 0;
          String k = Arrays.toString(key);
          long[] into = merged.get(k);
          if (into == null) {
            merged.put(k, c.clone());
          } else {
            into[d] |= c[d];
          }
        }
        if (merged.size() < cubes.size()) changed = true;
        cubes = new ArrayList<>(merged.values());
      }
    }
    return cubes;
  }
}
