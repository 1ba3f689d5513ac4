package org.sanctuary.policy.pack;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/**
 * A duty a law sets on a calendar rather than on a request: a yearly report, a yearly review of
 * forms, a contract that must end by a date. It falls due either once, on {@code dueOn}, or every
 * year on {@code dueEveryYear}; exactly one of the two is set. A request-bound duty is an
 * obligation rule instead.
 */
public record Duty(String id, String citation, String text, boolean verified, LocalDate dueOn, MonthDay dueEveryYear) {
  public Duty {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(text, "text");
    if ((dueOn == null) == (dueEveryYear == null)) {
      throw new IllegalArgumentException("duty " + id + ": exactly one of dueOn and dueEveryYear");
    }
  }

  /** The days in [from, to] on which this duty falls due. */
  public java.util.List<LocalDate> dueBetween(LocalDate from, LocalDate to) {
    java.util.List<LocalDate> out = new java.util.ArrayList<>();
    if (dueOn != null) {
      if (!dueOn.isBefore(from) && !dueOn.isAfter(to)) out.add(dueOn);
      return out;
    }
    for (int year = from.getYear(); year <= to.getYear(); year++) {
      LocalDate d = dueEveryYear.atYear(year);
      if (!d.isBefore(from) && !d.isAfter(to)) out.add(d);
    }
    return out;
  }
}
