package org.sanctuary.register;

import org.sanctuary.policy.json.InputRules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.sanctuary.errors.InvalidInput;

/**
 * The register's times are the city's wall-clock times (America/Chicago), as a clerk writes them.
 * They are stored as instants; a day alone (no time known) stays a day.
 */
public final class ChicagoTime {
  public static final ZoneId ZONE = ZoneId.of("America/Chicago");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private ChicagoTime() {}

  /** A day, and the instant within it when the time is known. */
  public record When(LocalDate day, Instant at) {
    public When {
      if (day == null) throw new IllegalArgumentException("day is required");
      if (at != null && !at.atZone(ZONE).toLocalDate().equals(day)) {
        throw new IllegalArgumentException("instant " + at + " is not on " + day + " in Chicago");
      }
    }

    /** {@code 2024-03-05T14:20} in Chicago time, or {@code 2024-03-05} when only the day is known. */
    public String shown() {
      return at == null ? day.toString() : show(at);
    }
  }

  /**
   * Reads {@code YYYY-MM-DD} or {@code YYYY-MM-DDTHH:MM[:SS]} (Chicago time).
   *
   * @throws InvalidInput naming the field, the value and what was wanted
   */
  public static When parse(String field, String value) {
    String v = value == null ? "" : value.strip();
    try {
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) return new When(InputRules.date(field, v), null);
      if (v.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?")) {
        LocalDateTime local = LocalDateTime.parse(v.replace(' ', 'T'));
        InputRules.date(field, local.toLocalDate());
        return new When(local.toLocalDate(), local.atZone(ZONE).toInstant());
      }
    } catch (DateTimeException | org.sanctuary.policy.InputException e) {
      // reported below
    }
    throw new InvalidInput(field, field + ": \"" + clip(v) + "\" is not a date or date-time"
        + " (want YYYY-MM-DD or YYYY-MM-DDTHH:MM, Chicago time)");
  }

  /** Reads a date-time that must carry a time (bail, release, transfer). */
  public static Instant parseInstant(String field, String value) {
    When w = parse(field, value);
    if (w.at() == null) {
      throw new InvalidInput(field, field + ": \"" + clip(value.strip()) + "\" has no time"
          + " (want YYYY-MM-DDTHH:MM, Chicago time)");
    }
    return w.at();
  }

  /** {@code 2024-03-05T14:20}, Chicago time. Written by hand: a report formats many thousands. */
  public static String show(Instant at) {
    if (at == null) return null;
    LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, RULES.getOffset(at));
    char[] c = new char[16];
    int y = t.getYear();
    if (y < 1000 || y > 9999) return SHOWN.format(at.atZone(ZONE));
    digits(c, 0, y, 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    return new String(c);
  }

  private static final java.time.zone.ZoneRules RULES = ZONE.getRules();

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      c[at + i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  static String clip(String v) {
    return v.length() > 40 ? v.substring(0, 40) + "..." : v;
  }
}
