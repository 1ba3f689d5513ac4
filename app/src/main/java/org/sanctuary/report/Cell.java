package org.sanctuary.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One published figure: its key (dimension to value, {@code "ALL"} for a total over that dimension),
 * its count, or null when suppressed.
 */
public record Cell(Map<String, String> key, Long count, boolean suppressed) {
  /** The key value of a total over a dimension. */
  public static final String ALL = "ALL";

  public Cell {
    Objects.requireNonNull(key, "key");
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    if (suppressed && count != null) throw new IllegalArgumentException("a suppressed cell has no count");
    if (!suppressed && count == null) throw new IllegalArgumentException("a shown cell needs a count");
    if (count != null && count < 0) throw new IllegalArgumentException("count " + count + " is negative");
  }

  static Cell of(Map<String, String> key, long count, boolean suppressed) {
    return new Cell(key, suppressed ? null : count, suppressed);
  }

  /** Whether the key names a total over at least one dimension. */
  public boolean isTotal() {
    return key.containsValue(ALL);
  }
}
