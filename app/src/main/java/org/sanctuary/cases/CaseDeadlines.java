package org.sanctuary.cases;

import java.time.Duration;

/**
 * How long a body has, from the day a report is received, to act on it first (a status change or
 * a note) and to reach a finding or referral. Cases past either are flagged overdue.
 */
public record CaseDeadlines(Duration firstAction, Duration finding) {
  public static final CaseDeadlines DEFAULT = new CaseDeadlines(Duration.ofDays(30), Duration.ofDays(180));

  public CaseDeadlines {
    if (firstAction.isNegative() || firstAction.isZero() || finding.compareTo(firstAction) < 0) {
      throw new IllegalArgumentException("deadlines: want 0 < firstAction <= finding");
    }
  }
}
