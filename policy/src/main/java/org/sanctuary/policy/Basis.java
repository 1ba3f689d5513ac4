package org.sanctuary.policy;

/** The legal document a request rests on. */
public enum Basis {
  NONE,
  /** Signed by an immigration officer, not a judge: I-200, I-203, I-205, I-286, I-247 forms, NCIC hits. */
  ADMINISTRATIVE_WARRANT,
  /** Signed by a judge or magistrate on probable cause. */
  JUDICIAL_WARRANT
}
