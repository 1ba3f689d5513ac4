package org.sanctuary.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands. A case moves forward only: received, assigned, investigating, then a
 * finding (or a referral elsewhere), then closed. {@link #ASSIGNED} is reached by assigning, not
 * chosen directly.
 */
public enum CaseStatus {
  RECEIVED("Received"),
  ASSIGNED("Assigned"),
  INVESTIGATING("Investigating"),
  FINDING_SUSTAINED("Finding: sustained"),
  FINDING_NOT_SUSTAINED("Finding: not sustained"),
  FINDING_UNFOUNDED("Finding: unfounded"),
  FINDING_EXONERATED("Finding: exonerated"),
  REFERRED("Referred elsewhere"),
  CLOSED("Closed");

  private final String label;

  CaseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isFinding() {
    return name().startsWith("FINDING_");
  }

  /** No finding or referral yet: the finding deadline still runs. */
  public boolean isOpenInvestigation() {
    return this == RECEIVED || this == ASSIGNED || this == INVESTIGATING;
  }

  /** The statuses an investigator may move a case to from this one. */
  public Set<CaseStatus> next() {
    return switch (this) {
      case RECEIVED, ASSIGNED -> EnumSet.of(INVESTIGATING, REFERRED);
      case INVESTIGATING -> EnumSet.of(FINDING_SUSTAINED, FINDING_NOT_SUSTAINED, FINDING_UNFOUNDED,
          FINDING_EXONERATED, REFERRED);
      case FINDING_SUSTAINED, FINDING_NOT_SUSTAINED, FINDING_UNFOUNDED, FINDING_EXONERATED,
          REFERRED -> EnumSet.of(CLOSED);
      case CLOSED -> EnumSet.noneOf(CaseStatus.class);
    };
  }
}
