package org.sanctuary.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * How long a body has, from the day a report is received, to act on it first (a status change or
 * a note) and to reach a finding or referral. Cases past either are flagged overdue. This is the
 * one home of that rule: the store's SQL filter is built from {@link #cutoffs} and the two status
 * sets below, and the pages use {@link #firstActionOverdue} and {@link #findingOverdue}.
 */
public record CaseDeadlines(Duration firstAction, Duration finding) {
  public static final CaseDeadlines DEFAULT = new CaseDeadlines(Duration.ofDays(30), Duration.ofDays(180));

  /** Statuses in which the first-action deadline runs until someone acts. */
  static final Set<CaseStatus> AWAITING_FIRST_ACTION = EnumSet.of(CaseStatus.RECEIVED, CaseStatus.ASSIGNED);
  /** Statuses in which the finding deadline runs: no finding or referral yet. */
  static final Set<CaseStatus> AWAITING_FINDING = EnumSet.noneOf(CaseStatus.class);

  static {
    for (CaseStatus s : CaseStatus.values()) {
      if (s.isOpenInvestigation()) {
        AWAITING_FINDING.add(s);
      }
    }
  }

  public CaseDeadlines {
    if (firstAction.isNegative() || firstAction.isZero() || finding.compareTo(firstAction) < 0) {
      throw new IllegalArgumentException("deadlines: want 0 < firstAction <= finding");
    }
  }

  /** A case received at or before these instants is past the matching deadline at {@code now}. */
  record Cutoffs(Instant firstAction, Instant finding) {}

  Cutoffs cutoffs(Instant now) {
    return new Cutoffs(now.minus(firstAction), now.minus(finding));
  }

  public boolean firstActionOverdue(Instant received, CaseStatus status, boolean acted, Instant now) {
    return !acted && AWAITING_FIRST_ACTION.contains(status) && !received.plus(firstAction).isAfter(now);
  }

  public boolean findingOverdue(Instant received, CaseStatus status, Instant now) {
    return AWAITING_FINDING.contains(status) && !received.plus(finding).isAfter(now);
  }
}
