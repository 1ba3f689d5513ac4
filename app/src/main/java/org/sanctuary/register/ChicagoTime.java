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

  /**
   * {@link #show} and days' text for one report's many thousands of items, by one thread: it keeps
   * the two spans of constant offset last seen (a year holds two, standard and daylight time) and
   * the text of recent days, where {@link #show} asks the zone's rules and builds the date each time.
   */
  static final class Shown {
    private long fromA = 1;
    private long toA;
    private int offsetA;
    private long fromB = 1;
    private long toB;
    private int offsetB;
    private final long[] days = new long[1024];
    private final String[] dayText = new String[1024];

    /** {@code 2024-03-05T14:20} in Chicago time for whole seconds since 1970. */
    String show(long epochSecond) {
      int offset;
      if (epochSecond >= fromA && epochSecond < toA) {
        offset = offsetA;
      } else if (epochSecond >= fromB && epochSecond < toB) {
        offset = offsetB;
      } else {
        offset = span(epochSecond);
      }
      long local = epochSecond + offset;
      long day = Math.floorDiv(local, 86_400L);
      String date = day(day);
      if (date.length() != 10) return ChicagoTime.show(Instant.ofEpochSecond(epochSecond));
      int minutes = (int) (Math.floorMod(local, 86_400L) / 60);
      char[] c = new char[16];
      date.getChars(0, 10, c, 0);
      c[10] = 'T';
      digits(c, 11, minutes / 60, 2);
      c[13] = ':';
      digits(c, 14, minutes % 60, 2);
      return new String(c);
    }

    /** {@code 2024-03-05} for days since 1970. */
    String day(long epochDay) {
      int slot = (int) (epochDay & (days.length - 1));
      String text = dayText[slot];
      if (text != null && days[slot] == epochDay) return text;
      text = LocalDate.ofEpochDay(epochDay).toString();
      days[slot] = epochDay;
      dayText[slot] = text;
      return text;
    }

    // the span of constant offset around the instant, from the zone's transitions either side
    private int span(long epochSecond) {
      Instant at = Instant.ofEpochSecond(epochSecond);
      int offset = RULES.getOffset(at).getTotalSeconds();
      var before = RULES.previousTransition(at.plusSeconds(1));
      var after = RULES.nextTransition(at);
      fromB = fromA;
      toB = toA;
      offsetB = offsetA;
      fromA = before == null ? Long.MIN_VALUE : before.toEpochSecond();
      toA = after == null ? Long.MAX_VALUE : after.toEpochSecond();
      offsetA = offset;
      return offset;
    }
  }

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
