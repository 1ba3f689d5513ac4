package org.sanctuary.staff.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the account pages show times: to the second, in UTC, saying so. */
public final class AccountViews {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private AccountViews() {}

  public static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }
}
