package org.sanctuary.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import org.sanctuary.policy.Obligation;

/**
 * When a duty is due, and the one rule for "overdue": a task is overdue when it is not done and
 * the day it was due has passed (in Chicago). A pack's own {@code dueDays} wins; for the duties of
 * the reports the law requires the register supplies the deadline (docs/register.md).
 */
public final class Deadlines {
  /** The Attorney General's report is due by March 1 for the prior calendar year (5 ILCS 805/25). */
  static final MonthDay AG_REPORT_DUE = MonthDay.of(3, 1);

  private Deadlines() {}

  /** The day an obligation from a request received on {@code received} is due, or null for none. */
  public static LocalDate due(Obligation o, LocalDate received) {
    if (o.dueDays() != null) return received.plusDays(o.dueDays());
    return switch (ReportDuties.of(o.pack(), o.rule())) {
      // the log entry and the OEMC notification are made when the request comes in
      case CPD_LOG, OEMC_NOTICE -> received;
      case AG_DETAINER, AG_ASSISTANCE -> AG_REPORT_DUE.atYear(received.getYear() + 1);
      case NONE -> null;
    };
  }

  /** The overdue rule: not done, and the due day is before today (Chicago). */
  public static boolean overdue(LocalDate due, Instant doneAt, Instant now) {
    return due != null && doneAt == null && due.isBefore(now.atZone(ChicagoTime.ZONE).toLocalDate());
  }
}
