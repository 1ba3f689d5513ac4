package org.sanctuary.ledger.web;

import java.util.Map;
import java.util.TreeMap;
import org.sanctuary.ledger.store.LedgerReader;

/**
 * The number of entries of each type, kept up to date as the log grows: entries never change, so
 * only those appended since the last count are read (the first count reads the whole log once).
 */
final class TypeCounts {
  private final LedgerReader ledger;
  private long counted;
  private Map<String, Long> counts = new TreeMap<>();

  TypeCounts(LedgerReader ledger) {
    this.ledger = ledger;
  }

  /** The counts over entries [0, size). */
  synchronized Map<String, Long> at(long size) {
    if (size > counted) {
      Map<String, Long> next = new TreeMap<>(counts);
      ledger.typeCounts(counted, size).forEach((type, n) -> next.merge(type, n, Long::sum));
      counts = next;
      counted = size;
    }
    return counts;
  }
}
