package org.sanctuary.labels;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sanctuary.config.CityCalendar;

/**
 * Times on staff pages: Chicago's wall clock with its zone, {@code 2026-12-02 10:15 CST} (or
 * {@code CDT} in summer), so nobody has to guess whether a time is the city's, the server's or UTC.
 */
public final class CityTimes {
  private static final ZoneId CITY = CityCalendar.CHICAGO.zone();
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);

  private CityTimes() {}

  /** {@code 2026-12-02 10:15 CST}; empty for no time. */
  public static String when(Instant at) {
    return at == null ? "" : WHEN.format(at.atZone(CITY));
  }

  /** The city's calendar day of an instant, {@code 2026-12-02}. */
  public static String day(Instant at) {
    return at == null ? "" : LocalDate.ofInstant(at, CITY).toString();
  }
}
