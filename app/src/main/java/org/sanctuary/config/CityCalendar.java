package org.sanctuary.config;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The city's calendar. The law in force is the law of the city's calendar date, so every "today"
 * (which law decides, which agreement holds, which day a report is dated) is taken in one zone,
 * configured once: {@code --city-zone} or {@value #ENV}, default America/Chicago. The clock's own
 * zone is ignored on purpose: a server or test clock in UTC would move the date at 18:00 or 19:00
 * Chicago time.
 */
public record CityCalendar(ZoneId zone) {
  public static final String ENV = "SANCTUARY_CITY_ZONE";
  public static final CityCalendar CHICAGO = new CityCalendar(ZoneId.of("America/Chicago"));

  public CityCalendar {
    Objects.requireNonNull(zone, "zone");
  }

  /** The city's date now. */
  public LocalDate today(Clock clock) {
    return dateOf(clock.instant());
  }

  /** The city's date at an instant. */
  public LocalDate dateOf(Instant at) {
    return LocalDate.ofInstant(at, zone);
  }

  /** The instant a city day begins. */
  public Instant startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }

  /**
   * The zone from the option, else the environment, else Chicago.
   *
   * @throws ConfigException naming the option or variable when the zone is unknown
   */
  public static CityCalendar resolve(String option, Map<String, String> env) {
    String field = option == null ? ENV : "city-zone";
    String value = option == null ? env.get(ENV) : option;
    if (value == null || (option == null && value.isBlank())) return CHICAGO;
    try {
      return new CityCalendar(ZoneId.of(value.strip()));
    } catch (DateTimeException e) {
      throw new ConfigException(field, value, "is not a time zone", "a zone id such as America/Chicago");
    }
  }
}
