package org.sanctuary.ledger.web;

/** Opens the ledger's query-parameter parsing (package-private) to the fuzz target. */
public final class LedgerParamsFuzzEntry {
  private LedgerParamsFuzzEntry() {}

  /** A whole number in [min, max] or a refusal; see LedgerController. */
  public static long whole(String name, String raw, long min, long max) {
    return LedgerController.whole(name, raw, min, max, "a number from " + min + " to " + max);
  }

  /** The entries [start, end) asked for, end cut to the size; see LedgerController. */
  public static long[] range(java.util.function.Function<String, String> query, long size) {
    return LedgerController.range(query, size);
  }

  public static String entryType(String raw) {
    return LedgerController.entryType(raw);
  }
}
