package org.sanctuary.gateway.web;

import java.util.function.Function;

/** Opens the access-log filter parsing (package-private) to the fuzz target. */
public final class AccessFilterFuzzEntry {
  private AccessFilterFuzzEntry() {}

  /** The filter for these query parameters; a bound it returns is always within range. */
  public static void filter(Function<String, String> query) {
    var f = AdminController.filter(query);
    if (f.limit() < 1 || f.limit() > 1000) throw new AssertionError("limit out of range: " + f.limit());
    if (f.from() != null && f.to() != null && f.to().isBefore(f.from())) {
      throw new AssertionError("to before from: " + f);
    }
  }
}
